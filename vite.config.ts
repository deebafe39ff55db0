import {defineConfig, type Plugin} from 'vite';

/**
 * Each generated locale module imports only `str` from @lit/localize; Rolldown would split that
 * shared module into a chunk of its own and make the bundle fetch it before anything runs. The tag
 * is one line, so each locale module gets its own copy instead.
 */
const selfContainedLocales: Plugin = {
  name: 'kirjasto-self-contained-locales',
  transform(code, id) {
    if (!/src\/generated\/locales\/[^/]+\.js$/.test(id)) return;
    return code.replace(
      "import {str} from '@lit/localize';",
      'const str = (strings, ...values) => ({strTag: true, strings, values});',
    );
  },
};

/**
 * `vite build`: the script-tag bundle `dist/kirjasto.js`, Lit included, with each UI language in a
 * lazily loaded chunk under `dist/kirjasto/`.
 * `vite build --mode lib`: per-element entry points for bundler users, with Lit and nanostores left
 * as imports so that an application shares one copy of them.
 */
/**
 * Lit's css`` templates keep their indentation and comments; every page visitor would pay for them.
 * Ours hold plain CSS (no interpolation), so collapsing whitespace around punctuation is safe.
 */
const compactCss: Plugin = {
  name: 'kirjasto-compact-css',
  transform(code, id) {
    if (!/\/src\/.+\.ts$/.test(id) || !code.includes('css`')) return;
    return code.replace(/css`([^`$]*)`/g, (_, body: string) => {
      const compact = body
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim();
      return `css\`${compact}\``;
    });
  },
};

/**
 * After minifying, the only line breaks left are inside Lit's html`` templates, where a break and its
 * indentation render exactly like one space (no template of ours sets white-space: pre around them);
 * and tree-shaking annotations have done their work once the bundle is final.
 */
const finalTrim: Plugin = {
  name: 'kirjasto-final-trim',
  generateBundle(_, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type === 'chunk') file.code = file.code.replace(/\n +/g, ' ').replace(/\/\* [@#]__(PURE|NO_SIDE_EFFECTS)__ \*\/ ?/g, '');
    }
  },
};

export default defineConfig(({mode}) => {
  const lib = mode === 'lib';
  const entry: Record<string, string> = lib ? {index: 'src/index.ts', poll: 'src/poll/define.ts', rating: 'src/rating/define.ts', 'idea-box': 'src/idea-box/define.ts'} : {kirjasto: 'src/kirjasto.ts'};
  return {
    plugins: [selfContainedLocales, compactCss, ...(lib ? [] : [finalTrim])],
    define: {'process.env.NODE_ENV': JSON.stringify('production')},
    build: {
      target: 'es2022',
      emptyOutDir: !lib,
      // The script-tag bundle's templates are rewritten after minifying, which a source map would not follow.
      sourcemap: lib,
      reportCompressedSize: false,
      lib: {
        entry,
        formats: ['es'],
      },
      rolldownOptions: {
        // Lets shared code join the entry chunk instead of a chunk of its own that costs a request.
        preserveEntrySignatures: 'allow-extension',
        external: lib ? [/^lit($|\/)/, /^@lit\//, /^nanostores/] : [],
        output: {minify: !lib, chunkFileNames: lib ? 'chunks/[name]-[hash].js' : 'kirjasto/[name]-[hash].js'},
      },
    },
  };
});

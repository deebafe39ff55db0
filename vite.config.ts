import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import {defineConfig, type Plugin} from 'vite';
import {brotli, gzip} from './scripts/compress.mjs';

/**
 * Three builds write the files a page loads with a script tag (`scripts/build-bundles.mjs` runs them in
 * this order), and one more the package's entry points for bundler users:
 *
 * - `--mode elements`: one chunk per element and the shared core chunk (Lit, @lit/localize,
 *   src/shared) under `dist/kirjasto/`, each language in a lazily loaded chunk of its own.
 * - `--mode loader`: `dist/kirjasto.js`, which fetches an element's chunk and the core at once when the
 *   element's tag (or a `data-kirjasto` link) appears. It is told the chunks' hashed names through the
 *   `KIRJASTO_CHUNKS` constant, which the build script reads from the elements build.
 * - `--mode all`: `dist/kirjasto-all.js`, every element in one file; it shares the language chunks with
 *   the loader (they import nothing, so both builds write the same bytes under the same hashed name).
 * - `--mode lib`: per-element entry points, with Lit and @lit/localize left as imports so that an
 *   application shares one copy of them.
 */
type ScriptTagMode = 'elements' | 'loader' | 'all';

const scriptTagEntries: Record<ScriptTagMode, Record<string, string>> = {
  elements: {poll: 'src/poll/define.ts', rating: 'src/rating/define.ts', 'idea-box': 'src/idea-box/define.ts'},
  loader: {kirjasto: 'src/kirjasto.ts'},
  all: {'kirjasto-all': 'src/kirjasto-all.ts'},
};
const libEntries = {index: 'src/index.ts', poll: 'src/poll/define.ts', rating: 'src/rating/define.ts', 'idea-box': 'src/idea-box/define.ts'};

/**
 * Each generated locale module (one per element and language) imports only `str` from @lit/localize. Shared with the core, that
 * import would tie a language chunk to the build that made it (two different `fi` chunks for the
 * loader and the single file) and make it wait for the core. So each locale module gets a private
 * copy of the one-line tag, by resolving its import to a module of its own.
 */
const PRIVATE_STR = '\0kirjasto-locale-str:';
/** `src/generated/locales/<element>/<locale>.ts`, written by `scripts/localize-build.mjs` (not its setup.ts). */
const localeModule = /[\\/]src[\\/]generated[\\/]locales[\\/]([^\\/]+)[\\/](?!setup\.ts$)([^\\/]+)\.ts$/;
const selfContainedLocales: Plugin = {
  name: 'kirjasto-self-contained-locales',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '@lit/localize' && importer && localeModule.test(importer)) {
      return PRIVATE_STR + importer;
    }
  },
  load(id) {
    // The same shape as @lit/localize's own `str` (internal/str-tag.js).
    if (id.startsWith(PRIVATE_STR)) return 'export const str = (strings, ...values) => ({strTag: true, strings, values});';
  },
};

/**
 * The browsers our styles are written for: light-dark() sets the floor (Chrome 123, Firefox 120,
 * Safari 17.5), so Lightning CSS adds no prefixes or fallbacks older browsers would need.
 */
const cssTargets = {chrome: 123 << 16, firefox: 120 << 16, safari: (17 << 16) | (5 << 8)};

/**
 * Collapses the whitespace and comments of html`` and css`` templates (html-minifier-next and
 * Lightning CSS), with a source map, before TypeScript is stripped. Typed for Rollup; Rolldown runs it as is.
 * It also drops the quotes HTML does not need around an attribute's value (`part=base`, and a binding's
 * `class=${…}`, which Lit reads as it reads a quoted one).
 */
const minifyTemplates = {
  ...minifyLiterals({include: ['src/**/*.ts'], failOnError: true, options: {minifyOptions: {minifyCSS: {targets: cssTargets}, removeAttributeQuotes: true}}}),
  enforce: 'pre',
} as unknown as Plugin;

/** Brotli and gzip siblings of every written file (scripts/compress.mjs), for servers that negotiate them. */
const precompress: Plugin = {
  name: 'kirjasto-precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    await Promise.all(
      Object.values(bundle).map(async (file) => {
        const data = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        const path = join(options.dir!, file.fileName);
        writeFileSync(`${path}.br`, brotli(data));
        writeFileSync(`${path}.gz`, await gzip(data, file.fileName));
      }),
    );
  },
};

export default defineConfig(({mode}) => {
  const lib = mode === 'lib';
  const named = (Object.keys(scriptTagEntries) as ScriptTagMode[]).find((m) => m === mode);
  // Any other mode (Storybook's, a bare `vite build`) gets the elements build without precompressed files.
  const scriptTag: ScriptTagMode | undefined = named ?? (lib ? undefined : 'elements');
  const entry = scriptTag ? scriptTagEntries[scriptTag] : libEntries;
  return {
    plugins: [
      selfContainedLocales,
      minifyTemplates,
      ...(named ? [precompress] : []),
    ],
    define: {'process.env.NODE_ENV': JSON.stringify('production')},
    build: {
      target: 'es2022',
      // Script-tag files: terser's compressor first (it inlines and folds more than Oxc's, in Lit and
      // our code alike), then Oxc's minifier (`output.minify` below) mangles and prints, which it does
      // smaller than terser. Measured as served: about 150 B less gzip on a page with one element.
      ...(lib ? {} : {minify: 'terser' as const, terserOptions: {compress: {passes: 2}, mangle: false, format: {comments: false}}}),
      emptyOutDir: scriptTag === 'elements',
      sourcemap: true,
      reportCompressedSize: false,
      lib: {entry, formats: ['es']},
      rolldownOptions: {
        // Lets shared code join an entry chunk instead of a chunk of its own that costs a request.
        preserveEntrySignatures: 'allow-extension',
        external: lib ? [/^lit($|\/)/, /^@lit\//] : [],
        output: {
          minify: !lib,
          // Tree-shaking annotations have done their work once the files are final.
          comments: lib ? undefined : {legal: false, annotation: false, jsdoc: false},
          entryFileNames: scriptTag === 'elements' ? 'kirjasto/[name]-[hash].js' : '[name].js',
          // A language chunk is named after its element and language: `poll.fi-<hash>.js`.
          chunkFileNames: (chunk) => {
            const [, folder, locale] = (chunk.facadeModuleId && localeModule.exec(chunk.facadeModuleId)) || [];
            return `${lib ? 'chunks' : 'kirjasto'}/${folder ? `${folder}.${locale}` : '[name]'}-[hash].js`;
          },
          // Whatever two elements share is one core chunk, fetched at the same time as the element.
          codeSplitting: scriptTag === 'elements' ? {groups: [{name: 'core', minShareCount: 2}]} : undefined,
        },
      },
    },
  };
});

/**
 * Custom Elements Manifest settings. The manifest is the elements' public API (Storybook's controls
 * and docs, editors' completions), so these plugins keep it to what a page author can use, with
 * types spelled out, and check that it names every custom property the styles and the README use.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import ts from 'typescript';

const classDeclarations = (manifest) =>
  manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.kind === 'class').map((declaration) => ({module, declaration})));

/**
 * Lit's internal reactive state (`{state: true}`) and private or protected members are no API: no
 * attribute a page author can set, no property to call. They leave the manifest.
 */
const dropPrivateApi = {
  name: 'kirjasto-drop-private-api',
  packageLinkPhase({customElementsManifest}) {
    for (const {declaration} of classDeclarations(customElementsManifest)) {
      const hidden = (member) => member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#');
      const privateNames = new Set((declaration.members ?? []).filter(hidden).map((m) => m.name));
      if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !privateNames.has(a.fieldName ?? a.name));
      if (declaration.members) declaration.members = declaration.members.filter((m) => !hidden(m) && !m.static);
    }
  },
};

/**
 * The analyzer copies type annotations as written (`Channel | undefined`); a page author needs the
 * values (`'web' | 'qr' | 'kiosk' | undefined`). TypeScript's checker expands a named type of a
 * public field or attribute into its union of literals.
 */
const expandTypeNames = {
  name: 'kirjasto-expand-type-names',
  packageLinkPhase({customElementsManifest}) {
    const named = (text) => /\b[A-Z]\w*\b/.test(text ?? '');
    const wanted = classDeclarations(customElementsManifest).filter(({declaration}) =>
      [...(declaration.members ?? []), ...(declaration.attributes ?? [])].some((item) => named(item.type?.text)),
    );
    if (!wanted.length) return;
    const {config} = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
    const {options} = ts.convertCompilerOptionsFromJson(config.compilerOptions, '.');
    const program = ts.createProgram({rootNames: wanted.map(({module}) => resolve(module.path)), options: {...options, noEmit: true}});
    const checker = program.getTypeChecker();
    // `undefined` last, as people write it.
    const spell = (type) =>
      type.isUnion()
        ? type.types
            .map((t) => checker.typeToString(t))
            .sort((a, b) => (a === 'undefined') - (b === 'undefined'))
            .join(' | ')
        : checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    // Members of the base class are declared in its module; inherited copies carry `inheritedFrom`.
    const typeOf = (className, modulePath, fieldName) => {
      const source = program.getSourceFile(resolve(modulePath));
      const node = source?.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === className);
      if (!node) return undefined;
      const property = checker.getTypeAtLocation(node).getProperty(fieldName) ?? checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name)).getProperty(fieldName);
      const declaration = property?.valueDeclaration ?? property?.declarations?.[0];
      return declaration ? spell(checker.getTypeOfSymbolAtLocation(property, declaration)).replaceAll('"', "'") : undefined;
    };
    for (const {module, declaration} of wanted) {
      for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
        if (!named(item.type?.text)) continue;
        const owner = item.inheritedFrom ? `${item.inheritedFrom.module.replace(/^\//, '').replace(/\.js$/, '.ts')}` : module.path;
        const text = typeOf(item.inheritedFrom?.name ?? declaration.name, owner, item.fieldName ?? item.name);
        if (text && !named(text)) item.type = {text};
      }
    }
  },
};

/**
 * Fails the manifest when a public custom property is used in a stylesheet or named in the README
 * but not declared with `@cssproperty` on the element that reads it (shared ones on KirjastoElement).
 */
const checkCustomProperties = {
  name: 'kirjasto-check-custom-properties',
  packageLinkPhase({customElementsManifest}) {
    const declared = new Map(
      classDeclarations(customElementsManifest).map(({declaration}) => [declaration.name, new Set((declaration.cssProperties ?? []).map((p) => p.name))]),
    );
    const names = (text) => new Set(text.match(/--kirjasto-[a-z0-9-]*[a-z0-9]/g) ?? []);
    const owners = {shared: 'KirjastoElement', poll: 'KirjastoPoll', rating: 'KirjastoRating', 'idea-box': 'KirjastoIdeaBox'};
    const missing = [];
    for (const [folder, owner] of Object.entries(owners)) {
      for (const file of readdirSync(join('src', folder)).filter((f) => f.endsWith('styles.ts'))) {
        for (const name of names(readFileSync(join('src', folder, file), 'utf8'))) {
          if (!declared.get(owner)?.has(name)) missing.push(`${name} (src/${folder}/${file}) on ${owner}`);
        }
      }
    }
    const everywhere = new Set([...declared.values()].flatMap((set) => [...set]));
    for (const name of names(readFileSync('README.md', 'utf8'))) if (!everywhere.has(name)) missing.push(`${name} (README.md)`);
    if (missing.length) throw new Error(`custom properties without @cssproperty:\n  ${missing.join('\n  ')}`);
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/generated/**'],
  outdir: '.',
  litelement: true,
  plugins: [dropPrivateApi, expandTypeNames, checkCustomProperties],
};

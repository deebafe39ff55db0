/**
 * Custom Elements Manifest settings. Lit's internal reactive state (`{state: true}` in static
 * properties) is private: it is no attribute a page author can set, so it leaves the manifest.
 */
const dropPrivateAttributes = {
  name: 'kirjasto-drop-private-attributes',
  packageLinkPhase({customElementsManifest}) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        const privateNames = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !privateNames.has(a.fieldName ?? a.name));
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/generated/**'],
  outdir: '.',
  litelement: true,
  plugins: [dropPrivateAttributes],
};

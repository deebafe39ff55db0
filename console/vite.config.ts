import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {defineConfig, type Plugin} from 'vite';

/**
 * The console's build: index.html and hashed assets under console/dist/, served by the reference
 * server at /admin (index.html for every console path, assets for a year). A separate build from the
 * widget bundle, which it adds nothing to. Each asset gets precompressed .br and .gz siblings, as the
 * widget files do, so the server sends them compressed without compressing per request.
 */
const precompress: Plugin = {
  name: 'kirjasto-console-precompress',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const file of Object.values(bundle)) {
      if (!/\.(js|css|map|svg)$/.test(file.fileName)) continue;
      const body = Buffer.from(file.type === 'chunk' ? file.code : file.source);
      const path = join(options.dir!, file.fileName);
      writeFileSync(`${path}.br`, brotliCompressSync(body, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}));
      writeFileSync(`${path}.gz`, gzipSync(body, {level: 9}));
    }
  },
};

export default defineConfig({
  base: '/admin/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // The console, and the page its previews frame (one widget from the server's own bundle).
    rollupOptions: {input: {main: 'index.html', preview: 'preview.html'}},
  },
  plugins: [precompress],
});

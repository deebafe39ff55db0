import {readdir, readFile} from 'node:fs/promises';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {createApp} from '../src/app.js';
import type {Db} from '../src/db/db.js';
import {openApiDocument} from '../src/openapi.js';
import {testConfig} from './helpers.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
/** The widgets' sources, which must be free of circles too (generated files are leaves). */
const WIDGETS_SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const refuse = () => Promise.reject(new Error('no database in this test'));
const noDatabase: Db = {kind: 'pglite', query: refuse, exec: refuse, transaction: refuse, close: async () => {}, listen: async () => {}};

describe('the HTTP contract', () => {
  it('documents every route the app registers under /api/', () => {
    const app = createApp({db: noDatabase, config: testConfig()});
    const doc = openApiDocument(app, 'http://localhost:8787') as unknown as {paths: Record<string, Record<string, unknown>>};
    const registered = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([^/]+)/g, '{$1}')}`),
    );
    expect(registered.size).toBeGreaterThan(20);
    const missing = [...registered].filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return doc.paths[path]?.[method] === undefined;
    });
    expect(missing, 'routes missing from the OpenAPI document').toEqual([]);
  });

  it('names the component schemas others depend on', () => {
    const doc = openApiDocument(createApp({db: noDatabase, config: testConfig()}), 'http://localhost:8787') as unknown as {
      components: {schemas: Record<string, {required?: string[]}>; securitySchemes: Record<string, unknown>};
    };
    const names = ['Poll', 'Results', 'Vote', 'VoteReceipt', 'Rating', 'Response', 'ResponseReceipt', 'Summary', 'IdeaBox', 'Idea', 'IdeaPage', 'NewIdea', 'IdeaReceipt', 'SupportState', 'Problem', 'Text'];
    for (const name of names) expect(doc.components.schemas[name], name).toBeDefined();
    expect(doc.components.schemas.Poll!.required).toContain('otherMaxLength');
    expect(doc.components.schemas.Rating!.required).toEqual(expect.arrayContaining(['scores', 'timeZone']));
    expect(doc.components.schemas.IdeaBox!.required).toContain('formMinAgeMs');
    expect(doc.components.securitySchemes.apiToken).toBeDefined();
    expect(doc.components.securitySchemes.staffSession).toBeDefined();
  });
});

/** `from './x.js'` and `import('./x.js')`, type-only imports included: a circle of types is a circle too. */
async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true});
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

describe.each([
  ['server/src', SRC],
  ['src', WIDGETS_SRC],
])('%s', (_name, root) => {
  it('has no import circles', async () => {
    const files = await sourceFiles(root);
    const graph = new Map(await Promise.all(files.map(async (f) => [f, await importsOf(f)] as const)));
    const cycles: string[] = [];
    const state = new Map<string, 'active' | 'done'>();
    const walk = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'active') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(' -> '));
        return;
      }
      state.set(file, 'active');
      for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) walk(file, []);
    expect(cycles).toEqual([]);
  });
});

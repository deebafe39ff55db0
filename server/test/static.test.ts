import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {migrate} from '../src/db/migrate.js';
import {expectProblem, startServer, STORES, testConfig, type OpenedStore, type TestServer} from './helpers.js';

describe('widget bundle', () => {
  let dir: string;
  let store: OpenedStore;
  let server: TestServer;
  let missing: TestServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kirjasto-widgets-'));
    await writeFile(join(dir, 'kirjasto.js'), 'export const kirjasto = 1;\n');
    await mkdir(join(dir, 'kirjasto'));
    await writeFile(join(dir, 'kirjasto', 'fi-3f2a1b.js'), 'export const fi = {};\n');
    await writeFile(join(dir, 'secret.txt'), 'not for you');
    store = await STORES[0]!.open();
    await migrate(store.db);
    server = await startServer(store.db, testConfig({widgetsDir: dir}));
    missing = await startServer(store.db, testConfig({widgetsDir: join(dir, 'nothing-built')}));
  });
  afterAll(async () => {
    await server?.close();
    await missing?.close();
    await store?.cleanup();
    await rm(dir, {recursive: true, force: true});
  });

  it('serves kirjasto.js to any origin with a short cache and an ETag', async () => {
    const response = await fetch(`${server.url}/kirjasto.js`, {headers: {Origin: 'https://any.example'}});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.text()).toBe('export const kirjasto = 1;\n');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${server.url}/kirjasto.js`, {headers: {'If-None-Match': etag}});
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves hashed chunks as immutable', async () => {
    const response = await fetch(`${server.url}/kirjasto/fi-3f2a1b.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the bundle folder', async () => {
    for (const path of ['/kirjasto/..%2Fsecret.txt', '/kirjasto/../secret.txt', '/kirjasto/%2e%2e%2fsecret.txt', '/kirjasto/..%5csecret.txt', '/kirjasto/nope.js', '/kirjasto/%00.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for you');
    }
  });

  it('says to build when the bundle is missing', async () => {
    const problem = await expectProblem(await fetch(`${missing.url}/kirjasto.js`), 404, 'not-found');
    expect(problem.detail).toContain('npm run build');
  });
});

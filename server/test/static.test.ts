import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {brotliCompressSync, gzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {migrate} from '../src/db/migrate.js';
import {expectProblem, startServer, STORES, testConfig, type OpenedStore, type TestServer} from './helpers.js';

const ALL = `export const everything = '${'kirjasto '.repeat(200)}';\n`;
const MAP = JSON.stringify({version: 3, sources: ['core.ts'], mappings: 'AAAA'.repeat(100)});

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
    await writeFile(join(dir, 'kirjasto-all.js'), ALL);
    await writeFile(join(dir, 'kirjasto-all.js.br'), brotliCompressSync(ALL));
    await writeFile(join(dir, 'kirjasto-all.js.gz'), gzipSync(ALL));
    await writeFile(join(dir, 'kirjasto', 'core-9a8b7c.js.map'), MAP);
    await writeFile(join(dir, 'kirjasto', 'core-9a8b7c.js.map.gz'), gzipSync(MAP));
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

  it('serves the precompressed file the client takes best: brotli, then gzip, then as it is', async () => {
    const get = (path: string, acceptEncoding: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {headers: {'Accept-Encoding': acceptEncoding, ...headers}});
    const etags = new Map<string, string>();
    for (const [accept, coding] of [['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip;q=0.5', 'gzip'], ['identity', null], ['br;q=0, gzip;q=0', null], ['*', 'br']] as const) {
      const response = await get('/kirjasto-all.js', accept);
      expect(response.status, accept).toBe(200);
      expect(response.headers.get('content-encoding'), accept).toBe(coding);
      expect(response.headers.get('vary'), accept).toBe('Accept-Encoding');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text(), accept).toBe(ALL);
      etags.set(coding ?? 'identity', response.headers.get('etag')!);
      const cached = await get('/kirjasto-all.js', accept, {'If-None-Match': response.headers.get('etag')!});
      expect(cached.status, accept).toBe(304);
    }
    expect(new Set(etags.values()).size, 'an ETag per representation').toBe(3);
    // another representation's ETag is no match
    expect((await get('/kirjasto-all.js', 'gzip', {'If-None-Match': etags.get('br')!})).status).toBe(200);
    const map = await get('/kirjasto/core-9a8b7c.js.map', 'br, gzip');
    expect(map.headers.get('content-encoding')).toBe('gzip');
    expect(map.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await map.text()).toBe(MAP);
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

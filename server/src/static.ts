import {createHash} from 'node:crypto';
import {readFile, stat} from 'node:fs/promises';
import {extname, join, normalize, sep} from 'node:path';
import {Hono, type Context} from 'hono';
import {Problem} from './http/problem.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const SHORT = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Precompressed siblings the build writes (`x.js.br`, `x.js.gz`), in order of preference. */
const CODINGS = [
  {coding: 'br', suffix: '.br'},
  {coding: 'gzip', suffix: '.gz'},
] as const;

/**
 * The widget bundle for any page, any origin: `/kirjasto.js` (the loader) and `/kirjasto-all.js` (everything
 * in one file), whose names are stable and so cached briefly, and `/kirjasto/*` (chunks and source maps
 * with hashed names, cached for a year). Each file is served as its brotli or gzip sibling when the
 * client takes it, with an ETag per representation.
 *
 * Not @hono/node-server's serveStatic: its `precompressed` option ignores q-values, sends
 * `Vary: Accept-Encoding` only with a compressed answer, and makes no ETag or 304.
 */
export function widgetFiles(widgetsDir: string) {
  const app = new Hono();
  app.get('/kirjasto.js', (c) => serveFile(c, widgetsDir, 'kirjasto.js', SHORT));
  app.get('/kirjasto-all.js', (c) => serveFile(c, widgetsDir, 'kirjasto-all.js', SHORT));
  app.get('/kirjasto/*', (c) => serveFile(c, join(widgetsDir, 'kirjasto'), c.req.path.slice('/kirjasto/'.length), IMMUTABLE));
  return app;
}

/** The console's page: never cached (it names the hashed assets), never framed, scripts only from here. */
const CONSOLE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-cache',
  'Content-Security-Policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/**
 * The librarians' console, mounted at /admin: its hashed assets (cached for a year, precompressed
 * like the widget files) and, for every other path under /admin, its one page, which routes in the
 * browser. Staff only: the page is the same for everyone, and the admin API checks every request.
 */
export function consoleFiles(consoleDir: string) {
  const app = new Hono();
  app.get('/assets/*', (c) => serveFile(c, join(consoleDir, 'assets'), c.req.path.slice('/admin/assets/'.length), IMMUTABLE));
  // The content screens' live preview: one widget per frame, framed only by the console itself.
  app.get('/preview', async (c) => {
    const page = await representation(join(consoleDir, 'preview.html'));
    if (!page) throw new Problem('not-found', {detail: 'The console is not built. Run `npm run build` at the repository root.'});
    const csp = CONSOLE_HEADERS['Content-Security-Policy'].replace("frame-ancestors 'none'", "frame-ancestors 'self'");
    return c.body(page.body as Uint8Array<ArrayBuffer>, 200, {...CONSOLE_HEADERS, 'Content-Security-Policy': csp, ETag: page.etag});
  });
  app.get('*', async (c) => {
    const page = await representation(join(consoleDir, 'index.html'));
    if (!page) {
      throw new Problem('not-found', {detail: 'The console is not built. Run `npm run build` at the repository root (or set KIRJASTO_CONSOLE_DIR).'});
    }
    return c.body(page.body as Uint8Array<ArrayBuffer>, 200, {...CONSOLE_HEADERS, ETag: page.etag});
  });
  return app;
}

/** The codings a client takes, by Accept-Encoding (q=0 refuses; `*` stands for any not named). */
export function acceptedCodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  let any = false;
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (name === '*') any = ok;
    else (ok ? accepted : refused).add(name);
  }
  if (any) for (const {coding} of CODINGS) if (!refused.has(coding)) accepted.add(coding);
  return accepted;
}

interface Representation {
  body: Uint8Array;
  etag: string;
  mtime: number;
}

// By file path, checked against size and mtime on every request: a rebuild is picked up at once.
const cache = new Map<string, {size: number; mtimeMs: number; representation: Representation}>();

async function representation(file: string): Promise<Representation | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  if (!info.isFile()) return undefined;
  const cached = cache.get(file);
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.representation;
  const body = new Uint8Array(await readFile(file));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const result = {body, etag, mtime: info.mtimeMs};
  cache.set(file, {size: info.size, mtimeMs: info.mtimeMs, representation: result});
  return result;
}

async function serveFile(c: Context, root: string, relative: string, cacheControl: string): Promise<Response> {
  let name: string;
  try {
    name = decodeURIComponent(relative);
  } catch {
    throw notBuilt(relative);
  }
  const file = normalize(join(root, name));
  const type = TYPES[extname(file)];
  if (name.includes('\0') || !file.startsWith(normalize(root + sep)) || !type) throw notBuilt(name);
  const accepted = acceptedCodings(c.req.header('accept-encoding'));
  let chosen: {coding?: string; file: Representation} | undefined;
  for (const {coding, suffix} of CODINGS) {
    if (!accepted.has(coding)) continue;
    const compressed = await representation(file + suffix);
    if (compressed) {
      chosen = {coding, file: compressed};
      break;
    }
  }
  if (!chosen) {
    const plain = await representation(file);
    if (!plain) throw notBuilt(name);
    chosen = {file: plain};
  }
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': cacheControl,
    'Access-Control-Allow-Origin': '*',
    Vary: 'Accept-Encoding',
    ETag: chosen.file.etag,
    'Last-Modified': new Date(chosen.file.mtime).toUTCString(),
  };
  if (chosen.coding) headers['Content-Encoding'] = chosen.coding;
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === chosen.file.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(chosen.file.body as Uint8Array<ArrayBuffer>, 200, headers);
}

const notBuilt = (name: string) =>
  new Problem('not-found', {
    detail: `The widget bundle file "${name}" is not there. Run \`npm run build\` at the repository root (or set KIRJASTO_WIDGETS_DIR).`,
  });

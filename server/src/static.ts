import {createHash} from 'node:crypto';
import {readFile, stat} from 'node:fs/promises';
import {extname, join, normalize, sep} from 'node:path';
import type {Context, Hono} from 'hono';
import {Problem} from './http/problem.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The script-tag bundle for any page, any origin: `/kirjasto.js` (short cache, its name is stable) and
 * `/kirjasto/*` (lazily loaded chunks with hashed names, cached for a year).
 */
export function registerStatic(app: Hono, widgetsDir: string): void {
  app.get('/kirjasto.js', (c) => serveFile(c, widgetsDir, 'kirjasto.js', 'public, max-age=300'));
  app.get('/kirjasto/*', (c) => {
    const rest = c.req.path.slice('/kirjasto/'.length);
    return serveFile(c, join(widgetsDir, 'kirjasto'), rest, 'public, max-age=31536000, immutable');
  });
}

async function serveFile(c: Context, root: string, relative: string, cacheControl: string): Promise<Response> {
  let name: string;
  try {
    name = decodeURIComponent(relative);
  } catch {
    throw notBuilt(relative);
  }
  const file = normalize(join(root, name));
  if (name.includes('\0') || !file.startsWith(normalize(root + sep)) || !TYPES[extname(file)]) throw notBuilt(name);
  let body: Buffer;
  let mtime: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    body = await readFile(file);
    mtime = info.mtimeMs;
  } catch {
    throw notBuilt(name);
  }
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)]!,
    'Cache-Control': cacheControl,
    'Access-Control-Allow-Origin': '*',
    ETag: etag,
    'Last-Modified': new Date(mtime).toUTCString(),
  };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(new Uint8Array(body), 200, headers);
}

const notBuilt = (name: string) =>
  new Problem('not-found', {
    detail: `The widget bundle file "${name}" is not there. Run \`npm run build\` at the repository root (or set KIRJASTO_WIDGETS_DIR).`,
  });

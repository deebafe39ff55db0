import {readFile, stat} from 'node:fs/promises';
import {extname, join, normalize, resolve, sep} from 'node:path';
import {inspect} from 'node:util';
import {Hono} from 'hono';
import {createApp} from './app.js';
import {ConfigError, loadConfig, redactUrl, urlPassword, type Config} from './config.js';
import {openDb, type Db} from './db/db.js';
import {migrate} from './db/migrate.js';
import {seedDemo} from './demo/seed.js';
import {DEMO_PASSWORD, DEMO_USERS, seedDemoUsers} from './auth/accounts.js';
import {ensureDemoModerationToken} from './auth/tokens.js';
import {Secrets} from './secrets.js';
import {setKioskPin} from './kiosk/pin.js';
import {listen} from './serve.js';
import {startRetention} from './retention/job.js';

const DEMO_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json; charset=utf-8',
};

/** The root demo/ folder as a second origin, with {{KIRJASTO_API}} in .html files set to the API's origin. */
function demoSite(config: Config): Hono {
  const app = new Hono();
  const root = normalize(config.demoDir + sep);
  app.get('*', async (c) => {
    let name: string;
    try {
      name = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Not found', 404);
    }
    if (name.endsWith('/')) name += 'index.html';
    const file = normalize(join(root, name));
    if (!file.startsWith(root) || name.includes('\0')) return c.text('Not found', 404);
    try {
      if (!(await stat(file)).isFile()) return c.text('Not found', 404);
      const type = DEMO_TYPES[extname(file)] ?? 'application/octet-stream';
      const body = await readFile(file);
      if (extname(file) === '.html') {
        return c.body(body.toString('utf8').replaceAll('{{KIRJASTO_API}}', config.publicUrl), 200, {'Content-Type': type, 'Cache-Control': 'no-store'});
      }
      return c.body(new Uint8Array(body), 200, {'Content-Type': type, 'Cache-Control': 'no-store'});
    } catch {
      return c.text('Not found', 404);
    }
  });
  return app;
}

/** Opens the store and brings its schema up to date; a PostgreSQL that cannot be reached is named, without its password. */
async function openStore(config: Config): Promise<Db> {
  const db = await openDb({databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteTemplateDir: config.pgliteTemplateDir});
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    if (!config.databaseUrl) throw error;
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError('DATABASE_URL', `names a PostgreSQL that could not be used: ${redactUrl(config.databaseUrl)} (${why})`);
  }
  return db;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const db = await openStore(config);
  const seeded = config.demo ? await seedDemo(db) : false;
  if (config.demo) await seedDemoUsers(db); // once; demo only
  if (config.demo) await setKioskPin(db, 'demo', config.demoKioskPin); // follows a changed KIRJASTO_DEMO_KIOSK_PIN
  // Derived from the pepper: the same token at every start of one database.
  const moderationToken = config.demo ? await ensureDemoModerationToken(db, new Secrets(db)) : undefined;
  const app = createApp({db, config});
  const listeners = [await listen(app.fetch, config.port, config.host)];
  const retention = startRetention(db);
  let demoUrl: string | undefined;
  if (config.demoSitePort !== undefined) {
    listeners.push(await listen(demoSite(config).fetch, config.demoSitePort, config.host));
    const base = new URL(config.publicUrl);
    base.port = String(config.demoSitePort);
    demoUrl = base.origin;
  }

  const store = config.databaseUrl
    ? `PostgreSQL at ${redactUrl(config.databaseUrl)}`
    : `PGlite in ${resolve(config.dataDir)}, fsync off: nothing acknowledged is lost if the process is killed, recent writes may be lost in a power cut`;
  const lines = [
    `kirjasto server on ${config.host}:${config.port}${seeded ? ', demo content seeded' : ''}`,
    `  Store      ${store}`,
    `  API        ${config.publicUrl}/api/v1`,
    `  OpenAPI    ${config.publicUrl}/api/v1/openapi.json`,
    `  Poll page  ${config.publicUrl}/w/poll/demo-poll`,
    `  Rating     ${config.publicUrl}/w/rating/demo-rating`,
    `  QR poster  ${config.publicUrl}/w/rating/demo-rating/poster?location=demo-central`,
    `  Kiosk      ${config.publicUrl}/kiosk/demo-rating?location=demo-central`,
  ];
  if (demoUrl) lines.push(`  Demo site  ${demoUrl}/news.html`);
  if (config.demo) lines.push(`  Ideas      ${config.publicUrl}/w/ideas/demo-ideas`);
  if (moderationToken) lines.push(`  Moderation token (demo tenant): ${moderationToken}`);
  if (config.demo) {
    lines.push(`  Admin API  ${config.publicUrl}/api/v1/admin/session (sign in: POST {email, password})`);
    lines.push(`  Staff sign-in (demo only), password ${DEMO_PASSWORD}:`);
    for (const user of DEMO_USERS) lines.push(`    ${user.email.padEnd(34)}${user.role ?? 'regional admin'}`);
  }
  if (config.demo) lines.push(`  Kiosk PIN  ${config.demoKioskPin} (staff exit of the demo library's kiosks; KIRJASTO_DEMO_KIOSK_PIN)`);
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`kirjasto: ${signal}, finishing the requests in flight`);
    const force = setTimeout(() => {
      console.error('kirjasto: requests still in flight after 10 s, exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    await Promise.all(listeners.map((listener) => listener.drain()));
    await retention.stop();
    await db.close();
    console.log('kirjasto: stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Any text about to be printed, with the password of DATABASE_URL (as written and decoded) masked. */
function withoutPassword(text: string): string {
  const password = urlPassword(process.env.DATABASE_URL?.trim() ?? '');
  if (!password) return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // not %-encoded
  }
  return text.replaceAll(password, '***').replaceAll(decoded, '***');
}

main().catch((error: unknown) => {
  const detail = error instanceof ConfigError ? error.message : inspect(error);
  console.error(withoutPassword(`kirjasto: failed to start: ${detail}`));
  process.exit(1);
});

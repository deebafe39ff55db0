import {fileURLToPath} from 'node:url';
import {FORM_TOKEN_MIN_AGE_MS} from './ideas/form-token.js';
import {ConfigError} from './config-error.js';

export {ConfigError};

/** The repository root (the widget package), from src/ or dist/ alike. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Config {
  port: number;
  /** Listen address: 127.0.0.1 by default; set HOST=0.0.0.0 in a container so the port can be published. */
  host: string;
  databaseUrl?: string;
  /** REDIS_URL: where rate limits and the kiosk PIN lockout are counted for every instance (else per instance). */
  redisUrl?: string;
  dataDir: string;
  /** Where PGlite keeps a copy of an empty cluster for fast new data folders (KIRJASTO_PGLITE_TEMPLATE_DIR; `off` = none). */
  pgliteTemplateDir?: string;
  demo: boolean;
  /** The server's public origin, without a trailing slash, e.g. http://localhost:8787. */
  publicUrl: string;
  trustProxy: boolean;
  rateLimitWrites: number;
  rateLimitReads: number;
  /** Ideas per client key per 10 minutes, on top of the write limit. */
  rateLimitIdeas: number;
  /** Writes per registered kiosk per 10 seconds (KIRJASTO_RATE_LIMIT_KIOSK, 30), instead of the patron limits. */
  rateLimitKiosk: number;
  widgetsDir: string;
  /** The built librarians' console (console/dist), served at /admin. */
  consoleDir: string;
  /** Port for the demo site (the root demo/ folder as a second origin); undefined = off. */
  demoSitePort?: number;
  demoDir: string;
  logRequests: boolean;
  /** The demo library's kiosk staff PIN (KIRJASTO_DEMO_KIOSK_PIN), stored only hashed. */
  demoKioskPin: string;
  /** How old an idea form token must be before it is accepted (KIRJASTO_FORM_MIN_AGE_MS; tests set 0). */
  formMinAgeMs: number;
  /** Staff sessions end after this many minutes without a request (KIRJASTO_SESSION_IDLE_MINUTES, 480). */
  sessionIdleMinutes: number;
  /** …and this many hours after signing in (KIRJASTO_SESSION_MAX_HOURS, 72). */
  sessionMaxHours: number;
  /** Sign-in attempts per client key per 15 minutes (KIRJASTO_RATE_LIMIT_SIGN_INS, 30); failures per account are 10. */
  rateLimitSignIns: number;
  /** Accept http:// OpenID providers and ones on internal addresses (KIRJASTO_OIDC_ALLOW_HTTP; development and tests only). */
  oidcAllowHttp: boolean;
  /** Where alert and digest emails go out (KIRJASTO_SMTP_URL, e.g. smtps://user:pass@smtp.example.fi:465); unset = no email. */
  smtpUrl?: string;
  /** The From address of those emails (KIRJASTO_SMTP_FROM; kirjasto@ and the public URL's host by default). */
  smtpFrom: string;
  /** How often the alert worker looks for due deliveries and digests (KIRJASTO_ALERT_POLL_MS, 5000). */
  alertPollMs: number;
  /** The first retry of a failed delivery comes this much later, doubling each time (KIRJASTO_ALERT_RETRY_BASE_MS, 30000). */
  alertRetryBaseMs: number;
  /** Attempts before a delivery is given up as failed (KIRJASTO_ALERT_MAX_ATTEMPTS, 8). */
  alertMaxAttempts: number;
  /** Send webhooks to http:// addresses too (KIRJASTO_WEBHOOK_ALLOW_HTTP; else https:// only). */
  webhookAllowHttp: boolean;
  /** Send webhooks to loopback, private and link-local addresses (KIRJASTO_WEBHOOK_ALLOW_PRIVATE; development and tests only). */
  webhookAllowPrivate: boolean;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

/** An on/off setting that says which: a typo in a setting that guards something is refused, not read as off. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim() ?? '';
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(|0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be 1, true, yes or on (or 0, false, no, off), got "${raw}"`);
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

const portNumber = (env: NodeJS.ProcessEnv, name: string, fallback: number) => int(env, name, fallback, 0, 65_535);

function pin(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d{4,12}$/.test(raw)) throw new ConfigError(name, 'must be 4–12 digits');
  return raw;
}

function publicOrigin(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new ConfigError('KIRJASTO_PUBLIC_URL', `must be an http:// or https:// address such as https://kirjasto.example.fi, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** The password of a connection string, found even when the string is not a valid URL. */
export function urlPassword(url: string): string | undefined {
  const authority = url.slice(url.indexOf('://') + 3);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  return at > 0 && colon >= 0 && colon < at ? authority.slice(colon + 1, at) : undefined;
}

/** A connection string safe to print: its password replaced by ***. */
export function redactUrl(url: string): string {
  const password = urlPassword(url);
  return password ? url.replace(`:${password}@`, ':***@') : url;
}

function databaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const fail = (why: string) => new ConfigError('DATABASE_URL', `${why}, got "${redactUrl(raw)}"`);
  if (!/^postgres(ql)?:\/\//i.test(raw)) throw fail('must be a postgres:// or postgresql:// connection string');
  // postgres.js accepts several hosts (h1:5432,h2:5432); the rest must be a URL
  const hosts = raw.slice(raw.indexOf('://') + 3).split(/[?/]/)[0]!;
  try {
    new URL(raw.replace(hosts, hosts.split(',')[0]!));
  } catch {
    throw fail('is not a valid connection string (a port over 65535, a space, or a character that needs %-encoding?)');
  }
  return raw;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^smtps?:\/\//i.test(raw)) throw new ConfigError('KIRJASTO_SMTP_URL', `must be an smtp:// or smtps:// address, got "${redactUrl(raw)}"`);
  return raw;
}

function templateDir(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (value === 'off') return undefined;
  return value || `${REPO_ROOT}node_modules/.cache/kirjasto-server`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const port = portNumber(env, 'PORT', 8787);
  const host = env.HOST?.trim() || '127.0.0.1';
  const shownHost = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const publicUrl = publicOrigin(env.KIRJASTO_PUBLIC_URL?.trim() || `http://${shownHost}:${port}`);
  const demoSite = argv.includes('--demo-site') || !!env.KIRJASTO_DEMO_SITE_PORT?.trim();
  return {
    port,
    host,
    databaseUrl: databaseUrl(env.DATABASE_URL?.trim()),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    dataDir: env.KIRJASTO_DATA_DIR?.trim() || './data',
    pgliteTemplateDir: templateDir(env.KIRJASTO_PGLITE_TEMPLATE_DIR),
    demo: truthy(env.KIRJASTO_DEMO) || argv.includes('--demo'),
    publicUrl,
    trustProxy: truthy(env.KIRJASTO_TRUST_PROXY),
    rateLimitWrites: int(env, 'KIRJASTO_RATE_LIMIT_WRITES', 120, 1),
    rateLimitReads: int(env, 'KIRJASTO_RATE_LIMIT_READS', 1200, 1),
    rateLimitIdeas: int(env, 'KIRJASTO_RATE_LIMIT_IDEAS', 5, 1),
    rateLimitKiosk: int(env, 'KIRJASTO_RATE_LIMIT_KIOSK', 30, 1),
    widgetsDir: env.KIRJASTO_WIDGETS_DIR?.trim() || `${REPO_ROOT}dist`,
    consoleDir: env.KIRJASTO_CONSOLE_DIR?.trim() || `${REPO_ROOT}console/dist`,
    demoSitePort: demoSite ? portNumber(env, 'KIRJASTO_DEMO_SITE_PORT', port + 1) : undefined,
    demoDir: `${REPO_ROOT}demo`,
    logRequests: env.KIRJASTO_LOG?.split(',').includes('requests') ?? false,
    demoKioskPin: pin(env, 'KIRJASTO_DEMO_KIOSK_PIN', '2468'),
    formMinAgeMs: int(env, 'KIRJASTO_FORM_MIN_AGE_MS', FORM_TOKEN_MIN_AGE_MS),
    sessionIdleMinutes: int(env, 'KIRJASTO_SESSION_IDLE_MINUTES', 480, 1),
    sessionMaxHours: int(env, 'KIRJASTO_SESSION_MAX_HOURS', 72, 1),
    rateLimitSignIns: int(env, 'KIRJASTO_RATE_LIMIT_SIGN_INS', 30, 1),
    oidcAllowHttp: truthy(env.KIRJASTO_OIDC_ALLOW_HTTP),
    smtpUrl: smtpUrl(env.KIRJASTO_SMTP_URL?.trim()),
    smtpFrom: env.KIRJASTO_SMTP_FROM?.trim() || `kirjasto@${new URL(publicUrl).hostname}`,
    alertPollMs: int(env, 'KIRJASTO_ALERT_POLL_MS', 5000, 10),
    alertRetryBaseMs: int(env, 'KIRJASTO_ALERT_RETRY_BASE_MS', 30_000, 10),
    alertMaxAttempts: int(env, 'KIRJASTO_ALERT_MAX_ATTEMPTS', 8, 1, 30),
    webhookAllowHttp: flag(env, 'KIRJASTO_WEBHOOK_ALLOW_HTTP'),
    webhookAllowPrivate: flag(env, 'KIRJASTO_WEBHOOK_ALLOW_PRIVATE'),
  };
}

import {fileURLToPath} from 'node:url';
import {FORM_TOKEN_MIN_AGE_MS} from './ideas/form-token.js';

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
  widgetsDir: string;
  /** Port for the demo site (the root demo/ folder as a second origin); undefined = off. */
  demoSitePort?: number;
  demoDir: string;
  logRequests: boolean;
  /** The demo library's kiosk staff PIN (KIRJASTO_DEMO_KIOSK_PIN), stored only hashed. */
  demoKioskPin: string;
  /** How old an idea form token must be before it is accepted (KIRJASTO_FORM_MIN_AGE_MS; tests set 0). */
  formMinAgeMs: number;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

function pin(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d{4,12}$/.test(raw)) throw new Error(`${name} must be 4–12 digits`);
  return raw;
}

function templateDir(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (value === 'off') return undefined;
  return value || `${REPO_ROOT}node_modules/.cache/kirjasto-server`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const port = int(env, 'PORT', 8787);
  const host = env.HOST?.trim() || '127.0.0.1';
  const shownHost = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const publicUrl = (env.KIRJASTO_PUBLIC_URL?.trim() || `http://${shownHost}:${port}`).replace(/\/+$/, '');
  const demoSite = argv.includes('--demo-site') || !!env.KIRJASTO_DEMO_SITE_PORT?.trim();
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    dataDir: env.KIRJASTO_DATA_DIR?.trim() || './data',
    pgliteTemplateDir: templateDir(env.KIRJASTO_PGLITE_TEMPLATE_DIR),
    demo: truthy(env.KIRJASTO_DEMO) || argv.includes('--demo'),
    publicUrl,
    trustProxy: truthy(env.KIRJASTO_TRUST_PROXY),
    rateLimitWrites: int(env, 'KIRJASTO_RATE_LIMIT_WRITES', 120, 1),
    rateLimitReads: int(env, 'KIRJASTO_RATE_LIMIT_READS', 1200, 1),
    rateLimitIdeas: int(env, 'KIRJASTO_RATE_LIMIT_IDEAS', 5, 1),
    widgetsDir: env.KIRJASTO_WIDGETS_DIR?.trim() || `${REPO_ROOT}dist`,
    demoSitePort: demoSite ? int(env, 'KIRJASTO_DEMO_SITE_PORT', port + 1) : undefined,
    demoDir: `${REPO_ROOT}demo`,
    logRequests: env.KIRJASTO_LOG?.split(',').includes('requests') ?? false,
    demoKioskPin: pin(env, 'KIRJASTO_DEMO_KIOSK_PIN', '2468'),
    formMinAgeMs: int(env, 'KIRJASTO_FORM_MIN_AGE_MS', FORM_TOKEN_MIN_AGE_MS),
  };
}

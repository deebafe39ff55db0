import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadConfig} from '../src/config.js';
import {freePort, kill, startProcess, type ServerProcess} from './hardening-process.js';

const PASSWORD = 'Sal4sana-ei-saa-nakya';

/** Starts the server with `env`; it must stop by itself within `ms` (a wrong setting, not a hang). */
async function refusedStart(env: Record<string, string>, ms = 8_000): Promise<{code: number | string; output: string}> {
  let server: ServerProcess | undefined;
  try {
    server = await startProcess(env);
    const timedOut = new Promise<string>((resolve) => setTimeout(() => resolve(`still running after ${ms} ms`), ms).unref());
    const code = await Promise.race([server.exited, timedOut]);
    return {code, output: server.output()};
  } finally {
    await kill(server);
  }
}

describe('configuration is checked before anything is opened', () => {
  let scratch: string;
  /** A data folder that must still not exist after a refused start. */
  let unopened: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'kirjasto-config-'));
    unopened = join(scratch, 'never-created');
  });
  afterAll(() => rm(scratch, {recursive: true, force: true}));

  it.each([
    ['KIRJASTO_PUBLIC_URL', {KIRJASTO_PUBLIC_URL: 'kirjasto.example.fi'}],
    ['KIRJASTO_PUBLIC_URL', {KIRJASTO_PUBLIC_URL: 'ftp://kirjasto.example.fi'}],
    ['PORT', {PORT: '70000'}],
    ['PORT', {PORT: 'http'}],
    ['DATABASE_URL', {DATABASE_URL: 'mysql://kirjasto@127.0.0.1:5432/test'}],
    ['KIRJASTO_DEMO_SITE_PORT', {KIRJASTO_DEMO_SITE_PORT: '65536'}],
  ])('refuses a wrong %s and names it: %j', async (variable, env) => {
    const {code, output} = await refusedStart({KIRJASTO_DATA_DIR: unopened, ...env});
    expect(code).toBe(1);
    expect(output).toContain(variable);
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(unopened)).toBe(false);
  });

  it('refuses a data folder that cannot be created within seconds, naming KIRJASTO_DATA_DIR (the base commit hung on /proc)', async () => {
    const {code, output} = await refusedStart({KIRJASTO_DATA_DIR: '/proc/kirjasto/data'});
    expect(code).toBe(1);
    expect(output).toContain('KIRJASTO_DATA_DIR');
    expect(output).toContain('/proc/kirjasto/data');
  });

  it('refuses a data folder that is a file', async () => {
    const {code, output} = await refusedStart({KIRJASTO_DATA_DIR: join(process.cwd(), 'package.json')});
    expect(code).toBe(1);
    expect(output).toContain('KIRJASTO_DATA_DIR');
  });

  it('never prints the password of DATABASE_URL: PostgreSQL unreachable', async () => {
    const port = await freePort(); // closed: nothing listens there
    const {code, output} = await refusedStart({DATABASE_URL: `postgres://kirjasto:${PASSWORD}@127.0.0.1:${port}/kirjasto`});
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL');
    expect(output).toContain(`127.0.0.1:${port}`);
    expect(output).not.toContain(PASSWORD);
  });

  it.each([
    ['a port out of range', `postgres://kirjasto:${PASSWORD}@127.0.0.1:99999/kirjasto`],
    ['a space in the host', `postgresql://kirjasto:${PASSWORD}@bad host:5432/kirjasto`],
    ['another scheme', `mysql://kirjasto:${PASSWORD}@127.0.0.1:5432/kirjasto`],
    ['an escaped password', `postgres://kirjasto:${encodeURIComponent(PASSWORD + '/?@')}@127.0.0.1:99999/kirjasto`],
  ])('never prints the password of DATABASE_URL: %s', async (_, url) => {
    const {code, output} = await refusedStart({DATABASE_URL: url});
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL');
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('accepts what the README documents', () => {
    const config = loadConfig({
      PORT: '65535',
      KIRJASTO_PUBLIC_URL: 'https://kirjasto.example.fi/',
      DATABASE_URL: 'postgresql://kirjasto:pw@db.example.fi:5432/kirjasto?sslmode=require',
    });
    expect(config).toMatchObject({port: 65535, publicUrl: 'https://kirjasto.example.fi'});
    expect(loadConfig({PORT: '0', DATABASE_URL: 'postgres://localhost/kirjasto'}).port).toBe(0);
  });

  it('starts normally after all that', async () => {
    const server = await startProcess({KIRJASTO_DATA_DIR: unopened, PORT: String(await freePort())});
    try {
      await server.healthy();
    } finally {
      await kill(server);
    }
  });
});

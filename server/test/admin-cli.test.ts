import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, type CliIo} from '../src/cli.js';
import {json, signIn, signInRequest} from './admin-helpers.js';
import {setUp, STORES, testConfig} from './helpers.js';

/** The CLI's in and out: stdin as a pipe (the password's first line), lines printed collected. */
function io(stdinText: string | null, env: NodeJS.ProcessEnv = {}) {
  const stdin = new PassThrough();
  if (stdinText !== null) stdin.end(stdinText);
  else stdin.end();
  const lines: string[] = [];
  const value: CliIo = {env, stdin, stdout: (line) => lines.push(line), stderr: new PassThrough()};
  return {value, lines};
}

describe.each(STORES)('first run from the command line ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(kind, testConfig({rateLimitSignIns: 1000}));
  });
  afterAll(() => env?.tearDown());

  it('creates a library and its first owner, who can then sign in and work', async () => {
    const db = env.store.db;
    const tenant = io(null);
    expect(await runCli(['create-tenant', 'oulu', 'Oulun kaupunginkirjasto', '--origin', 'https://www.ouka.fi'], db, tenant.value)).toBe(0);
    expect(tenant.lines.join('\n')).toContain('create-user <email> --tenant oulu --role owner');
    expect(await runCli(['create-tenant', 'oulu', 'Again'], db, io(null).value)).toBe(2);

    // The password from stdin's first line (a pipe), never from the arguments.
    const owner = io('oulun-omistaja-1\n');
    expect(await runCli(['create-user', 'Pirjo@Ouka.fi', '--tenant', 'oulu', '--role', 'owner', '--name', 'Pirjo'], db, owner.value)).toBe(0);
    expect(owner.lines.join('\n')).not.toContain('oulun-omistaja-1');
    const staff = await signIn(env.url, 'pirjo@ouka.fi', 'oulun-omistaja-1');
    const users = await json<{users: {email: string; role: string}[]}>(await staff.call('GET', 'tenants/oulu/users'), 200);
    expect(users.users).toEqual([expect.objectContaining({email: 'pirjo@ouka.fi', role: 'owner'})]);
    const origins = await json<{allowedOrigins: string[]}>(await staff.call('GET', 'tenants/oulu/origins'), 200);
    expect(origins.allowedOrigins).toEqual(['https://www.ouka.fi']);

    // An existing account joins another library without a new password.
    expect(await runCli(['create-tenant', 'rovaniemi', 'Rovaniemen kaupunginkirjasto'], db, io(null).value)).toBe(0);
    const again = io(null);
    expect(await runCli(['create-user', 'pirjo@ouka.fi', '--tenant', 'rovaniemi', '--role', 'viewer'], db, again.value)).toBe(0);
    expect(again.lines.join('\n')).toContain('password unchanged');
  });

  it('makes a regional admin with the password from KIRJASTO_ADMIN_PASSWORD', async () => {
    const made = io(null, {KIRJASTO_ADMIN_PASSWORD: 'alueen-salasana-9'});
    expect(await runCli(['create-admin', 'alue@kirjastot.fi'], env.store.db, made.value)).toBe(0);
    const admin = await signIn(env.url, 'alue@kirjastot.fi', 'alueen-salasana-9');
    const session = await json<{user: {regionalAdmin: boolean}}>(await admin.call('GET', 'session'), 200);
    expect(session.user.regionalAdmin).toBe(true);
  });

  it('refuses a short or missing password, a bad role and an unknown library', async () => {
    const db = env.store.db;
    expect(await runCli(['create-user', 'a@ouka.fi', '--tenant', 'oulu', '--role', 'owner'], db, io('short\n').value)).toBe(2);
    expect(await runCli(['create-user', 'b@ouka.fi', '--tenant', 'oulu', '--role', 'owner'], db, io('').value)).toBe(2);
    expect(await runCli(['create-user', 'c@ouka.fi', '--tenant', 'oulu', '--role', 'boss'], db, io('long-enough-pw\n').value)).toBe(2);
    expect(await runCli(['create-user', 'd@ouka.fi', '--tenant', 'nowhere', '--role', 'owner'], db, io('long-enough-pw\n').value)).toBe(2);
    expect((await signInRequest(env.url, 'a@ouka.fi', 'short')).status).toBe(401);
    const usage = io(null);
    expect(await runCli(['frobnicate'], db, usage.value)).toBe(2);
    expect(usage.lines[0]).toMatch(/^Usage: npm run admin/);
  });
});

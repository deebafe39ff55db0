import type {LookupAddress, LookupOptions} from 'node:dns';
import {createServer, type Server} from 'node:http';
import {createServer as createTcpServer, type AddressInfo} from 'node:net';
import {serve} from '@hono/node-server';
import Provider from 'oidc-provider';
import * as client from 'openid-client';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createApp} from '../src/app.js';
import {ensureUser, setMembership} from '../src/auth/accounts.js';
import {OidcClients, type OidcSettings} from '../src/auth/oidc.js';
import {migrate} from '../src/db/migrate.js';
import {seedDemo} from '../src/demo/seed.js';
import {fetchPublic} from '../src/http/public-address.js';
import {demoEmail, json, seedStaff, setUpAdmin, signIn, staffWith, type Staff} from './admin-helpers.js';
import {expectProblem, STORES, testConfig, type OpenedStore} from './helpers.js';

const freePort = (host: string) =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, host, () => {
      const {port} = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Cookies per host, as a browser keeps them (paths ignored: names do not collide here). */
class Jar {
  private byHost = new Map<string, Map<string, string>>();
  raw: string[] = [];
  take(url: string, response: Response) {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      this.raw.push(line);
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    this.byHost.set(host, jar);
  }
  header(url: string) {
    return [...(this.byHost.get(new URL(url).host) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(host: string, name: string) {
    return this.byHost.get(host)?.get(name);
  }
}

describe.each(STORES)('OpenID Connect sign-in against a real provider on another site ($name)', (kind) => {
  let store: OpenedStore;
  let api: {url: string; publicUrl: string; close(): void};
  let idp: {issuer: string; server: Server};
  // Who signs in at the provider, and the groups it says they are in.
  let login = {id: 'aino', groups: ['Kirjasto-Toimittajat']};
  const groups: Record<string, string[]> = {};

  beforeAll(async () => {
    store = await kind.open();
    await migrate(store.db);
    await seedDemo(store.db);
    await seedStaff(store.db);
    const apiPort = await freePort('127.0.0.1');
    const idpPort = await freePort('127.0.0.2');
    const publicUrl = `http://localhost:${apiPort}`;
    const issuer = `http://127.0.0.2:${idpPort}`;
    const provider = new Provider(issuer, {
      clients: [{client_id: 'kirjasto-demo', client_secret: 'test-client-secret-0123456789', redirect_uris: [`${publicUrl}/api/v1/admin/oidc/demo/callback`], grant_types: ['authorization_code'], response_types: ['code']}],
      findAccount: (_ctx, id) => ({accountId: id, claims: () => ({sub: id, email: `${id}@ouka.fi`, email_verified: true, name: id, groups: groups[id] ?? []})}),
      claims: {openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups']},
      features: {devInteractions: {enabled: false}},
      interactions: {url: (_ctx, interaction) => `/interaction/${interaction.uid}`},
      cookies: {keys: ['oidc-test-cookie-key']},
      pkce: {required: () => true},
      ttl: {Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60},
    });
    const callback = provider.callback();
    const server = createServer(async (req, res) => {
      if (req.url?.startsWith('/interaction/')) {
        // The provider's login page, answered at once for the account the test chose.
        const details = await provider.interactionDetails(req, res);
        groups[login.id] = login.groups;
        const grant = new provider.Grant({accountId: login.id, clientId: String(details.params.client_id)});
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, {login: {accountId: login.id}, consent: {grantId}}, {mergeWithLastSubmission: false});
        return;
      }
      callback(req, res);
    });
    await new Promise<void>((resolve) => server.listen(idpPort, '127.0.0.2', resolve));
    idp = {issuer, server};
    const app = createApp({db: store.db, config: testConfig({demo: true, publicUrl, oidcAllowHttp: true, rateLimitSignIns: 1000})});
    const apiServer = serve({fetch: app.fetch, port: apiPort, hostname: '127.0.0.1'});
    api = {url: `http://127.0.0.1:${apiPort}`, publicUrl, close: () => apiServer.close()};
  });
  afterAll(async () => {
    api?.close();
    idp?.server.close();
    await store?.cleanup();
  });

  /** Follows the redirects as a browser would, from the console's start link to the console. */
  async function signInThroughProvider(jar: Jar) {
    let url = `${api.publicUrl}/api/v1/admin/oidc/demo/start`;
    const hops: {url: string; status: number}[] = [];
    for (let i = 0; i < 10; i++) {
      const target = url.replace(api.publicUrl, api.url); // localhost is the API's site; fetch it on 127.0.0.1
      const response = await fetch(target, {redirect: 'manual', headers: {Cookie: jar.header(url)}});
      jar.take(url, response);
      hops.push({url, status: response.status});
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return {hops, final: response};
      url = new URL(location, url).href;
      if (url.startsWith(`${api.publicUrl}/admin/`)) return {hops, final: response};
    }
    throw new Error('too many redirects');
  }

  it('configures the provider: an https issuer of the organisation, never /common, and the secret never shown', async () => {
    const owner = await signIn(api.url, demoEmail('owner'));
    for (const issuer of ['https://login.microsoftonline.com/common/v2.0', 'https://login.microsoftonline.com/organizations/v2.0', 'not a url']) {
      const problem = await expectProblem(await owner.call('PUT', 'tenants/demo/oidc', {issuer, clientId: 'x', clientSecret: 'y'}), 400, 'validation');
      expect(problem.errors?.[0]?.path).toBe('/issuer');
    }
    await expectProblem(await owner.call('PUT', 'tenants/demo/oidc', {issuer: idp.issuer, clientId: 'kirjasto-demo'}), 400, 'validation');
    const saved = await json<{hasClientSecret: boolean; signInUrl: string; redirectUri: string}>(
      await owner.call('PUT', 'tenants/demo/oidc', {
        issuer: idp.issuer,
        clientId: 'kirjasto-demo',
        clientSecret: 'test-client-secret-0123456789',
        roleClaim: 'groups',
        roleMap: {'Kirjasto-Toimittajat': 'editor', 'Kirjasto-Moderaattorit': 'moderator'},
      }),
      200,
    );
    expect(saved).toMatchObject({hasClientSecret: true, signInUrl: `${api.publicUrl}/api/v1/admin/oidc/demo/start`, redirectUri: `${api.publicUrl}/api/v1/admin/oidc/demo/callback`});
    const read = await owner.call('GET', 'tenants/demo/oidc');
    expect(await read.text()).not.toContain('test-client-secret');
    const log = await (await owner.call('GET', 'tenants/demo/audit-log?kind=oidc')).text();
    expect(log).not.toContain('test-client-secret');
    await expectProblem(await (await signIn(api.url, demoEmail('editor'))).call('GET', 'tenants/demo/oidc'), 403, 'forbidden');
  });

  it('signs in across sites: Lax state cookie out, Strict session cookie back, the role from the claim, this library only', async () => {
    login = {id: 'aino', groups: ['Muut', 'Kirjasto-Toimittajat']};
    const jar = new Jar();
    const {hops, final} = await signInThroughProvider(jar);
    expect(hops[0]!.status).toBe(302);
    expect(new URL(final.headers.get('location')!).href).toBe(`${api.publicUrl}/admin/`);
    expect(hops.some((h) => h.url.startsWith(idp.issuer))).toBe(true);
    const state = jar.raw.find((c) => c.startsWith('kirjasto_oidc=') && !/Max-Age=0/.test(c))!;
    expect(state).toMatch(/; Path=\/api\/v1\/admin\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const session = jar.raw.find((c) => c.startsWith('kirjasto_session='))!;
    expect(session).toMatch(/; Path=\/api\/v1\/admin; HttpOnly; SameSite=Strict$/);
    expect(jar.get(new URL(api.publicUrl).host, 'kirjasto_oidc')).toBeUndefined();

    const cookie = jar.get(new URL(api.publicUrl).host, 'kirjasto_session')!;
    const me = await json<{user: {email: string}; tenants: {id: string; role: string}[]; csrfToken: string}>(await staffWith(api.url, cookie, '').call('GET', 'session'), 200);
    expect(me.user.email).toBe('aino@ouka.fi');
    expect(me.tenants).toEqual([{id: 'demo', name: 'Demo-kirjasto', role: 'editor', may: ['read', 'edit', 'audit']}]);
    const staff = staffWith(api.url, cookie, me.csrfToken);
    expect((await staff.call('POST', 'tenants/demo/polls', {question: {fi: 'OIDC?'}, options: [{label: {fi: 'Kyllä'}}, {label: {fi: 'Ei'}}]})).status).toBe(201);
  });

  it("limits a provider's session to its own library, and refuses an account without a mapped role", async () => {
    // aino is also owner of another library, by password; the demo library's provider does not vouch for that.
    const aino = await ensureUser(store.db, {email: 'aino@ouka.fi'});
    await setMembership(store.db, 'other', aino.id, 'owner');
    login = {id: 'aino', groups: ['Kirjasto-Moderaattorit']};
    const jar = new Jar();
    await signInThroughProvider(jar);
    const staff = staffWith(api.url, jar.get(new URL(api.publicUrl).host, 'kirjasto_session')!, '');
    const me = await json<{tenants: {id: string; role: string}[]}>(await staff.call('GET', 'session'), 200);
    expect(me.tenants).toEqual([{id: 'demo', name: 'Demo-kirjasto', role: 'moderator', may: ['read', 'moderate', 'audit']}]);
    await expectProblem(await staff.call('GET', 'tenants/other/users'), 403, 'forbidden');

    login = {id: 'outsider', groups: ['Muut']};
    const refused = await signInThroughProvider(new Jar());
    await expectProblem(refused.final, 403, 'forbidden');
  });

  it('refuses a callback without the state cookie it started with', async () => {
    const response = await fetch(`${api.url}/api/v1/admin/oidc/demo/callback?code=x&state=y`);
    await expectProblem(response, 401, 'sign-in-failed');
    await expectProblem(await fetch(`${api.url}/api/v1/admin/oidc/other/start`), 404, 'not-found');
  });
});

describe.each(STORES)("the issuer's address, as in production ($name)", (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let owner: Staff;

  beforeAll(async () => {
    env = await setUpAdmin(kind); // KIRJASTO_OIDC_ALLOW_HTTP is off
    owner = await signIn(env.url, demoEmail('owner'));
  }, 60_000);
  afterAll(() => env?.tearDown());

  const save = (issuer: string) => owner.call('PUT', 'tenants/demo/oidc', {issuer, clientId: 'kirjasto', clientSecret: 'secret'});

  it.each([
    'https://169.254.169.254/',
    'https://169.254.169.254/latest/meta-data/iam',
    'https://127.0.0.1/',
    'https://127.1/realms/kirjasto',
    'https://10.0.0.1/',
    'https://172.16.0.1/',
    'https://192.168.1.1/realms/kirjasto',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[fd00:ec2::254]/',
    'https://0.0.0.0/',
    'https://localhost/',
    'https://localhost:8443/realms/kirjasto',
  ])('refuses %s, an internal address or a name that resolves to one, as a problem on /issuer', async (issuer) => {
    const problem = await expectProblem(await save(issuer), 400, 'validation');
    expect(problem.errors).toEqual([{path: '/issuer', message: expect.stringMatching(/^A public address: .+ is inside this server's own network/)}]);
    await expectProblem(await owner.call('GET', 'tenants/demo/oidc'), 404, 'not-found');
  });

  it('keeps a public address, and a name that does not resolve now (every connection checks again)', async () => {
    await json(await save('https://93.184.215.14/kirjasto/v2.0'), 200);
    await json(await save('https://login.kirjasto.invalid/kirjasto/v2.0'), 200);
  });

  it('does not connect to an issuer that resolves to an internal address now, however it was saved', async () => {
    const connections: string[] = [];
    const listener = createTcpServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const {port} = listener.address() as AddressInfo;
      // As an older server saved it, or as the name resolved when it was saved.
      await env.store.db.query(
        `insert into tenant_oidc (tenant_id, enabled, issuer, client_id, client_secret, role_claim, role_map, default_role)
         values ('demo', true, $1, 'kirjasto', 'secret', 'roles', '{}'::jsonb, null)
         on conflict (tenant_id) do update set issuer = excluded.issuer, version = tenant_oidc.version + 1`,
        [`https://localhost:${port}/`],
      );
      const response = await fetch(`${env.url}/api/v1/admin/oidc/demo/start`, {redirect: 'manual'});
      expect(response.headers.get('location')).toBeNull();
      const problem = await expectProblem(response, 502, 'provider-unavailable');
      expect(problem.detail).toMatch(/did not answer.*sign in with your email address and password/);
      expect(connections).toEqual([]);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});

describe('every request to the provider connects to public addresses only', () => {
  /** A resolver that answers this address for any name, the way dns.lookup answers with all: true. */
  const resolvingTo = (address: string) =>
    ((_: string, __: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) =>
      callback(null, [{address, family: address.includes(':') ? 6 : 4}])) as unknown as typeof import('node:dns').lookup;
  const settings = (issuer: string): OidcSettings => ({tenantId: 'demo', enabled: true, issuer, clientId: 'kirjasto', clientSecret: 'secret', roleClaim: 'roles', roleMap: {}, defaultRole: null, version: 1});
  let listener: ReturnType<typeof createTcpServer>;
  let port = 0;
  const connections: string[] = [];

  beforeAll(async () => {
    listener = createTcpServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => listener.close(resolve)));

  it('refuses discovery when the name resolves to an internal address when connecting (DNS rebinding)', async () => {
    for (const address of ['127.0.0.1', '169.254.169.254', '::ffff:127.0.0.1']) {
      const clients = new OidcClients(false, resolvingTo(address));
      await expect(clients.configuration(settings(`https://login.example.org:${port}/kirjasto/v2.0`))).rejects.toThrow(/inside the server's own network/);
    }
    await expect(new OidcClients(false).configuration(settings(`https://127.0.0.1:${port}/`))).rejects.toThrow(/127\.0\.0\.1 is inside/);
    expect(connections).toEqual([]);
  });

  it('refuses the token, userinfo and any other request to an internal address that discovery named', async () => {
    const config = new client.Configuration(
      {
        issuer: 'https://login.example.org/kirjasto/v2.0',
        token_endpoint: `https://login.example.org:${port}/token`,
        userinfo_endpoint: 'https://169.254.169.254/userinfo',
        jwks_uri: `https://[::1]:${port}/keys`,
      },
      'kirjasto',
      'secret',
    );
    config[client.customFetch] = fetchPublic({allowInternal: false, resolve: resolvingTo('10.0.0.1')});
    await expect(client.refreshTokenGrant(config, 'refresh-token')).rejects.toThrow(/10\.0\.0\.1 is inside/);
    await expect(client.fetchUserInfo(config, 'access-token', 'sub')).rejects.toThrow(/169\.254\.169\.254 is inside/);
    await expect(client.fetchProtectedResource(config, 'access-token', new URL(`https://[::1]:${port}/keys`), 'GET')).rejects.toThrow(/::1 is inside/);
    expect(connections).toEqual([]);
  });
});

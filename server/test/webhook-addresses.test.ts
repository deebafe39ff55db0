import type {LookupAddress, LookupOptions} from 'node:dns';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FinalFailure, Sender} from '../src/alerts/deliver.js';
import type {Delivery} from '../src/alerts/queue.js';
import {isInternalAddress, publicOnly} from '../src/http/public-address.js';
import {ConfigError, loadConfig} from '../src/config.js';
import {demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, startServer, STORES, testConfig} from './helpers.js';

describe('which addresses count as internal', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '255.255.255.255', '::', '::1', 'fd12:3456::1', 'fc00::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1',
  ])('%s is internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['93.184.215.14', '172.32.0.1', '192.169.0.1', '8.8.8.8', '2001:db8::1', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) =>
    expect(isInternalAddress(address)).toBe(false),
  );
});

describe('the lookup of a webhook send', () => {
  /** A resolver that answers these addresses for any name, the way dns.lookup answers with all: true. */
  const resolving = (...addresses: LookupAddress[]) =>
    ((_: string, __: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) =>
      callback(null, addresses)) as unknown as typeof import('node:dns').lookup;
  const ask = (resolve: typeof import('node:dns').lookup, all: boolean) =>
    new Promise<{error: Error | null; address: unknown; family?: number}>((done) =>
      publicOnly(resolve)('hooks.example.org', {all}, (error, address, family) => done({error, address, family})),
    );

  it('hands over the checked addresses, one or all as the socket asks', async () => {
    const resolve = resolving({address: '93.184.215.14', family: 4}, {address: '2606:2800::1', family: 6});
    expect(await ask(resolve, false)).toEqual({error: null, address: '93.184.215.14', family: 4});
    expect((await ask(resolve, true)).address).toEqual([{address: '93.184.215.14', family: 4}, {address: '2606:2800::1', family: 6}]);
  });

  it('refuses a name with any internal address among its public ones', async () => {
    for (const all of [false, true]) {
      const {error} = await ask(resolving({address: '93.184.215.14', family: 4}, {address: '169.254.169.254', family: 4}), all);
      expect(error?.message).toContain('169.254.169.254');
    }
  });
});

describe('the webhook settings', () => {
  it('are on/off settings that refuse anything else', () => {
    expect(loadConfig({})).toMatchObject({webhookAllowHttp: false, webhookAllowPrivate: false});
    expect(loadConfig({KIRJASTO_WEBHOOK_ALLOW_PRIVATE: '1', KIRJASTO_WEBHOOK_ALLOW_HTTP: 'yes'})).toMatchObject({webhookAllowHttp: true, webhookAllowPrivate: true});
    expect(loadConfig({KIRJASTO_WEBHOOK_ALLOW_PRIVATE: 'off'}).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({KIRJASTO_WEBHOOK_ALLOW_PRIVATE: 'sometimes'})).toThrow(ConfigError);
    expect(() => loadConfig({KIRJASTO_WEBHOOK_ALLOW_HTTP: 'sometimes'})).toThrow(/KIRJASTO_WEBHOOK_ALLOW_HTTP/);
  });
});

describe.each(STORES)('webhook addresses on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let owner: Staff;
  let receiver: Server;
  let port = 0;
  const received: string[] = [];

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    owner = await signIn(env.url, demoEmail('owner'));
    receiver = createServer((req, res) => {
      received.push(req.url!);
      req.resume().on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    await env?.tearDown();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  const add = (url: string) => owner.call('POST', 'tenants/demo/webhooks', {url});
  const refused = async (response: Response, reason: string) => {
    const problem = await expectProblem(response, 400, 'validation');
    expect(problem.errors?.map((e) => e.path)).toEqual(['/url']);
    expect(problem.reason).toBe(reason);
    return problem.errors![0]!.message;
  };

  it('refuses http:// by default', async () => {
    expect(await refused(await add('http://93.184.215.14/hook'), 'https-required')).toMatch(/https:\/\//);
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://127.1/hook',
    'https://2130706433/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://10.1.2.3/hook',
    'https://172.16.5.4/hook',
    'https://192.168.1.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]/hook',
    'https://[fd00:ec2::254]/hook',
    'https://0.0.0.0/hook',
    'https://[::]/hook',
    'https://224.0.0.251/hook',
    'https://[ff02::1]/hook',
  ])('refuses %s, an internal address, when saved', async (url) => {
    expect(await refused(await add(url), 'internal-address')).toMatch(/internal/);
  });

  it('refuses an internal address in a change too, and keeps the old one', async () => {
    const hook = await json<{id: string}>(await add('https://93.184.215.14/hook'), 201);
    await refused(await owner.call('PATCH', `tenants/demo/webhooks/${hook.id}`, {url: 'https://169.254.169.254/'}), 'internal-address');
    const {webhooks} = await json<{webhooks: {id: string; url: string}[]}>(await owner.call('GET', 'tenants/demo/webhooks'), 200);
    expect(webhooks.find((w) => w.id === hook.id)?.url).toBe('https://93.184.215.14/hook');
    expect((await owner.call('DELETE', `tenants/demo/webhooks/${hook.id}`)).status).toBe(204);
  });

  it('keeps a public address, and a name that does not resolve now (each send checks again)', async () => {
    await json(await add('https://93.184.215.14/hook'), 201);
    await json(await add('https://[2606:4700::1111]/hook'), 201);
    await json(await add('https://hooks.kirjasto.invalid/hook'), 201);
  });

  /** A delivery to one of the library's endpoints, stored as an older server or another setting let it be. */
  async function storedEndpoint(url: string): Promise<Delivery> {
    const id = `hook-${received.length}-${Math.random().toString(36).slice(2, 8)}`;
    await env.store.db.query(`insert into alert_webhooks (id, tenant_id, url, secret, description, enabled) values ($1, 'demo', $2, $3, '', true)`, [
      id,
      url,
      'whsec_' + Buffer.alloc(24, 1).toString('base64'),
    ]);
    const payload = {type: 'alerts.test' as const, timestamp: new Date().toISOString(), data: {tenant: 'demo'}};
    return {id: '1', tenantId: 'demo', channel: 'webhook', target: id, messageId: `msg_${id}`, eventType: payload.type, payload, attempts: 0};
  }
  const sender = (overrides: Parameters<typeof testConfig>[0]) => new Sender(env.store.db, testConfig(overrides));

  it('refuses to send to an internal address saved before, by address or by a name that resolves to one, and sends nothing', async () => {
    const http = sender({webhookAllowHttp: true});
    for (const url of [`http://127.0.0.1:${port}/by-address`, `http://localhost:${port}/by-name`, `http://[::ffff:127.0.0.1]:${port}/mapped`]) {
      const sent = http.send(await storedEndpoint(url));
      await expect(sent).rejects.toBeInstanceOf(FinalFailure);
      await expect(sent).rejects.toThrow(/internal/);
    }
    const https = sender({});
    await expect(https.send(await storedEndpoint(`http://93.184.215.14:${port}/plain`))).rejects.toThrow(/https:\/\//);
    expect(received).toEqual([]);
  });

  it('sends to local receivers when the operator allows internal addresses and http (tests, development)', async () => {
    const local = sender({webhookAllowHttp: true, webhookAllowPrivate: true});
    await local.send(await storedEndpoint(`http://localhost:${port}/allowed`));
    expect(received).toEqual(['/allowed']);
    const allowed = await startServer(env.store.db, testConfig({demo: true, rateLimitSignIns: 100_000, webhookAllowHttp: true, webhookAllowPrivate: true}));
    try {
      const staff = await signIn(allowed.url, demoEmail('owner'));
      await json(await staff.call('POST', 'tenants/demo/webhooks', {url: `http://127.0.0.1:${port}/saved`}), 201);
    } finally {
      await allowed.close();
    }
  });
});

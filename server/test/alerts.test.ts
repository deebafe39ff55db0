import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {serve} from '@hono/node-server';
import {SMTPServer} from 'smtp-server';
import {Webhook} from 'standardwebhooks';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {lastWeek} from '../src/alerts/digest.js';
import {AlertWorker} from '../src/alerts/worker.js';
import {createApp} from '../src/app.js';
import type {Config} from '../src/config.js';
import type {Db} from '../src/db/db.js';
import {migrate} from '../src/db/migrate.js';
import {registerKiosk} from '../src/kiosk/devices.js';
import {Secrets} from '../src/secrets.js';
import {openPostgres} from '../src/db/postgres.js';
import {seedDemo} from '../src/demo/seed.js';
import {demoEmail, json, OTHER_OWNER, seedStaff, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, STORES, testConfig, type OpenedStore} from './helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

interface Mail {
  to: string[];
  raw: string;
}
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listening = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const smtpListening = (server: SMTPServer) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));

/** A message's text as a reader sees it: quoted-printable undone (soft line breaks, =XX bytes). */
const readable = (raw: string) =>
  Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

/** The app with its alert worker on a real socket, the way main.ts starts them. */
async function startInstance(db: Db, config: Config) {
  const alerts = new AlertWorker(db, config);
  const app = createApp({db, config, alerts});
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({fetch: app.fetch, port: 0, hostname: '127.0.0.1'}, () => resolve(s));
  });
  alerts.start();
  return {
    alerts,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await alerts.stop();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('the week of a digest', () => {
  it('is the ISO week before, in the library time zone', () => {
    expect(lastWeek(new Date('2026-01-05T10:00:00Z'), 'Europe/Helsinki')).toEqual({from: '2025-12-29', to: '2026-01-05', week: '2026-W01'});
    // Sunday 22:30 UTC is already Monday in Helsinki
    expect(lastWeek(new Date('2026-12-06T22:30:00Z'), 'Europe/Helsinki')).toEqual({from: '2026-11-30', to: '2026-12-07', week: '2026-W49'});
    expect(lastWeek(new Date('2026-12-06T20:30:00Z'), 'Europe/Helsinki').week).toBe('2026-W48');
    expect(lastWeek(new Date('2021-01-04T12:00:00Z'), 'Europe/Helsinki').week).toBe('2020-W53');
  });
});

describe.each(STORES)('alerts and digests on $name', (kind) => {
  const mails: Mail[] = [];
  const received: Received[] = [];
  const failFirst = new Map<string, number>(); // path → failures left
  let smtp: SMTPServer;
  let receiver: Server;
  let hookBase = '';
  let store: OpenedStore;
  let config: Config;
  let instance: Awaited<ReturnType<typeof startInstance>>;
  let owner: Staff;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({to: session.envelope.rcptTo.map((r) => r.address), raw: readable(raw)});
          callback();
        });
      },
    });
    const smtpPort = await smtpListening(smtp);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const left = failFirst.get(req.url!) ?? 0;
        const status = left > 0 ? 500 : 204;
        if (left > 0) failFirst.set(req.url!, left - 1);
        received.push({path: req.url!, headers: req.headers, body, status});
        res.writeHead(status).end();
      });
    });
    hookBase = `http://127.0.0.1:${await listening(receiver)}`;
    store = await kind.open();
    await migrate(store.db);
    await seedDemo(store.db);
    await seedStaff(store.db);
    config = testConfig({
      demo: true,
      rateLimitSignIns: 100_000,
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      smtpFrom: 'palaute@kirjasto.test',
      alertPollMs: 50,
      alertRetryBaseMs: 300,
      alertMaxAttempts: 4,
      // the receiver is on this machine, over http
      webhookAllowHttp: true,
      webhookAllowPrivate: true,
    });
    instance = await startInstance(store.db, config);
    owner = await signIn(instance.url, demoEmail('owner'));
  }, 60_000);

  afterAll(async () => {
    await instance?.stop();
    await store?.cleanup();
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  const settings = (overrides: Record<string, unknown> = {}) => ({
    surge: {enabled: true, minAnswers: 4, windowMinutes: 15, lowShare: 0.5, cooldownMinutes: 120},
    digest: {enabled: false},
    recipients: ['johtaja@kirjasto.test'],
    branches: [],
    ...overrides,
  });
  /** A save the way the console makes it: from the settings as read, their ETag in If-Match. */
  const putAlerts = async (body: unknown) => {
    const etag = (await owner.call('GET', 'tenants/demo/alerts')).headers.get('etag')!;
    return owner.call('PUT', 'tenants/demo/alerts', body, {'If-Match': etag});
  };
  const addWebhook = async (path: string) =>
    json<{id: string; secret: string; url: string}>(await owner.call('POST', 'tenants/demo/webhooks', {url: `${hookBase}${path}`, description: path}), 201);
  const deliveries = async () =>
    (await json<{deliveries: {id: string; eventType: string; channel: string; target: string; status: string; attempts: number; lastError: string | null; messageId: string}[]}>(
      await owner.call('GET', 'tenants/demo/alerts/deliveries'),
      200,
    )).deliveries;

  it('lets owners set alerts and webhooks, moderators see them, and nobody else', async () => {
    const defaults = await json<{surge: {minAnswers: number; windowMinutes: number; lowShare: number}}>(await owner.call('GET', 'tenants/demo/alerts'), 200);
    expect(defaults.surge).toMatchObject({minAnswers: 4, windowMinutes: 15, lowShare: 0.5});
    const moderator = await signIn(instance.url, demoEmail('moderator'));
    const editor = await signIn(instance.url, demoEmail('editor'));
    await expectProblem(await moderator.call('PUT', 'tenants/demo/alerts', settings()), 403, 'forbidden');
    await expectProblem(await moderator.call('POST', 'tenants/demo/webhooks', {url: `${hookBase}/x`}), 403, 'forbidden');
    await expectProblem(await editor.call('GET', 'tenants/demo/alerts/deliveries'), 403, 'forbidden');
    expect((await moderator.call('GET', 'tenants/demo/alerts/deliveries')).status).toBe(200);
    const bad = await expectProblem(await putAlerts(settings({branches: [{branch: 'no-such', surge: settings().surge, recipients: []}]})), 400, 'validation');
    expect(bad.errors?.[0]?.path).toBe('/branches/0/branch');
    await expectProblem(await putAlerts(settings({recipients: ['not an address']})), 400, 'validation');
    await expectProblem(await owner.call('POST', 'tenants/demo/webhooks', {url: 'ftp://example.org/'}), 400, 'validation');
    const saved = await json<{recipients: string[]}>(await putAlerts(settings()), 200);
    expect(saved.recipients).toEqual(['johtaja@kirjasto.test']);
    const audited = await store.db.query<{action: string}>(`select action from audit_log where tenant_id = 'demo' and subject_kind = 'alerts'`);
    expect(audited.map((a) => a.action)).toContain('update');
  });

  it('refuses a save made from settings someone else has saved since (If-Match), the first save too', async () => {
    await expectProblem(await owner.call('PUT', 'tenants/demo/alerts', settings()), 428, 'precondition-required');
    const read = await owner.call('GET', 'tenants/demo/alerts');
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"v\d+"$/);
    const colleague = await signIn(instance.url, demoEmail('owner'));
    const first = await colleague.call('PUT', 'tenants/demo/alerts', settings({recipients: ['kollega@kirjasto.test']}), {'If-Match': etag});
    expect(first.status).toBe(200);
    const newer = first.headers.get('etag')!;
    expect(newer).not.toBe(etag);
    const stale = await expectProblem(await owner.call('PUT', 'tenants/demo/alerts', settings({recipients: ['mina@kirjasto.test']}), {'If-Match': etag}), 412, 'precondition-failed');
    expect(stale.etag).toBe(newer);
    const kept = await owner.call('GET', 'tenants/demo/alerts');
    expect(kept.headers.get('etag')).toBe(newer);
    expect(((await kept.json()) as {recipients: string[]}).recipients).toEqual(['kollega@kirjasto.test']);

    // a library that never saved any: two saves from the same defaults, at once; one of them wins
    const other = await signIn(instance.url, OTHER_OWNER);
    const defaults = (await other.call('GET', 'tenants/other/alerts')).headers.get('etag')!;
    const both = await Promise.all(
      ['eka@kirjasto.test', 'toka@kirjasto.test'].map((to) => other.call('PUT', 'tenants/other/alerts', settings({recipients: [to]}), {'If-Match': defaults})),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = (await both.find((r) => r.status === 200)!.json()) as {recipients: string[]};
    expect(((await (await other.call('GET', 'tenants/other/alerts')).json()) as {recipients: string[]}).recipients).toEqual(winner.recipients);
  });

  it('sends one email and one signed webhook for a surge of low ratings, without comments or voter hashes', async () => {
    await json(await putAlerts(settings()), 200);
    // a rating of its own: the demo ratings' seeded answers are all from the last minutes
    await store.db.query(
      `insert into ratings (id, tenant_id, question, scale, comment_mode, low_threshold, opens_at) values ('alert-rating', 'demo', '{"fi": "Miten meni?"}', 'smileys-5', 'after-low', 2, now() - interval '1 day')`,
    );
    const hook = await addWebhook('/surge');
    const listed = await json<{webhooks: Record<string, unknown>[]}>(await owner.call('GET', 'tenants/demo/webhooks'), 200);
    expect(listed.webhooks.find((w) => w.id === hook.id)).not.toHaveProperty('secret');
    expect(hook.secret).toMatch(/^whsec_/);
    const voter = newVoter();
    // A registered kiosk: only its answers count as kiosk, without the web's one answer a day.
    const kiosk = {'Kirjasto-Kiosk': (await registerKiosk(store.db, new Secrets(store.db), {tenantId: 'demo'})).token};
    const answer = (score: number, comment?: string) =>
      postResponse(instance.url, 'alert-rating', {responseId: newResponseId(), voter, score, channel: 'kiosk', location: 'demo-central', ...(comment ? {comment} : {})}, {headers: kiosk});
    // three answers, two of them low: not yet four
    for (const [score, comment] of [[1, 'SALAINEN-KOMMENTTI'], [5], [2]] as const) expect((await answer(score, comment)).status).toBe(201);
    await sleep(600);
    expect(mails).toHaveLength(0);
    expect((await answer(1)).status).toBe(201);
    await until('the surge email', () => mails.length === 1);
    await until('the surge webhook', () => received.some((r) => r.path === '/surge'));
    const mail = mails[0]!;
    expect(mail.to).toEqual(['johtaja@kirjasto.test']);
    expect(mail.raw).toMatch(/^Subject: .*heikkoja arvioita/m);
    expect(mail.raw).toContain('alert-rating');
    const call = received.find((r) => r.path === '/surge')!;
    const event = new Webhook(hook.secret).verify(call.body, call.headers as Record<string, string>) as {type: string; data: Record<string, unknown>};
    expect(event.type).toBe('rating.low-surge');
    expect(event.data).toMatchObject({ratingId: 'alert-rating', branch: null, answers: 4, low: 3, windowMinutes: 15});
    // a tampered body does not verify
    expect(() => new Webhook(hook.secret).verify(call.body.replace('"low":3', '"low":0'), call.headers as Record<string, string>)).toThrow();
    const hashes = await store.db.query<{voter_hash: string}>(`select voter_hash from rating_responses where rating_id = 'alert-rating'`);
    for (const text of [mail.raw, call.body]) {
      expect(text).not.toContain('SALAINEN');
      expect(text).not.toContain(voter);
      for (const {voter_hash} of hashes) expect(text).not.toContain(voter_hash);
    }
    // the same surge goes on: the cool-down keeps it to one alert
    for (let i = 0; i < 4; i++) expect((await answer(1)).status).toBe(201);
    await sleep(800);
    expect(mails).toHaveLength(1);
    expect(received.filter((r) => r.path === '/surge')).toHaveLength(1);
    const shown = await deliveries();
    expect(shown.filter((d) => d.eventType === 'rating.low-surge').map((d) => [d.channel, d.status]).sort()).toEqual([['email', 'delivered'], ['webhook', 'delivered']]);
    await json(await owner.call('PATCH', `tenants/demo/webhooks/${hook.id}`, {enabled: false}), 200);
  }, 30_000);

  it("alerts a branch's own recipients on that branch's answers, with the branch's own settings", async () => {
    const branchSurge = {enabled: true, minAnswers: 2, windowMinutes: 5, lowShare: 1, cooldownMinutes: 60};
    await json(await putAlerts(settings({branches: [{branch: 'demo-village', surge: branchSurge, recipients: ['kyla@kirjasto.test']}]})), 200);
    const before = mails.length;
    const answer = (score: number, location: string) =>
      postResponse(instance.url, 'alert-rating', {responseId: newResponseId(), voter: newVoter(), score, channel: 'kiosk', location});
    // low answers elsewhere do not count for the village
    expect((await answer(1, 'demo-central')).status).toBe(201);
    expect((await answer(1, 'demo-village')).status).toBe(201);
    await sleep(600);
    expect(mails).toHaveLength(before);
    expect((await answer(2, 'demo-village')).status).toBe(201);
    await until('the branch alert', () => mails.length === before + 1);
    expect(mails.at(-1)!.to).toEqual(['kyla@kirjasto.test']);
    expect(mails.at(-1)!.raw).toContain('demo-village');
    const saved = await json<{branches: {branch: string}[]}>(await owner.call('GET', 'tenants/demo/alerts'), 200);
    expect(saved.branches.map((b) => b.branch)).toEqual(['demo-village']);
    await json(await putAlerts(settings()), 200);
  }, 30_000);

  it('retries a webhook that failed, with the same webhook-id, until it is delivered', async () => {
    const hook = await addWebhook('/flaky');
    failFirst.set('/flaky', 2);
    const queued = await json<{queued: number}>(await owner.call('POST', 'tenants/demo/alerts/test', {webhook: hook.id}), 202);
    expect(queued.queued).toBe(1);
    await until('three attempts', () => received.filter((r) => r.path === '/flaky').length === 3);
    const attempts = received.filter((r) => r.path === '/flaky');
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 204]);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const a of attempts) new Webhook(hook.secret).verify(a.body, a.headers as Record<string, string>);
    await until('the delivery shown as delivered', async () => (await deliveries()).some((d) => d.target === hook.id && d.status === 'delivered'));
    const shown = (await deliveries()).find((d) => d.target === hook.id)!;
    expect(shown).toMatchObject({attempts: 3, status: 'delivered', lastError: null, messageId: attempts[0]!.headers['webhook-id']});
    await json(await owner.call('PATCH', `tenants/demo/webhooks/${hook.id}`, {enabled: false}), 200);
  }, 30_000);

  it('shows a delivery that keeps failing as failed, with its last error', async () => {
    const hook = await addWebhook('/broken');
    failFirst.set('/broken', 100);
    await json(await owner.call('POST', 'tenants/demo/alerts/test', {webhook: hook.id}), 202);
    await until('the delivery given up', async () => (await deliveries()).some((d) => d.target === hook.id && d.status === 'failed'), 20_000);
    const shown = (await deliveries()).find((d) => d.target === hook.id)!;
    expect(shown).toMatchObject({attempts: 4, lastError: 'The endpoint answered 500.'});
    const moderator = await signIn(instance.url, demoEmail('moderator'));
    const failed = await json<{deliveries: {id: string}[]}>(await moderator.call('GET', 'tenants/demo/alerts/deliveries?status=failed'), 200);
    expect(failed.deliveries.map((d) => d.id)).toContain(shown.id);
    expect((await owner.call('DELETE', `tenants/demo/webhooks/${hook.id}`)).status).toBe(204);
  }, 30_000);

  it('keeps a queued delivery through a restart and sends it after', async () => {
    const hook = await addWebhook('/restart');
    await instance.alerts.stop(); // nothing is sent now
    await json(await owner.call('POST', 'tenants/demo/alerts/test', {webhook: hook.id}), 202);
    await sleep(300);
    expect(received.filter((r) => r.path === '/restart')).toHaveLength(0);
    await instance.stop();
    const db = await store.reopen();
    instance = await startInstance(db, config);
    owner = await signIn(instance.url, demoEmail('owner'));
    await until('the delivery after the restart', () => received.some((r) => r.path === '/restart'));
    const call = received.find((r) => r.path === '/restart')!;
    expect((new Webhook(hook.secret).verify(call.body, call.headers as Record<string, string>) as {type: string}).type).toBe('alerts.test');
    await json(await owner.call('PATCH', `tenants/demo/webhooks/${hook.id}`, {enabled: false}), 200);
  }, 30_000);

  it('sends the weekly digest once, under the small-numbers rule, across instances and restarts', async () => {
    const hook = await addWebhook('/digest');
    const week = lastWeek(new Date(), 'Europe/Helsinki');
    await store.db.query(
      `insert into rating_day_counts (rating_id, day, channel, branch_id, score, count) values
         ('demo-stars', $1::date, 'kiosk', 'demo-central', 5, 20), ('demo-rating', $1::date + 2, 'web', '', 4, 7), ('demo-nps', $1::date, 'qr', '', 3, 2)`,
      [week.from],
    );
    await store.db.query(`insert into poll_day_counts (poll_id, day, channel, branch_id, votes, other) values ('demo-poll', $1::date + 6, 'web', '', 12, 0)`, [week.from]);
    // a day of the week after: not in the digest
    await store.db.query(`insert into poll_day_counts (poll_id, day, channel, branch_id, votes, other) values ('demo-poll', $1::date, 'web', '', 1000, 0)`, [week.to]);
    await instance.alerts.stop();
    await json(await putAlerts(settings({digest: {enabled: true}})), 200);

    // a second instance on the same database: the two race for the digest
    let second: Db = store.db;
    if (kind.name === 'postgres') {
      const [{search_path}] = (await store.db.query<{search_path: string}>('show search_path')) as [{search_path: string}];
      second = openPostgres(process.env.DATABASE_URL!, {searchPath: search_path});
    }
    const workers = [new AlertWorker(store.db, config), new AlertWorker(second, config)];
    await Promise.all(workers.map((w) => w.turn()));
    await Promise.all(workers.map((w) => w.turn()));
    if (second !== store.db) await second.close();
    await until('the digest webhook', () => received.some((r) => r.path === '/digest'));
    await until('the digest email', () => mails.some((m) => /viikkokooste/.test(m.raw)));
    await sleep(300);
    expect(received.filter((r) => r.path === '/digest')).toHaveLength(1);
    expect(mails.filter((m) => /viikkokooste/.test(m.raw))).toHaveLength(1);

    const call = received.find((r) => r.path === '/digest')!;
    const digest = new Webhook(hook.secret).verify(call.body, call.headers as Record<string, string>) as {type: string; data: Record<string, unknown>};
    expect(digest.type).toBe('digest.weekly');
    expect(digest.data).toMatchObject({week: week.week, from: week.from, votes: 12, answers: 29});
    // demo-nps (2) is too few; demo-rating (7) is hidden with it, or 29 − 20 would give it away
    expect(digest.data.ratings).toEqual([
      {id: 'demo-nps', title: expect.any(String), count: {suppressed: true}},
      {id: 'demo-rating', title: expect.any(String), count: {suppressed: true}},
      {id: 'demo-stars', title: expect.any(String), count: 20},
    ]);
    const mail = mails.find((m) => /viikkokooste/.test(m.raw))!;
    expect(mail.raw).toContain('liian v');

    // a restart (new workers, the store reopened) does not send last week's digest again
    await instance.stop();
    const db = await store.reopen();
    instance = await startInstance(db, config);
    owner = await signIn(instance.url, demoEmail('owner'));
    await instance.alerts.turn();
    await sleep(300);
    expect(received.filter((r) => r.path === '/digest')).toHaveLength(1);
    const [row] = await db.query<{last: string}>(`select digest_last_week::text as last from alert_settings where tenant_id = 'demo' and branch_id = ''`);
    expect(row!.last).toBe(week.from);
  }, 60_000);
});

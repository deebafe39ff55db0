import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoEmail, json, setUpAdmin, signIn} from './admin-helpers.js';
import {expectProblem, newVoter, startServer, STORES, testConfig} from './helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

interface Unlocked {
  device: {id: string; label: string; branchId: string | null};
  kioskToken?: string;
}

describe.each(STORES)('registered kiosks on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  const unlock = (body: unknown, token?: string) =>
    fetch(`${url}/api/v1/kiosk/unlock`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', ...(token ? {'Kirjasto-Kiosk': token} : {})},
      body: JSON.stringify(body),
    });
  const register = async (location = 'demo-central') => json<Unlocked>(await unlock({rating: 'demo-rating', pin: '2468', location}), 200);
  const kioskAnswer = (voter: string, token: string | undefined, score = 4, rating = 'demo-stars') =>
    postResponse(url, rating, {responseId: newResponseId(), score, voter, channel: 'kiosk', location: 'demo-central'}, {headers: token ? {'Kirjasto-Kiosk': token} : {}});
  const channelOf = async (voter: string) => {
    const {Secrets} = await import('../src/secrets.js');
    const hash = await new Secrets(env.store.db).voterHash('demo', voter);
    return (await env.store.db.query<{channel: string}>('select channel from rating_responses where voter_hash = $1 order by created_at', [hash])).map((r) => r.channel);
  };

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
  });
  afterAll(() => env?.tearDown());

  it('registers the device on unlock and hands it a token, kept only as a hash', async () => {
    const first = await register();
    expect(first.kioskToken).toMatch(/^kk_[A-Za-z0-9_-]{43}$/);
    expect(first.device).toEqual({id: expect.stringMatching(/^kiosk-[0-9a-f]{10}$/), label: expect.stringMatching(/^Kiosk /), branchId: 'demo-central'});
    const rows = await env.store.db.query<Record<string, unknown>>('select * from kiosk_devices where id = $1', [first.device.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tenant_id).toBe('demo');
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows), 'no raw token in the table').not.toContain(first.kioskToken!.slice(3));

    // unlocking again with its token keeps the device (staff leaving the kiosk): no new token
    const again = await json<Unlocked>(await unlock({rating: 'demo-rating', pin: '2468'}, first.kioskToken), 200);
    expect(again).toEqual({device: first.device});
    // a wrong PIN registers nothing
    const count = async () => (await env.store.db.query<{n: number}>('select count(*)::int as n from kiosk_devices')).at(0)!.n;
    const before = await count();
    await expectProblem(await unlock({rating: 'demo-rating', pin: '1111', location: 'demo-central'}), 403, 'wrong-pin');
    expect(await count()).toBe(before);

    // the kiosk page asks whether it is registered
    const who = (token?: string, rating = 'demo-rating') => fetch(`${url}/api/v1/kiosk/device?rating=${rating}`, {headers: token ? {'Kirjasto-Kiosk': token} : {}});
    expect(await json(await who(first.kioskToken), 200)).toEqual({device: first.device});
    await expectProblem(await who(), 404, 'not-found');
    await expectProblem(await who('kk_' + 'A'.repeat(43)), 404, 'not-found');
  });

  it('counts answers with a valid kiosk token as kiosk, many from one device a day', async () => {
    const {kioskToken} = await register();
    const voter = newVoter(); // a kiosk's one voter token serves every patron
    for (let i = 0; i < 5; i++) expect((await kioskAnswer(voter, kioskToken, 1 + i)).status).toBe(201);
    expect(await channelOf(voter)).toEqual(Array(5).fill('kiosk'));
  });

  it('counts a claimed kiosk answer without a valid token as web, once a day', async () => {
    const voter = newVoter();
    expect((await kioskAnswer(voter, undefined)).status).toBe(201);
    await expectProblem(await kioskAnswer(voter, undefined), 409, 'already-rated');
    const forged = newVoter();
    expect((await kioskAnswer(forged, 'kk_' + 'B'.repeat(43))).status).toBe(201);
    await expectProblem(await kioskAnswer(forged, 'kk_' + 'B'.repeat(43)), 409, 'already-rated');
    await expectProblem(await kioskAnswer(forged, 'not even a token'), 409, 'already-rated');
    expect(await channelOf(voter)).toEqual(['web']);
    expect(await channelOf(forged)).toEqual(['web']);
  });

  it("counts a kiosk of another library as web here", async () => {
    const {insertTenant} = await import('../src/tenants/store.js');
    await insertTenant(env.store.db, {id: 'third', name: 'Kolmas', allowedOrigins: []}).catch(() => {});
    await env.store.db.query("insert into ratings (id, tenant_id, question, scale) values ('third-rating', 'third', '{\"fi\": \"Miten meni?\"}', 'stars-5') on conflict do nothing");
    const {setKioskPin} = await import('../src/kiosk/pin.js');
    await setKioskPin(env.store.db, 'third', '1357');
    const {kioskToken} = await json<Unlocked>(await unlock({rating: 'third-rating', pin: '1357'}), 200);
    const voter = newVoter();
    expect((await kioskAnswer(voter, kioskToken)).status).toBe(201);
    await expectProblem(await kioskAnswer(voter, kioskToken), 409, 'already-rated');
    expect(await channelOf(voter)).toEqual(['web']);
  });

  it('lets owners list and revoke kiosks (audited); a revoked kiosk counts as web', async () => {
    const {device, kioskToken} = await register('demo-village');
    const voter = newVoter();
    expect((await kioskAnswer(voter, kioskToken)).status).toBe(201);

    const owner = await signIn(url, demoEmail('owner'));
    const {kiosks} = await json<{kiosks: {id: string; label: string; branchId: string | null; lastSeenAt: string | null; revokedAt: string | null}[]}>(
      await owner.call('GET', 'tenants/demo/kiosks'),
      200,
    );
    const listed = kiosks.find((k) => k.id === device.id)!;
    expect(listed).toMatchObject({label: device.label, branchId: 'demo-village', revokedAt: null});
    expect(listed.lastSeenAt).not.toBeNull();
    expect(JSON.stringify(kiosks)).not.toMatch(/kk_|token/i);
    const editor = await signIn(url, demoEmail('editor'));
    await expectProblem(await editor.call('GET', 'tenants/demo/kiosks'), 403, 'forbidden');
    await expectProblem(await editor.call('DELETE', `tenants/demo/kiosks/${device.id}`), 403, 'forbidden');

    expect((await owner.call('DELETE', `tenants/demo/kiosks/${device.id}`)).status).toBe(204);
    expect((await owner.call('DELETE', `tenants/demo/kiosks/${device.id}`)).status).toBe(204);
    await expectProblem(await owner.call('DELETE', 'tenants/demo/kiosks/kiosk-nothing'), 404, 'not-found');
    const audit = await env.store.db.query<{action: string}>("select action from audit_log where subject_kind = 'kiosk' and subject_id = $1", [device.id]);
    expect(audit.map((a) => a.action)).toEqual(['revoke']);
    const after = await json<{kiosks: {id: string; revokedAt: string | null}[]}>(await owner.call('GET', 'tenants/demo/kiosks'), 200);
    expect(after.kiosks.find((k) => k.id === device.id)!.revokedAt).not.toBeNull();

    expect((await kioskAnswer(voter, kioskToken)).status).toBe(201); // a kiosk answer leaves no one-a-day mark
    await expectProblem(await kioskAnswer(voter, kioskToken), 409, 'already-rated');
    expect(await channelOf(voter)).toEqual(['kiosk', 'web']);
    await expectProblem(await fetch(`${url}/api/v1/kiosk/device?rating=demo-rating`, {headers: {'Kirjasto-Kiosk': kioskToken!}}), 404, 'not-found');
    // unlocking the revoked kiosk registers it anew
    const renewed = await json<Unlocked>(await unlock({rating: 'demo-rating', pin: '2468'}, kioskToken), 200);
    expect(renewed.kioskToken).toBeDefined();
    expect(renewed.device.id).not.toBe(device.id);
  });

  it('gives a kiosk a write limit of its own, not the patron limits of its address', async () => {
    // patrons: 2 writes a minute; each kiosk: 4 writes per 10 s
    const server = await startServer(env.store.db, testConfig({rateLimitWrites: 2, rateLimitKiosk: 4}));
    try {
      const post = (voter: string, token?: string) =>
        postResponse(server.url, 'demo-rating', {responseId: newResponseId(), score: 3, voter, channel: 'kiosk'}, {headers: token ? {'Kirjasto-Kiosk': token} : {}});
      const {kioskToken} = await json<Unlocked>(
        await fetch(`${server.url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin: '2468'})}),
        200,
      );
      const voter = newVoter();
      for (let i = 0; i < 4; i++) expect((await post(voter, kioskToken)).status).toBe(201);
      const limited = await post(voter, kioskToken);
      const problem = await expectProblem(limited, 429, 'rate-limited');
      expect(problem.detail).toMatch(/answers from this kiosk/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
      // the kiosk's answers did not use up the patrons' limits on its address (the unlock took one)
      const patron = newVoter();
      expect((await post(patron)).status).toBe(201);
      expect((await post(patron)).status).toBe(409); // claims kiosk without a token: web, once a day
      await expectProblem(await post(patron), 429, 'rate-limited'); // the web's limit: two writes a minute
    } finally {
      await server.close();
    }
  });

  it('allows the header in CORS preflights', async () => {
    const response = await fetch(`${url}/api/v1/ratings/demo-rating/responses`, {
      method: 'OPTIONS',
      headers: {Origin: 'http://localhost:8787', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'kirjasto-kiosk'},
    });
    expect(response.headers.get('access-control-allow-headers')).toContain('Kirjasto-Kiosk');
  });
});

import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {migrate} from '../src/db/migrate.js';
import {seedDemo} from '../src/demo/seed.js';
import {registerKiosk} from '../src/kiosk/devices.js';
import {Secrets} from '../src/secrets.js';
import {libraryDay} from '../src/tenants/time.js';
import {demoEmail, json, seedStaff, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, setUp, STORES, testConfig} from './helpers.js';
import {kill, pgliteStore, startProcess, type ProcessStore, type ServerProcess} from './hardening-process.js';
import {formToken, postIdea} from './ideas-helpers.js';
import {newResponseId, postComment, postResponse} from './ratings-helpers.js';

const FORMULA = "=cmd|' /C calc'!A0";
const AT_FORMULA = '@SUM(1)';
const BOM = '\uFEFF';
const RATING = 'export-nps';

/** A small RFC 4180 reader: quoted fields with doubled quotes, CRLF records. Throws on anything else. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === separator) {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
      continue;
    }
    throw new Error(`expected a separator or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
  }
}

interface Csv {
  response: Response;
  raw: string;
  header: string[];
  records: Record<string, string>[];
}

async function download(staff: Staff, path: string, separator = ','): Promise<Csv> {
  const response = await staff.call('GET', `tenants/demo/exports/${path}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const raw = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes);
  expect(response.status, raw).toBe(200);
  expect(raw.startsWith(BOM), 'starts with a byte order mark').toBe(true);
  const [header, ...rows] = parseCsv(raw.slice(1), separator);
  return {response, raw, header: header!, records: rows.map((r) => Object.fromEntries(header!.map((h, n) => [h, r[n]!])))};
}

describe.each(STORES)('CSV exports on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let moderator: Staff;
  let viewer: Staff;
  let editor: Staff;
  const voters: string[] = [];
  const today = libraryDay(new Date(), 'Europe/Helsinki');

  beforeAll(async () => {
    env = await setUp(kind, testConfig({demo: true, rateLimitSignIns: 100_000, rateLimitIdeas: 100_000}));
    await seedStaff(env.store.db);
    [moderator, viewer, editor] = await Promise.all([signIn(env.url, demoEmail('moderator')), signIn(env.url, demoEmail('viewer')), signIn(env.url, demoEmail('editor'))]);
    await json(await editor.call('POST', 'tenants/demo/ratings', {id: RATING, question: {fi: 'Suosittelisitko?'}, scale: 'nps', comment: 'always'}), 201);
    // Answers through the public API: a kiosk answer at the central branch, a QR answer at the village, a web one.
    // Answers count as kiosk only from a registered kiosk.
    const kiosk = {'Kirjasto-Kiosk': (await registerKiosk(env.store.db, new Secrets(env.store.db), {tenantId: 'demo'})).token};
    const headers = (channel: unknown) => ({headers: channel === 'kiosk' ? kiosk : {}});
    const respond = async (score: number, channel: string, location: string | undefined, comment?: string) => {
      const voter = newVoter();
      voters.push(voter);
      const responseId = newResponseId();
      expect((await postResponse(env.url, RATING, {responseId, score, voter, channel, ...(location ? {location} : {})}, headers(channel))).status).toBe(201);
      if (comment) expect((await postComment(env.url, RATING, responseId, {comment, voter})).status).toBe(200);
    };
    await respond(2, 'kiosk', 'demo-central', FORMULA);
    await respond(9, 'qr', 'demo-village', AT_FORMULA);
    await respond(10, 'web', undefined, 'Kiitos, "hyvä"; palvelu\nrivinvaihdolla');
    const vote = async (body: Record<string, unknown>) => {
      const voter = newVoter();
      voters.push(voter);
      expect((await postVote(env.url, 'demo-poll-multi', {voter, ...body}, headers(body.channel))).status).toBe(201);
    };
    await vote({optionIds: ['loans', 'events'], channel: 'kiosk', location: 'demo-central'});
    await vote({optionIds: ['spaces'], otherText: '+1 more chairs', channel: 'web'});
    const ideaVoter = newVoter();
    voters.push(ideaVoter);
    const idea = await postIdea(env.url, 'demo-ideas', {
      text: '-Lisää pistorasioita lukusaliin, kiitos',
      category: 'spaces',
      contact: 'patron@example.org',
      voter: ideaVoter,
      channel: 'qr',
      location: 'demo-village',
      formToken: await formToken(env.store.db, 'demo-ideas'),
    });
    expect(idea.status, await idea.clone().text()).toBe(201);
  });
  afterAll(async () => env?.tearDown());

  it('exports rating answers as RFC 4180 UTF-8 with a BOM, formulas neutralized, and no voter token or hash anywhere', async () => {
    const csv = await download(moderator, `ratings.csv?rating=${RATING}`);
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.response.headers.get('content-disposition')).toBe(`attachment; filename="demo-ratings-${RATING}.csv"`);
    expect(csv.response.headers.get('cache-control')).toBe('no-store');
    expect(csv.header).toEqual(['time', 'rating_id', 'channel', 'branch_id', 'branch', 'lang', 'scale', 'score', 'comment']);
    // Every record ends in CRLF; a line feed appears only inside a quoted field.
    expect(csv.raw.replaceAll(/"(?:[^"]|"")*"/g, '').replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(csv.raw.endsWith('\r\n')).toBe(true);
    const kiosk = csv.records.find((r) => r.channel === 'kiosk' && r.branch_id === 'demo-central')!;
    expect(kiosk).toMatchObject({rating_id: RATING, branch: 'Pääkirjasto', scale: 'nps', score: '2', comment: `'${FORMULA}`});
    expect(kiosk.time).toMatch(new RegExp(`^${today}T\\d{2}:\\d{2}:\\d{2}\\+0[23]:00$`));
    expect(csv.records.find((r) => r.channel === 'qr')!.comment).toBe(`'${AT_FORMULA}`);
    expect(csv.records.find((r) => r.channel === 'web' && r.score === '10')!.comment).toBe('Kiitos, "hyvä"; palvelu\nrivinvaihdolla');
    for (const record of csv.records) for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const hashes = await env.store.db.query<{voter_hash: string}>('select voter_hash from rating_responses union all select voter_hash from votes union all select voter_hash from idea_supports');
    for (const secret of [...voters, ...hashes.map((h) => h.voter_hash)]) expect(csv.raw).not.toContain(secret);
    const [{n}] = await env.store.db.query<{n: number}>("select count(*)::int as n from rating_responses where rating_id = $1", [RATING]);
    expect(csv.records).toHaveLength(n);
  });

  it('writes the semicolon variant a Finnish spreadsheet opens in columns', async () => {
    const csv = await download(moderator, `ratings.csv?rating=${RATING}&separator=semicolon`, ';');
    expect(csv.raw.slice(1, csv.raw.indexOf('\r\n'))).toBe('time;rating_id;channel;branch_id;branch;lang;scale;score;comment');
    expect(csv.records.find((r) => r.channel === 'web' && r.score === '10')!.comment).toBe('Kiitos, "hyvä"; palvelu\nrivinvaihdolla');
    expect(csv.records.find((r) => r.channel === 'kiosk' && r.branch_id === 'demo-central')!.comment).toBe(`'${FORMULA}`);
  });

  it('filters by channel, branch, language and days in the library time zone', async () => {
    const kiosk = await download(moderator, `ratings.csv?rating=${RATING}&channel=kiosk&branch=demo-central`);
    expect(kiosk.records.length).toBeGreaterThan(0);
    expect(kiosk.records.every((r) => r.channel === 'kiosk' && r.branch_id === 'demo-central')).toBe(true);
    expect(kiosk.records.some((r) => r.comment === `'${FORMULA}`)).toBe(true);
    // The demo seed's answers are older; only ours are from today.
    const todays = await download(moderator, `ratings.csv?rating=${RATING}&from=${today}&to=${today}`);
    expect(todays.records.map((r) => r.score).sort()).toEqual(['10', '2', '9']);
    const tomorrow = libraryDay(new Date(Date.now() + 86_400_000), 'Europe/Helsinki');
    expect((await download(moderator, `ratings.csv?from=${tomorrow}`)).records).toEqual([]);
    await env.store.db.query("update rating_responses set lang = 'sv' where rating_id = $1 and score = 9 and channel = 'qr'", [RATING]);
    const swedish = await download(moderator, 'ratings.csv?lang=sv');
    expect(swedish.records.map((r) => [r.rating_id, r.score, r.lang])).toEqual([[RATING, '9', 'sv']]);
    // The whole library: every rating of it.
    const all = await download(moderator, 'ratings.csv');
    const [{n}] = await env.store.db.query<{n: number}>("select count(*)::int as n from rating_responses r join ratings g on g.id = r.rating_id where g.tenant_id = 'demo'");
    expect(all.records).toHaveLength(n);
    expect(new Set(all.records.map((r) => r.rating_id)).size).toBeGreaterThan(1);
  });

  it('exports votes with option ids and their labels in the default language; other text for moderators only', async () => {
    const csv = await download(moderator, `votes.csv?poll=demo-poll-multi&from=${today}`);
    expect(csv.header).toEqual(['time', 'poll_id', 'channel', 'branch_id', 'branch', 'lang', 'option_ids', 'options', 'other_text']);
    expect(csv.records).toEqual([
      expect.objectContaining({channel: 'kiosk', branch_id: 'demo-central', option_ids: 'loans|events', options: 'Lainaus | Tapahtumat', other_text: ''}),
      expect.objectContaining({channel: 'web', branch_id: '', option_ids: 'spaces', options: 'Tilat ja laitteet', other_text: "'+1 more chairs"}),
    ]);
    const seen = await download(viewer, `votes.csv?poll=demo-poll-multi&from=${today}`);
    expect(seen.header).not.toContain('other_text');
    expect(seen.raw).not.toContain('more chairs');
  });

  it('gives a viewer and an editor no comment column, and contacts only to a moderator who asks for them', async () => {
    for (const staff of [viewer, editor]) {
      const csv = await download(staff, `ratings.csv?rating=${RATING}`);
      expect(csv.header).not.toContain('comment');
      expect(csv.raw).not.toContain('cmd|');
      await expectProblem(await staff.call('GET', 'tenants/demo/exports/ideas.csv?contacts=true'), 403, 'forbidden');
    }
    const ideas = await download(viewer, 'ideas.csv?box=demo-ideas');
    expect(ideas.header).not.toContain('contact');
    expect(ideas.raw).not.toContain('patron@example.org');
    const withContacts = await download(moderator, `ideas.csv?box=demo-ideas&contacts=true&from=${today}`);
    expect(withContacts.records).toEqual([
      expect.objectContaining({
        box_id: 'demo-ideas', channel: 'qr', branch_id: 'demo-village', text: "'-Lisää pistorasioita lukusaliin, kiitos",
        category: 'spaces', category_label: 'Tilat', state: 'published', status: 'new', supports: '0', contact: 'patron@example.org',
      }),
    ]);
  });

  it('exports ideas with supports, statuses and answers', async () => {
    const csv = await download(viewer, 'ideas.csv');
    expect(csv.header).toEqual(['time', 'idea_id', 'box_id', 'channel', 'branch_id', 'branch', 'lang', 'text', 'category', 'category_label', 'state', 'status', 'supports', 'merged_into', 'answer', 'answered_at']);
    const quiet = csv.records.find((r) => r.idea_id === 'demo-idea-quiet')!;
    expect(quiet.status).not.toBe('new');
    expect(quiet.answer.length).toBeGreaterThan(0);
    expect(quiet.answered_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    const [{n}] = await env.store.db.query<{n: number}>("select count(*)::int as n from ideas i join idea_boxes b on b.id = i.box_id where b.tenant_id = 'demo'");
    expect(csv.records).toHaveLength(n);
    const [{supports}] = await env.store.db.query<{supports: number}>("select supports from ideas where id = 'demo-idea-quiet'");
    expect(Number(quiet.supports)).toBeGreaterThanOrEqual(supports);
  });

  it('writes every export to the audit log with its filters, never its content', async () => {
    await download(moderator, `ideas.csv?box=demo-ideas&contacts=true&channel=qr&separator=semicolon`, ';');
    const [entry] = await env.store.db.query<{actor: string; action: string; subject_kind: string; subject_id: string | null; after: Record<string, unknown>}>(
      "select actor, action, subject_kind, subject_id, after from audit_log where tenant_id = 'demo' and action = 'export.download' order by id desc limit 1",
    );
    expect(entry).toMatchObject({actor: demoEmail('moderator'), subject_kind: 'idea-box', subject_id: 'demo-ideas'});
    expect(entry!.after).toMatchObject({export: 'ideas', box: 'demo-ideas', channel: 'qr', contacts: true, separator: 'semicolon', from: null});
    expect(JSON.stringify(entry!.after)).not.toContain('patron@example.org');
    const [{n}] = await env.store.db.query<{n: number}>("select count(*)::int as n from audit_log where action = 'export.download' and actor = $1", [demoEmail('viewer')]);
    expect(n).toBeGreaterThan(0);
  });

  it('answers problems for a bad filter, an unknown widget, another library and no sign-in', async () => {
    const bad = await expectProblem(await moderator.call('GET', 'tenants/demo/exports/votes.csv?from=2026-13-01&channel=fax'), 400, 'validation');
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['channel', 'from']);
    expect((await expectProblem(await moderator.call('GET', 'tenants/demo/exports/ratings.csv?from=2026-02-02&to=2026-02-01'), 400, 'validation')).errors![0]!.path).toBe('to');
    await expectProblem(await moderator.call('GET', 'tenants/demo/exports/ratings.csv?branch=nowhere'), 400, 'validation');
    await expectProblem(await moderator.call('GET', 'tenants/demo/exports/ratings.csv?rating=no-such-rating'), 404, 'not-found');
    await expectProblem(await moderator.call('GET', 'tenants/demo/exports/votes.csv?poll=demo-nps'), 404, 'not-found');
    await expectProblem(await moderator.call('GET', 'tenants/other/exports/votes.csv'), 403, 'forbidden');
    await expectProblem(await fetch(`${env.url}/api/v1/admin/tenants/demo/exports/votes.csv`), 401, 'unauthorized');
  });

});

// A server process of its own (the built server/dist), so that nothing in this test process gives the
// server's event loop a turn it would not get by itself.
describe('a large export on PGlite', () => {
  let store: ProcessStore;
  let server: ServerProcess;
  // The store (60,000 votes) and the process are set up under the hook's budget: on a loaded CI
  // machine they alone took most of a test's 30 s.
  beforeAll(async () => {
    store = await pgliteStore();
    const db = await store.open();
    await migrate(db);
    await seedDemo(db);
    await db.query(
      `insert into votes (poll_id, voter_hash, option_ids, channel, created_at)
       select 'demo-poll', 'bench-' || g, array['hours'], 'web', now() - g * interval '1 second' from generate_series(1, 60000) g`,
    );
    await db.close();
    server = await startProcess({...store.env, KIRJASTO_RATE_LIMIT_SIGN_INS: '100000', KIRJASTO_RATE_LIMIT_READS: '100000', KIRJASTO_RATE_LIMIT_WRITES: '100000'});
    await server.healthy();
  });
  afterAll(async () => {
    await kill(server);
    await store?.cleanup();
  });

  it('lets a patron vote while it streams', async () => {
    const moderator = await signIn(server.url, demoEmail('moderator'));
    const started = performance.now();
    const response = await moderator.call('GET', 'tenants/demo/exports/votes.csv?poll=demo-poll');
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let bytes = 0;
    let voteDone: number | undefined;
    let vote: Promise<void> | undefined;
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      bytes += value.length;
      vote ??= postVote(server.url, 'demo-poll', {optionIds: ['kids'], voter: newVoter(), channel: 'web'}).then((r) => {
        expect(r.status).toBe(201);
        voteDone = performance.now();
      });
    }
    const exportDone = performance.now();
    await vote;
    expect(bytes).toBeGreaterThan(60_000 * 30);
    expect(voteDone, `vote at ${voteDone! - started} ms, export done at ${exportDone - started} ms`).toBeLessThan(exportDone);
  });
});

import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readdir} from 'node:fs/promises';
import {migrate, MIGRATIONS_DIR} from '../src/db/migrate.js';
import {readPollCounts} from '../src/counting/counts.js';
import {seedDemo} from '../src/demo/seed.js';
import {newVoter, postVote, startServer, STORES, testConfig, type OpenedStore} from './helpers.js';

describe.each(STORES)('storage on $name', (kind) => {
  let store: OpenedStore;

  beforeAll(async () => {
    store = await kind.open();
  });
  afterAll(() => store?.cleanup());

  it('applies migrations once; a second run is a no-op', async () => {
    // every numbered file in server/migrations, in order
    const all = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort().map((f) => f.replace(/\.sql$/, ''));
    expect(all[0]).toBe('001_init');
    expect(await migrate(store.db)).toEqual(all);
    expect(await migrate(store.db)).toEqual([]);
    const rows = await store.db.query<{version: string}>('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(all);
  });

  it('survives several instances migrating at once', async () => {
    expect(await Promise.all([migrate(store.db), migrate(store.db), migrate(store.db)])).toEqual([[], [], []]);
  });

  it('seeds the demo content once, with counters that match the vote rows', async () => {
    expect(await seedDemo(store.db)).toBe(true);
    expect(await seedDemo(store.db)).toBe(false);
    const polls = await store.db.query<{id: string}>('select id from polls order by id');
    expect(polls.map((p) => p.id)).toEqual(['demo-poll', 'demo-poll-closed', 'demo-poll-hidden', 'demo-poll-multi', 'demo-poll-upcoming']);
    const branches = await store.db.query<{id: string}>('select id from branches order by id');
    expect(branches.map((b) => b.id)).toEqual(['demo-central', 'demo-village']);
    const [closed] = await store.db.query<{n: number}>("select count(*)::int as n from votes where poll_id = 'demo-poll-closed'");
    expect((await readPollCounts(store.db, 'demo-poll-closed')).votes).toBe(23);
    expect(closed!.n).toBe(23);
  });

  it('keeps an acknowledged vote after closing and reopening the store, and stores no raw voter token or address', async () => {
    const address = '198.51.100.213';
    const server = await startServer(store.db, testConfig({trustProxy: true}));
    const voter = newVoter();
    const response = await postVote(server.url, 'demo-poll-multi', {optionIds: ['events'], otherText: 'Lukupiiri', voter, channel: 'qr', location: 'demo-central'}, {
      headers: {'X-Forwarded-For': address},
    });
    expect(response.status).toBe(201);
    // a results read with the voter header too
    expect((await fetch(`${server.url}/api/v1/polls/demo-poll/results`, {headers: {'Kirjasto-Voter': voter, 'X-Forwarded-For': address}})).status).toBe(403);
    await server.close();

    const db = await store.reopen();
    const [row] = await db.query<{option_ids: string[]; other_text: string; channel: string; branch_id: string}>(
      "select option_ids, other_text, channel, branch_id from votes where poll_id = 'demo-poll-multi'",
    );
    expect(row).toEqual({option_ids: ['events'], other_text: 'Lukupiiri', channel: 'qr', branch_id: 'demo-central'});
    const counts = await readPollCounts(db, 'demo-poll-multi');
    expect({votes: counts.votes, other: counts.other}).toEqual({votes: 1, other: 1});

    const again = await startServer(db, testConfig());
    const results = await (await fetch(`${again.url}/api/v1/polls/demo-poll-multi/results`)).json();
    expect(results.total).toBe(1);
    await again.close();

    const tables = await db.query<{table_name: string}>(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
    );
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const {table_name} of tables) {
      const rows = await db.query<{t: string}>(`select to_jsonb(x)::text as t from ${table_name} x`);
      for (const {t} of rows) {
        expect(t, table_name).not.toContain(voter);
        expect(t, table_name).not.toContain(address);
      }
    }
  });
});

#!/usr/bin/env node
/**
 * Seeds the reports benchmark (issue 10, point 9): in the demo library, 20 branches, a poll and a rating
 * prompt, then 1,000,000 votes and 1,000,000 rating answers over the last year, on 3 channels, in several
 * languages, written by generate_series in SQL (no HTTP), and rolled up (counting/rollup.ts) so the day
 * counts hold them. Uses the built server (`npx tsc -p server`).
 *
 *   node bench/seed-reports.mjs --pglite <folder>      a PGlite folder (made if new)
 *   node bench/seed-reports.mjs --postgres <url>       a PostgreSQL database (its own, e.g. bench_reports)
 *   SEED_VOTES, SEED_RATINGS                           how many (default 1,000,000 each)
 *
 * bench/reports.mjs calls seedReports() itself.
 */
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(pathToFileURL(join(root, 'server/dist', path)).href);

export const BENCH_POLL = 'bench-poll';
export const BENCH_RATING = 'bench-rating';
export const BENCH_BRANCHES = Array.from({length: 20}, (_, i) => `bench-b${String(i + 1).padStart(2, '0')}`);
const BATCH = 100_000;

// Ids grow with time, as they do when patrons answer; the year ends now. The channel, branch, language
// and answer are spread by a cheap hash of the row number, so every combination occurs.
const TIME = (n) => `now() - ((${n}::bigint - g)::float8 / ${n}) * interval '365 days' - ((g * 7919) % 600) * interval '1 second'`;
const CHANNEL = `(array['web', 'qr', 'kiosk'])[1 + (g * 31) % 3]`;
const BRANCH = `'bench-b' || lpad((1 + (g * 13) % 20)::text, 2, '0')`;
const LANG = `(array['fi', 'fi', 'fi', 'fi', 'sv', 'sv', 'en', 'se', 'fi-x-selko', null])[1 + (g * 17) % 10]`;

const VOTES = (n) => `insert into votes (poll_id, voter_hash, option_ids, other_text, channel, branch_id, lang, created_at)
  select '${BENCH_POLL}', 'seed-' || g,
         case when g % 4 = 0 then array[(array['hours', 'kids', 'quiet', 'ebooks', 'events'])[1 + (g * 3) % 5], 'events']
              else array[(array['hours', 'kids', 'quiet', 'ebooks', 'events'])[1 + (g * 3) % 5]] end,
         case when g % 97 = 0 then 'Muuta: toive numero ' || g end,
         ${CHANNEL}, ${BRANCH}, ${LANG}, ${TIME(n)}
    from generate_series($1::bigint, $2::bigint) g`;

// Scores lean to the top, as satisfaction surveys do; a low score now and then has a comment.
const RATINGS = (n) => `insert into rating_responses (rating_id, response_id, voter_hash, voter_day, score, comment, channel, branch_id, lang, created_at)
  select '${BENCH_RATING}', 'seed-' || g, 'seed-' || g, null, s.score,
         case when s.score <= 2 and g % 5 = 0 then 'Kommentti ' || g || ': jonot olivat pitkiä' end,
         ${CHANNEL}, ${BRANCH}, ${LANG}, ${TIME(n)}
    from generate_series($1::bigint, $2::bigint) g
    cross join lateral (select (array[1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5])[1 + (g * 7) % 12] as score) s`;

async function insertContent(db) {
  await db.query(`insert into branches (id, tenant_id, name) select b, 'demo', jsonb_build_object('fi', 'Haarakirjasto ' || right(b, 2)) from unnest($1::text[]) b
                  on conflict (id) do nothing`, [BENCH_BRANCHES]);
  await db.query(`insert into polls (id, tenant_id, question, max_choices, allow_other, results_visibility, opens_at)
                  values ($1, 'demo', '{"fi": "Mitä kirjastoon lisää?", "en": "What should the library add?"}', 2, true, 'always', now() - interval '400 days')
                  on conflict (id) do nothing`, [BENCH_POLL]);
  await db.query(`insert into poll_options (poll_id, id, position, label)
                  select $1, o.id, o.n, jsonb_build_object('fi', o.fi) from unnest(array['hours', 'kids', 'quiet', 'ebooks', 'events'],
                    array['Pidemmät aukioloajat', 'Lasten tapahtumia', 'Hiljaisia tiloja', 'E-kirjoja', 'Tapahtumia']) with ordinality as o (id, fi, n)
                  on conflict do nothing`, [BENCH_POLL]);
  await db.query(`insert into ratings (id, tenant_id, question, scale, comment_mode, low_threshold, opens_at)
                  values ($1, 'demo', '{"fi": "Miten onnistuimme tänään?", "en": "How did we do today?"}', 'smileys-5', 'after-low', 2, now() - interval '400 days')
                  on conflict (id) do nothing`, [BENCH_RATING]);
}

async function insertRows(db, statement, total, log, what) {
  const started = performance.now();
  for (let first = 1; first <= total; first += BATCH) {
    await db.query(statement, [first, Math.min(total, first + BATCH - 1)]);
    log(`  ${what}: ${Math.min(total, first + BATCH - 1).toLocaleString('en')} / ${total.toLocaleString('en')}`);
  }
  return (performance.now() - started) / 1000;
}

/**
 * Rolls the seeded rows up. Another transaction running anywhere on the server holds the rollup's
 * horizon back (snapshots span the cluster), so it is repeated until the tail is empty.
 */
async function rollUpAll(db, rollUp, counted, log) {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    await rollUp(db, counted);
    const [{n}] = await db.query(`select count(*)::int as n from ${counted} where xid >= (select watermark from count_watermarks where name = $1)`, [counted]);
    if (n === 0) break;
    if (attempt > 120) throw new Error(`${n} ${counted} rows are still in the tail after 2 minutes of rollups`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  log(`  rolled up ${counted} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return (performance.now() - started) / 1000;
}

/** Seeds an open, migrated store that has the demo library. Returns the seconds each part took. */
export async function seedReports(db, {votes = 1_000_000, ratings = 1_000_000, log = console.log} = {}) {
  const {rollUp} = await dist('counting/rollup.js');
  await insertContent(db);
  const [{n: had}] = await db.query('select count(*)::int as n from votes where poll_id = $1', [BENCH_POLL]);
  if (had > 0) throw new Error(`${BENCH_POLL} already has ${had} votes: seed a fresh store`);
  const seconds = {};
  seconds.votes = await insertRows(db, VOTES(votes), votes, log, 'votes');
  seconds.ratings = await insertRows(db, RATINGS(ratings), ratings, log, 'rating answers');
  seconds.rollupVotes = await rollUpAll(db, rollUp, 'votes', log);
  seconds.rollupRatings = await rollUpAll(db, rollUp, 'rating_responses', log);
  const started = performance.now();
  await db.exec('vacuum analyze'); // as autovacuum would after a load: statistics and the visibility map
  seconds.analyze = (performance.now() - started) / 1000;
  return seconds;
}

/** Opens the store, migrates it and seeds the demo library (as the server would), then seedReports. */
export async function openAndSeed({dataDir, databaseUrl, votes, ratings, log = console.log}) {
  const {openDb} = await dist('db/db.js');
  const {migrate} = await dist('db/migrate.js');
  const {seedDemo} = await dist('demo/seed.js');
  const db = await openDb({databaseUrl, dataDir});
  try {
    await migrate(db);
    await seedDemo(db);
    return await seedReports(db, {votes, ratings, log});
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [flag, target] = process.argv.slice(2);
  if (!['--pglite', '--postgres'].includes(flag) || !target) {
    console.error('usage: node bench/seed-reports.mjs --pglite <folder> | --postgres <url>');
    process.exit(2);
  }
  const seconds = await openAndSeed({
    ...(flag === '--pglite' ? {dataDir: target} : {databaseUrl: target, dataDir: ''}),
    votes: Number(process.env.SEED_VOTES) || 1_000_000,
    ratings: Number(process.env.SEED_RATINGS) || 1_000_000,
  });
  console.log(JSON.stringify(seconds));
}

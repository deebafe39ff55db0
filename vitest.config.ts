import {defineConfig} from 'vitest/config';

// Pure widget modules (test/unit) and the reference server (server/test) in one run.
// Server tests run on PGlite always, and on PostgreSQL too when DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/e2e/**/*.test.ts', 'server/test/**/*.test.ts'],
    environment: 'node',
    // A journey through the console in Chromium takes up to 15 s alone and twice that in CI beside the
    // browser tests; each of its waits fails within 10 s naming what it waited for, long before this.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A condition a test waits for (a vote's thank-you, a rollup) may take seconds on a busy
    // machine, not vitest's default of one: waits end as soon as it holds, and fail saying what.
    expect: {poll: {timeout: 10_000}},
    // The end-to-end files' servers start on copies of one demo store seeded once per run.
    globalSetup: ['test/support/seed-once.mjs'],
    pool: 'forks',
    // Files share a worker's modules rather than importing them afresh each: the run took 486 s
    // instead of about 590 (imports 9 s instead of 98). Servers, stores and configuration are made per
    // test file, and the few module-level caches hold only what never changes (formats, static files).
    isolate: false,
    // The server tests mostly wait on spawned servers and PostgreSQL: two files at a time on two
    // cores took 190 s where vitest's default of one took 230-350 s.
    maxWorkers: 2,
  },
});

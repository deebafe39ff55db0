import {afterEach, describe, expect, it} from 'vitest';
import {kill, pgliteStore, startProcess, vote, type ProcessStore, type ServerProcess} from './hardening-process.js';

// PGlite is one process's store: a second process on the same folder would run and lose acknowledged votes.
describe('one PGlite folder, one server', () => {
  const running: ServerProcess[] = [];
  let store: ProcessStore | undefined;

  afterEach(async () => {
    await Promise.all(running.splice(0).map(kill));
    await store?.cleanup();
  });

  it('refuses to start a second server on the folder, naming the folder, and the first one keeps serving', async () => {
    store = await pgliteStore();
    const first = await startProcess(store.env);
    running.push(first);
    await first.healthy();

    const second = await startProcess(store.env);
    running.push(second);
    // on the base commit the second one started and served too: race its exit against its health
    expect(await Promise.race([second.exited, second.healthy().then(() => 'started and served')])).toBe(1);
    expect(second.output()).toContain(store.env.KIRJASTO_DATA_DIR);
    expect(second.output()).toMatch(/already in use/);
    expect(second.output()).toContain(String(first.child.pid));
    expect((await vote(first.url, 'demo-poll', 'kids')).outcome).toBe(201);
  });

  it('starts on the folder again after the server before it was killed (SIGKILL leaves no lock behind)', async () => {
    store = await pgliteStore();
    const first = await startProcess(store.env);
    running.push(first);
    await first.healthy();
    expect((await vote(first.url, 'demo-poll', 'kids')).outcome).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;

    const again = await startProcess(store.env);
    running.push(again);
    await again.healthy();
    expect((await vote(again.url, 'demo-poll', 'quiet')).outcome).toBe(201);
  });
});

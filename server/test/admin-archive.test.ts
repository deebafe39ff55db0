import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, STORES} from './helpers.js';
import {newIdea, postIdea, support} from './ideas-helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

/** Archives (or brings back) one poll, rating or idea box through the admin API, with its current ETag. */
async function setArchived(editor: Staff, path: string, archived: boolean) {
  const current = await editor.call('GET', path);
  expect(current.status).toBe(200);
  return json<{archived: boolean}>(await editor.call('PATCH', path, {archived}, {'If-Match': current.headers.get('etag')!}), 200);
}

const page = async (url: string, path: string) => {
  const response = await fetch(`${url}${path}`);
  return {status: response.status, html: await response.text()};
};

describe.each(STORES)('archived content is no longer public ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let url: string;
  let editor: Staff;
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    url = env.url;
    editor = await signIn(url, demoEmail('editor'));
  });
  afterAll(() => env?.tearDown());

  it('answers 410 archived for an archived poll, its votes and results, and its page; the admin API still reads it', async () => {
    const poll = await json<{id: string; options: {id: string}[]}>(
      await editor.call('POST', 'tenants/demo/polls', {question: {fi: 'Arkistoitava?'}, options: [{label: {fi: 'Kyllä'}}, {label: {fi: 'Ei'}}], resultsVisibility: 'always'}),
      201,
    );
    const vote = () => postVote(url, poll.id, {optionIds: [poll.options[0]!.id], voter: newVoter(), channel: 'web'});
    expect((await vote()).status).toBe(201);
    expect((await setArchived(editor, `tenants/demo/polls/${poll.id}`, true)).archived).toBe(true);

    const gone = await expectProblem(await fetch(`${url}/api/v1/polls/${poll.id}`), 410, 'archived');
    expect(gone.detail).toMatch(/archived/);
    await expectProblem(await fetch(`${url}/api/v1/polls/${poll.id}/results`), 410, 'archived');
    await expectProblem(await vote(), 410, 'archived');
    const standalone = await page(url, `/w/poll/${poll.id}?lang=fi`);
    expect(standalone.status).toBe(410);
    expect(standalone.html).toContain('Tämä on päättynyt, eikä se ole enää saatavilla.');
    expect(standalone.html).not.toContain('Arkistoitava?');
    expect((await page(url, `/w/poll/${poll.id}?lang=sv`)).html).toContain('Det här har avslutats');
    // Posting the page's form is refused the same way.
    const posted = await fetch(`${url}/w/poll/${poll.id}`, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'lang=en'});
    expect(posted.status).toBe(410);
    expect(await posted.text()).toContain('This has ended and is no longer available.');

    const stored = await json<{archived: boolean; answers: number}>(await editor.call('GET', `tenants/demo/polls/${poll.id}`), 200);
    expect(stored).toMatchObject({archived: true, answers: 1});
    const ids = async (archived?: string) =>
      (await json<{polls: {id: string}[]}>(await editor.call('GET', `tenants/demo/polls${archived ? `?archived=${archived}` : ''}`), 200)).polls.map((p) => p.id);
    expect(await ids()).not.toContain(poll.id);
    expect(await ids('true')).toContain(poll.id);
    expect(await ids('all')).toEqual(expect.arrayContaining([poll.id, 'demo-poll']));
    expect(await ids('true')).not.toContain('demo-poll');

    // Brought back from the archive, it is public again at once.
    await setArchived(editor, `tenants/demo/polls/${poll.id}`, false);
    expect((await fetch(`${url}/api/v1/polls/${poll.id}`)).status).toBe(200);
    expect((await vote()).status).toBe(201);
  });

  it('answers 410 archived for an archived rating, its responses, summary, page and kiosk', async () => {
    const rating = await json<{id: string}>(await editor.call('POST', 'tenants/demo/ratings', {question: {fi: 'Miten onnistuimme?'}, scale: 'smileys-5', comment: 'off'}), 201);
    const respond = () => postResponse(url, rating.id, {responseId: newResponseId(), score: 4, voter: newVoter(), channel: 'web'});
    expect((await respond()).status).toBe(201);
    expect((await page(url, `/kiosk/${rating.id}`)).status).toBe(200);
    await setArchived(editor, `tenants/demo/ratings/${rating.id}`, true);

    await expectProblem(await fetch(`${url}/api/v1/ratings/${rating.id}`), 410, 'archived');
    await expectProblem(await fetch(`${url}/api/v1/ratings/${rating.id}/summary`), 410, 'archived');
    await expectProblem(await respond(), 410, 'archived');
    const standalone = await page(url, `/w/rating/${rating.id}?lang=en`);
    expect(standalone.status).toBe(410);
    expect(standalone.html).toContain('This has ended and is no longer available.');
    const kiosk = await page(url, `/kiosk/${rating.id}?lang=fi`);
    expect(kiosk.status).toBe(410);
    expect(kiosk.html).toContain('Tämä on päättynyt, eikä se ole enää saatavilla.');
    expect(kiosk.html).not.toContain('<kirjasto-rating');
    expect((await json<{archived: boolean}>(await editor.call('GET', `tenants/demo/ratings/${rating.id}`), 200)).archived).toBe(true);
    expect((await json<{ratings: {id: string}[]}>(await editor.call('GET', 'tenants/demo/ratings?archived=true'), 200)).ratings.map((r) => r.id)).toContain(rating.id);
  });

  it('answers 410 archived for an archived idea box, its ideas, supports and page', async () => {
    const box = await json<{id: string}>(await editor.call('POST', 'tenants/demo/idea-boxes', {topic: {fi: 'Ideoita'}, moderation: 'post'}), 201);
    const posted = (await json<{idea: {id: string}}>(await postIdea(url, box.id, await newIdea(env.store.db, box.id)), 201)).idea;
    expect((await fetch(`${url}/api/v1/ideas/${posted.id}`)).status).toBe(200);
    await setArchived(editor, `tenants/demo/idea-boxes/${box.id}`, true);

    await expectProblem(await fetch(`${url}/api/v1/idea-boxes/${box.id}`), 410, 'archived');
    await expectProblem(await fetch(`${url}/api/v1/idea-boxes/${box.id}/ideas`), 410, 'archived');
    await expectProblem(await postIdea(url, box.id, await newIdea(env.store.db, box.id)), 410, 'archived');
    await expectProblem(await fetch(`${url}/api/v1/ideas/${posted.id}`), 410, 'archived');
    await expectProblem(await support(url, posted.id, {voter: newVoter(), supported: true}), 410, 'archived');
    const standalone = await page(url, `/w/ideas/${box.id}?lang=sv`);
    expect(standalone.status).toBe(410);
    expect(standalone.html).toContain('Det här har avslutats och finns inte längre tillgängligt.');
    expect((await json<{archived: boolean; answers: number}>(await editor.call('GET', `tenants/demo/idea-boxes/${box.id}`), 200)).archived).toBe(true);
    // Moderators still reach its ideas.
    const moderator = await signIn(url, demoEmail('moderator'));
    const queue = await json<{ideas: {id: string}[]}>(await moderator.call('GET', `tenants/demo/idea-boxes/${box.id}/ideas`), 200);
    expect(queue.ideas.map((i) => i.id)).toContain(posted.id);
  });

  it('still answers 404 not-found for an id that never existed', async () => {
    await expectProblem(await fetch(`${url}/api/v1/polls/no-such-poll`), 404, 'not-found');
    expect((await page(url, '/w/poll/no-such-poll')).status).toBe(404);
  });
});

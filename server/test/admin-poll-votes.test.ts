import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, newVoter, postVote, STORES} from './helpers.js';

interface AdminPoll {
  id: string;
  options: {id: string; label: Record<string, string>; votes: number}[];
  maxChoices: number;
  allowOther: boolean;
}

const newPoll = () => ({
  question: {fi: 'Mitä haluaisitte lisää?', sv: 'Vad vill ni ha mer av?'},
  options: [
    {id: 'lehdet', label: {fi: 'Lehtiä', sv: 'Tidningar'}},
    {id: 'pelit', label: {fi: 'Pelejä', sv: 'Spel'}},
    {id: 'tilat', label: {fi: 'Tiloja', sv: 'Lokaler'}},
  ],
  maxChoices: 2,
  allowOther: true,
  resultsVisibility: 'always',
});

describe.each(STORES)('editing a poll that has votes ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let editor: Staff;
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    editor = await signIn(env.url, demoEmail('editor'));
  });
  afterAll(() => env?.tearDown());

  /** A new poll with one vote, and a PATCH of it with its current ETag. */
  async function votedPoll() {
    const poll = await json<AdminPoll>(await editor.call('POST', 'tenants/demo/polls', newPoll()), 201);
    expect((await postVote(env.url, poll.id, {optionIds: ['lehdet', 'pelit'], voter: newVoter(), channel: 'web'})).status).toBe(201);
    const path = `tenants/demo/polls/${poll.id}`;
    const patch = async (body: Record<string, unknown>) => editor.call('PATCH', path, body, {'If-Match': (await editor.call('GET', path)).headers.get('etag')!});
    return {poll, patch};
  }
  const options = (change: (o: ReturnType<typeof newPoll>['options']) => unknown) => ({options: change(newPoll().options.map((o) => ({...o, label: {...o.label}})))});

  it('refuses each change that would falsify the votes, and says to duplicate the poll instead', async () => {
    const {patch} = await votedPoll();
    const refusals: [string, Record<string, unknown>, string][] = [
      ['removing an option', options((o) => o.slice(0, 2)), 'options'],
      ['re-wording an option in Finnish', options((o) => ((o[0]!.label.fi = 'Aikakauslehtiä'), o)), 'options'],
      ['re-wording an option in Swedish only', options((o) => ((o[1]!.label.sv = 'Brädspel'), o)), 'options'],
      ['dropping a language of an option', options((o) => (delete (o[2]!.label as Record<string, string>).sv, o)), 'options'],
      ['fewer choices', {maxChoices: 1}, 'maxChoices'],
      ['turning "other" off', {allowOther: false}, 'allowOther'],
    ];
    for (const [what, body, field] of refusals) {
      const problem = await expectProblem(await patch(body), 409, 'poll-has-votes').catch((e: Error) => Promise.reject(new Error(`${what}: ${e.message}`)));
      expect(problem.detail, what).toMatch(/Duplicate the poll/);
      expect(problem.field, what).toBe(field);
    }
  });

  it('still takes changes that keep the votes true', async () => {
    const {poll, patch} = await votedPoll();
    const kept = options((o) => [
      {...o[2]!, label: {...o[2]!.label, en: 'Spaces'}},
      o[0],
      o[1],
      {label: {fi: 'Konsertteja'}},
    ]);
    const saved = await json<AdminPoll>(await patch({...kept, maxChoices: 3, allowOther: true, question: {fi: 'Mitä haluaisitte kirjastoon lisää?'}}), 200);
    expect(saved.options.map((o) => o.id).slice(0, 3)).toEqual(['tilat', 'lehdet', 'pelit']);
    expect(saved.options[0]!.label.en).toBe('Spaces');
    expect(saved.options.find((o) => o.id === 'lehdet')!.votes).toBe(1);
    expect(saved.maxChoices).toBe(3);
    expect(saved.id).toBe(poll.id);
  });

  it('takes any change before the first vote', async () => {
    const poll = await json<AdminPoll>(await editor.call('POST', 'tenants/demo/polls', newPoll()), 201);
    const saved = await json<AdminPoll>(
      await editor.call('PATCH', `tenants/demo/polls/${poll.id}`, {...options((o) => ((o[0]!.label.fi = 'Aikakauslehtiä'), o.slice(0, 2))), maxChoices: 1, allowOther: false}, {'If-Match': '"v1"'}),
      200,
    );
    expect(saved).toMatchObject({maxChoices: 1, allowOther: false});
    expect(saved.options.map((o) => o.label.fi)).toEqual(['Aikakauslehtiä', 'Pelejä']);
  });
});

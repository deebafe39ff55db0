// No log line holds a voter token, a contact, free text or an address (issue 11, point 5): a real server
// process (node server/dist/main.js; build the server first) takes writes carrying values of our own, the
// failures they may cause, and a rate limit, and its whole output is searched for those values.
import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loggableError} from '../src/http/log.js';
import {kill, newKey, PROCESS_STORES, startProcess, type ProcessStore, type ServerProcess} from './hardening-process.js';

const unique = (what: string) => `${what}${randomBytes(6).toString('hex')}`;

describe.each(PROCESS_STORES)('server output on $name', (storeKind) => {
  let store: ProcessStore;
  let server: ServerProcess;
  const voter = unique('voterTokenSecret');
  const address = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
  const secrets = {
    voter,
    other: unique('MyOtherAnswerWords'),
    comment: unique('MyRatingCommentWords'),
    idea: unique('MyIdeaTextWords'),
    contact: `${unique('patron')}@example.fi`,
    phone: `+358 40 ${100 + (randomBytes(1)[0]! % 800)} ${1000 + (randomBytes(2).readUInt16BE() % 8999)}`,
  };

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': newKey(), 'X-Forwarded-For': address, ...headers},
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    store = await storeKind.make();
    server = await startProcess({
      ...store.env,
      KIRJASTO_LOG: 'requests',
      KIRJASTO_TRUST_PROXY: '1',
      KIRJASTO_FORM_MIN_AGE_MS: '0',
      KIRJASTO_RATE_LIMIT_WRITES: '25',
    });
    await server.healthy();
  }, 60_000);
  afterAll(async () => {
    await kill(server);
    await store?.cleanup();
  });

  it('prints none of the values patrons sent, even when their requests fail', async () => {
    // Writes that succeed: a vote with an "other" answer, a rating with a comment, an idea with a contact.
    expect((await post('/api/v1/polls/demo-poll-multi/votes', {optionIds: ['loans'], otherText: secrets.other, voter, channel: 'web'})).status).toBe(201);
    const responseId = unique('resp');
    expect((await post('/api/v1/ratings/demo-nps/responses', {responseId, score: 3, voter, channel: 'web'})).status).toBe(201);
    expect((await post(`/api/v1/ratings/demo-nps/responses/${responseId}/comment`, {comment: secrets.comment, voter})).status).toBeLessThan(300);
    const box = (await (await fetch(`${server.url}/api/v1/idea-boxes/demo-ideas`, {headers: {'X-Forwarded-For': address}})).json()) as {formToken: string};
    const idea = {text: secrets.idea, contact: secrets.contact, voter, channel: 'web', formToken: box.formToken};
    const sent = await post('/api/v1/idea-boxes/demo-ideas/ideas', idea);
    expect(sent.status, await sent.clone().text()).toBe(201);
    // Reads with the token in its header, and the patron's own page.
    expect((await fetch(`${server.url}/api/v1/polls/demo-poll-multi/results`, {headers: {'Kirjasto-Voter': voter}})).status).toBeLessThan(500);
    expect((await post('/api/v1/mine', {voter})).status).toBe(200);

    // Failures carrying the values: bad JSON, validation errors, duplicates, a too-long text, a wrong type.
    await post('/api/v1/polls/demo-poll-multi/votes', `{"voter":"${voter}","otherText":"${secrets.other}",`);
    await post('/api/v1/polls/demo-poll-multi/votes', {optionIds: ['loans'], otherText: secrets.other, voter, channel: 'web'}); // already voted
    await post('/api/v1/polls/demo-poll-multi/votes', {optionIds: ['nope'], otherText: secrets.other, voter: `${voter}!`, channel: secrets.contact});
    await post('/api/v1/ratings/demo-nps/responses', {responseId: secrets.comment, score: 99, comment: secrets.comment, voter, channel: 'web'});
    await post('/api/v1/idea-boxes/demo-ideas/ideas', {...idea, text: secrets.idea.repeat(200), contact: secrets.phone});
    await post('/api/v1/idea-boxes/demo-ideas/ideas', {...idea, contact: {phone: secrets.phone}, formToken: secrets.voter});
    await post('/api/v1/mine', {voter: secrets.contact});
    await fetch(`${server.url}/api/v1/mine/votes/${encodeURIComponent(secrets.phone)}`, {method: 'DELETE', headers: {'Kirjasto-Voter': voter, 'X-Forwarded-For': address}});
    await fetch(`${server.url}/api/v1/mine/votes/1`, {method: 'DELETE', headers: {'Kirjasto-Voter': secrets.contact, 'X-Forwarded-For': address}});
    // The no-JavaScript form too.
    await fetch(`${server.url}/w/poll/demo-poll-multi`, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': address},
      body: new URLSearchParams({option: 'loans', otherText: secrets.other, key: secrets.voter}).toString(),
    });
    // Until the rate limit answers 429.
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await post('/api/v1/polls/demo-poll/votes', {optionIds: ['hours'], voter, channel: 'web'});
      limited = response.status === 429;
    }
    expect(limited).toBe(true);

    // The requests were logged (so the check below has something to search)...
    await expect.poll(() => server.output()).toMatch(/POST \/api\/v1\/polls\/demo-poll\/votes 429/);
    const output = server.output();
    expect(output).toMatch(/POST \/api\/v1\/mine 200/);
    // ...and none of the values, nor the address, is in any line.
    for (const [name, value] of [...Object.entries(secrets), ['address', address], ['phone digits', secrets.phone.replace(/\D/g, '')]]) {
      expect(output.includes(value), `${name} in the server's output:\n${output}`).toBe(false);
    }
    expect(output).not.toMatch(/voterTokenSecret|MyOtherAnswerWords|MyRatingCommentWords|MyIdeaTextWords|@example\.fi/);
  }, 60_000);
});

describe('an unexpected error in the log', () => {
  it("keeps the error's name, code and frames, not the database's detail or quoted values", () => {
    const error = Object.assign(new Error('invalid input syntax for type bigint: "patron@example.fi" in "ideas_contact_check"'), {
      code: '22P02',
      detail: 'Failing row contains (idea-1, box, My secret idea, patron@example.fi).',
      parameters: ['voterTokenSecret'],
    });
    const line = loggableError(error);
    expect(line).toContain('Error [22P02]: invalid input syntax for type bigint: "…" in "ideas_contact_check"');
    expect(line).toMatch(/\n\s+at /);
    expect(line).not.toMatch(/patron|secret|Failing row|voterTokenSecret/);
    expect(loggableError(new Error('mail to someone@example.fi bounced'))).not.toContain('someone');
  });
});

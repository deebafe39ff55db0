import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {newKey, newVoter, postVote, setUp, startServer, STORES, testConfig, type TestServer} from './helpers.js';
import {admin, formToken, moderationToken, newIdea, postIdea, support} from './ideas-helpers.js';
import {newResponseId, postComment, postResponse} from './ratings-helpers.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, {responses: Record<string, {content?: Record<string, {schema: object}>}>}>>;
  components: {schemas: Record<string, object>};
};

/** Real responses must match what the served OpenAPI document declares for their path, method and status. */
describe.each(STORES)('OpenAPI conformance on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let limited: TestServer;
  let doc: Doc;
  let ajv: InstanceType<typeof Ajv2020.default>;
  const seen = new Set<string>();

  async function conforms(path: string, method: string, response: Response) {
    const operation = doc.paths[path]?.[method];
    expect(operation, `${method} ${path} documented`).toBeDefined();
    const declared = operation!.responses[String(response.status)];
    expect(declared, `${method} ${path} ${response.status} documented`).toBeDefined();
    const mediaType = response.headers.get('content-type')!.split(';')[0]!;
    const schema = declared!.content?.[mediaType]?.schema;
    expect(schema, `${method} ${path} ${response.status} ${mediaType} documented`).toBeDefined();
    const body = await response.json();
    const validate = ajv.compile({...schema, $id: undefined});
    expect(validate(body), `${method} ${path} ${response.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`).toBe(true);
    seen.add(`${method} ${path} ${response.status} ${(body as {type?: string}).type ?? ''}`);
    return body;
  }

  beforeAll(async () => {
    env = await setUp(kind);
    limited = await startServer(env.store.db, testConfig({rateLimitReads: 1, rateLimitWrites: 1}));
    const response = await fetch(`${env.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    doc = (await response.json()) as Doc;
    ajv = new Ajv2020.default({strict: false, allErrors: true});
    addFormats.default(ajv);
    // Component schemas are reachable as the document's own #/components/schemas/… references.
    ajv.addSchema({$id: 'openapi', components: doc.components}, 'openapi');
    const rewrite = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(rewrite)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `openapi${v}` : rewrite(v)]),
            )
          : value;
    doc = rewrite(doc) as Doc;
  });
  afterAll(async () => {
    await limited?.close();
    await env?.tearDown();
  });

  it('is an OpenAPI 3.1 document with the component schemas', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const name of ['Poll', 'Results', 'Vote', 'VoteReceipt', 'Problem', 'Text']) {
      expect(doc.components.schemas[name], name).toBeDefined();
      ajv.compile({$ref: `openapi#/components/schemas/${name}`});
    }
  });

  it('matches polls, receipts and results', async () => {
    const url = env.url;
    for (const id of ['demo-poll', 'demo-poll-multi', 'demo-poll-closed', 'demo-poll-upcoming', 'demo-poll-hidden']) {
      await conforms('/api/v1/polls/{id}', 'get', await fetch(`${url}/api/v1/polls/${id}`));
    }
    const voter = newVoter();
    const receipt = await conforms('/api/v1/polls/{id}/votes', 'post', await postVote(url, 'demo-poll-multi', {optionIds: ['loans'], otherText: 'Kahvila', voter, channel: 'web'}));
    expect(receipt.results).toBeDefined();
    await conforms('/api/v1/polls/{id}/votes', 'post', await postVote(url, 'demo-poll-hidden', {optionIds: ['yes'], voter, channel: 'web'}));
    await conforms('/api/v1/polls/{id}/results', 'get', await fetch(`${url}/api/v1/polls/demo-poll-multi/results`));
    await conforms('/api/v1/health', 'get', await fetch(`${url}/api/v1/health`));
  });

  it('matches every problem a client can trigger', async () => {
    const url = env.url;
    const voter = newVoter();
    const key = newKey();
    const P = '/api/v1/polls/{id}';
    const V = '/api/v1/polls/{id}/votes';
    const R = '/api/v1/polls/{id}/results';
    await conforms(P, 'get', await fetch(`${url}/api/v1/polls/nope`));
    await conforms(R, 'get', await fetch(`${url}/api/v1/polls/demo-poll-hidden/results`));
    await conforms(V, 'post', await postVote(url, 'demo-poll', {optionIds: ['nope'], voter, channel: 'web'}));
    await conforms(V, 'post', await postVote(url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'}, {key: null}));
    await conforms(V, 'post', await postVote(url, 'demo-poll', '{bad json'));
    await conforms(V, 'post', await postVote(url, 'demo-poll', 'x', {headers: {'Content-Type': 'text/plain'}}));
    await conforms(V, 'post', await postVote(url, 'demo-poll', 'x'.repeat(20_000)));
    expect((await postVote(url, 'demo-poll', {optionIds: ['hours'], voter, channel: 'web'}, {key})).status).toBe(201);
    await conforms(V, 'post', await postVote(url, 'demo-poll', {optionIds: ['kids'], voter, channel: 'web'}, {key}));
    const already = await conforms(V, 'post', await postVote(url, 'demo-poll', {optionIds: ['kids'], voter, channel: 'web'}));
    expect(already.results).toBeDefined();
    await conforms(V, 'post', await postVote(url, 'demo-poll-closed', {optionIds: ['reading'], voter, channel: 'web'}));
    await conforms(V, 'post', await postVote(url, 'demo-poll-upcoming', {optionIds: ['crime'], voter, channel: 'web'}));
    await conforms(V, 'post', await postVote(url, 'demo-poll', {optionIds: ['hours'], voter: newVoter(), channel: 'web'}, {origin: 'https://evil.example'}));
    // 405 has no operation of its own: the path's POST operation declares it
    await conforms(V, 'post', await fetch(`${url}/api/v1/polls/demo-poll/votes`));
    expect((await fetch(`${limited.url}/api/v1/polls/demo-poll`)).status).toBe(200);
    await conforms(P, 'get', await fetch(`${limited.url}/api/v1/polls/demo-poll`));
    const slugs = [...seen].map((s) => s.split(' ').pop()).filter(Boolean);
    for (const slug of ['not-found', 'results-hidden', 'validation', 'unsupported-media-type', 'payload-too-large', 'idempotency-key-reused', 'already-voted', 'poll-closed', 'poll-not-open', 'origin-not-allowed', 'method-not-allowed', 'rate-limited']) {
      expect(slugs, slug).toContain(`urn:kirjasto:problem:${slug}`);
    }
  });
  it('matches idea boxes, ideas, supports, moderation and their problems', async () => {
    const url = env.url;
    const db = env.store.db;
    const B = '/api/v1/idea-boxes/{id}';
    const L = '/api/v1/idea-boxes/{id}/ideas';
    const I = '/api/v1/ideas/{id}';
    const S = '/api/v1/ideas/{id}/supports';
    await conforms(B, 'get', await fetch(`${url}/api/v1/idea-boxes/demo-ideas`));
    await conforms(B, 'get', await fetch(`${url}/api/v1/idea-boxes/nope`));
    const page = await conforms(L, 'get', await fetch(`${url}/api/v1/idea-boxes/demo-ideas/ideas?limit=2`, {headers: {'Kirjasto-Voter': newVoter()}}));
    await conforms(L, 'get', await fetch(`${url}/api/v1/idea-boxes/demo-ideas/ideas?sort=newest&cursor=${page.nextCursor}`));
    await conforms(L, 'get', await fetch(`${url}/api/v1/idea-boxes/demo-ideas/ideas?limit=99`));
    const receipt = await conforms(L, 'post', await postIdea(url, 'demo-ideas', await newIdea(db, 'demo-ideas', {category: 'spaces'})));
    await conforms(L, 'post', await postIdea(url, 'demo-ideas', await newIdea(db, 'demo-ideas', {formToken: await formToken(db, 'demo-ideas', 0)})));
    await conforms(L, 'post', await postIdea(url, 'demo-ideas', await newIdea(db, 'demo-ideas', {website: 'x'})));
    await conforms(L, 'post', await postIdea(url, 'demo-ideas', await newIdea(db, 'demo-ideas', {text: 'short'})));
    await conforms(I, 'get', await fetch(`${url}/api/v1/ideas/${receipt.idea.id}`));
    await conforms(I, 'get', await fetch(`${url}/api/v1/ideas/demo-idea-sunday-dup`));
    await conforms(I, 'get', await fetch(`${url}/api/v1/ideas/demo-idea-pending`));
    await conforms(S, 'post', await support(url, receipt.idea.id, {voter: newVoter()}));
    await conforms(S, 'post', await support(url, 'demo-idea-sunday-dup', {voter: newVoter()}));
    const token = await moderationToken(db, 'demo');
    await conforms('/api/v1/admin/tenants/{tenant}/idea-boxes/{id}/ideas', 'get', await admin(url, token, 'GET', 'idea-boxes/demo-ideas/ideas?state=all'));
    await conforms('/api/v1/admin/tenants/{tenant}/idea-boxes/{id}/ideas', 'get', await admin(url, null, 'GET', 'idea-boxes/demo-ideas/ideas'));
    await conforms('/api/v1/admin/tenants/{tenant}/ideas/{id}/publish', 'post', await admin(url, token, 'POST', 'ideas/demo-idea-pending/publish'));
    await conforms('/api/v1/admin/tenants/{tenant}/ideas/{id}/hide', 'post', await admin(url, token, 'POST', 'ideas/nope/hide'));
    await conforms('/api/v1/admin/tenants/{tenant}/ideas/{id}/reject', 'post', await admin(url, token, 'POST', 'ideas/demo-idea-hidden/reject', {reason: 'Spam'}));
    await conforms('/api/v1/admin/tenants/{tenant}/ideas/{id}', 'patch', await admin(url, token, 'PATCH', 'ideas/demo-idea-plants', {status: 'planned', answer: {fi: 'Hyvä idea!'}}));
    await conforms('/api/v1/admin/tenants/{tenant}/ideas/{id}/merge', 'post', await admin(url, token, 'POST', `ideas/${receipt.idea.id}/merge`, {into: 'demo-idea-plants'}));
    await conforms('/api/v1/admin/tenants/{tenant}/ideas/{id}/merge', 'post', await admin(url, token, 'POST', `ideas/${receipt.idea.id}/merge`, {into: 'demo-idea-quiet'}));
    await conforms('/api/v1/admin/tenants/{tenant}/audit-log', 'get', await admin(url, token, 'GET', 'audit-log'));
    await conforms('/api/v1/admin/tenants/{tenant}/audit-log', 'get', await admin(url, token, 'GET', 'audit-log', undefined, {Origin: 'https://evil.example'}));
    const slugs = [...seen].map((s) => s.split(' ').pop()).filter(Boolean);
    for (const slug of ['too-fast', 'spam-suspected', 'idea-merged', 'unauthorized', 'forbidden']) expect(slugs, slug).toContain(`urn:kirjasto:problem:${slug}`);
  });

  it('matches ratings, receipts, comments, summaries, QR codes, the kiosk unlock and their problems', async () => {
    const url = env.url;
    const G = '/api/v1/ratings/{id}';
    const P = '/api/v1/ratings/{id}/responses';
    const C = '/api/v1/ratings/{id}/responses/{responseId}/comment';
    const S = '/api/v1/ratings/{id}/summary';
    const U = '/api/v1/kiosk/unlock';
    for (const id of ['demo-rating', 'demo-nps', 'demo-stars', 'demo-thumbs', 'nope']) {
      await conforms(G, 'get', await fetch(`${url}/api/v1/ratings/${id}`));
      await conforms(S, 'get', await fetch(`${url}/api/v1/ratings/${id}/summary`));
    }
    const voter = newVoter();
    const key = newKey();
    const body = {responseId: newResponseId(), score: 1, voter, channel: 'qr', location: 'demo-central'};
    const receipt = await conforms(P, 'post', await postResponse(url, 'demo-rating', body, {key}));
    await conforms(P, 'post', await postResponse(url, 'demo-rating', body, {key}));
    await conforms(P, 'post', await postResponse(url, 'demo-nps', {responseId: newResponseId(), score: 9, comment: 'Hyvä', voter, channel: 'web'}));
    await conforms(C, 'post', await postComment(url, 'demo-rating', receipt.responseId, {comment: 'Jono', voter}));
    await conforms(C, 'post', await postComment(url, 'demo-rating', receipt.responseId, {comment: 'Toinen', voter}));
    await conforms(C, 'post', await postComment(url, 'demo-rating', newResponseId(), {comment: 'x', voter}));
    await conforms(P, 'post', await postResponse(url, 'demo-rating', {...body, responseId: newResponseId()}));
    await conforms(P, 'post', await postResponse(url, 'demo-rating', {...body, score: 2}, {key}));
    await conforms(P, 'post', await postResponse(url, 'demo-rating', {...body, channel: 'kiosk'}));
    await conforms(P, 'post', await postResponse(url, 'demo-rating', {...body, score: 9, responseId: newResponseId()}));
    await conforms(P, 'post', await postResponse(url, 'demo-rating', {...body, responseId: newResponseId()}, {origin: 'https://evil.example'}));
    await conforms(P, 'post', await fetch(`${url}/api/v1/ratings/demo-rating/responses`));
    await conforms(U, 'post', await fetch(`${url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin: '0000'})}));
    const unlocked = await fetch(`${url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin: '2468'})});
    expect(unlocked.status).toBe(200);
    await conforms(U, 'post', unlocked);
    for (const path of ['/api/v1/ratings/{id}/qr.svg', '/api/v1/polls/{id}/qr.svg', '/api/v1/idea-boxes/{id}/qr.svg']) {
      expect(doc.paths[path]!.get!.responses['200']!.content!['image/svg+xml'], path).toBeDefined();
    }
    const svg = await fetch(`${url}/api/v1/ratings/demo-rating/qr.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    await conforms('/api/v1/ratings/{id}/qr.svg', 'get', await fetch(`${url}/api/v1/ratings/demo-rating/qr.svg?location=nowhere`));
    for (const name of ['Rating', 'Response', 'ResponseReceipt', 'CommentRequest', 'Summary', 'SummaryFigures', 'KioskUnlock']) {
      ajv.compile({$ref: `openapi#/components/schemas/${name}`});
    }
    const slugs = [...seen].map((s) => s.split(' ').pop()).filter(Boolean);
    for (const slug of ['already-rated', 'response-exists', 'comment-exists', 'wrong-pin', 'idempotency-key-reused', 'origin-not-allowed', 'validation']) {
      expect(slugs, slug).toContain(`urn:kirjasto:problem:${slug}`);
    }
  });
});

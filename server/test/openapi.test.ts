import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {newKey, newVoter, postVote, setUp, startServer, STORES, testConfig, type TestServer} from './helpers.js';

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
});

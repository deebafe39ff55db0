import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoEmail, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {newVoter, postVote, STORES} from './helpers.js';
import {newResponseId, postResponse} from './ratings-helpers.js';

type Doc = {paths: Record<string, Record<string, {responses: Record<string, {content?: Record<string, {schema: object}>}>}>>; components: {schemas: Record<string, object>}};

/** Every report, as served, matches what the OpenAPI document (and so the console's generated types) declares. */
describe.each(STORES)('report shapes match the OpenAPI document ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let moderator: Staff;
  let doc: Doc;
  let ajv: InstanceType<typeof Ajv2020.default>;

  beforeAll(async () => {
    env = await setUpAdmin(kind);
    moderator = await signIn(env.url, demoEmail('moderator'));
    doc = (await (await fetch(`${env.url}/api/v1/openapi.json`)).json()) as Doc;
    ajv = new Ajv2020.default({strict: false, allErrors: true});
    addFormats.default(ajv);
    ajv.addSchema({$id: 'openapi', components: doc.components}, 'openapi');
    const rewrite = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(rewrite)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `openapi${v}` : rewrite(v)]))
          : value;
    doc = rewrite(doc) as Doc;
    // Enough kiosk answers for shown cells and a few web ones for suppressed cells, with comments and "other" answers.
    for (let i = 0; i < 7; i++) {
      await postResponse(env.url, 'demo-rating', {responseId: newResponseId(), score: 1 + (i % 5), voter: newVoter(), channel: 'kiosk', location: 'demo-central', lang: 'fi', comment: `Hyvä ${i}`});
    }
    for (let i = 0; i < 2; i++) await postVote(env.url, 'demo-poll-multi', {optionIds: ['loans'], otherText: `Muu ${i}`, voter: newVoter(), channel: 'web', lang: 'sv'});
  }, 180_000); // many answers through the public API: slow on a busy machine
  afterAll(() => env?.tearDown());

  const paths = [
    ['/api/v1/admin/tenants/{tenant}/reports/ratings/{id}', 'reports/ratings/demo-rating'],
    ['/api/v1/admin/tenants/{tenant}/reports/ratings/{id}', 'reports/ratings/demo-nps?bucket=week&channel=kiosk'],
    ['/api/v1/admin/tenants/{tenant}/reports/polls/{id}', 'reports/polls/demo-poll-multi'],
    ['/api/v1/admin/tenants/{tenant}/reports/polls/{id}', 'reports/polls/demo-poll-closed?from=2025-01-01&to=2026-12-31'],
    ['/api/v1/admin/tenants/{tenant}/reports/idea-boxes/{id}', 'reports/idea-boxes/demo-ideas'],
    ['/api/v1/admin/tenants/{tenant}/reports/summary', 'reports/summary'],
    ['/api/v1/admin/tenants/{tenant}/reports/summary', 'reports/summary?from=2025-01-01&to=2026-12-31&bucket=month&lang=fi'],
    ['/api/v1/admin/tenants/{tenant}/reports/ratings/{id}/comments', 'reports/ratings/demo-rating/comments?limit=3'],
    ['/api/v1/admin/tenants/{tenant}/reports/polls/{id}/other-answers', 'reports/polls/demo-poll-multi/other-answers'],
    ['/api/v1/admin/tenants/{tenant}/reports/ratings/{id}', 'reports/ratings/demo-rating?to=2020-01-01&from=2020-02-01'],
    ['/api/v1/admin/tenants/{tenant}/reports/ratings/{id}', 'reports/ratings/none'],
  ] as const;

  it.each(paths)('%s as %s', async (path, url) => {
    const response = await moderator.call('GET', `tenants/demo/${url}`);
    const declared = doc.paths[path]?.get?.responses[String(response.status)];
    expect(declared, `${path} ${response.status}`).toBeDefined();
    const schema = declared!.content![response.headers.get('content-type')!.split(';')[0]!]!.schema;
    const body = await response.json();
    const validate = ajv.compile({...schema, $id: undefined});
    expect(validate(body), `${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 2000)}`).toBe(true);
  });
});

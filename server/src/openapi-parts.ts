import {IDEMPOTENCY_KEY_PATTERN} from './http/idempotency.js';
import {PROBLEMS, problemType, type ProblemSlug} from './http/problem.js';
import {CHANNELS, ID_PATTERN, VOTER_PATTERN} from './polls/schema.js';

/** Building blocks of the OpenAPI document, shared by the polls, ratings and ideas parts of it. */

export const ref = (name: string) => ({$ref: `#/components/schemas/${name}`});
export const json = (schema: object) => ({'application/json': {schema}});

/** The problem responses of an operation, one per status, each naming its problem types. */
export function problems(...slugs: ProblemSlug[]): Record<string, object> {
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of slugs) byStatus.set(PROBLEMS[slug].status, [...(byStatus.get(PROBLEMS[slug].status) ?? []), slug]);
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [
      String(status),
      {
        description: group.map((s) => `\`${problemType(s)}\``).join(', '),
        headers: status === 429 ? {'Retry-After': {description: 'Seconds to wait', schema: {type: 'integer'}}} : undefined,
        content: {'application/problem+json': {schema: ref('Problem')}},
      },
    ]),
  );
}

/** A path parameter holding a widget (or other) id. */
export const idParam = (name = 'id') => ({name, in: 'path', required: true, schema: {type: 'string', pattern: ID_PATTERN.source}});

export const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Made by the client when the user acts; a retry sends the same key.',
  schema: {type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source},
};

/** The optional voter token header of a read; `description` says what it adds. */
export const voterHeader = (description: string) => ({name: 'Kirjasto-Voter', in: 'header', required: false, description, schema: {type: 'string'}});

export const replayedHeaders = {'Idempotent-Replayed': {schema: {type: 'string', enum: ['true']}}};

const voterProperty = {type: 'string', pattern: VOTER_PATTERN.source, description: 'Random token kept by the client; stored only as a keyed hash.'};

/** Where an answer was given: its channel and a branch of the `owner`'s library. */
export const placementProperties = (owner: string) => ({
  channel: {enum: [...CHANNELS]},
  location: {type: 'string', description: `A branch id of the ${owner}'s library`},
});

/** What can go wrong reading one resource by its id. */
export const READ_PROBLEMS: ProblemSlug[] = ['not-found', 'rate-limited', 'method-not-allowed', 'internal'];

/** A path whose GET answers one resource by its id as the `schema` component. */
export const readById = (operationId: string, summary: string, description: string, schema: string) => ({
  parameters: [idParam()],
  get: {operationId, summary, responses: {'200': {description, content: json(ref(schema))}, ...problems(...READ_PROBLEMS)}},
});

/** The 201 of an idempotent write that answers a receipt. */
export const storedReceipt = (schema: string) => ({
  description: 'Stored. A replay of the same key and body answers the stored receipt with `Idempotent-Replayed: true`.',
  headers: replayedHeaders,
  content: json(ref(schema)),
});

/** The problems of posting an answer (vote, response, comment), with the widget's own between the common ones. */
export const answerProblems = (...own: ProblemSlug[]) =>
  problems(
    'validation',
    'origin-not-allowed',
    'not-found',
    ...own,
    'payload-too-large',
    'unsupported-media-type',
    'idempotency-key-reused',
    'rate-limited',
    'method-not-allowed',
    'internal',
  );

/** The body of an answer to the `owner`: its own fields, then the voter token, channel and branch. */
export const answerSchema = (owner: string, required: string[], own: Record<string, object>) => ({
  type: 'object',
  required,
  properties: {...own, voter: voterProperty, ...placementProperties(owner)},
  description: 'Unknown properties are ignored.',
});

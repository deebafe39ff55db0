import {OpenAPIHono, z, type Hook} from '@hono/zod-openapi';
import type {MiddlewareHandler} from 'hono';
import {PATRON_LANGUAGES} from '../languages.js';
import type {AppEnv} from './context.js';
import {pointer, Problem, PROBLEMS, problemType, validationProblem, type ProblemSlug} from './problem.js';

/**
 * The kernel of the HTTP contract: the patterns, fields, headers and problem responses every domain's
 * routes are declared with. The OpenAPI document is generated from these and the domains' schemas.
 */

/** Ids of widgets, options and branches: also what a path segment must look like before it reaches SQL. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const VOTER_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
export const CHANNELS = ['web', 'qr', 'kiosk'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SCHEDULE_STATUSES = ['open', 'closed', 'scheduled'] as const;

export const TextSchema = z
  .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(-x-[A-Za-z0-9]{1,8})?$/), z.string())
  .openapi('Text', {
    description: 'A text by language code, e.g. {"fi": "…", "sv": "…", "en": "…", "se": "…"}; "fi-x-selko" is plain Finnish (selkokieli), shown instead of "fi" where a page asks for it',
  });
/** A multilingual text: language code to string. */
export type Text = Record<string, string>;

export const dateTime = () => z.iso.datetime({offset: true});
export const statusField = () => z.enum(SCHEDULE_STATUSES);

export const voterField = (description = 'Random token kept by the client; stored only as a keyed hash.') =>
  z.string().regex(VOTER_PATTERN, 'Must be 16–128 characters of A–Z, a–z, 0–9, _ and -').openapi({description});
export const channelField = () => z.enum(CHANNELS);
/** The UI language an answer was given in, kept with it for the reports (optional: older clients send none). */
export const langField = () =>
  z.enum(PATRON_LANGUAGES).openapi({description: 'The UI language the answer was given in, for the reports (by language)'});
export const locationField = (owner: string) =>
  z.string().regex(ID_PATTERN, 'Not a known branch of this library').openapi({description: `A branch id of the ${owner}'s library`});

/** The path parameter `id`; a malformed one is simply not found (the domain's middleware says so). */
export const idParams = () => z.object({id: z.string().openapi({pattern: ID_PATTERN.source})});

const KEY_REQUIRED = 'The Idempotency-Key header is required';
export const idempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string({error: KEY_REQUIRED})
    .superRefine((value, ctx) => {
      if (value === '') ctx.addIssue({code: 'custom', message: KEY_REQUIRED});
      else if (!IDEMPOTENCY_KEY_PATTERN.test(value)) ctx.addIssue({code: 'custom', message: 'Must be 8–128 characters of A–Z, a–z, 0–9, _ . : and -'});
    })
    .openapi({pattern: IDEMPOTENCY_KEY_PATTERN.source, description: 'Made by the client when the user acts; a retry sends the same key.'}),
});

/** The optional voter token header of a read; `description` says what it adds. A malformed one counts as absent. */
export const voterHeaders = (description: string) =>
  z.object({'Kirjasto-Voter': z.string().optional().openapi({description})});

export const voterOf = (headers: {'Kirjasto-Voter'?: string}) => {
  const voter = headers['Kirjasto-Voter'];
  return voter && VOTER_PATTERN.test(voter) ? voter : undefined;
};

/** A poll's counts: in the poll, the vote receipt and the already-voted problem alike. */
export const ResultsSchema = z
  .strictObject({
    total: z.number().int().min(0).openapi({description: 'Number of voters'}),
    options: z.array(z.strictObject({id: z.string(), count: z.number().int().min(0)})),
    otherCount: z.number().int().min(0),
  })
  .openapi('Results');
export type Results = z.infer<typeof ResultsSchema>;

export const ProblemSchema = z
  .object({
    type: z.enum(Object.keys(PROBLEMS).map((s) => problemType(s as ProblemSlug)) as [string, ...string[]]),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    errors: z
      .array(z.object({path: z.string().openapi({description: 'A JSON Pointer into the body, or a header or query parameter name'}), message: z.string()}))
      .optional(),
    results: ResultsSchema.optional().openapi({description: 'already-voted: the results, when this voter may see them'}),
    opensAt: dateTime().optional().openapi({description: 'poll-not-open, rating-not-open, box-not-open: when it opens'}),
    mergedInto: z.string().optional().openapi({description: 'idea-merged: the idea to support instead'}),
  })
  .catchall(z.unknown())
  .openapi('Problem', {description: 'RFC 9457; `type` is `urn:kirjasto:problem:<slug>`.'});

const retryAfter = {'Retry-After': {description: 'Seconds to wait', schema: {type: 'integer' as const}}};

/** The problem responses of an operation, one per status, each naming its problem types. */
export function problems(...slugs: ProblemSlug[]) {
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of new Set(slugs)) byStatus.set(PROBLEMS[slug].status, [...(byStatus.get(PROBLEMS[slug].status) ?? []), slug]);
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [
      status,
      {
        description: group.map((s) => `\`${problemType(s)}\``).join(', '),
        ...(status === 429 ? {headers: retryAfter} : {}),
        ...(status === 401 ? {headers: {'WWW-Authenticate': {description: 'Bearer', schema: {type: 'string' as const}}}} : {}),
        content: {'application/problem+json': {schema: ProblemSchema}},
      },
    ]),
  ) as Record<number, {description: string; content: {'application/problem+json': {schema: typeof ProblemSchema}}}>;
}

/** What can go wrong reading anything. */
export const READ_PROBLEMS: ProblemSlug[] = ['not-found', 'archived', 'origin-not-allowed', 'rate-limited', 'method-not-allowed', 'internal'];
/** What can go wrong sending a JSON body to a widget. */
export const WRITE_PROBLEMS: ProblemSlug[] = [
  'validation',
  'origin-not-allowed',
  'not-found',
  'archived',
  'payload-too-large',
  'unsupported-media-type',
  'idempotency-key-reused',
  'rate-limited',
  'method-not-allowed',
  'internal',
];

export const json = <S extends z.ZodType>(schema: S) => ({'application/json': {schema}});
export const replayedHeaders = {'Idempotent-Replayed': {schema: {type: 'string' as const, enum: ['true']}}};

/** The 2xx of an idempotent write. */
export const stored = <S extends z.ZodType>(schema: S, description = 'Stored') => ({
  description: `${description}. A replay of the same key and body answers the stored response with \`Idempotent-Replayed: true\`.`,
  headers: replayedHeaders,
  content: json(schema),
});

/** Body request of a route: JSON, required. */
export const jsonRequest = <S extends z.ZodType>(schema: S) => ({required: true, content: json(schema)});

/** One hook for every route: zod issues become the `validation` problem with JSON Pointer (body) or name paths. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one hook for routes of every input type
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  const inBody = result.target === 'json' || result.target === 'form';
  throw validationProblem(result.error.issues.map((issue) => ({path: inBody ? pointer(issue.path) : String(issue.path[0] ?? ''), message: issue.message})));
};

/** A domain's sub-app: OpenAPI routes validated by the shared hook. */
export const apiApp = <E extends AppEnv = AppEnv>() => new OpenAPIHono<E>({defaultHook: validationHook});

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false});
const isJsonMediaType = (mediaType: string) => mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);

/**
 * The body as JSON before validation: 415 for another content type, 400 for invalid UTF-8 (never
 * replaced with U+FFFD) or malformed JSON. `optional`: an empty body without a type reads as `{}`.
 */
export const jsonBody =
  (options: {optional?: boolean} = {}): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const contentType = c.req.header('content-type');
    if (options.optional && !contentType && (c.req.header('content-length') ?? '0') === '0') {
      c.req.bodyCache.json = Promise.resolve({});
      return next();
    }
    if (!isJsonMediaType((contentType ?? '').split(';')[0]!.trim().toLowerCase())) {
      throw new Problem('unsupported-media-type', {detail: 'Send the body as application/json.'});
    }
    let text: string;
    try {
      text = utf8.decode(await c.req.arrayBuffer());
    } catch (error) {
      if (error instanceof TypeError) throw validationProblem([{path: '', message: 'The body is not valid UTF-8'}], 'The body is not valid UTF-8.');
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw validationProblem([{path: '', message: 'The body is not valid JSON'}], 'The body is not valid JSON.');
    }
    c.req.bodyCache.json = Promise.resolve(body);
    // The validator reads the body as text (c.req.json()): without it, Hono would make a whole Response
    // (a stream) out of the cached bytes to decode them a second time.
    // (Hono's type says string; what it keeps there is the promise of one, as for `json`.)
    (c.req.bodyCache as {text?: Promise<string>}).text = Promise.resolve(text);
    return next();
  };

/** The default `Idempotent-Replayed` and no-store headers of a write's answer. */
export const writeHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? {'Cache-Control': 'no-store', 'Idempotent-Replayed': 'true'} : {'Cache-Control': 'no-store'};

/** Parses with a zod schema outside a route (the page forms); throws the same validation problem as the hook. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationProblem(result.error.issues.map((issue) => ({path: pointer(issue.path), message: issue.message})));
}

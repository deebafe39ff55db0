import type {Context} from 'hono';

/** Stable problem slugs: the `type` is `urn:kirjasto:problem:<slug>`. */
export const PROBLEMS = {
  validation: {status: 400, title: 'The request is not valid'},
  'not-found': {status: 404, title: 'Not found'},
  archived: {status: 410, title: 'Archived by its library: no longer shown or answered'},
  'already-voted': {status: 409, title: 'This voter has already voted in this poll'},
  'poll-closed': {status: 409, title: 'The poll is closed'},
  'poll-not-open': {status: 409, title: 'The poll is not open yet'},
  'idempotency-key-reused': {status: 422, title: 'The Idempotency-Key was already used for a different request'},
  'payload-too-large': {status: 413, title: 'The request body is too large'},
  'request-header-too-large': {status: 431, title: 'The request line or headers are too large'},
  'request-timeout': {status: 408, title: 'The request took too long to arrive'},
  'unsupported-media-type': {status: 415, title: 'Unsupported content type'},
  'rate-limited': {status: 429, title: 'Too many requests'},
  'origin-not-allowed': {status: 403, title: 'This library has not allowed this web origin'},
  'results-hidden': {status: 403, title: 'The results are not visible'},
  'already-rated': {status: 409, title: 'This voter has already answered this rating today'},
  'rating-closed': {status: 409, title: 'The rating is closed'},
  'rating-not-open': {status: 409, title: 'The rating is not open yet'},
  'response-exists': {status: 409, title: 'This responseId was already used for another request'},
  'comment-exists': {status: 409, title: 'This response already has a comment'},
  'wrong-pin': {status: 403, title: 'The PIN is not right'},
  'method-not-allowed': {status: 405, title: 'Method not allowed'},
  'too-fast': {status: 400, title: 'Sent too soon after the form was loaded'},
  'form-token-invalid': {status: 400, title: 'The form token is not valid or has expired; load the form again'},
  'spam-suspected': {status: 400, title: 'The submission looks automated'},
  'box-closed': {status: 409, title: 'The idea box is closed'},
  'box-not-open': {status: 409, title: 'The idea box is not open yet'},
  'idea-merged': {status: 409, title: 'The idea was merged into another idea'},
  unauthorized: {status: 401, title: 'Authentication is required'},
  'sign-in-failed': {status: 401, title: 'The email or the password is not right'},
  'provider-unavailable': {status: 502, title: "The library's sign-in service did not answer"},
  'csrf-token-invalid': {status: 403, title: 'The X-CSRF-Token header is missing or not this session\'s'},
  'precondition-required': {status: 428, title: 'Send If-Match with the ETag of the version you edited'},
  'precondition-failed': {status: 412, title: 'Someone else changed this in the meantime'},
  'id-taken': {status: 409, title: 'This id is already in use on this server'},
  'poll-has-votes': {status: 409, title: 'The poll has votes: this change would falsify them'},
  'has-answers': {status: 409, title: 'It has answers: this change would falsify them'},
  'last-owner': {status: 409, title: 'A library needs at least one owner'},
  'email-taken': {status: 409, title: 'A user with this email is already a member'},
  'invitation-invalid': {status: 400, title: 'The invitation is not valid or has expired'},
  forbidden: {status: 403, title: 'Not allowed'},
  internal: {status: 500, title: 'Internal server error'},
} as const;

export type ProblemSlug = keyof typeof PROBLEMS;
export const problemType = (slug: ProblemSlug) => `urn:kirjasto:problem:${slug}`;

export interface FieldError {
  /** A JSON Pointer into the body (`/optionIds/0`), or a header name. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown anywhere in a request; turned into application/problem+json by the app's error handler. */
export class Problem extends Error {
  readonly slug: ProblemSlug;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    slug: ProblemSlug,
    options: {detail?: string; errors?: FieldError[]; extensions?: Record<string, unknown>; headers?: Record<string, string>} = {},
  ) {
    super(options.detail ?? PROBLEMS[slug].title);
    this.slug = slug;
    this.status = PROBLEMS[slug].status;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  get body(): ProblemBody {
    const body: ProblemBody = {
      ...this.extensions,
      type: problemType(this.slug),
      title: PROBLEMS[this.slug].title,
      status: this.status,
    };
    if (this.message !== PROBLEMS[this.slug].title) body.detail = this.message;
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

export const validationProblem = (errors: FieldError[], detail?: string) => new Problem('validation', {errors, detail});

export function problemResponse(c: Context, problem: Problem): Response {
  const headers = new Headers(problem.headers);
  headers.set('Content-Type', 'application/problem+json');
  headers.set('Cache-Control', 'no-store');
  return c.body(JSON.stringify(problem.body), problem.status as 400, Object.fromEntries(headers));
}

/** RFC 6901 escaping of one path segment. */
export const pointer = (path: readonly PropertyKey[]) =>
  path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** 405 for a known path with another method (Hono's method-not-allowed middleware finds the methods). */
export const methodNotAllowedProblem = (c: Context, methods: string[]): Response => {
  const allow = methods.join(', ');
  return problemResponse(c, new Problem('method-not-allowed', {detail: `Use ${allow} on ${c.req.path}.`, headers: {Allow: allow}}));
};

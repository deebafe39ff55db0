import type {components} from '../../src/generated/api.js';

/** The admin API's schemas by name, generated from the server's OpenAPI document. */
export type Schemas = components['schemas'];
export type Text = Schemas['Text'];
export type StaffSession = Schemas['StaffSession'];
export type Role = StaffSession['tenants'][number]['role'];
export type ProblemBody = Schemas['Problem'];

/** A request the admin API refused, or could not be sent: what the screens show and act on. */
export class ApiProblem extends Error {
  /** The problem type's slug (`precondition-failed`), or `network` when nothing came back. */
  readonly slug: string;
  readonly status: number;
  readonly body?: ProblemBody;

  constructor(status: number, body?: ProblemBody) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.slug = body?.type?.replace('urn:kirjasto:problem:', '') ?? (status === 0 ? 'network' : 'unknown');
  }

  /** The message of each field the server named, by JSON Pointer (`/options/0/label/fi`). */
  get fieldErrors(): Map<string, string> {
    return new Map((this.body?.errors ?? []).map((e) => [e.path, e.message]));
  }
}

export interface RequestOptions {
  body?: unknown;
  /** The ETag the edit started from: sent as If-Match, so a concurrent change answers 412. */
  ifMatch?: string;
  /** Sent as Idempotency-Key, so that a create retried after a lost answer is stored once. */
  idempotencyKey?: string;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface Answer<T> {
  data: T;
  etag?: string;
  status: number;
}

const BASE = '/api/v1/admin';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The console's one way to the server: JSON over the admin API with the session cookie, the CSRF token
 * on every state-changing request, and every refusal turned into an {@link ApiProblem}. A 401 outside
 * sign-in tells the app that the session ended (`kirjasto-console-signed-out` on window).
 */
export class AdminClient {
  csrfToken = '';

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {Accept: 'application/json'};
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (UNSAFE.has(method) && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    let url = BASE + path;
    const query = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== '');
    if (query.length) url += `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      throw new ApiProblem(0);
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      if (response.status === 401 && path !== '/session') window.dispatchEvent(new Event('kirjasto-console-signed-out'));
      throw new ApiProblem(response.status, data as ProblemBody | undefined);
    }
    return {data: data as T, etag: response.headers.get('ETag') ?? undefined, status: response.status};
  }

  get<T>(path: string, query?: RequestOptions['query']) {
    return this.request<T>('GET', path, {query});
  }

  /** A path under the library's own part of the API: `tenant('oulu', '/polls')`. */
  static tenantPath(tenant: string, path = '') {
    return `/tenants/${encodeURIComponent(tenant)}${path}`;
  }
}

export const api = new AdminClient();

/** A fresh Idempotency-Key for one act of the user (a retry of the same act reuses it). */
export const newIdempotencyKey = () => crypto.randomUUID();

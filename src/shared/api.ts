import type {Problem} from './types.js';

/**
 * A failed API call. `status` is 0 when the server could not be reached at all (offline, timeout,
 * blocked by CORS); otherwise `problem` holds the server's problem+json answer (the server answers a
 * read from an origin the library has not allowed with a readable 403 origin-not-allowed).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem?.title ?? (status ? `HTTP ${status}` : 'Network error'));
    this.name = 'ApiError';
  }

  /** Nothing was heard from the server: the request may be retried later as it is. */
  get unreachable(): boolean {
    return this.status === 0;
  }

  /** The stable problem slug, e.g. `already-voted` for `urn:kirjasto:problem:already-voted`. */
  get slug(): string {
    if (!this.status) return 'network';
    return this.problem?.type.split(':').pop() ?? `http-${this.status}`;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds before one attempt gives up. */
  timeout?: number;
  /** Further attempts after a network failure, a 5xx gateway error or a short 429. */
  retries?: number;
}

/** Where an element's store reads its content: a poll (`polls`), a rating or an idea box. */
export const contentUrl = (api: string, path: 'polls' | 'ratings' | 'idea-boxes', id: string) => `${api}/api/v1/${path}/${encodeURIComponent(id)}`;

/**
 * Answers to content reads that left before the code that reads them ran (shared/prefetch.ts): the
 * first read of such a URL takes its answer, and later reads go to the network.
 */
export const prefetched = new Map<string, Promise<Response>>();

const retryableStatus = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One JSON call to the API with a timeout per attempt and retries with backoff. */
export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const {method = 'GET', body, headers = {}, signal, timeout = 10_000, retries = 2} = options;
  for (let attempt = 0; ; attempt++) {
    let error: ApiError;
    try {
      return await attemptJson<T>(url, method, body, headers, signal, timeout);
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error = caught;
    }
    const wait = error.status === 429 ? (error.retryAfterSeconds ?? 1) * 1000 : 400 * 2 ** attempt;
    const retryable = error.unreachable || retryableStatus.has(error.status);
    if (attempt >= retries || !retryable || wait > 5000 || signal?.aborted) throw error;
    await sleep(wait * (0.75 + Math.random() / 2));
  }
}

async function attemptJson<T>(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  timeout: number,
): Promise<T> {
  const timer = AbortSignal.timeout(timeout);
  // Taken once: a retry goes to the network.
  const early = method === 'GET' ? prefetched.get(url) : undefined;
  prefetched.delete(url);
  let response: Response;
  try {
    response = await (early ?? fetch(url, {
      method,
      headers: body === undefined ? headers : {'Content-Type': 'application/json', ...headers},
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timer]) : timer,
      credentials: 'omit',
    }));
  } catch (caught) {
    if (signal?.aborted) throw caught;
    throw new ApiError(0);
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as T;
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  const problem = isProblem(data) ? data : undefined;
  if (response.status === 403 && problem?.type.endsWith(':origin-not-allowed')) tellWebmaster(problem);
  throw new ApiError(response.status, problem, retryAfter);
}

const toldWebmaster = new Set<string>();

/**
 * The patron sees "not available here"; the page's developer console says which origin the library
 * must allow, and where (the server's detail names both), once per page.
 */
function tellWebmaster(problem: Problem): void {
  const message = `kirjasto: ${problem.detail ?? `this library has not allowed ${location.origin}; allow it in the console at /admin → library settings → allowed web origins.`}`;
  if (toldWebmaster.has(message)) return;
  toldWebmaster.add(message);
  console.error(message);
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).type === 'string';
}

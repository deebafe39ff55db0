/**
 * A fake of the kirjasto HTTP API for Storybook only: each story registers canned answers under a
 * base URL of its own (`https://api.example/s<n>`), and a `window.fetch` wrapper answers every
 * request under that base. Everything else goes to the real `fetch`.
 *
 * A base per story matters: the element keeps one model per (api, poll) for the whole page, and
 * Storybook shows story after story in the same page.
 */
import type {Poll, Results} from '../src/poll/poll.types.js';

export const fakeBase = 'https://api.example';

/** How the fake answers one request. */
export type Reply =
  /** A JSON answer (problem+json when `status` >= 400). */
  | {status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number}
  /** Never answers: a spinner forever. */
  | 'pending'
  /** Rejects like `fetch` does when the network is down (TypeError). */
  | 'unreachable';

export interface PollScenario {
  /** The poll `GET /api/v1/polls/{id}` answers with, or another reply (404, pending, …). */
  poll: Poll | Reply;
  /** The first N `GET`s of the poll fail as unreachable (then `poll` is answered): a retry works. */
  failFirst?: number;
  /**
   * `POST …/votes`: `'accept'` (default) answers 201 with the results counting the vote (when the
   * poll shows results after voting), or another reply.
   */
  vote?: 'accept' | Reply;
  /** `GET …/results`. Defaults to the poll's results. */
  results?: Results | Reply;
}

export type Scenario = Record<string, PollScenario>;

interface Registered {
  scenario: Scenario;
  calls: Map<string, number>;
}

const registry = new Map<string, Registered>();
let counter = 0;
const realFetch = window.fetch.bind(window);

/** Registers a scenario and returns the API base URL the story's elements should use. */
export function fakeApi(scenario: Scenario): string {
  const base = `${fakeBase}/s${++counter}`;
  registry.set(base, {scenario, calls: new Map()});
  return base;
}

/** A Storybook loader that registers a scenario; the story reads the base as `loaded.api`. */
export const withApi = (scenario: Scenario) => async () => ({api: fakeApi(scenario)});

/** An RFC 9457 answer with one of the API's stable problem types. */
export function problem(slug: string, status: number, title: string, headers: Record<string, string> = {}): Reply {
  return {status, body: {type: `urn:kirjasto:problem:${slug}`, title, status}, headers};
}

/** Forgets what the element keeps in localStorage (votes, voter token, outbox). */
export function clearRememberedState(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('kirjasto.')) localStorage.removeItem(key);
}

const isReply = (value: unknown): value is Reply =>
  value === 'pending' || value === 'unreachable' || (typeof value === 'object' && value !== null && 'status' in value && !('id' in value));

async function answer(reply: Reply): Promise<Response> {
  if (reply === 'pending') return new Promise<Response>(() => {});
  if (reply === 'unreachable') {
    await sleep(150);
    throw new TypeError('Failed to fetch');
  }
  if (reply.delayMs) await sleep(reply.delayMs);
  const contentType = reply.status >= 400 ? 'application/problem+json' : 'application/json';
  const body = reply.body === undefined ? null : JSON.stringify(reply.body);
  return new Response(reply.status === 204 ? null : body, {status: reply.status, headers: {'Content-Type': contentType, ...reply.headers}});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (status: number, body: unknown): Reply => ({status, body});
const notFound = problem('not-found', 404, 'Not found');

function withVote(poll: Poll, results: Results | undefined, optionIds: string[], otherText?: string): Results {
  const base: Results = results ?? {total: 0, options: poll.options.map((o) => ({id: o.id, count: 0})), otherCount: 0};
  return {
    total: base.total + 1,
    options: poll.options.map((o) => {
      const count = base.options.find((r) => r.id === o.id)?.count ?? 0;
      return {id: o.id, count: count + (optionIds.includes(o.id) ? 1 : 0)};
    }),
    otherCount: base.otherCount + (otherText ? 1 : 0),
  };
}

function route(registered: Registered, path: string, method: string, body: string | undefined): Reply {
  const match = /^\/api\/v1\/polls\/([^/]+)(\/votes|\/results)?$/.exec(path);
  const id = match ? decodeURIComponent(match[1]!) : '';
  const entry = registered.scenario[id];
  if (!match || !entry) return notFound;
  const calls = (registered.calls.get(path + method) ?? 0) + 1;
  registered.calls.set(path + method, calls);
  const poll = isReply(entry.poll) ? undefined : entry.poll;
  if (!match[2] && method === 'GET') {
    if (entry.failFirst && calls <= entry.failFirst) return 'unreachable';
    return isReply(entry.poll) ? entry.poll : json(200, entry.poll);
  }
  if (match[2] === '/results' && method === 'GET') {
    if (entry.results && isReply(entry.results)) return entry.results;
    const results = entry.results ?? poll?.results;
    return results ? json(200, results) : problem('results-hidden', 403, 'Results are not shown');
  }
  if (match[2] === '/votes' && method === 'POST') {
    const vote = entry.vote ?? 'accept';
    if (vote !== 'accept') return vote;
    if (!poll) return notFound;
    const ballot = JSON.parse(body ?? '{}') as {optionIds: string[]; otherText?: string};
    const shown = poll.resultsVisibility === 'always' || poll.resultsVisibility === 'after-vote';
    const stored = entry.results && !isReply(entry.results) ? entry.results : poll.results;
    const results = shown ? withVote(poll, stored, ballot.optionIds, ballot.otherText) : undefined;
    return json(201, {pollId: poll.id, optionIds: ballot.optionIds, ...(ballot.otherText ? {otherText: ballot.otherText} : {}), ...(results ? {results} : {})});
  }
  return problem('method-not-allowed', 405, 'Method not allowed');
}

window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith(`${fakeBase}/`)) return realFetch(input, init);
  const parsed = new URL(url);
  const base = [...registry.keys()].find((key) => url.startsWith(`${key}/`));
  const registered = base ? registry.get(base) : undefined;
  if (!registered || !base) return answer('unreachable');
  const path = parsed.pathname.slice(new URL(base).pathname.length);
  const method = (init?.method ?? 'GET').toUpperCase();
  return answer(route(registered, path, method, typeof init?.body === 'string' ? init.body : undefined));
};

// --- Canned content -------------------------------------------------------------------------

export const singlePoll: Poll = {
  id: 'library-hours',
  question: {
    fi: 'Milloin kävisit kirjastossa mieluiten?',
    sv: 'När besöker du helst biblioteket?',
    en: 'When would you most like to visit the library?',
  },
  options: [
    {id: 'mornings', label: {fi: 'Aamuisin', sv: 'På morgonen', en: 'Mornings'}},
    {id: 'evenings', label: {fi: 'Iltaisin', sv: 'På kvällen', en: 'Evenings'}},
    {id: 'weekends', label: {fi: 'Viikonloppuisin', sv: 'På veckoslut', en: 'Weekends'}},
    {id: 'sundays', label: {fi: 'Sunnuntaisin', sv: 'På söndagar', en: 'Sundays'}},
  ],
  maxChoices: 1,
  allowOther: false,
  resultsVisibility: 'after-vote',
  status: 'open',
  closesAt: '2031-05-31T20:00:00Z',
};

export const singleResults: Results = {
  total: 128,
  options: [
    {id: 'mornings', count: 21},
    {id: 'evenings', count: 52},
    {id: 'weekends', count: 38},
    {id: 'sundays', count: 17},
  ],
  otherCount: 0,
};

export const multiPoll: Poll = {
  id: 'new-services',
  question: {
    fi: 'Mitä uusia palveluja haluaisit kirjastoon?',
    sv: 'Vilka nya tjänster vill du ha på biblioteket?',
    en: 'Which new services would you like at the library?',
  },
  options: [
    {id: 'makerspace', label: {fi: 'Pajatila ja 3D-tulostin', sv: 'Verkstad och 3D-skrivare', en: 'Makerspace and 3D printer'}},
    {id: 'games', label: {fi: 'Lautapeli-illat', sv: 'Brädspelskvällar', en: 'Board game evenings'}},
    {id: 'language-cafe', label: {fi: 'Kielikahvila', sv: 'Språkcafé', en: 'Language café'}},
    {id: 'tool-loan', label: {fi: 'Työkalulainaamo', sv: 'Verktygsutlåning', en: 'Tool lending'}},
    {id: 'quiet-room', label: {fi: 'Hiljainen lukusali', sv: 'Tyst läsesal', en: 'Quiet reading room'}},
  ],
  maxChoices: 3,
  allowOther: true,
  resultsVisibility: 'after-vote',
  status: 'open',
};

export const multiResults: Results = {
  total: 64,
  options: [
    {id: 'makerspace', count: 30},
    {id: 'games', count: 22},
    {id: 'language-cafe', count: 14},
    {id: 'tool-loan', count: 25},
    {id: 'quiet-room', count: 19},
  ],
  otherCount: 6,
};

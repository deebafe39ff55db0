/**
 * A fake of the kirjasto HTTP API for Storybook only: each story registers canned answers under an
 * API base of its own (`https://s<n>.api.example`), and a `window.fetch` wrapper answers every
 * request to such a base. Everything else goes to the real `fetch`.
 *
 * A base per story matters: the elements keep one model per (api, id) for the whole page, and the
 * outbox holds back later writes per origin, while Storybook (and its Vitest runner) shows story
 * after story in the same page. For the same reason a new story hangs up whatever the previous
 * one left waiting (`resetStoryState`).
 *
 * A scenario maps ids to what the fake knows about them: a poll (`{poll}`), a rating prompt
 * (`{rating}`) or an idea box (`{box}`), so one story can hold several elements of any kind.
 * Requests and answers are typed by the API types generated from the server's OpenAPI document
 * (src/generated/api.ts), so the fake cannot drift from the contract unnoticed.
 */
import type {Idea, IdeaBox, IdeaStatus} from '../src/idea-box/idea-box.types.js';
import type {Poll, Results} from '../src/poll/poll.types.js';
import type {Rating} from '../src/rating/rating.types.js';
import type {Operations, Problem} from '../src/shared/types.js';

/** The parent domain of every story's API base; a URL under it that no story registered is unreachable. */
export const fakeDomain = 'api.example';

/** The JSON body an operation answers with on `status`. */
type Answer<Op extends keyof Operations, Status extends keyof Operations[Op]['responses']> = Operations[Op]['responses'][Status] extends {
  content: {'application/json': infer Body};
}
  ? Body
  : never;

/** The JSON body an operation is sent. */
type Sent<Op extends keyof Operations> = Operations[Op] extends {requestBody: {content: {'application/json': infer Body}}} ? Body : never;

/** The score range of each scale, as the server sends it in `Rating.scores`. */
export const scaleScores: Record<Rating['scale'], {min: number; max: number}> = {
  'smileys-4': {min: 1, max: 4},
  'smileys-5': {min: 1, max: 5},
  'stars-5': {min: 1, max: 5},
  nps: {min: 0, max: 10},
  thumbs: {min: 0, max: 1},
};

/** How the fake answers one request. */
export type Reply =
  /** A JSON answer (problem+json when `status` >= 400). */
  | {status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number}
  /** Never answers (until the request is aborted, or the next story starts): a spinner forever. */
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

export interface RatingScenario {
  /** The prompt `GET /api/v1/ratings/{id}` answers with, or another reply. */
  rating: Rating | Reply;
  /** `POST …/responses`: `'accept'` (default) answers 201 with the receipt, or another reply. */
  respond?: 'accept' | Reply;
  /** `POST …/responses/{responseId}/comment`: `'accept'` (default) answers 200, or another reply. */
  comment?: 'accept' | Reply;
  /** The staff PIN `POST /api/v1/kiosk/unlock` accepts for this rating (204); others get 403 `wrong-pin`. */
  pin?: string;
}

export interface IdeaBoxScenario {
  /** The box `GET /api/v1/idea-boxes/{id}` answers with, or another reply. */
  box: IdeaBox | Reply;
  /**
   * The published ideas, paged by `limit` with an opaque cursor and sorted as asked
   * (`support` or `newest`); or another reply for every page. Default: none.
   */
  ideas?: Idea[] | Reply;
  /** `POST …/ideas`: `'accept'` (default) answers 201, published at once when moderation is `post`. */
  submit?: 'accept' | Reply;
  /** `POST /api/v1/ideas/{ideaId}/supports`: `'accept'` (default) answers 200 with the new count. */
  support?: 'accept' | Reply;
}

export type Scenario = Record<string, PollScenario | RatingScenario | IdeaBoxScenario>;

interface Registered {
  scenario: Scenario;
  calls: Map<string, number>;
  /** Ideas accepted during the story, and supports given (the fake remembers within its base). */
  ideas: Map<string, Idea[]>;
  /** Scores of the responses received, by response id (a comment's receipt repeats its score). */
  scores: Map<string, number>;
}

const registry = new Map<string, Registered>();
let counter = 0;
const realFetch = window.fetch.bind(window);
/** Requests still waiting for an answer; the next story hangs them up. */
const waiting = new Set<(reason: unknown) => void>();
/** Bases registered for the story about to render (its loaders run before its decorators). */
const current = new Set<string>();

/** Registers a scenario and returns the API base URL the story's elements should use. */
export function fakeApi(scenario: Scenario): string {
  const base = `https://s${++counter}.${fakeDomain}`;
  registry.set(base, {scenario, calls: new Map(), ideas: new Map(), scores: new Map()});
  current.add(base);
  return base;
}

/** A Storybook loader that registers a scenario; the story reads the base as `loaded.api`. */
export const withApi = (scenario: Scenario) => async () => ({api: fakeApi(scenario)});

/** The slugs of the API's stable problem types (`urn:kirjasto:problem:<slug>`). */
export type ProblemSlug = Problem['type'] extends `urn:kirjasto:problem:${infer Slug}` ? Slug : never;

/** An RFC 9457 answer with one of the API's stable problem types. */
export function problem(slug: ProblemSlug, status: number, title: string, headers: Record<string, string> = {}): Reply {
  const body: Problem = {type: `urn:kirjasto:problem:${slug}`, title, status};
  return {status, body, headers};
}

/**
 * A new story starts as a new page would: nothing in localStorage from the elements (votes,
 * ratings, voter token, outbox), no request of earlier stories still waiting, and their API bases
 * gone (a retry of their writes finds the server unreachable). Called by a decorator, after the
 * story's loaders registered its own base.
 */
export function resetStoryState(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('kirjasto.')) localStorage.removeItem(key);
  for (const base of registry.keys()) if (!current.has(base)) registry.delete(base);
  current.clear();
  for (const hangUp of waiting) hangUp(new TypeError('Failed to fetch'));
  waiting.clear();
}

const isReply = (value: unknown): value is Reply =>
  value === 'pending' || value === 'unreachable' || (typeof value === 'object' && value !== null && 'status' in value && !('id' in value));

/** Waits `ms`, or rejects as `fetch` does when the request is aborted (its timeout) or hung up. */
function hold(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: unknown) => {
      clearTimeout(timer);
      waiting.delete(fail);
      reject(reason);
    };
    const timer = ms === Infinity ? undefined : setTimeout(() => (waiting.delete(fail), resolve()), ms);
    if (signal?.aborted) return fail(signal.reason);
    signal?.addEventListener('abort', () => fail(signal.reason), {once: true});
    waiting.add(fail);
  });
}

async function answer(reply: Reply, signal: AbortSignal | null | undefined): Promise<Response> {
  if (reply === 'pending') {
    await hold(Infinity, signal);
    throw new TypeError('Failed to fetch');
  }
  if (reply === 'unreachable') {
    await hold(150, signal);
    throw new TypeError('Failed to fetch');
  }
  await hold(reply.delayMs ?? 0, signal);
  const contentType = reply.status >= 400 ? 'application/problem+json' : 'application/json';
  const body = reply.body === undefined ? null : JSON.stringify(reply.body);
  return new Response(reply.status === 204 ? null : body, {status: reply.status, headers: {'Content-Type': contentType, ...reply.headers}});
}

/** A success answer of `op`, its body checked against the generated types. */
const json = <Op extends keyof Operations, Status extends keyof Operations[Op]['responses'] & number>(
  _op: Op,
  status: Status,
  body: Answer<Op, Status>,
): Reply => ({status, body});
const notFound = problem('not-found', 404, 'Not found');
const parse = <Op extends keyof Operations>(_op: Op, body: string | undefined) => JSON.parse(body ?? '{}') as Sent<Op>;

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

function entryOf<K extends 'poll' | 'rating' | 'box'>(registered: Registered, id: string, kind: K) {
  const entry = registered.scenario[id];
  type Kinds = {poll: PollScenario; rating: RatingScenario; box: IdeaBoxScenario};
  return entry && kind in entry ? (entry as Kinds[K]) : undefined;
}

const countCall = (registered: Registered, key: string) => {
  const calls = (registered.calls.get(key) ?? 0) + 1;
  registered.calls.set(key, calls);
  return calls;
};

function route(registered: Registered, path: string, method: string, body: string | undefined, query: URLSearchParams): Reply {
  if (path.startsWith('/api/v1/polls/')) return routePoll(registered, path, method, body);
  if (path.startsWith('/api/v1/ratings/') || path === '/api/v1/kiosk/unlock') return routeRating(registered, path, method, body);
  if (path.startsWith('/api/v1/idea-boxes/') || path.startsWith('/api/v1/ideas/')) return routeIdeas(registered, path, method, body, query);
  return notFound;
}

function routePoll(registered: Registered, path: string, method: string, body: string | undefined): Reply {
  const match = /^\/api\/v1\/polls\/([^/]+)(\/votes|\/results)?$/.exec(path);
  const entry = match ? entryOf(registered, decodeURIComponent(match[1]!), 'poll') : undefined;
  if (!match || !entry) return notFound;
  const calls = countCall(registered, path + method);
  const poll = isReply(entry.poll) ? undefined : entry.poll;
  if (!match[2] && method === 'GET') {
    if (entry.failFirst && calls <= entry.failFirst) return 'unreachable';
    return poll ? json('getPoll', 200, poll) : (entry.poll as Reply);
  }
  if (match[2] === '/results' && method === 'GET') {
    if (entry.results && isReply(entry.results)) return entry.results;
    const results = entry.results ?? poll?.results;
    return results ? json('getResults', 200, results) : problem('results-hidden', 403, 'Results are not shown');
  }
  if (match[2] === '/votes' && method === 'POST') {
    const vote = entry.vote ?? 'accept';
    if (vote !== 'accept') return vote;
    if (!poll) return notFound;
    const ballot = parse('vote', body);
    const shown = poll.resultsVisibility === 'always' || poll.resultsVisibility === 'after-vote';
    const stored = entry.results && !isReply(entry.results) ? entry.results : poll.results;
    const results = shown ? withVote(poll, stored, ballot.optionIds, ballot.otherText) : undefined;
    return json('vote', 201, {
      pollId: poll.id,
      optionIds: ballot.optionIds,
      ...(ballot.otherText ? {otherText: ballot.otherText} : {}),
      ...(results ? {results} : {}),
    });
  }
  return problem('method-not-allowed', 405, 'Method not allowed');
}

function routeRating(registered: Registered, path: string, method: string, body: string | undefined): Reply {
  if (path === '/api/v1/kiosk/unlock' && method === 'POST') {
    const {rating, pin} = parse('unlockKiosk', body);
    const entry = entryOf(registered, rating, 'rating');
    if (!entry) return notFound;
    return entry.pin !== undefined && pin === entry.pin ? {status: 204} : problem('wrong-pin', 403, 'Wrong PIN');
  }
  const match = /^\/api\/v1\/ratings\/([^/]+)(?:\/responses(?:\/([^/]+)\/(comment))?)?$/.exec(path);
  const entry = match ? entryOf(registered, decodeURIComponent(match[1]!), 'rating') : undefined;
  if (!match || !entry) return notFound;
  const rating = isReply(entry.rating) ? undefined : entry.rating;
  const isPrompt = !path.includes('/responses');
  if (isPrompt && method === 'GET') return rating ? json('getRating', 200, rating) : (entry.rating as Reply);
  if (!rating) return notFound;
  if (match[3] === 'comment' && method === 'POST') {
    const reply = entry.comment ?? 'accept';
    if (reply !== 'accept') return reply;
    const responseId = decodeURIComponent(match[2]!);
    const score = registered.scores.get(responseId);
    if (score === undefined) return notFound;
    const {comment} = parse('comment', body);
    return json('comment', 200, {ratingId: rating.id, responseId, score, comment});
  }
  if (!isPrompt && !match[3] && method === 'POST') {
    const reply = entry.respond ?? 'accept';
    if (reply !== 'accept') return reply;
    const {responseId, score} = parse('respond', body);
    registered.scores.set(responseId, score);
    return json('respond', 201, {ratingId: rating.id, responseId, score});
  }
  return problem('method-not-allowed', 405, 'Method not allowed');
}

const bySupport = (a: Idea, b: Idea) => b.supports - a.supports || b.createdAt.localeCompare(a.createdAt);
const byNewest = (a: Idea, b: Idea) => b.createdAt.localeCompare(a.createdAt);

/** The box's ideas as the fake knows them now: the scenario's plus those accepted during the story. */
function ideasOf(registered: Registered, boxId: string, entry: IdeaBoxScenario): Idea[] {
  let ideas = registered.ideas.get(boxId);
  if (!ideas) registered.ideas.set(boxId, (ideas = Array.isArray(entry.ideas) ? entry.ideas.map((idea) => ({...idea})) : []));
  return ideas;
}

function routeIdeas(registered: Registered, path: string, method: string, body: string | undefined, query: URLSearchParams): Reply {
  const support = /^\/api\/v1\/ideas\/([^/]+)\/supports$/.exec(path);
  if (support && method === 'POST') {
    const ideaId = decodeURIComponent(support[1]!);
    for (const [boxId, entry] of Object.entries(registered.scenario)) {
      if (!('box' in entry)) continue;
      const idea = ideasOf(registered, boxId, entry).find((known) => known.id === ideaId);
      if (!idea) continue;
      if (entry.support && entry.support !== 'accept') return entry.support;
      const {supported = true} = parse('supportIdea', body);
      if (supported !== !!idea.supported) idea.supports += supported ? 1 : -1;
      idea.supported = supported;
      return json('supportIdea', 200, {ideaId, supports: idea.supports, supported});
    }
    return notFound;
  }
  const match = /^\/api\/v1\/idea-boxes\/([^/]+)(\/ideas)?$/.exec(path);
  const boxId = match ? decodeURIComponent(match[1]!) : '';
  const entry = match ? entryOf(registered, boxId, 'box') : undefined;
  if (!match || !entry) return notFound;
  if (!match[2] && method === 'GET') return isReply(entry.box) ? entry.box : json('getIdeaBox', 200, entry.box);
  if (match[2] && method === 'GET') {
    if (entry.ideas && isReply(entry.ideas)) return entry.ideas;
    const sorted = [...ideasOf(registered, boxId, entry)].sort(query.get('sort') === 'newest' ? byNewest : bySupport);
    const offset = Number(query.get('cursor') ?? 0) || 0;
    const limit = Number(query.get('limit') ?? 10) || 10;
    const next = offset + limit < sorted.length ? String(offset + limit) : null;
    return json('listIdeas', 200, {ideas: sorted.slice(offset, offset + limit), nextCursor: next, total: sorted.length});
  }
  if (match[2] && method === 'POST') {
    const reply = entry.submit ?? 'accept';
    if (reply !== 'accept') return reply;
    if (isReply(entry.box)) return notFound;
    const sent = parse('submitIdea', body);
    const published = entry.box.moderation === 'post';
    const idea: Idea = {
      id: `new-${countCall(registered, `ideas:${boxId}`)}`,
      text: sent.text,
      ...(sent.lang ? {lang: sent.lang} : {}),
      ...(sent.category ? {category: sent.category} : {}),
      supports: 0,
      status: 'new',
      createdAt: new Date().toISOString(),
    };
    if (published) ideasOf(registered, boxId, entry).push(idea);
    return json('submitIdea', 201, {idea, published});
  }
  return problem('method-not-allowed', 405, 'Method not allowed');
}

window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
  if (url.hostname !== fakeDomain && !url.hostname.endsWith(`.${fakeDomain}`)) return realFetch(input, init);
  const registered = registry.get(url.origin);
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  if (!registered) return answer('unreachable', signal);
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const body = typeof init?.body === 'string' ? init.body : input instanceof Request ? await input.clone().text() : undefined;
  return answer(route(registered, url.pathname, method, body || undefined, url.searchParams), signal);
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
  otherMaxLength: 500,
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
  otherMaxLength: 500,
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

/** A rating prompt after a visit; each scale story overrides `scale`. */
export const visitRating: Rating = {
  id: 'visit-today',
  question: {
    fi: 'Miten tyytyväinen olit kirjastokäyntiisi tänään?',
    sv: 'Hur nöjd var du med ditt biblioteksbesök i dag?',
    en: 'How satisfied were you with your library visit today?',
  },
  scale: 'smileys-5',
  scores: {min: 1, max: 5},
  comment: 'off',
  commentMaxLength: 500,
  status: 'open',
  timeZone: 'Europe/Helsinki',
};

/** The NPS question, as libraries ask it once a year. */
export const npsRating: Rating = {
  id: 'recommend',
  question: {
    fi: 'Kuinka todennäköisesti suosittelisit kirjastoa ystävällesi?',
    sv: 'Hur sannolikt är det att du skulle rekommendera biblioteket till en vän?',
    en: 'How likely are you to recommend the library to a friend?',
  },
  scale: 'nps',
  scores: {min: 0, max: 10},
  comment: 'after-low',
  lowThreshold: 6,
  commentMaxLength: 500,
  status: 'open',
  timeZone: 'Europe/Helsinki',
};

/** Thumbs on an event, e.g. a QR code at the door of the hall. */
export const eventRating: Rating = {
  id: 'author-evening',
  question: {
    fi: 'Piditkö tämäniltaisesta kirjailijavierailusta?',
    sv: 'Tyckte du om kvällens författarbesök?',
    en: "Did you enjoy tonight's author visit?",
  },
  scale: 'thumbs',
  scores: {min: 0, max: 1},
  comment: 'off',
  commentMaxLength: 500,
  status: 'open',
  timeZone: 'Europe/Helsinki',
};

/** The self-service kiosk by the exit of a branch. */
export const kioskRating: Rating = {
  id: 'kiosk-exit',
  question: {
    fi: 'Löysitkö tänään mitä etsit?',
    sv: 'Hittade du det du sökte i dag?',
    en: 'Did you find what you were looking for today?',
  },
  scale: 'smileys-4',
  scores: {min: 1, max: 4},
  comment: 'off',
  commentMaxLength: 300,
  status: 'open',
  timeZone: 'Europe/Helsinki',
};

const categories = [
  {id: 'spaces', label: {fi: 'Tilat ja kalusteet', sv: 'Lokaler och möbler', en: 'Spaces and furniture'}},
  {id: 'collections', label: {fi: 'Kokoelmat', sv: 'Samlingar', en: 'Collections'}},
  {id: 'events', label: {fi: 'Tapahtumat', sv: 'Evenemang', en: 'Events'}},
  {id: 'opening-hours', label: {fi: 'Aukioloajat', sv: 'Öppettider', en: 'Opening hours'}},
];

/** An open idea box on the renovation of a main library, moderated before publishing. */
export const renovationBox: IdeaBox = {
  id: 'renovation',
  topic: {
    fi: 'Millainen olisi unelmiesi pääkirjasto?',
    sv: 'Hur ser ditt drömhuvudbibliotek ut?',
    en: 'What would your dream main library be like?',
  },
  description: {
    fi: 'Pääkirjaston peruskorjaus alkaa 2027. Kerro ideasi: luemme jokaisen ja vastaamme tässä.',
    sv: 'Renoveringen av huvudbiblioteket börjar 2027. Berätta din idé: vi läser varje idé och svarar här.',
    en: 'The renovation of the main library starts in 2027. Share your idea: we read every one and answer here.',
  },
  categories,
  moderation: 'pre',
  maxLength: 1000,
  allowContact: true,
  status: 'open',
  formToken: 'story-form-token',
  formMinAgeMs: 3000,
};

const answered = (fi: string, sv: string, en: string) => ({fi, sv, en});

/** Ideas in every status, some with the library's answer ("you said, we did"); all written in Finnish. */
export const renovationIdeas: Idea[] = [
  {
    id: 'idea-quiet',
    text: 'Hiljainen lukusali, jossa on pistorasiat jokaisella paikalla ja hyvä valaistus myös pimeään aikaan.',
    lang: 'fi',
    category: 'spaces',
    supports: 87,
    status: 'planned',
    answer: answered(
      'Kiitos! Hiljainen lukusali tulee toiseen kerrokseen, ja jokaiselle paikalle tulee pistorasia ja lukuvalo.',
      'Tack! En tyst läsesal kommer till andra våningen, med eluttag och läslampa vid varje plats.',
      'Thank you! A quiet reading room is coming to the second floor, with a socket and a reading lamp at every seat.',
    ),
    answeredAt: '2026-10-02T09:00:00Z',
    createdAt: '2026-08-14T16:20:00Z',
  },
  {
    id: 'idea-sunday',
    text: 'Sunnuntaiaukiolot talvella! Pimeinä kuukausina kirjasto on paras paikka olla viikonloppuna.',
    lang: 'fi',
    category: 'opening-hours',
    supports: 64,
    status: 'under-consideration',
    answer: answered(
      'Selvitämme omatoimiaukioloa sunnuntaisin marraskuusta maaliskuuhun. Kerromme päätöksestä tammikuussa.',
      'Vi utreder självbetjäning på söndagar från november till mars. Vi berättar om beslutet i januari.',
      'We are looking into self-service opening on Sundays from November to March, and will tell you our decision in January.',
    ),
    answeredAt: '2026-10-20T12:00:00Z',
    createdAt: '2026-08-30T18:05:00Z',
  },
  {
    id: 'idea-saami',
    text: 'Enemmän saamenkielisiä lastenkirjoja ja satutunteja pohjoissaameksi.',
    lang: 'fi',
    category: 'collections',
    supports: 41,
    status: 'done',
    answer: answered(
      'Satutunnit pohjoissaameksi alkoivat syyskuussa joka toinen lauantai, ja kokoelmaan tilattiin 120 uutta kirjaa.',
      'Sagostunder på nordsamiska började i september varannan lördag, och 120 nya böcker har beställts.',
      'Story hours in Northern Sami started in September every other Saturday, and 120 new books have been ordered.',
    ),
    answeredAt: '2026-09-12T08:30:00Z',
    createdAt: '2026-06-02T10:00:00Z',
  },
  {
    id: 'idea-sauna',
    text: 'Kirjastoon oma sauna, jossa voi lukea lehtiä löylyjen välissä.',
    lang: 'fi',
    category: 'spaces',
    supports: 29,
    status: 'declined',
    answer: answered(
      'Hauska idea! Sauna ei valitettavasti mahdu peruskorjauksen budjettiin eikä sovi kirjojen kanssa samaan tilaan.',
      'En rolig idé! En bastu ryms tyvärr inte i renoveringens budget och passar inte ihop med böcker.',
      'A fun idea! Sadly a sauna does not fit the renovation budget, nor the same space as books.',
    ),
    answeredAt: '2026-09-01T07:45:00Z',
    createdAt: '2026-07-21T20:10:00Z',
  },
  {
    id: 'idea-games',
    text: 'Pelihuone, jossa voi pelata lautapelejä ja konsolipelejä kavereiden kanssa iltaisin.',
    lang: 'fi',
    category: 'spaces',
    supports: 18,
    status: 'new',
    createdAt: '2026-11-18T15:40:00Z',
  },
  {
    id: 'idea-repair',
    text: 'Korjauskahvila kerran kuussa: tuo rikkinäinen pyörä, vaate tai leivänpaahdin ja korjataan yhdessä.',
    lang: 'fi',
    category: 'events',
    supports: 12,
    status: 'new',
    createdAt: '2026-11-21T11:15:00Z',
  },
];

/** Twelve more ideas, for a second page. */
export const manyIdeas: Idea[] = [
  ...renovationIdeas,
  ...[
    'Lisää pyörätelineitä sisäänkäynnin viereen, katettuna.',
    'Lainattavia lumikenkiä ja potkukelkkoja talveksi.',
    'Äänikirjasoittimia ikäihmisille, joilla ei ole älypuhelinta.',
    'Nuorille oma nurkkaus, jossa saa vähän puhuakin.',
    'Lehtilukusaliin mukavammat nojatuolit.',
    'Paikallishistorian näyttely Oulujoen tukinuitosta.',
    'Kielikahvila maahan muuttaneille joka tiistai.',
    'Ompelukone ja saumuri lainaan pajaan.',
    'Koululaisille läksykerho kirjaston vapaaehtoisten kanssa.',
    'Aulaan iso kartta, jossa näkyy mistä hyllystä mitäkin löytyy.',
  ].map(
    (text, index): Idea => ({
      id: `idea-more-${index}`,
      text,
      lang: 'fi',
      supports: 9 - Math.floor(index / 2),
      status: 'new' as IdeaStatus,
      createdAt: `2026-11-0${(index % 9) + 1}T12:00:00Z`,
    }),
  ),
];

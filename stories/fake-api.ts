/**
 * A fake of the kirjasto HTTP API for Storybook only: each story registers canned answers under a
 * base URL of its own (`https://api.example/s<n>`), and a `window.fetch` wrapper answers every
 * request under that base. Everything else goes to the real `fetch`.
 *
 * A base per story matters: the elements keep one model per (api, id) for the whole page, and
 * Storybook shows story after story in the same page.
 *
 * A scenario maps ids to what the fake knows about them: a poll (`{poll}`), a rating prompt
 * (`{rating}`) or an idea box (`{box}`), so one story can hold several elements of any kind.
 */
import type {Idea, IdeaBox, IdeaStatus} from '../src/idea-box/idea-box.types.js';
import type {Poll, Results} from '../src/poll/poll.types.js';
import type {Rating} from '../src/rating/rating.types.js';

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
}

const registry = new Map<string, Registered>();
let counter = 0;
const realFetch = window.fetch.bind(window);

/** Registers a scenario and returns the API base URL the story's elements should use. */
export function fakeApi(scenario: Scenario): string {
  const base = `${fakeBase}/s${++counter}`;
  registry.set(base, {scenario, calls: new Map(), ideas: new Map()});
  return base;
}

/** A Storybook loader that registers a scenario; the story reads the base as `loaded.api`. */
export const withApi = (scenario: Scenario) => async () => ({api: fakeApi(scenario)});

/** An RFC 9457 answer with one of the API's stable problem types. */
export function problem(slug: string, status: number, title: string, headers: Record<string, string> = {}): Reply {
  return {status, body: {type: `urn:kirjasto:problem:${slug}`, title, status}, headers};
}

/** Forgets what the elements keep in localStorage (votes, ratings, voter token, outbox). */
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

const parse = <T>(body: string | undefined) => JSON.parse(body ?? '{}') as T;

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

function routeRating(registered: Registered, path: string, method: string, body: string | undefined): Reply {
  if (path === '/api/v1/kiosk/unlock' && method === 'POST') {
    const {rating, pin} = parse<{rating: string; pin: string}>(body);
    const entry = entryOf(registered, rating, 'rating');
    if (!entry) return notFound;
    return entry.pin !== undefined && pin === entry.pin ? {status: 204} : problem('wrong-pin', 403, 'Wrong PIN');
  }
  const match = /^\/api\/v1\/ratings\/([^/]+)(?:\/responses(?:\/([^/]+)\/(comment))?)?$/.exec(path);
  const entry = match ? entryOf(registered, decodeURIComponent(match[1]!), 'rating') : undefined;
  if (!match || !entry) return notFound;
  const rating = isReply(entry.rating) ? undefined : entry.rating;
  const isPrompt = !path.includes('/responses');
  if (isPrompt && method === 'GET') return rating ? json(200, rating) : (entry.rating as Reply);
  if (!rating) return notFound;
  if (match[3] === 'comment' && method === 'POST') {
    const reply = entry.comment ?? 'accept';
    if (reply !== 'accept') return reply;
    const {comment} = parse<{comment: string}>(body);
    return json(200, {ratingId: rating.id, responseId: match[2], score: 1, comment});
  }
  if (!isPrompt && !match[3] && method === 'POST') {
    const reply = entry.respond ?? 'accept';
    if (reply !== 'accept') return reply;
    const {responseId, score} = parse<{responseId: string; score: number}>(body);
    return json(201, {ratingId: rating.id, responseId, score});
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
      const {supported} = parse<{supported: boolean}>(body);
      if (supported !== !!idea.supported) idea.supports += supported ? 1 : -1;
      idea.supported = supported;
      return json(200, {ideaId, supports: idea.supports, supported});
    }
    return notFound;
  }
  const match = /^\/api\/v1\/idea-boxes\/([^/]+)(\/ideas)?$/.exec(path);
  const boxId = match ? decodeURIComponent(match[1]!) : '';
  const entry = match ? entryOf(registered, boxId, 'box') : undefined;
  if (!match || !entry) return notFound;
  if (!match[2] && method === 'GET') return isReply(entry.box) ? entry.box : json(200, entry.box);
  if (match[2] && method === 'GET') {
    if (entry.ideas && isReply(entry.ideas)) return entry.ideas;
    const sorted = [...ideasOf(registered, boxId, entry)].sort(query.get('sort') === 'newest' ? byNewest : bySupport);
    const offset = Number(query.get('cursor') ?? 0) || 0;
    const limit = Number(query.get('limit') ?? 10) || 10;
    const next = offset + limit < sorted.length ? String(offset + limit) : null;
    return json(200, {ideas: sorted.slice(offset, offset + limit), nextCursor: next, total: sorted.length});
  }
  if (match[2] && method === 'POST') {
    const reply = entry.submit ?? 'accept';
    if (reply !== 'accept') return reply;
    if (isReply(entry.box)) return notFound;
    const sent = parse<{text: string; category?: string}>(body);
    const published = entry.box.moderation === 'post';
    const idea: Idea = {
      id: `new-${countCall(registered, `ideas:${boxId}`)}`,
      text: sent.text,
      ...(sent.category ? {category: sent.category} : {}),
      supports: 0,
      status: 'new',
      createdAt: new Date().toISOString(),
    };
    if (published) ideasOf(registered, boxId, entry).push(idea);
    return json(201, {idea, published});
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
  return answer(route(registered, path, method, typeof init?.body === 'string' ? init.body : undefined, parsed.searchParams));
};

// --- Canned content -------------------------------------------------------------------------

export const singlePoll: Poll = {
  otherMaxLength: 500,
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
  otherMaxLength: 500,
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

/** A rating prompt after a visit; each scale story overrides `scale`. */
export const visitRating: Rating = {
  timeZone: 'Europe/Helsinki',
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
};

/** The NPS question, as libraries ask it once a year. */
export const npsRating: Rating = {
  timeZone: 'Europe/Helsinki',
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
};

/** Thumbs on an event, e.g. a QR code at the door of the hall. */
export const eventRating: Rating = {
  timeZone: 'Europe/Helsinki',
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
};

/** The self-service kiosk by the exit of a branch. */
export const kioskRating: Rating = {
  timeZone: 'Europe/Helsinki',
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
};

const categories = [
  {id: 'spaces', label: {fi: 'Tilat ja kalusteet', sv: 'Lokaler och möbler', en: 'Spaces and furniture'}},
  {id: 'collections', label: {fi: 'Kokoelmat', sv: 'Samlingar', en: 'Collections'}},
  {id: 'events', label: {fi: 'Tapahtumat', sv: 'Evenemang', en: 'Events'}},
  {id: 'opening-hours', label: {fi: 'Aukioloajat', sv: 'Öppettider', en: 'Opening hours'}},
];

/** An open idea box on the renovation of a main library, moderated before publishing. */
export const renovationBox: IdeaBox = {
  formMinAgeMs: 3000,
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
};

const answered = (fi: string, sv: string, en: string) => ({fi, sv, en});

/** Ideas in every status, some with the library's answer ("you said, we did"). */
export const renovationIdeas: Idea[] = [
  {
    id: 'idea-quiet',
    text: 'Hiljainen lukusali, jossa on pistorasiat jokaisella paikalla ja hyvä valaistus myös pimeään aikaan.',
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
    category: 'spaces',
    supports: 18,
    status: 'new',
    createdAt: '2026-11-18T15:40:00Z',
  },
  {
    id: 'idea-repair',
    text: 'Korjauskahvila kerran kuussa: tuo rikkinäinen pyörä, vaate tai leivänpaahdin ja korjataan yhdessä.',
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
      supports: 9 - Math.floor(index / 2),
      status: 'new' as IdeaStatus,
      createdAt: `2026-11-0${(index % 9) + 1}T12:00:00Z`,
    }),
  ),
];

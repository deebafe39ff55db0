import {randomBytes, randomUUID} from 'node:crypto';
import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem} from '../http/problem.js';
import {isBranchOf} from '../tenants/store.js';
import {PAGE_LANGS, PAGE_TEXT, type PageLang, type PageText} from './page-text.js';
import {CHANNELS, ID_PATTERN, parseVote, VOTER_PATTERN, type Channel, type Results, type Text} from './schema.js';
import {findPoll, hasVoted, pollResults, pollStatus, resultsVisible, type PollRecord} from './store.js';
import {castVote} from './vote.js';

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** The standalone poll page (QR and no-JavaScript target) and its plain form post. */
export function registerPollPages(app: Hono, deps: AppDeps): void {
  app.get('/w/poll/:id', async (c) => {
    const lang = pageLang(c);
    const poll = await pagePoll(deps, c.req.param('id'));
    if (!poll) return notFoundPage(c, lang);
    const channel = channelParam(c.req.query('channel'));
    const location = await knownBranch(deps, poll, c.req.query('location'));
    if (c.req.query('voted') === '1') {
      const voter = c.req.query('voter');
      const voted = !!voter && VOTER_PATTERN.test(voter) && (await hasVoted(deps.db, poll.id, await deps.secrets.voterHash(poll.tenantId, voter)));
      const results = resultsVisible(poll, voted) ? pollResults(poll) : undefined;
      return page(c, 200, lang, poll, thankYouBody(poll, lang, results));
    }
    return page(c, 200, lang, poll, pollBody(poll, {lang, channel, location}));
  });

  app.post('/w/poll/:id', async (c) => {
    const poll = await pagePoll(deps, c.req.param('id'));
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const form = mediaType === 'application/x-www-form-urlencoded' ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
    const lang = pageLang(c, form.get('lang'));
    if (!poll) return notFoundPage(c, lang);
    const channel = channelParam(form.get('channel') ?? undefined);
    const location = await knownBranch(deps, poll, form.get('location') ?? undefined);
    const state: FormState = {
      lang,
      channel,
      location,
      voter: form.get('voter') ?? undefined,
      idempotencyKey: form.get('idempotencyKey') ?? undefined,
      selected: form.getAll('optionIds'),
      otherText: form.get('otherText') ?? '',
    };
    try {
      if (mediaType !== 'application/x-www-form-urlencoded') throw new Problem('unsupported-media-type');
      const origin = c.req.header('origin');
      if (origin && origin !== deps.publicOrigin && origin !== new URL(c.req.url).origin && !(await deps.origins.isAllowed(origin, poll.tenantId))) {
        throw new Problem('origin-not-allowed');
      }
      const idempotencyKey = requireIdempotencyKey(state.idempotencyKey);
      const otherText = (state.otherText ?? '').trim();
      const vote = parseVote({
        optionIds: state.selected,
        otherText: otherText === '' ? undefined : otherText,
        voter: state.voter,
        channel,
        location: form.get('location') || undefined,
      });
      await castVote(deps, {pollId: poll.id, vote, idempotencyKey});
      const query = new URLSearchParams({voted: '1', lang, voter: vote.voter});
      return c.redirect(`/w/poll/${encodeURIComponent(poll.id)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const text = PAGE_TEXT[lang];
      const message = text.errors[error.slug] ?? text.errors.default!;
      return page(c, error.status, lang, poll, pollBody(poll, {...state, error: message}), error.headers);
    }
  });

  app.all('/w/poll/:id', methodNotAllowed('GET, POST'));
}

interface FormState {
  lang: PageLang;
  channel: Channel;
  location?: string;
  voter?: string;
  idempotencyKey?: string;
  selected?: string[];
  otherText?: string;
  error?: string;
}

async function pagePoll(deps: AppDeps, id: string): Promise<PollRecord | undefined> {
  return ID_PATTERN.test(id) ? findPoll(deps.db, id) : undefined;
}

async function knownBranch(deps: AppDeps, poll: PollRecord, location: string | undefined): Promise<string | undefined> {
  if (!location || !ID_PATTERN.test(location)) return undefined;
  return (await isBranchOf(deps.db, poll.tenantId, location)) ? location : undefined;
}

const channelParam = (value: string | undefined): Channel =>
  (CHANNELS as readonly string[]).includes(value ?? '') ? (value as Channel) : 'web';

/** `?lang=`, else the first supported language in Accept-Language, else Finnish. */
export function pageLang(c: Context, formLang?: string | null): PageLang {
  const isLang = (v: string | null | undefined): v is PageLang => (PAGE_LANGS as readonly string[]).includes(v ?? '');
  const explicit = formLang ?? c.req.query('lang');
  if (isLang(explicit)) return explicit;
  const accepted = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return {lang: tag!.trim().toLowerCase().split('-')[0]!, q: q ? Number(q.trim().slice(2)) || 0 : 1};
    })
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q);
  return accepted.map((a) => (a.lang === 'nb' || a.lang === 'nn' || a.lang === 'no' ? 'en' : a.lang)).find(isLang) ?? 'fi';
}

/** The text in the page language, falling back through fi, sv, en, then anything. */
export function pickText(text: Text, lang: PageLang): string {
  return text[lang] ?? text.fi ?? text.sv ?? text.en ?? Object.values(text)[0] ?? '';
}

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; padding: 1rem; color: #1a1a1a; background: #fff; }
  main { max-width: 40rem; margin: 0 auto; }
  fieldset { border: 1px solid #bbb; border-radius: .5rem; padding: 1rem; }
  legend { font-weight: 600; font-size: 1.15rem; padding: 0 .25rem; }
  label { display: block; padding: .35rem 0; }
  input[type=text] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
  button { font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border-radius: .4rem; border: 0; background: #0b5cad; color: #fff; cursor: pointer; }
  .error { border-left: .3rem solid #b00020; padding: .5rem .75rem; background: #fdecee; }
  .note { color: #444; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .25rem; vertical-align: middle; }
  td.n { text-align: right; white-space: nowrap; }
  meter { width: 100%; }
  @media (prefers-color-scheme: dark) {
    body { color: #eee; background: #111; } .error { background: #3a1016; } .note { color: #bbb; } button { background: #3d8ee6; color: #000; }
  }`;

function page(c: Context, status: number, lang: PageLang, poll: PollRecord, body: string, headers: Record<string, string> = {}) {
  const title = escapeHtml(pickText(poll.question, lang));
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
<script type="module" src="/kirjasto.js"></script>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return c.body(html, status as 200, {...PAGE_HEADERS, ...headers});
}

function notFoundPage(c: Context, lang: PageLang) {
  const text = PAGE_TEXT[lang];
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.notFound)}</title>
<style>${STYLE}</style>
</head>
<body>
<main><h1>${escapeHtml(text.notFound)}</h1></main>
</body>
</html>
`;
  return c.body(html, 404, PAGE_HEADERS);
}

function pollBody(poll: PollRecord, state: FormState): string {
  const {lang} = state;
  const text = PAGE_TEXT[lang];
  const attrs = [`poll="${escapeHtml(poll.id)}"`, `channel="${state.channel}"`];
  if (state.location) attrs.push(`location="${escapeHtml(state.location)}"`);
  return `<kirjasto-poll ${attrs.join(' ')}>
${fallback(poll, state, text)}
</kirjasto-poll>`;
}

/** The light-DOM fallback: what a reader without JavaScript gets. */
function fallback(poll: PollRecord, state: FormState, text: PageText): string {
  const {lang} = state;
  const question = escapeHtml(pickText(poll.question, lang));
  const status = pollStatus(poll);
  if (status !== 'open') {
    const message =
      status === 'closed' ? text.closed : text.opensAt(formatDate(poll.opensAt, lang));
    const results = resultsVisible(poll, false) ? resultsTable(poll, pollResults(poll), lang) : '';
    return `<h1>${question}</h1>\n<p class="note">${escapeHtml(message)}</p>\n${results}`;
  }
  const multiple = poll.maxChoices > 1;
  const selected = new Set(state.selected ?? []);
  const options = poll.options
    .map((o) => {
      const checked = selected.has(o.id) ? ' checked' : '';
      return `<label><input type="${multiple ? 'checkbox' : 'radio'}" name="optionIds" value="${escapeHtml(o.id)}"${checked}> ${escapeHtml(pickText(o.label, lang))}</label>`;
    })
    .join('\n');
  const other = poll.allowOther
    ? `<label>${escapeHtml(text.other)} <input type="text" name="otherText" maxlength="500" value="${escapeHtml(state.otherText ?? '')}"></label>`
    : '';
  const voter = state.voter && VOTER_PATTERN.test(state.voter) ? state.voter : randomBytes(24).toString('base64url');
  const key = state.idempotencyKey && /^[A-Za-z0-9_.:-]{8,128}$/.test(state.idempotencyKey) ? state.idempotencyKey : randomUUID();
  const hidden = [
    ['voter', voter],
    ['idempotencyKey', key],
    ['channel', state.channel],
    ['lang', lang],
    ...(state.location ? [['location', state.location]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
    .join('\n');
  const error = state.error ? `<p class="error" role="alert">${escapeHtml(state.error)}</p>\n` : '';
  return `${error}<form method="post" action="/w/poll/${escapeHtml(encodeURIComponent(poll.id))}">
<fieldset>
<legend>${question}</legend>
<p class="note">${escapeHtml(multiple ? text.chooseUpTo(poll.maxChoices) : text.chooseOne)}</p>
${options}
${other}
</fieldset>
${hidden}
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`;
}

function thankYouBody(poll: PollRecord, lang: PageLang, results: Results | undefined): string {
  const text = PAGE_TEXT[lang];
  const body = results ? resultsTable(poll, results, lang) : `<p class="note">${escapeHtml(text.resultsLater)}</p>`;
  const back = `/w/poll/${encodeURIComponent(poll.id)}?lang=${lang}`;
  return `<h1>${escapeHtml(pickText(poll.question, lang))}</h1>
<p role="status">${escapeHtml(text.thanks)}</p>
${body}
<p><a href="${escapeHtml(back)}">${escapeHtml(text.back)}</a></p>`;
}

function resultsTable(poll: PollRecord, results: Results, lang: PageLang): string {
  const text = PAGE_TEXT[lang];
  const percent = (n: number) => (results.total > 0 ? Math.round((n / results.total) * 100) : 0);
  const row = (label: string, count: number) =>
    `<tr><th scope="row">${escapeHtml(label)}</th><td><meter min="0" max="${Math.max(results.total, 1)}" value="${count}"></meter></td><td class="n">${count} (${percent(count)} %)</td></tr>`;
  const labels = new Map(poll.options.map((o) => [o.id, pickText(o.label, lang)]));
  const rows = results.options.map((o) => row(labels.get(o.id) ?? o.id, o.count));
  if (poll.allowOther) rows.push(row(text.otherAnswers, results.otherCount));
  return `<table>
<caption>${escapeHtml(text.results)} · ${escapeHtml(text.votes(results.total))}</caption>
${rows.join('\n')}
</table>`;
}

function formatDate(date: Date, lang: PageLang): string {
  const locale = {fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB', se: 'fi-FI'}[lang];
  return new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki'}).format(date);
}

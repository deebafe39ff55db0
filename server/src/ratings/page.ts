import {randomBytes, randomUUID} from 'node:crypto';
import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem} from '../http/problem.js';
import {escapeHtml, pageLang, pickText} from '../polls/page.js';
import type {PageLang} from '../polls/page-text.js';
import {CHANNELS, ID_PATTERN, VOTER_PATTERN, type Channel} from '../polls/schema.js';
import {isBranchOf} from '../tenants/store.js';
import {RATING_PAGE_TEXT, type RatingPageText} from './page-text.js';
import {submitResponse} from './respond.js';
import {parseResponse, RESPONSE_ID_PATTERN, scoresOf} from './schema.js';
import {findRating, ratingStatus, type RatingRecord} from './store.js';

/** Headers of every server-rendered page: strict CSP (no inline scripts), never cached. */
export const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** The standalone rating page (QR and no-JavaScript target) and its plain form post. */
export function registerRatingPages(app: Hono, deps: AppDeps): void {
  app.get('/w/rating/:id', async (c) => {
    const lang = pageLang(c);
    const rating = await pageRating(deps, c.req.param('id'));
    if (!rating) return notFoundPage(c, lang);
    if (c.req.query('rated') === '1') return page(c, 200, lang, rating, thankYouBody(rating, lang, c.req.query('channel'), c.req.query('location')));
    const channel = channelParam(c.req.query('channel'));
    const location = await knownBranch(deps, rating, c.req.query('location'));
    return page(c, 200, lang, rating, ratingBody(rating, {lang, channel, location}));
  });

  app.post('/w/rating/:id', async (c) => {
    const rating = await pageRating(deps, c.req.param('id'));
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const form = mediaType === 'application/x-www-form-urlencoded' ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
    const lang = pageLang(c, form.get('lang'));
    if (!rating) return notFoundPage(c, lang);
    const channel = channelParam(form.get('channel') ?? undefined);
    const location = await knownBranch(deps, rating, form.get('location') ?? undefined);
    const state: FormState = {
      lang,
      channel,
      location,
      voter: form.get('voter') ?? undefined,
      idempotencyKey: form.get('idempotencyKey') ?? undefined,
      responseId: form.get('responseId') ?? undefined,
      score: form.get('score') ?? undefined,
      comment: form.get('comment') ?? '',
    };
    try {
      if (mediaType !== 'application/x-www-form-urlencoded') throw new Problem('unsupported-media-type');
      const origin = c.req.header('origin');
      if (origin && origin !== deps.publicOrigin && origin !== new URL(c.req.url).origin && !(await deps.origins.isAllowed(origin, rating.tenantId))) {
        throw new Problem('origin-not-allowed');
      }
      const idempotencyKey = requireIdempotencyKey(state.idempotencyKey);
      const comment = (state.comment ?? '').trim();
      const response = parseResponse({
        responseId: state.responseId,
        score: state.score !== undefined && /^\d{1,2}$/.test(state.score) ? Number(state.score) : state.score,
        comment: comment === '' ? undefined : comment,
        voter: state.voter,
        channel,
        location: form.get('location') || undefined,
      });
      await submitResponse(deps, {ratingId: rating.id, response, idempotencyKey});
      const query = new URLSearchParams({rated: '1', lang, channel});
      if (location) query.set('location', location);
      return c.redirect(`/w/rating/${encodeURIComponent(rating.id)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const text = RATING_PAGE_TEXT[lang];
      const message = text.errors[error.slug] ?? text.errors.default!;
      return page(c, error.status, lang, rating, ratingBody(rating, {...state, error: message}), error.headers);
    }
  });

  app.all('/w/rating/:id', methodNotAllowed('GET, POST'));
}

interface FormState {
  lang: PageLang;
  channel: Channel;
  location?: string;
  voter?: string;
  idempotencyKey?: string;
  responseId?: string;
  score?: string;
  comment?: string;
  error?: string;
}

async function pageRating(deps: AppDeps, id: string): Promise<RatingRecord | undefined> {
  return ID_PATTERN.test(id) ? findRating(deps.db, id) : undefined;
}

/** The branch when it is one of the rating's library, else nothing. */
export async function knownBranch(deps: Pick<AppDeps, 'db'>, rating: {tenantId: string}, location: string | undefined): Promise<string | undefined> {
  if (!location || !ID_PATTERN.test(location)) return undefined;
  return (await isBranchOf(deps.db, rating.tenantId, location)) ? location : undefined;
}

const channelParam = (value: string | undefined): Channel =>
  (CHANNELS as readonly string[]).includes(value ?? '') ? (value as Channel) : 'web';

const STYLE = `
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; padding: 1rem; color: #1a1a1a; background: #fff; }
  main { max-width: 40rem; margin: 0 auto; }
  fieldset { border: 1px solid #bbb; border-radius: .5rem; padding: 1rem; }
  legend { font-weight: 600; font-size: 1.15rem; padding: 0 .25rem; }
  label { display: block; padding: .35rem 0; }
  textarea { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; min-height: 5rem; }
  button { font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border-radius: .4rem; border: 0; background: #0b5cad; color: #fff; cursor: pointer; }
  .error { border-left: .3rem solid #b00020; padding: .5rem .75rem; background: #fdecee; }
  .note { color: #444; }
  @media (prefers-color-scheme: dark) {
    body { color: #eee; background: #111; } .error { background: #3a1016; } .note { color: #bbb; } button { background: #3d8ee6; color: #000; }
  }`;

function page(c: Context, status: number, lang: PageLang, rating: RatingRecord, body: string, headers: Record<string, string> = {}) {
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pickText(rating.question, lang))}</title>
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
  return c.body(html, status as 200, {...HTML_HEADERS, ...headers});
}

function notFoundPage(c: Context, lang: PageLang) {
  const text = RATING_PAGE_TEXT[lang];
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
  return c.body(html, 404, HTML_HEADERS);
}

function ratingBody(rating: RatingRecord, state: FormState): string {
  const attrs = [`rating="${escapeHtml(rating.id)}"`, `channel="${state.channel}"`];
  if (state.location) attrs.push(`location="${escapeHtml(state.location)}"`);
  return `<kirjasto-rating ${attrs.join(' ')}>
${fallback(rating, state, RATING_PAGE_TEXT[state.lang])}
</kirjasto-rating>`;
}

/** The light-DOM fallback: what a reader without JavaScript gets. */
function fallback(rating: RatingRecord, state: FormState, text: RatingPageText): string {
  const {lang} = state;
  const question = escapeHtml(pickText(rating.question, lang));
  const status = ratingStatus(rating);
  if (status !== 'open') {
    const message = status === 'closed' ? text.closed : text.opensAt(formatDate(rating.opensAt, lang));
    return `<h1>${question}</h1>\n<p class="note">${escapeHtml(message)}</p>`;
  }
  const scores = scoresOf(rating.scale)
    .map((score) => {
      const checked = state.score === String(score) ? ' checked' : '';
      return `<label><input type="radio" name="score" value="${score}" required${checked}> ${escapeHtml(text.scoreLabel(rating.scale, score))}</label>`;
    })
    .join('\n');
  const comment =
    rating.commentMode === 'always'
      ? `<label>${escapeHtml(text.comment)}<textarea name="comment" maxlength="${rating.commentMaxLength}">${escapeHtml(state.comment ?? '')}</textarea></label>`
      : '';
  const valid = (value: string | undefined, pattern: RegExp) => (value && pattern.test(value) ? value : undefined);
  const hidden = [
    ['voter', valid(state.voter, VOTER_PATTERN) ?? randomBytes(24).toString('base64url')],
    ['idempotencyKey', valid(state.idempotencyKey, /^[A-Za-z0-9_.:-]{8,128}$/) ?? randomUUID()],
    ['responseId', valid(state.responseId, RESPONSE_ID_PATTERN) ?? randomBytes(16).toString('base64url')],
    ['channel', state.channel],
    ['lang', lang],
    ...(state.location ? [['location', state.location]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
    .join('\n');
  const error = state.error ? `<p class="error" role="alert">${escapeHtml(state.error)}</p>\n` : '';
  return `${error}<form method="post" action="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}">
<fieldset>
<legend>${question}</legend>
<p class="note">${escapeHtml(text.chooseScore)}</p>
${scores}
${comment}
</fieldset>
${hidden}
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`;
}

function thankYouBody(rating: RatingRecord, lang: PageLang, channel: string | undefined, location: string | undefined): string {
  const text = RATING_PAGE_TEXT[lang];
  const query = new URLSearchParams({lang, channel: channelParam(channel)});
  if (location && ID_PATTERN.test(location)) query.set('location', location);
  return `<h1>${escapeHtml(pickText(rating.question, lang))}</h1>
<p role="status">${escapeHtml(text.thanks)}</p>
<p><a href="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}?${escapeHtml(query.toString())}">${escapeHtml(text.back)}</a></p>`;
}

function formatDate(date: Date, lang: PageLang): string {
  const locale = {fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB', se: 'fi-FI'}[lang];
  return new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki'}).format(date);
}

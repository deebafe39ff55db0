import {randomBytes} from 'node:crypto';
import type {Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem} from '../http/problem.js';
import {errorAlert, escapeHtml, formatDate, hiddenInputs, pickText, validOr, widgetAttributes} from '../pages/html.js';
import {pageLang, type PageLang} from '../pages/lang.js';
import {notFoundPage, pageStyle, renderPage} from '../pages/layout.js';
import {channelParam, checkFormPost, pageFormState, pagePlacement, problemMessage, readPageForm, type PageFormState} from '../pages/request.js';
import {ID_PATTERN} from '../polls/schema.js';
import {RATING_PAGE_TEXT, type RatingPageText} from './page-text.js';
import {submitResponse} from './respond.js';
import {parseResponse, RESPONSE_ID_PATTERN, scoresOf} from './schema.js';
import {findRating, ratingStatus, type RatingRecord} from './store.js';

const STYLE = pageStyle({
  fieldset: true,
  controls: 'textarea { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; min-height: 5rem; }',
});

interface FormState extends PageFormState {
  responseId?: string;
  score?: string;
  comment?: string;
}

/** The standalone rating page (QR and no-JavaScript target) and its plain form post. */
export function registerRatingPages(app: Hono, deps: AppDeps): void {
  app.get('/w/rating/:id', async (c) => {
    const lang = pageLang(c);
    const rating = await pageRating(deps, c.req.param('id'));
    if (!rating) return notFoundPage(c, lang, RATING_PAGE_TEXT[lang].notFound, STYLE);
    const page = (body: string) => renderPage(c, {status: 200, lang, title: pickText(rating.question, lang), style: STYLE, body});
    if (c.req.query('rated') === '1') return page(thankYouBody(rating, lang, c.req.query('channel'), c.req.query('location')));
    return page(ratingBody(rating, {lang, ...(await pagePlacement(deps, c, rating))}));
  });

  app.post('/w/rating/:id', async (c) => {
    const rating = await pageRating(deps, c.req.param('id'));
    const {form, formEncoded, lang} = await readPageForm(c);
    if (!rating) return notFoundPage(c, lang, RATING_PAGE_TEXT[lang].notFound, STYLE);
    const state: FormState = {
      ...(await pageFormState(deps, rating, form, lang)),
      responseId: form.get('responseId') ?? undefined,
      score: form.get('score') ?? undefined,
      comment: form.get('comment') ?? '',
    };
    try {
      await checkFormPost(c, deps, rating, formEncoded);
      const idempotencyKey = requireIdempotencyKey(state.idempotencyKey);
      const comment = (state.comment ?? '').trim();
      const response = parseResponse({
        responseId: state.responseId,
        score: state.score !== undefined && /^\d{1,2}$/.test(state.score) ? Number(state.score) : state.score,
        comment: comment === '' ? undefined : comment,
        voter: state.voter,
        channel: state.channel,
        location: form.get('location') || undefined,
      });
      await submitResponse(deps, {ratingId: rating.id, response, idempotencyKey});
      const query = new URLSearchParams({rated: '1', lang, channel: state.channel});
      if (state.location) query.set('location', state.location);
      return c.redirect(`/w/rating/${encodeURIComponent(rating.id)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const body = ratingBody(rating, {...state, error: problemMessage(error, RATING_PAGE_TEXT[lang].errors)});
      return renderPage(c, {status: error.status, lang, title: pickText(rating.question, lang), style: STYLE, body, headers: error.headers});
    }
  });

  app.all('/w/rating/:id', methodNotAllowed('GET, POST'));
}

async function pageRating(deps: AppDeps, id: string): Promise<RatingRecord | undefined> {
  return ID_PATTERN.test(id) ? findRating(deps.db, id) : undefined;
}

function ratingBody(rating: RatingRecord, state: FormState): string {
  return `<kirjasto-rating ${widgetAttributes('rating', rating.id, state)}>
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
  const responseId = validOr(state.responseId, RESPONSE_ID_PATTERN, () => randomBytes(16).toString('base64url'));
  return `${errorAlert(state.error)}<form method="post" action="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}">
<fieldset>
<legend>${question}</legend>
<p class="note">${escapeHtml(text.chooseScore)}</p>
${scores}
${comment}
</fieldset>
${hiddenInputs(state, [['responseId', responseId]])}
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`;
}

/** The back link keeps the channel and branch, so that the next response counts the same way. */
function thankYouBody(rating: RatingRecord, lang: PageLang, channel: string | undefined, location: string | undefined): string {
  const text = RATING_PAGE_TEXT[lang];
  const query = new URLSearchParams({lang, channel: channelParam(channel)});
  if (location && ID_PATTERN.test(location)) query.set('location', location);
  return `<h1>${escapeHtml(pickText(rating.question, lang))}</h1>
<p role="status">${escapeHtml(text.thanks)}</p>
<p><a href="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}?${escapeHtml(query.toString())}">${escapeHtml(text.back)}</a></p>`;
}

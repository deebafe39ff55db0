import {randomBytes} from 'node:crypto';
import type {AppDeps} from '../deps.js';
import {ID_PATTERN, parseWith} from '../http/contract.js';
import {contentHtml, errorAlert, escapeHtml, formatDate, hiddenInputs, pickText, validOr, widgetAttributes, wordHtml} from '../pages/html.js';
import {pageStyle} from '../pages/layout.js';
import {channelParam, type PageFormState} from '../pages/request.js';
import {widgetPages} from '../pages/widget-page.js';
import {RATING_PAGE_TEXT, type RatingPageText} from './page-text.js';
import {addComment, submitResponse} from './respond.js';
import {CommentRequestSchema, ResponseSchema, RESPONSE_ID_PATTERN, scoresOf} from './schema.js';
import {commentAllowed, ratingStatus, type RatingRecord} from './store.js';

const STYLE = pageStyle({
  fieldset: true,
  controls: 'textarea { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; min-height: 5rem; }',
});

interface FormState extends PageFormState {
  responseId?: string;
  score?: string;
  comment?: string;
  /** The post is the comment asked for after a low score. */
  followUp?: boolean;
}

/** The standalone rating page (QR and no-JavaScript target) and its plain form post, mounted at /w/rating. */
export const ratingPages = (deps: AppDeps) =>
  widgetPages<RatingRecord, FormState>(deps, {
    kind: 'rating',
    load: (d, id) => d.content.rating(id),
    style: STYLE,
    title: (rating, lang) => pickText(rating.question, lang),
    words: RATING_PAGE_TEXT,
    page: async (c, rating, state) =>
      c.req.query('rated') === '1' ? thankYouBody(rating, state, c.req.query('channel'), c.req.query('location')) : ratingBody(rating, state),
    state: (form, common) => ({
      ...common,
      responseId: form.get('responseId') ?? undefined,
      score: form.get('score') ?? undefined,
      comment: form.get('comment') ?? '',
      followUp: form.get('followUp') === '1',
    }),
    async submit(_c, rating, state, form, idempotencyKey) {
      const comment = (state.comment ?? '').trim();
      const thanks = new URLSearchParams({rated: '1', lang: state.lang, channel: state.channel});
      if (state.location) thanks.set('location', state.location);
      if (state.followUp) {
        // An empty comment is the patron skipping it.
        if (comment === '') return thanks;
        const request = parseWith(CommentRequestSchema, {comment, voter: state.voter});
        await addComment(deps, {rating, responseId: state.responseId ?? '', comment: request, idempotencyKey});
        return thanks;
      }
      const response = parseWith(ResponseSchema, {
        responseId: state.responseId,
        score: state.score !== undefined && /^\d{1,2}$/.test(state.score) ? Number(state.score) : state.score,
        comment: comment === '' ? undefined : comment,
        voter: state.voter,
        channel: state.channel,
        location: form.get('location') || undefined,
        lang: state.lang,
      });
      await submitResponse(deps, {rating, response, idempotencyKey});
      // After a low score the page asks for the comment at once, in a form with the same one-time key.
      if (rating.commentMode === 'after-low' && !response.comment && commentAllowed(rating, response.score)) {
        return {body: followUpBody(rating, {...state, responseId: response.responseId})};
      }
      return thanks;
    },
    form: ratingBody,
  });

function ratingBody(rating: RatingRecord, state: FormState): string {
  if (state.followUp) return followUpBody(rating, state);
  return `<kirjasto-rating ${widgetAttributes('rating', rating.id, state)}>
${fallback(rating, state, RATING_PAGE_TEXT[state.lang])}
</kirjasto-rating>`;
}

/** The light-DOM fallback: what a reader without JavaScript gets. */
function fallback(rating: RatingRecord, state: FormState, text: RatingPageText): string {
  const {lang} = state;
  const question = contentHtml(rating.question, state);
  const status = ratingStatus(rating);
  if (status !== 'open') {
    const message = status === 'closed' ? text.closed : text.opensAt(formatDate(rating.opensAt, lang));
    return `<h1>${question}</h1>\n<p class="note">${wordHtml(message, lang)}</p>`;
  }
  const scores = scoresOf(rating.scale)
    .map((score) => {
      const checked = state.score === String(score) ? ' checked' : '';
      return `<label><input type="radio" name="score" value="${score}" required${checked}> ${wordHtml(text.scoreLabel(rating.scale, score), state.lang)}</label>`;
    })
    .join('\n');
  const comment =
    rating.commentMode === 'always'
      ? `<label>${wordHtml(text.comment, state.lang)}<textarea name="comment" maxlength="${rating.commentMaxLength}">${escapeHtml(state.comment ?? '')}</textarea></label>`
      : '';
  const responseId = validOr(state.responseId, RESPONSE_ID_PATTERN, () => randomBytes(16).toString('base64url'));
  return `${errorAlert(state.error, state.lang)}<form method="post" action="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}">
<fieldset>
<legend><h1>${question}</h1></legend>
<p class="note">${wordHtml(text.chooseScore, state.lang)}</p>
${scores}
${comment}
</fieldset>
${hiddenInputs(state, [['responseId', responseId]])}
<button type="submit">${wordHtml(text.submit, state.lang)}</button>
</form>`;
}

/** The thanks, and the comment a low score asks for: optional, sent with the response's one-time key. */
function followUpBody(rating: RatingRecord, state: FormState): string {
  const text = RATING_PAGE_TEXT[state.lang];
  return `<h1>${contentHtml(rating.question, state)}</h1>
<p role="status">${wordHtml(text.thanks, state.lang)}</p>
${errorAlert(state.error, state.lang)}<form method="post" action="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}">
<label>${wordHtml(text.followUp, state.lang)}<textarea name="comment" maxlength="${rating.commentMaxLength}">${escapeHtml(state.comment ?? '')}</textarea></label>
${hiddenInputs(state, [['responseId', state.responseId ?? ''], ['followUp', '1']])}
<button type="submit">${wordHtml(text.sendComment, state.lang)}</button>
</form>`;
}

/** The back link keeps the channel and branch, so that the next response counts the same way. */
function thankYouBody(rating: RatingRecord, state: FormState, channel: string | undefined, location: string | undefined): string {
  const {lang} = state;
  const text = RATING_PAGE_TEXT[lang];
  const query = new URLSearchParams({lang, channel: channelParam(channel)});
  if (location && ID_PATTERN.test(location)) query.set('location', location);
  return `<h1>${contentHtml(rating.question, state)}</h1>
<p role="status">${wordHtml(text.thanks, state.lang)}</p>
<p><a href="/w/rating/${escapeHtml(encodeURIComponent(rating.id))}?${escapeHtml(query.toString())}">${wordHtml(text.back, state.lang)}</a></p>`;
}

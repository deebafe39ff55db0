import type {PollCounts} from '../counting/counts.js';
import type {AppDeps} from '../deps.js';
import {parseWith} from '../http/contract.js';
import {contentHtml, errorAlert, escapeHtml, formatDate, hiddenInputs, pickText, resultBars, widgetAttributes, wordHtml} from '../pages/html.js';
import {pageStyle} from '../pages/layout.js';
import {checkReceipt, issueReceipt} from '../pages/page-key.js';
import type {PageFormState} from '../pages/request.js';
import {widgetPages} from '../pages/widget-page.js';
import {PAGE_TEXT, type PageText} from './page-text.js';
import {OTHER_TEXT_MAX, VoteSchema, type Results} from './schema.js';
import {pollResults, pollStatus, resultsVisible, type PollRecord} from './store.js';
import {castVote} from './vote.js';

const STYLE = pageStyle({
  fieldset: true,
  controls: 'input[type=text] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }',
});

interface FormState extends PageFormState {
  selected?: string[];
  otherText?: string;
}

/** The standalone poll page (QR and no-JavaScript target) and its plain form post, mounted at /w/poll. */
export const pollPages = (deps: AppDeps) => {
  return widgetPages<PollRecord, FormState>(deps, {
    kind: 'poll',
    load: (d, id) => d.content.poll(id),
    style: STYLE,
    title: (poll, lang) => pickText(poll.question, lang),
    words: PAGE_TEXT,
    async page(c, poll, state) {
      if (c.req.query('voted') !== '1') return pollBody(poll, state);
      const voted = await checkReceipt(deps.secrets, `poll:${poll.id}`, c.req.query('receipt'));
      return thankYouBody(poll, state, resultsVisible(poll, voted) ? pollResults(poll, await deps.counting.poll(poll.id)) : undefined);
    },
    state: (form, common) => ({...common, selected: form.getAll('optionIds'), otherText: form.get('otherText') ?? ''}),
    async submit(_c, poll, state, form, idempotencyKey) {
      const otherText = (state.otherText ?? '').trim();
      const vote = parseWith(VoteSchema, {
        optionIds: state.selected,
        otherText: otherText === '' ? undefined : otherText,
        voter: state.voter,
        channel: state.channel,
        location: form.get('location') || undefined,
        lang: state.lang,
      });
      await castVote(deps, {poll, vote, idempotencyKey});
      return new URLSearchParams({voted: '1', lang: state.lang, receipt: await issueReceipt(deps.secrets, `poll:${poll.id}`)});
    },
    form: pollBody,
  });

  /** Results are shown in the fallback only when the poll is not open and everyone may see them. */
  async function pollBody(poll: PollRecord, state: FormState): Promise<string> {
    const counts = pollStatus(poll) !== 'open' && resultsVisible(poll, false) ? await deps.counting.poll(poll.id) : undefined;
    return `<kirjasto-poll ${widgetAttributes('poll', poll.id, state)}>
${fallback(poll, state, PAGE_TEXT[state.lang], counts)}
</kirjasto-poll>`;
  }
};

/** The light-DOM fallback: what a reader without JavaScript gets. */
function fallback(poll: PollRecord, state: FormState, text: PageText, counts: PollCounts | undefined): string {
  const {lang} = state;
  const question = contentHtml(poll.question, state);
  const status = pollStatus(poll);
  if (status !== 'open') {
    const message = status === 'closed' ? text.closed : text.opensAt(formatDate(poll.opensAt, lang));
    const results = counts ? resultsList(poll, pollResults(poll, counts), state) : '';
    return `<h1>${question}</h1>\n<p class="note">${wordHtml(message, lang)}</p>\n${results}`;
  }
  const multiple = poll.maxChoices > 1;
  const selected = new Set(state.selected ?? []);
  const options = poll.options
    .map((o) => {
      const checked = selected.has(o.id) ? ' checked' : '';
      return `<label><input type="${multiple ? 'checkbox' : 'radio'}" name="optionIds" value="${escapeHtml(o.id)}"${checked}> ${contentHtml(o.label, state)}</label>`;
    })
    .join('\n');
  const other = poll.allowOther
    ? `<label>${wordHtml(text.other, state.lang)} <input type="text" name="otherText" maxlength="${OTHER_TEXT_MAX}" value="${escapeHtml(state.otherText ?? '')}"></label>`
    : '';
  return `${errorAlert(state.error, state.lang)}<form method="post" action="/w/poll/${escapeHtml(encodeURIComponent(poll.id))}">
<fieldset>
<legend><h1>${question}</h1></legend>
<p class="note">${escapeHtml(multiple ? text.chooseUpTo(poll.maxChoices) : text.chooseOne)}</p>
${options}
${other}
</fieldset>
${hiddenInputs(state)}
<button type="submit">${wordHtml(text.submit, state.lang)}</button>
</form>`;
}

function thankYouBody(poll: PollRecord, state: PageFormState, results: Results | undefined): string {
  const {lang} = state;
  const text = PAGE_TEXT[lang];
  const body = results ? resultsList(poll, results, state) : `<p class="note">${wordHtml(text.resultsLater, state.lang)}</p>`;
  const back = `/w/poll/${encodeURIComponent(poll.id)}?lang=${lang}`;
  return `<h1>${contentHtml(poll.question, state)}</h1>
<p role="status">${wordHtml(text.thanks, state.lang)}</p>
${body}
<p><a href="${escapeHtml(back)}">${wordHtml(text.back, state.lang)}</a></p>`;
}

/** The results as the widget shows them: bars, each with its label, share and count. */
function resultsList(poll: PollRecord, results: Results, state: PageFormState): string {
  const text = PAGE_TEXT[state.lang];
  const share = (n: number) => (results.total > 0 ? n / results.total : 0);
  const labels = new Map(poll.options.map((o) => [o.id, contentHtml(o.label, state)]));
  const rows = results.options.map((o) => ({label: labels.get(o.id) ?? escapeHtml(o.id), count: o.count, share: share(o.count)}));
  if (poll.allowOther) rows.push({label: wordHtml(text.otherAnswers, state.lang), count: results.otherCount, share: share(results.otherCount)});
  return `<h2>${wordHtml(text.results, state.lang)} · ${wordHtml(text.votes(results.total), state.lang)}</h2>
${resultBars(rows, state.lang, text.votes)}`;
}

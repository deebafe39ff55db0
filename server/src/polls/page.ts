import type {PollCounts} from '../counting/counts.js';
import type {AppDeps} from '../deps.js';
import {parseWith, VOTER_PATTERN} from '../http/contract.js';
import {errorAlert, escapeHtml, formatDate, hiddenInputs, pickText, widgetAttributes} from '../pages/html.js';
import type {PageLang} from '../pages/lang.js';
import {pageStyle} from '../pages/layout.js';
import type {PageFormState} from '../pages/request.js';
import {widgetPages} from '../pages/widget-page.js';
import {PAGE_TEXT, type PageText} from './page-text.js';
import {OTHER_TEXT_MAX, VoteSchema, type Results} from './schema.js';
import {hasVoted, pollResults, pollStatus, resultsVisible, type PollRecord} from './store.js';
import {castVote} from './vote.js';

const STYLE = pageStyle({
  fieldset: true,
  controls: 'input[type=text] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }',
  extra: [
    'table { border-collapse: collapse; width: 100%; }',
    'th, td { text-align: left; padding: .35rem .25rem; vertical-align: middle; }',
    'td.n { text-align: right; white-space: nowrap; }',
    'meter { width: 100%; }',
  ],
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
      const voter = c.req.query('voter');
      const voted = !!voter && VOTER_PATTERN.test(voter) && (await hasVoted(deps.db, poll.id, await deps.secrets.voterHash(poll.tenantId, voter)));
      return thankYouBody(poll, state.lang, resultsVisible(poll, voted) ? pollResults(poll, await deps.counting.poll(poll.id)) : undefined);
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
      });
      await castVote(deps, {poll, vote, idempotencyKey});
      return new URLSearchParams({voted: '1', lang: state.lang, voter: vote.voter});
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
  const question = escapeHtml(pickText(poll.question, lang));
  const status = pollStatus(poll);
  if (status !== 'open') {
    const message = status === 'closed' ? text.closed : text.opensAt(formatDate(poll.opensAt, lang));
    const results = counts ? resultsTable(poll, pollResults(poll, counts), lang) : '';
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
    ? `<label>${escapeHtml(text.other)} <input type="text" name="otherText" maxlength="${OTHER_TEXT_MAX}" value="${escapeHtml(state.otherText ?? '')}"></label>`
    : '';
  return `${errorAlert(state.error)}<form method="post" action="/w/poll/${escapeHtml(encodeURIComponent(poll.id))}">
<fieldset>
<legend>${question}</legend>
<p class="note">${escapeHtml(multiple ? text.chooseUpTo(poll.maxChoices) : text.chooseOne)}</p>
${options}
${other}
</fieldset>
${hiddenInputs(state)}
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

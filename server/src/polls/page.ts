import type {Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem} from '../http/problem.js';
import {errorAlert, escapeHtml, formatDate, hiddenInputs, pickText, widgetAttributes} from '../pages/html.js';
import {pageLang, type PageLang} from '../pages/lang.js';
import {notFoundPage, pageStyle, renderPage} from '../pages/layout.js';
import {checkFormPost, pageFormState, pagePlacement, problemMessage, readPageForm, type PageFormState} from '../pages/request.js';
import {PAGE_TEXT, type PageText} from './page-text.js';
import {ID_PATTERN, parseVote, VOTER_PATTERN, type Results} from './schema.js';
import {findPoll, hasVoted, pollResults, pollStatus, resultsVisible, type PollRecord} from './store.js';
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

/** The standalone poll page (QR and no-JavaScript target) and its plain form post. */
export function registerPollPages(app: Hono, deps: AppDeps): void {
  app.get('/w/poll/:id', async (c) => {
    const lang = pageLang(c);
    const poll = await pagePoll(deps, c.req.param('id'));
    if (!poll) return notFoundPage(c, lang, PAGE_TEXT[lang].notFound, STYLE);
    const placement = await pagePlacement(deps, c, poll);
    const page = (body: string) => renderPage(c, {status: 200, lang, title: pickText(poll.question, lang), style: STYLE, body});
    if (c.req.query('voted') === '1') {
      const voter = c.req.query('voter');
      const voted = !!voter && VOTER_PATTERN.test(voter) && (await hasVoted(deps.db, poll.id, await deps.secrets.voterHash(poll.tenantId, voter)));
      return page(thankYouBody(poll, lang, resultsVisible(poll, voted) ? pollResults(poll) : undefined));
    }
    return page(pollBody(poll, {lang, ...placement}));
  });

  app.post('/w/poll/:id', async (c) => {
    const poll = await pagePoll(deps, c.req.param('id'));
    const {form, formEncoded, lang} = await readPageForm(c);
    if (!poll) return notFoundPage(c, lang, PAGE_TEXT[lang].notFound, STYLE);
    const state: FormState = {...(await pageFormState(deps, poll, form, lang)), selected: form.getAll('optionIds'), otherText: form.get('otherText') ?? ''};
    try {
      await checkFormPost(c, deps, poll, formEncoded);
      const idempotencyKey = requireIdempotencyKey(state.idempotencyKey);
      const otherText = (state.otherText ?? '').trim();
      const vote = parseVote({
        optionIds: state.selected,
        otherText: otherText === '' ? undefined : otherText,
        voter: state.voter,
        channel: state.channel,
        location: form.get('location') || undefined,
      });
      await castVote(deps, {pollId: poll.id, vote, idempotencyKey});
      const query = new URLSearchParams({voted: '1', lang, voter: vote.voter});
      return c.redirect(`/w/poll/${encodeURIComponent(poll.id)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const body = pollBody(poll, {...state, error: problemMessage(error, PAGE_TEXT[lang].errors)});
      return renderPage(c, {status: error.status, lang, title: pickText(poll.question, lang), style: STYLE, body, headers: error.headers});
    }
  });

  app.all('/w/poll/:id', methodNotAllowed('GET, POST'));
}

async function pagePoll(deps: AppDeps, id: string): Promise<PollRecord | undefined> {
  return ID_PATTERN.test(id) ? findPoll(deps.db, id) : undefined;
}

function pollBody(poll: PollRecord, state: FormState): string {
  return `<kirjasto-poll ${widgetAttributes('poll', poll.id, state)}>
${fallback(poll, state, PAGE_TEXT[state.lang])}
</kirjasto-poll>`;
}

/** The light-DOM fallback: what a reader without JavaScript gets. */
function fallback(poll: PollRecord, state: FormState, text: PageText): string {
  const {lang} = state;
  const question = escapeHtml(pickText(poll.question, lang));
  const status = pollStatus(poll);
  if (status !== 'open') {
    const message = status === 'closed' ? text.closed : text.opensAt(formatDate(poll.opensAt, lang));
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

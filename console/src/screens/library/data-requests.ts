import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, type Schemas, type Text} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatDateTime, getLocale} from '../../i18n.js';
import {confirmAction} from '../../ui/confirm.js';
import '../../ui/problem.js';

type Match = Schemas['DataMatch'];
type By = 'text' | 'contact' | 'idea';

const kindName = (kind: Match['kind']) =>
  ({
    'idea-text': msg("Idea's text"),
    'idea-contact': msg("Idea's contact"),
    'rating-comment': msg('Rating comment'),
    'poll-other': msg('Poll "other" answer'),
  })[kind];

const whereName = (kind: Match['where']['kind']) => ({'idea-box': msg('Idea box'), rating: msg('Rating'), poll: msg('Poll')})[kind];

const pick = (text: Text) => text[getLocale()] ?? text.fi ?? text.sv ?? text.en ?? Object.values(text)[0] ?? '';

/**
 * /t/:tenant/data-requests: a patron asks the library to erase what they wrote. The moderator searches by
 * words, by the exact contact, or by the idea's id, sees what, where and when, and erases one match after
 * a confirmation. Each erasure is in the audit log (without the words).
 */
@customElement('console-data-requests')
export class DataRequestsScreen extends ConsoleScreen {
  @state() private by: By = 'text';
  @state() private query = '';
  @state() private found?: Match[];
  @state() private truncated = false;
  @state() private problem?: unknown;
  @state() private loading = false;
  private readonly ids = {q: uniqueId('q'), by: uniqueId('by'), hint: uniqueId('hint')};

  private async search(event?: SubmitEvent) {
    event?.preventDefault();
    if (event) {
      const form = new FormData(event.target as HTMLFormElement);
      this.by = (form.get('by') as By) ?? 'text';
      this.query = String(form.get('q') ?? '').trim();
    }
    if (!this.query) return;
    this.loading = true;
    this.problem = undefined;
    try {
      const {data} = await api.request<Schemas['DataMatches']>('POST', AdminClient.tenantPath(this.tenant.id, '/data-requests/search'), {body: {by: this.by, q: this.query}});
      this.found = data.matches;
      this.truncated = data.truncated;
    } catch (error) {
      this.problem = error;
    } finally {
      this.loading = false;
    }
  }

  private async erase(match: Match) {
    const sure = await confirmAction({
      title: msg(str`Erase: ${kindName(match.kind)}?`),
      message:
        match.kind === 'idea-text'
          ? msg('The words and the contact are removed for good and the idea leaves the public list. It stays counted in the reports.')
          : msg('It is removed for good. The answer itself stays counted in the reports.'),
      confirmLabel: msg('Erase'),
      danger: true,
    });
    if (!sure) return;
    this.problem = undefined;
    try {
      await api.request('POST', AdminClient.tenantPath(this.tenant.id, '/data-requests/erase'), {body: {kind: match.kind, id: match.id}});
      this.notify(msg('Erased. The erasure is in the audit log.'));
      await this.search();
      this.querySelector<HTMLElement>('#data-results')?.focus();
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const placeholder = {text: msg('Words the patron wrote'), contact: msg('name@example.fi or +358 40 123 4567'), idea: msg('The idea id')}[this.by];
    return html`<h1>${msg('Requests to erase')}</h1>
      <p class="hint">${msg("When a patron asks the library to erase what they wrote or their contact, find it here and erase it. Search the library's ideas, rating comments and poll answers.")}</p>
      <form class="filters" role="search" aria-label=${msg('Find what a patron sent')} @submit=${this.search}>
        <div class="field">
          <label for=${this.ids.by}>${msg('Search by')}</label>
          <select id=${this.ids.by} name="by" @change=${(e: Event) => (this.by = (e.target as HTMLSelectElement).value as By)}>
            <option value="text" ?selected=${this.by === 'text'}>${msg('Words in the text')}</option>
            <option value="contact" ?selected=${this.by === 'contact'}>${msg('Contact (email or phone, exactly)')}</option>
            <option value="idea" ?selected=${this.by === 'idea'}>${msg('Idea id')}</option>
          </select>
        </div>
        <div class="field">
          <label for=${this.ids.q}>${msg('Look for')}</label>
          <input id=${this.ids.q} name="q" type="search" required .value=${this.query} placeholder=${placeholder} aria-describedby=${this.ids.hint} />
          <p class="hint" id=${this.ids.hint}>${this.by === 'text' ? msg('At least 3 characters; upper and lower case are the same.') : msg('The whole contact or id, as the patron gave it.')}</p>
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.loading}>${msg('Search')}</button></div>
      </form>
      <console-problem .problem=${this.problem}></console-problem>
      <div id="data-results" tabindex="-1">${this.renderResults()}</div>`;
  }

  private renderResults() {
    if (this.loading) return html`<p role="status">${msg('Searching…')}</p>`;
    if (!this.found) return nothing;
    if (this.found.length === 0) return html`<p role="status">${msg('Nothing found.')}</p>`;
    return html`<p role="status">${this.truncated ? msg(str`The first ${this.found.length} matches; make the search more exact to see the rest.`) : msg(str`Matches: ${this.found.length}`)}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${msg('What was found, newest first')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('What')}</th>
              <th scope="col">${msg('Where')}</th>
              <th scope="col">${msg('When')}</th>
              <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${this.found.map(
              (m) => html`<tr>
                <td><strong>${kindName(m.kind)}</strong><br /><span class="break">${m.value}</span></td>
                <td>${whereName(m.where.kind)}: ${pick(m.where.title)}</td>
                <td>${formatDateTime(m.at)}</td>
                <td>
                  <button type="button" class="danger" @click=${() => this.erase(m)}>
                    ${msg('Erase')}<span class="visually-hidden"> ${kindName(m.kind)}, ${formatDateTime(m.at)}</span>
                  </button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-data-requests': DataRequestsScreen;
  }
}

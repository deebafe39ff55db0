import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatDateTime} from '../../i18n.js';
import '../../ui/problem.js';

type Entry = Schemas['AuditEntry'];
const PAGE = 25;
const KINDS = ['poll', 'rating', 'idea-box', 'idea', 'branch', 'user', 'invitation', 'token', 'tenant', 'origins', 'oidc'];

const kindName = (kind: string) =>
  ({
    poll: msg('poll'),
    rating: msg('rating'),
    'idea-box': msg('idea box'),
    idea: msg('idea'),
    branch: msg('branch'),
    user: msg('user'),
    invitation: msg('invitation'),
    token: msg('API token'),
    tenant: msg('library'),
    origins: msg('allowed sites'),
    oidc: msg('sign-in settings'),
  })[kind] ?? kind;

const actionName = (action: string) =>
  ({
    create: msg('created'),
    update: msg('changed'),
    delete: msg('deleted'),
    publish: msg('published'),
    hide: msg('hid'),
    reject: msg('rejected'),
    merge: msg('merged'),
    revoke: msg('revoked'),
    answer: msg('answered'),
    erase: msg('erased on request'),
  })[action] ?? action;

const json = (value: unknown) => (value === null || value === undefined ? '–' : JSON.stringify(value, null, 2));

/** /t/:tenant/audit-log: who did what and when in the library, with the state before and after, newest first, a page at a time. */
@customElement('console-audit-log')
export class AuditLogScreen extends ConsoleScreen {
  @state() private entries?: Entry[];
  @state() private next: string | null = null;
  /** The cursors of the pages before this one (the first page has none). */
  @state() private previous: (string | undefined)[] = [];
  @state() private cursor?: string;
  @state() private kind = '';
  @state() private problem?: unknown;
  @state() private loading = false;
  private readonly ids = {kind: uniqueId('kind')};

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private load = async (cursor?: string) => {
    this.loading = true;
    this.problem = undefined;
    try {
      const {data} = await api.get<Schemas['AuditLog']>(AdminClient.tenantPath(this.tenant.id, '/audit-log'), {limit: PAGE, before: cursor, kind: this.kind || undefined});
      this.entries = data.entries;
      this.next = data.nextCursor;
      this.cursor = cursor;
    } catch (error) {
      this.problem = error;
    } finally {
      this.loading = false;
    }
  };

  private async older() {
    this.previous = [...this.previous, this.cursor];
    await this.load(this.next ?? undefined);
    this.querySelector<HTMLElement>('table caption')?.focus();
  }

  private async newer() {
    const previous = [...this.previous];
    const cursor = previous.pop();
    this.previous = previous;
    await this.load(cursor);
    this.querySelector<HTMLElement>('table caption')?.focus();
  }

  private onKind(event: SubmitEvent) {
    event.preventDefault();
    this.kind = String(new FormData(event.target as HTMLFormElement).get('kind') ?? '');
    this.previous = [];
    void this.load();
  }

  override render() {
    const page = this.previous.length + 1;
    return html`<h1>${msg('Audit log')}</h1>
      <p class="hint">${msg('Every change made in the console or through an API token: who, what, when, and the state before and after.')}</p>
      <form class="filters" @submit=${this.onKind} aria-label=${msg('Filter the log')}>
        <div class="field">
          <label for=${this.ids.kind}>${msg('What was changed')}</label>
          <select id=${this.ids.kind} name="kind">
            <option value="" ?selected=${!this.kind}>${msg('Everything')}</option>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindName(k)}</option>`)}
          </select>
        </div>
        <div class="actions"><button type="submit" class="secondary">${msg('Show')}</button></div>
      </form>
      <console-problem .problem=${this.problem} .retry=${() => this.load(this.cursor)}></console-problem>
      ${!this.entries
        ? this.problem
          ? nothing
          : html`<p role="status">${msg('Loading…')}</p>`
        : this.entries.length === 0
          ? html`<p>${msg('Nothing has been recorded yet.')}</p>`
          : html`<div class="table-wrap">
              <table class="audit">
                <caption tabindex="-1">${msg(str`Page ${page}, newest first`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('When')}</th>
                    <th scope="col">${msg('Who')}</th>
                    <th scope="col">${msg('What')}</th>
                    <th scope="col">${msg('Before and after')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.entries.map(
                    (e) => html`<tr>
                      <td>${formatDateTime(e.at)}</td>
                      <td class="break">${e.actor}</td>
                      <td>${actionName(e.action)} ${kindName(e.kind)}${e.subject ? html` <code class="break">${e.subject}</code>` : nothing}</td>
                      <td>
                        <details>
                          <summary>${msg('Show')}<span class="visually-hidden"> ${msg(str`the change of ${formatDateTime(e.at)}`)}</span></summary>
                          <div class="before-after">
                            <div><strong>${msg('Before')}</strong><pre>${json(e.before)}</pre></div>
                            <div><strong>${msg('After')}</strong><pre>${json(e.after)}</pre></div>
                          </div>
                        </details>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <nav class="actions pager" aria-label=${msg('Pages of the log')}>
              <button type="button" class="secondary" ?disabled=${this.loading || this.previous.length === 0} @click=${this.newer}>${msg('Newer entries')}</button>
              <button type="button" class="secondary" ?disabled=${this.loading || !this.next} @click=${this.older}>${msg('Older entries')}</button>
            </nav>`}`;
  }
}

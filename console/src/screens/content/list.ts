import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {AdminClient, api, ApiProblem} from '../../api.js';
import {ConsoleScreen} from '../../element.js';
import {formatNumber, getLocale} from '../../i18n.js';
import {roleMay} from '../../session.js';
import '../../ui/problem.js';
import {askConfirm} from './confirm.js';
import {zoneLabel} from '../../ui/datetime-field.js';
import {KINDS, libraryTimeZone, pickText, statusLabel, type AdminContent, type KindId} from './kinds.js';

/**
 * /t/{tenant}/polls (and /ratings, /idea-boxes): the library's polls, newest first, with the status in
 * words, the answers so far and what can be done to each. Archived ones sit behind the filter.
 * Moderators and viewers see the same list without the buttons that change anything.
 */
@customElement('console-content-list')
export class ContentList extends ConsoleScreen {
  @property() kind: KindId = 'poll';
  @state() private items?: AdminContent[];
  @state() private archived = false;
  @state() private problem?: unknown;
  @state() private busy = '';
  @state() private timeZone?: string;

  private get k() {
    return KINDS[this.kind];
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('kind') || changed.has('tenant')) void this.load();
  }

  private async load() {
    this.problem = undefined;
    try {
      this.timeZone ??= await libraryTimeZone(this.tenant.id, async () => (await api.get<{tenants: {id: string; timeZone: string}[]}>('/tenants')).data);
      const {data} = await api.get<Record<string, AdminContent[]>>(AdminClient.tenantPath(this.tenant.id, `/${this.k.path}`), {archived: this.archived ? 'true' : 'false'});
      this.items = data[this.k.listKey];
    } catch (error) {
      this.problem = error;
    }
  }

  private async onFilter(event: Event) {
    this.archived = (event.target as HTMLSelectElement).value === 'archived';
    this.items = undefined;
    await this.load();
  }

  /** One change to one item: its current ETag first, then the change; the list reloads after. */
  private async change(item: AdminContent, method: 'PATCH' | 'DELETE', body: Record<string, unknown> | undefined, done: string, query?: Record<string, number>) {
    const path = AdminClient.tenantPath(this.tenant.id, `/${this.k.path}/${encodeURIComponent(item.id)}`);
    this.busy = item.id;
    this.problem = undefined;
    try {
      const {etag} = await api.get(path);
      await api.request(method, path, {body, ifMatch: etag, query});
      this.notify(done);
      await this.load();
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = '';
    }
  }

  private async closeNow(item: AdminContent) {
    const title = pickText(this.k.title(item), getLocale());
    const ok = await askConfirm({
      title: msg(str`Close "${title}" now?`),
      body: msg('It stops taking answers at once, on every page where it is embedded. The answers so far are kept. You can open it again by changing its closing time.'),
      confirm: msg('Close now'),
    });
    if (ok) await this.change(item, 'PATCH', {closesAt: new Date().toISOString()}, msg(str`"${title}" is closed.`));
  }

  private async archive(item: AdminContent, archived: boolean) {
    const title = pickText(this.k.title(item), getLocale());
    await this.change(item, 'PATCH', {archived}, archived ? msg(str`"${title}" is archived.`) : msg(str`"${title}" is back in the list.`));
  }

  /**
   * Deleting: without answers for editors; with them for owners only, after a confirmation that names
   * their number (sent back, so that answers which arrived meanwhile are not deleted unseen).
   */
  private async deleteItem(item: AdminContent) {
    const title = pickText(this.k.title(item), getLocale());
    const answers = item.answers;
    const ok = await askConfirm({
      title: answers > 0 ? msg(str`Delete "${title}" and its ${formatNumber(answers)} answers?`) : msg(str`Delete "${title}"?`),
      body:
        answers > 0
          ? msg('Its answers, comments and ideas are deleted with it, and its reports lose them. This cannot be undone. Archiving keeps them.')
          : msg('It has no answers yet. Deleting cannot be undone, and pages that embed it will show that it is not found.'),
      confirm: answers > 0 ? msg('Delete with the answers') : msg('Delete'),
      danger: true,
    });
    if (ok) await this.change(item, 'DELETE', undefined, msg(str`"${title}" is deleted.`), answers > 0 ? {answers} : undefined);
  }

  override render() {
    const k = this.k;
    const mayEdit = roleMay(this.tenant.role, 'edit');
    const lang = getLocale();
    return html`<h1>${k.plural()}</h1>
      <div class="content-toolbar">
        ${mayEdit ? html`<a class="button" href=${this.href(`/${k.path}/new`)}>${this.newLabel()}</a>` : html`<p class="hint">${msg('Your role can read these but not change them.')}</p>`}
        <label class="content-filter"
          >${msg('Show')}
          <select @change=${this.onFilter}>
            <option value="current" ?selected=${!this.archived}>${msg('Current (not archived)')}</option>
            <option value="archived" ?selected=${this.archived}>${msg('Archived')}</option>
          </select></label
        >
      </div>
      <console-problem .problem=${this.problem} .retry=${this.problem instanceof ApiProblem && this.problem.status >= 500 ? () => this.load() : undefined}></console-problem>
      ${!this.items
        ? this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`
        : this.items.length === 0
          ? html`<p>${this.archived ? msg('Nothing is archived.') : msg('There is nothing here yet.')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="content-caption">
              <table class="content-list">
                <caption id="content-caption">${this.archived ? msg(str`Archived: ${k.plural()}`) : k.plural()}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Title')}</th>
                    <th scope="col">${msg('Status')}</th>
                    <th scope="col" class="number">${msg('Answers')}</th>
                    <th scope="col">${msg('Schedule')}</th>
                    <th scope="col">${msg('Actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.items.map((item) => this.renderRow(item, mayEdit, lang))}
                </tbody>
              </table>
            </div>
            ${this.timeZone ? html`<p class="hint">${msg(str`Times in the library's time zone: ${zoneLabel(this.timeZone)}`)}</p>` : nothing}`}`;
  }

  /** A date and time on the library's clock, as the editor's fields show it. */
  private when(iso: string) {
    return new Intl.DateTimeFormat(getLocale(), {dateStyle: 'medium', timeStyle: 'short', timeZone: this.timeZone}).format(new Date(iso));
  }

  private newLabel() {
    return {poll: msg('New poll'), rating: msg('New rating prompt'), 'idea-box': msg('New idea box')}[this.kind];
  }

  private renderRow(item: AdminContent, mayEdit: boolean, lang: string) {
    const k = this.k;
    const title = pickText(k.title(item), lang) || item.id;
    const base = `/${k.path}/${encodeURIComponent(item.id)}`;
    const busy = this.busy === item.id;
    return html`<tr data-id=${item.id}>
      <th scope="row">
        ${mayEdit ? html`<a href=${this.href(base)}>${title}</a>` : title}
        <div class="hint">${item.id}</div>
      </th>
      <td data-label=${msg('Status')}><span class="badge ${item.status}">${statusLabel(item.status)}</span>${item.archived ? html` <span class="badge archived">${msg('Archived')}</span>` : nothing}</td>
      <td class="number" data-label=${msg('Answers')}>${formatNumber(item.answers)}</td>
      <td class="content-schedule" data-label=${msg('Schedule')}>
        <div>${msg(str`Opens ${this.when(item.opensAt)}`)}</div>
        <div>${item.closesAt ? msg(str`Closes ${this.when(item.closesAt)}`) : msg('No closing time')}</div>
      </td>
      <td class="content-row-actions">
        <div class="actions row-actions">
          <a href=${this.href(`${base}/embed`)}>${msg('Embed and preview')}<span class="visually-hidden">: ${title}</span></a>
          <a href=${this.href(`${base}/report`)}>${msg('Report')}<span class="visually-hidden">: ${title}</span></a>
          ${mayEdit
            ? html`<a href=${this.href(`/${k.path}/new?from=${encodeURIComponent(item.id)}`)}>${msg('Duplicate')}<span class="visually-hidden">: ${title}</span></a>
                ${item.status === 'open' && !item.archived
                  ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => this.closeNow(item)}>${msg('Close now')}<span class="visually-hidden">: ${title}</span></button>`
                  : nothing}
                <button type="button" class="secondary" ?disabled=${busy} @click=${() => this.archive(item, !item.archived)}>
                  ${item.archived ? msg('Unarchive') : msg('Archive')}<span class="visually-hidden">: ${title}</span>
                </button>
                ${item.answers === 0 || roleMay(this.tenant.role, 'manage')
                  ? html`<button type="button" class="secondary danger-text" ?disabled=${busy} @click=${() => this.deleteItem(item)}>${msg('Delete')}<span class="visually-hidden">: ${title}</span></button>`
                  : nothing}`
            : nothing}
        </div>
      </td>
    </tr>`;
  }
}

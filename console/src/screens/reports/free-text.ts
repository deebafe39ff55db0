import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {AdminClient, api} from '../../api.js';
import {ConsoleElement, uniqueId} from '../../element.js';
import {getLocale} from '../../i18n.js';
import {languageName} from '../../ui/labels.js';
import '../../ui/problem.js';
import {channelName} from '../library/shared.js';
import type {FreeText, FreeTextPage} from './types.js';

/**
 * For moderators: a rating prompt's comments or a poll's "other" answers in the report's filters,
 * newest first, searchable, a page at a time (the server's keyset cursor). Reading them is audited by
 * the server; the panel is not rendered for other roles.
 */
@customElement('console-report-free-text')
export class ReportFreeText extends ConsoleElement {
  @property() tenant = '';
  @property() kind: 'rating' | 'poll' = 'rating';
  @property() itemId = '';
  /** The report's API query (from, to, channel, branch, lang) as JSON: a string, so an equal query is no change. */
  @property() filters = '{}';
  @property() timeZone = 'Europe/Helsinki';
  /** Branch ids to names. */
  @property({attribute: false}) branchName: (id: string) => string = (id) => id;
  @state() private items: FreeText[] = [];
  @state() private next: string | null = null;
  @state() private loading = false;
  @state() private problem?: unknown;
  @state() private q = '';
  private readonly ids = {search: uniqueId('free-search'), title: uniqueId('free-title')};

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('filters') || changed.has('itemId') || changed.has('kind')) void this.load(false);
  }

  private get path() {
    const which = this.kind === 'rating' ? `/reports/ratings/${encodeURIComponent(this.itemId)}/comments` : `/reports/polls/${encodeURIComponent(this.itemId)}/other-answers`;
    return AdminClient.tenantPath(this.tenant, which);
  }

  private async load(more: boolean) {
    this.loading = true;
    this.problem = undefined;
    try {
      const query: Record<string, string> = JSON.parse(this.filters) as Record<string, string>;
      delete query.bucket;
      if (this.q) query.q = this.q;
      if (more && this.next) query.after = this.next;
      const {data} = await api.get<FreeTextPage>(this.path, query);
      this.items = more ? [...this.items, ...data.items] : data.items;
      this.next = data.next;
    } catch (error) {
      this.problem = error;
    } finally {
      this.loading = false;
    }
  }

  private onSearch(event: Event) {
    event.preventDefault();
    this.q = (this.querySelector<HTMLInputElement>(`#${this.ids.search}`)?.value ?? '').trim();
    void this.load(false);
  }

  private when(iso: string) {
    return new Intl.DateTimeFormat(getLocale(), {dateStyle: 'medium', timeStyle: 'short', timeZone: this.timeZone}).format(new Date(iso));
  }

  override render() {
    const title = this.kind === 'rating' ? msg('Comments') : msg('"Other" answers');
    return html`<section class="report-free-text panel" aria-labelledby=${this.ids.title}>
      <h2 id=${this.ids.title}>${title}</h2>
      <p class="hint">${msg('Visible to moderators only. Opening them is written to the audit log. Do not copy them anywhere public without consent.')}</p>
      <form role="search" class="free-search" @submit=${this.onSearch}>
        <label for=${this.ids.search}>${this.kind === 'rating' ? msg('Search the comments') : msg('Search the answers')}</label>
        <input id=${this.ids.search} type="search" .value=${this.q} />
        <button type="submit" class="secondary">${msg('Search')}</button>
      </form>
      <console-problem .problem=${this.problem} .retry=${() => this.load(false)}></console-problem>
      <p role="status" class="hint">
        ${this.loading
          ? msg('Loading…')
          : this.items.length === 0
            ? this.q
              ? msg(str`Nothing matches "${this.q}".`)
              : msg('None in this period.')
            : this.q
              ? msg(str`Showing ${this.items.length} that match "${this.q}".`)
              : msg(str`Showing ${this.items.length}.`)}
      </p>
      <ul class="free-list">
        ${this.items.map(
          (item) => html`<li>
            <blockquote>${'comment' in item ? item.comment : item.text}</blockquote>
            <p class="hint">
              ${this.when(item.at)}${'score' in item ? html` · ${msg(str`score ${item.score}`)}` : nothing} · ${channelName(item.channel)}${item.branch ? html` · ${this.branchName(item.branch)}` : nothing}${item.lang
                ? html` · ${languageName(item.lang)}`
                : nothing}
            </p>
          </li>`,
        )}
      </ul>
      ${this.next ? html`<button type="button" class="secondary" ?disabled=${this.loading} @click=${() => this.load(true)}>${msg('Show more')}</button>` : nothing}
    </section>`;
  }
}

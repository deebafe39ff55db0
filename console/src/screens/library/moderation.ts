import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {api, AdminClient, type Schemas, type Text} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatDateTime, formatNumber} from '../../i18n.js';
import {roleMay} from '../../session.js';
import {confirmAction} from '../../ui/confirm.js';
import {problemMessage} from '../../ui/problem.js';
import '../../ui/problem.js';
import '../../ui/text-field.js';
import {channelName, textIn} from './shared.js';

type Idea = Schemas['ModerationIdea'];
type Box = Schemas['AdminIdeaBox'];
type IdeaState = Idea['state'];
type IdeaStatus = Idea['status'];
const STATES: IdeaState[] = ['pending', 'published', 'hidden', 'rejected'];
const STATUSES: IdeaStatus[] = ['new', 'under-consideration', 'planned', 'done', 'declined'];
const PAGE = 50;

export const stateName = (s: IdeaState) =>
  ({pending: msg('Waiting for moderation'), published: msg('Published'), hidden: msg('Hidden'), rejected: msg('Rejected')})[s];
export const statusName = (s: IdeaStatus) =>
  ({new: msg('New'), 'under-consideration': msg('Under consideration'), planned: msg('Planned'), done: msg('Done'), declined: msg('Declined')})[s];

/**
 * /t/:tenant/ideas: the ideas of all the library's idea boxes, newest first, filtered by box, moderation
 * state and public status (the filters live in the address, so a link from the start page opens the
 * waiting ones). A moderator publishes, hides, rejects, sets the public status, answers in the library's
 * languages, merges a duplicate and deletes a contact detail; everyone else reads.
 */
@customElement('console-moderation')
export class ModerationScreen extends ConsoleScreen {
  @state() private boxes: Box[] = [];
  @state() private ideas: Idea[] = [];
  @state() private cursors = new Map<string, string>();
  @state() private loading = true;
  @state() private problem?: unknown;
  @state() private box = '';
  @state() private ideaState: IdeaState | 'all' = 'all';
  @state() private status: IdeaStatus | '' = '';
  /** Per idea: the request in flight, the answer being written, the last refusal. */
  @state() private busy = new Set<string>();
  @state() private drafts = new Map<string, Text>();
  @state() private errors = new Map<string, unknown>();
  private readonly ids = {box: uniqueId('box'), state: uniqueId('state'), status: uniqueId('status')};

  /** The address's query (`?box=…&state=pending`): the filters, read again when a link changes it. */
  @property({attribute: false}) query = '';

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant') || changed.has('query')) {
      const query = new URLSearchParams(this.query);
      this.box = query.get('box') ?? '';
      const s = query.get('state');
      this.ideaState = STATES.includes(s as IdeaState) ? (s as IdeaState) : 'all';
      const st = query.get('status');
      this.status = STATUSES.includes(st as IdeaStatus) ? (st as IdeaStatus) : '';
      void this.load();
    }
  }

  private get mayModerate() {
    return roleMay(this.tenant.role, 'moderate');
  }

  /** Editors put an answered idea on the library's public page (/t/{tenant}). */
  private get mayEdit() {
    return roleMay(this.tenant.role, 'edit');
  }

  private path(p: string) {
    return AdminClient.tenantPath(this.tenant.id, p);
  }

  private load = async () => {
    this.loading = true;
    this.problem = undefined;
    try {
      this.boxes = (await api.get<Schemas['AdminIdeaBoxes']>(this.path('/idea-boxes'))).data.ideaBoxes;
      const chosen = this.boxes.filter((b) => !this.box || b.id === this.box);
      const pages = await Promise.all(chosen.map((b) => this.page(b.id)));
      const cursors = new Map<string, string>();
      chosen.forEach((b, i) => pages[i].nextCursor && cursors.set(b.id, pages[i].nextCursor!));
      this.cursors = cursors;
      this.ideas = sortNewest(pages.flatMap((p) => p.ideas));
    } catch (error) {
      this.problem = error;
    } finally {
      this.loading = false;
    }
  };

  private async page(boxId: string, cursor?: string) {
    const {data} = await api.get<Schemas['ModerationPage']>(this.path(`/idea-boxes/${encodeURIComponent(boxId)}/ideas`), {
      state: this.ideaState,
      limit: PAGE,
      cursor,
    });
    return data;
  }

  private async more() {
    this.loading = true;
    try {
      const entries = [...this.cursors];
      const pages = await Promise.all(entries.map(([box, cursor]) => this.page(box, cursor)));
      const cursors = new Map<string, string>();
      entries.forEach(([box], i) => pages[i].nextCursor && cursors.set(box, pages[i].nextCursor!));
      this.cursors = cursors;
      this.ideas = sortNewest([...this.ideas, ...pages.flatMap((p) => p.ideas)]);
    } catch (error) {
      this.problem = error;
    } finally {
      this.loading = false;
    }
  }

  private onFilter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.box = String(data.get('box') ?? '');
    this.ideaState = String(data.get('state') ?? 'all') as IdeaState | 'all';
    this.status = String(data.get('status') ?? '') as IdeaStatus | '';
    const query = new URLSearchParams();
    if (this.box) query.set('box', this.box);
    if (this.ideaState !== 'all') query.set('state', this.ideaState);
    if (this.status) query.set('status', this.status);
    history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
    if (location.search === this.query) void this.load();
    else this.query = location.search;
  }

  /** One moderation request for `idea`: the answer replaces it in the list; a refusal shows at the idea. */
  private async act(idea: Idea, method: string, path: string, body: unknown, done: string): Promise<boolean> {
    this.busy = new Set(this.busy).add(idea.id);
    const errors = new Map(this.errors);
    errors.delete(idea.id);
    this.errors = errors;
    try {
      const {data} = await api.request<Idea | undefined>(method, this.path(`/ideas/${encodeURIComponent(idea.id)}${path}`), {body});
      const next = data ?? {...idea, contact: undefined};
      this.ideas = this.ideas.map((i) => (i.id === idea.id ? next : i));
      this.notify(done);
      return true;
    } catch (error) {
      this.errors = new Map(this.errors).set(idea.id, error);
      this.notify(problemMessage(error), 'error');
      return false;
    } finally {
      const busy = new Set(this.busy);
      busy.delete(idea.id);
      this.busy = busy;
    }
  }

  private async reject(idea: Idea, event: SubmitEvent) {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    await this.act(idea, 'POST', '/reject', {reason}, msg('The idea was rejected.'));
  }

  private async saveStatus(idea: Idea, event: SubmitEvent) {
    event.preventDefault();
    const status = String(new FormData(event.target as HTMLFormElement).get('status')) as IdeaStatus;
    await this.act(idea, 'PATCH', '', {status}, msg(str`Status set to "${statusName(status)}".`));
  }

  private async saveAnswer(idea: Idea, event: SubmitEvent) {
    event.preventDefault();
    const draft = this.drafts.get(idea.id) ?? idea.answer ?? {};
    const empty = !Object.values(draft).some((t) => t.trim());
    const ok = await this.act(idea, 'PATCH', '', {answer: empty ? null : draft}, empty ? msg('The answer was removed.') : msg('The answer was saved.'));
    if (ok) {
      const drafts = new Map(this.drafts);
      drafts.delete(idea.id);
      this.drafts = drafts;
    }
  }

  private async merge(idea: Idea, event: SubmitEvent) {
    event.preventDefault();
    const into = String(new FormData(event.target as HTMLFormElement).get('into') ?? '');
    const kept = this.ideas.find((i) => i.id === into);
    if (!kept) return;
    const sure = await confirmAction({
      title: msg('Merge this idea?'),
      message: msg(str`"${excerpt(idea.text)}" is merged into "${excerpt(kept.text)}". Its supporters are counted for that idea, and it leaves the public list.`),
      confirmLabel: msg('Merge'),
    });
    if (sure) await this.act(idea, 'POST', '/merge', {into}, msg('The ideas were merged.'));
  }

  private async deleteContact(idea: Idea) {
    const sure = await confirmAction({
      title: msg('Delete the contact detail?'),
      message: msg('The contact detail the patron left is deleted for good. The idea itself stays.'),
      confirmLabel: msg('Delete the contact detail'),
      danger: true,
    });
    if (sure) await this.act(idea, 'DELETE', '/contact', undefined, msg('The contact detail was deleted.'));
  }

  override render() {
    const shown = this.ideas.filter((i) => !this.status || i.status === this.status);
    return html`<h1>${msg('Moderation')}</h1>
      ${this.mayModerate ? nothing : html`<p class="hint">${msg('You can read the ideas here. Moderating needs the moderator or owner role.')}</p>`}
      ${this.renderFilters()}
      <console-problem .problem=${this.problem} .retry=${this.load}></console-problem>
      <p role="status" class="hint">
        ${this.loading ? msg('Loading…') : shown.length === 1 ? msg('1 idea shown.') : msg(str`${formatNumber(shown.length)} ideas shown.`)}
      </p>
      <ul class="idea-list">
        ${shown.map((idea) => html`<li>${this.renderIdea(idea)}</li>`)}
      </ul>
      ${this.cursors.size ? html`<p><button type="button" class="secondary" ?disabled=${this.loading} @click=${this.more}>${msg('Show more ideas')}</button></p>` : nothing}`;
  }

  private renderFilters() {
    return html`<form class="filters" @submit=${this.onFilter} aria-label=${msg('Filter the ideas')}>
      <div class="field">
        <label for=${this.ids.box}>${msg('Idea box')}</label>
        <select id=${this.ids.box} name="box">
          <option value="" ?selected=${!this.box}>${msg('All idea boxes')}</option>
          ${this.boxes.map((b) => html`<option value=${b.id} ?selected=${b.id === this.box}>${textIn(b.topic)}${b.pending ? ` (${b.pending})` : ''}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for=${this.ids.state}>${msg('Moderation state')}</label>
        <select id=${this.ids.state} name="state">
          <option value="all" ?selected=${this.ideaState === 'all'}>${msg('All')}</option>
          ${STATES.map((s) => html`<option value=${s} ?selected=${s === this.ideaState}>${stateName(s)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for=${this.ids.status}>${msg('Public status')}</label>
        <select id=${this.ids.status} name="status">
          <option value="" ?selected=${!this.status}>${msg('All')}</option>
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${statusName(s)}</option>`)}
        </select>
      </div>
      <div class="actions"><button type="submit" class="secondary">${msg('Show')}</button></div>
    </form>`;
  }

  private renderIdea(idea: Idea) {
    const box = this.boxes.find((b) => b.id === idea.boxId);
    const busy = this.busy.has(idea.id);
    const headingId = `idea-${idea.id}`;
    const merged = idea.mergedInto ? this.ideas.find((i) => i.id === idea.mergedInto) : undefined;
    const mergeTargets = this.ideas.filter((i) => i.boxId === idea.boxId && i.id !== idea.id && !i.mergedInto && i.state === 'published');
    return html`<article class="idea ${idea.state}" aria-labelledby=${headingId}>
      <h2 class="idea-text" id=${headingId} lang=${idea.lang ?? nothing}>${idea.text}</h2>
      <p class="idea-meta">
        <span class="badge state-${idea.state}">${stateName(idea.state)}</span>
        <span class="badge">${statusName(idea.status)}</span>
        <span>${box ? textIn(box.topic) : idea.boxId}</span>
        <span>${formatDateTime(idea.createdAt)}</span>
        <span>${channelName(idea.channel)}</span>
        <span>${idea.supports === 1 ? msg('1 supporter') : msg(str`${formatNumber(idea.supports)} supporters`)}</span>
        ${idea.category ? html`<span>${msg(str`Category: ${categoryName(box, idea.category)}`)}</span>` : nothing}
      </p>
      ${idea.mergedInto ? html`<p class="hint">${msg(str`Merged into: ${merged ? excerpt(merged.text) : idea.mergedInto}`)}</p>` : nothing}
      ${idea.rejectReason ? html`<p class="hint">${msg(str`Reason for rejecting: ${idea.rejectReason}`)}</p>` : nothing}
      ${idea.answer && Object.keys(idea.answer).length
        ? html`<div class="idea-answer"><strong>${msg("The library's answer")}</strong> ${idea.answeredAt ? html`<span class="hint">${formatDateTime(idea.answeredAt)}</span>` : nothing}
            ${Object.entries(idea.answer).map(([lang, text]) => html`<p lang=${lang}>${text}</p>`)}</div>`
        : nothing}
      ${idea.contact
        ? html`<p class="idea-contact">${msg(str`Contact: ${idea.contact}`)}
            ${this.mayModerate ? html`<button type="button" class="link" ?disabled=${busy} @click=${() => this.deleteContact(idea)}>${msg('Delete the contact detail')}</button>` : nothing}</p>`
        : nothing}
      <console-problem .problem=${this.errors.get(idea.id)}></console-problem>
      ${this.renderShowcase(idea, busy)}
      ${this.mayModerate ? this.renderActions(idea, busy, mergeTargets) : nothing}
    </article>`;
  }

  /** On the public page or not: shown for a published, answered idea; editors may change it. */
  private renderShowcase(idea: Idea, busy: boolean) {
    const answered = idea.answer && Object.values(idea.answer).some((t) => t.trim() !== '');
    if (idea.state !== 'published' || idea.mergedInto || !answered) return nothing;
    const shown = Boolean(idea.showcasedAt);
    return html`<p class="hint">${shown ? msg('Shown with its answer on the public page.') : msg('Not on the public page.')}
        <a href="/t/${encodeURIComponent(this.tenant.id)}${shown ? `#idea-${encodeURIComponent(idea.id)}` : ''}">${msg('Open the public page')}</a></p>
      ${this.mayEdit
        ? html`<div class="actions">${shown
            ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => this.act(idea, 'POST', '/unshowcase', undefined, msg('The idea was taken off the public page.'))}>${msg('Take off the public page')}</button>`
            : html`<button type="button" ?disabled=${busy} @click=${() => this.act(idea, 'POST', '/showcase', undefined, msg('The idea and its answer are now on the public page.'))}>${msg('Show on the public page')}</button>`}</div>`
        : nothing}`;
  }

  private renderActions(idea: Idea, busy: boolean, mergeTargets: Idea[]) {
    const id = idea.id;
    return html`<div class="actions">
        ${idea.state !== 'published'
          ? html`<button type="button" ?disabled=${busy} @click=${() => this.act(idea, 'POST', '/publish', undefined, msg('The idea was published.'))}>${msg('Publish')}</button>`
          : html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => this.act(idea, 'POST', '/hide', undefined, msg('The idea was hidden.'))}>${msg('Hide')}</button>`}
      </div>
      <details class="idea-tools">
        <summary>${msg('Answer, status, merge or reject')}</summary>
        <form class="stack" @submit=${(e: SubmitEvent) => this.saveAnswer(idea, e)}>
          <console-text-field
            multiline
            .label=${msg("The library's answer (shown with the idea)")}
            .value=${this.drafts.get(id) ?? idea.answer ?? {}}
            .languages=${['fi', 'sv', 'en', 'se']}
            .maxLength=${8000}
            pointer="/answer"
            .errors=${this.fieldErrors(id)}
            @text-change=${(e: CustomEvent<Text>) => (this.drafts = new Map(this.drafts).set(id, e.detail))}
          ></console-text-field>
          <div class="actions"><button type="submit" ?disabled=${busy}>${msg('Save the answer')}</button></div>
        </form>
        <form class="inline-form" @submit=${(e: SubmitEvent) => this.saveStatus(idea, e)}>
          <label for="status-${id}">${msg('Public status')}</label>
          <select id="status-${id}" name="status">
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === idea.status}>${statusName(s)}</option>`)}
          </select>
          <button type="submit" class="secondary" ?disabled=${busy}>${msg('Set the status')}</button>
        </form>
        ${!idea.mergedInto && mergeTargets.length
          ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => this.merge(idea, e)}>
              <label for="merge-${id}">${msg('Duplicate of')}</label>
              <select id="merge-${id}" name="into">
                ${mergeTargets.map((t) => html`<option value=${t.id}>${excerpt(t.text)}</option>`)}
              </select>
              <button type="submit" class="secondary" ?disabled=${busy}>${msg('Merge into it')}</button>
            </form>`
          : nothing}
        ${idea.state !== 'rejected'
          ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => this.reject(idea, e)}>
              <label for="reason-${id}">${msg('Reason for rejecting (kept for the staff)')}</label>
              <input id="reason-${id}" name="reason" maxlength="1000" required />
              <button type="submit" class="danger" ?disabled=${busy}>${msg('Reject')}</button>
            </form>`
          : nothing}
      </details>`;
  }

  private fieldErrors(id: string): ReadonlyMap<string, string> {
    const error = this.errors.get(id) as {fieldErrors?: Map<string, string>} | undefined;
    return error?.fieldErrors ?? new Map();
  }
}

const categoryName = (box: Box | undefined, id: string) => textIn(box?.categories.find((c) => c.id === id)?.label) || id;
const sortNewest = (ideas: Idea[]) => [...ideas].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

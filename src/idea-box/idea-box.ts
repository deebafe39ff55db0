import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {atom} from 'nanostores';
import {ApiError} from '../shared/api.js';
import {contentLanguages} from '../shared/config.js';
import {KirjastoElement} from '../shared/element.js';
import {emit} from '../shared/events.js';
import {notOpenMessage, problemMessage, queuedMessage} from '../shared/messages.js';
import {sharedResource, type Resource, type ResourceState} from '../shared/resource.js';
import {StoreController} from '../shared/store-controller.js';
import {pickText} from '../shared/text.js';
import {voterToken} from '../shared/voter.js';
import {ideaList, type IdeaList, type IdeaListState} from './idea-box-store.js';
import {ideaBoxStyles} from './idea-box.styles.js';
import type {IdeaBox, IdeaSort} from './idea-box.types.js';
import {renderIdea} from './idea-item.js';

export interface KirjastoIdeaBoxLoadDetail {
  box: IdeaBox;
}

export interface KirjastoIdeaBoxSubmitDetail {
  box: string;
  /** What was done: a new idea, or a support given or withdrawn. */
  action: 'idea' | 'support' | 'unsupport';
  ideaId?: string;
  /** True when it waits in the browser to be sent once the connection returns. */
  queued: boolean;
}

const minTextLength = 10;
/** The server refuses an idea sent sooner than this after the form was shown (a bot speed bump). */
const minFormAgeMs = 3100;

/**
 * Patrons' ideas on a topic: propose one, read and support others', and see the library's status
 * and answer for each ("you said, we did"). Patron text is only ever shown as text.
 *
 * @summary Idea box with support buttons, statuses and the library's answers.
 *
 * @fires {CustomEvent<KirjastoIdeaBoxLoadDetail>} kirjasto-load - The idea box was loaded and is shown.
 * @fires {CustomEvent<KirjastoIdeaBoxSubmitDetail>} kirjasto-submit - An idea was sent, or a support given or withdrawn (`queued` when it waits in the outbox).
 *
 * @csspart base - The idea box.
 * @csspart topic - The topic heading.
 * @csspart form - The new-idea form.
 * @csspart ideas - The list of ideas.
 * @csspart idea - One idea.
 * @csspart badge - An idea's status.
 * @csspart answer - The library's answer to an idea.
 * @csspart support - An idea's support button.
 * @csspart status - Confirmations (a polite live region).
 *
 * @cssproperty [--kirjasto-idea-box-badge=var(--kirjasto-subtle)] - Background of status badges.
 */
export class KirjastoIdeaBox extends KirjastoElement {
  static override styles = [KirjastoElement.styles, ideaBoxStyles];

  static override properties = {
    box: {},
    headingLevel: {type: Number, attribute: 'heading-level'},
    textLength: {state: true},
    sending: {state: true},
    formError: {state: true},
    confirmation: {state: true},
    listError: {state: true},
  };

  /** The idea box's id on the server. */
  box = '';

  /** The level of the topic heading in the page's outline. */
  headingLevel = 2;

  private textLength = 0;
  private sending = false;
  private formError = '';
  private confirmation = '';
  private listError = '';

  private resource?: Resource<IdeaBox>;
  private list?: IdeaList;
  private shownAt = 0;
  private readonly boxStore = new StoreController<ResourceState<IdeaBox>>(this, atom({phase: 'loading'}));
  private readonly listStore = new StoreController<IdeaListState>(this, atom({phase: 'loading', sort: 'support', ideas: [], total: 0, nextCursor: null, loadingMore: false}));

  override connectedCallback(): void {
    super.connectedCallback();
    void this.resource?.load();
    void this.list?.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('box') || changed.has('api')) {
      const base = this.apiBase;
      this.resource = sharedResource<IdeaBox>(`${base}/api/v1/idea-boxes/${encodeURIComponent(this.box)}`);
      this.list = ideaList(base, this.box);
      this.boxStore.follow(this.resource.state);
      this.listStore.follow(this.list.state);
      this.resetAnnouncement();
      void this.resource.load();
      void this.list.load();
    }
  }

  protected override updated(): void {
    const {data, error} = this.boxStore.value;
    if (data && !this.shownAt) this.shownAt = Date.now();
    this.announce(data && {box: data}, error);
  }

  private async onSubmit(event: SubmitEvent, box: IdeaBox): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const text = field('text');
    this.confirmation = '';
    if ([...text].length < minTextLength) {
      this.formError = msg(str`Write at least ${minTextLength} characters.`);
      form.querySelector('textarea')?.focus();
      return;
    }
    this.formError = '';
    this.sending = true;
    // A patron who types fast must not meet the bot speed bump.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, this.shownAt + minFormAgeMs - Date.now())));
    const category = field('category');
    const contact = field('contact');
    try {
      const sent = await this.list!.submit(box.id, {
        text,
        // Empty fields become undefined, which JSON leaves out.
        category: category || undefined,
        contact: contact || undefined,
        voter: voterToken(),
        channel: this.channel ?? 'web',
        location: this.location,
        formToken: box.formToken,
        website: '',
      });
      form.reset();
      this.textLength = 0;
      this.confirmation = sent.queued
        ? queuedMessage(sent.reason)
        : sent.data.published
          ? msg('Thank you! Your idea is now on the list.')
          : msg('Thank you! Your idea will be visible after moderation.');
      emit(this, 'kirjasto-submit', {box: this.box, action: 'idea', ideaId: sent.queued ? undefined : sent.data.idea.id, queued: sent.queued});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.formError = problemMessage(error);
      this.emitError(error);
    } finally {
      this.sending = false;
    }
  }

  private async onSupport(ideaId: string): Promise<void> {
    this.listError = '';
    try {
      const supported = await this.list!.toggleSupport(ideaId);
      emit(this, 'kirjasto-submit', {box: this.box, action: supported ? 'support' : 'unsupport', ideaId, queued: false});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.listError = problemMessage(error);
      this.emitError(error);
    }
  }

  private async onMore(): Promise<void> {
    const added = await this.list!.more();
    await this.updateComplete;
    // Keyboard and screen-reader users continue from the first idea that appeared.
    if (added[0]) this.renderRoot.querySelector<HTMLElement>(`[data-idea="${CSS.escape(added[0].id)}"]`)?.focus();
  }

  protected override render() {
    const {phase, data: box, error} = this.boxStore.value;
    return html`<section part="base" aria-busy=${phase === 'loading'}>
      ${phase === 'loading' ? this.renderLoading() : nothing}
      ${phase === 'error' && error ? this.renderError(error, () => this.resource?.load(true)) : nothing}
      ${box ? this.renderBox(box) : nothing}
    </section>`;
  }

  private renderBox(box: IdeaBox) {
    return html`<div part="topic" class="topic" role="heading" aria-level=${this.headingLevel}>${this.text(box.topic)}</div>
      ${box.description ? html`<p class="description">${this.text(box.description)}</p>` : nothing}
      ${box.status === 'open'
        ? this.renderForm(box)
        : html`<p class="muted">${notOpenMessage(box.status, box.opensAt)}</p>`}
      <p part="status" class="message success" role="status">${this.confirmation}</p>
      ${this.renderList(box)}`;
  }

  private renderForm(box: IdeaBox) {
    return html`<form part="form" class="form" @submit=${(e: SubmitEvent) => this.onSubmit(e, box)} novalidate>
      <label for="text">${msg('Your idea')}</label>
      <textarea
        id="text"
        name="text"
        rows="4"
        maxlength=${box.maxLength}
        aria-describedby="count"
        @input=${(e: Event) => (this.textLength = [...(e.target as HTMLTextAreaElement).value].length)}
      ></textarea>
      <span id="count" class="count muted">${msg(str`${this.textLength} / ${box.maxLength} characters`)}</span>
      ${box.categories.length
        ? html`<label for="category">${msg('Category (optional)')}</label>
            <select id="category" name="category">
              <option value="">${msg('No category')}</option>
              ${box.categories.map((category) => html`<option value=${category.id}>${pickText(category.label, contentLanguages(this)).text}</option>`)}
            </select>`
        : nothing}
      ${box.allowContact
        ? html`<label for="contact">${msg('Email or phone for a reply (optional)')}</label>
            <input id="contact" name="contact" maxlength="200" autocomplete="email" aria-describedby="privacy" />
            <p id="privacy" class="muted privacy">
              ${msg('Only library staff see it, to answer you. You can ask us to delete it.')}
            </p>`
        : nothing}
      ${this.formError ? html`<p class="message error" role="alert">${this.formError}</p>` : nothing}
      <button type="submit" ?disabled=${this.sending}>${this.sending ? msg('Sending…') : msg('Send idea')}</button>
    </form>`;
  }

  private renderList(box: IdeaBox) {
    const {phase, ideas, total, sort, nextCursor, loadingMore, error} = this.listStore.value;
    const sortButton = (value: IdeaSort, label: string) =>
      html`<button class="secondary" aria-pressed=${sort === value} @click=${() => this.list?.load(value)}>${label}</button>`;
    return html`<div class="list-head">
        <span>${total === 1 ? msg('1 idea') : msg(str`${total} ideas`)}</span>
        <div class="sort" role="group" aria-label=${msg('Order')}>
          ${sortButton('support', msg('Most supported'))} ${sortButton('newest', msg('Newest'))}
        </div>
      </div>
      ${this.listError ? html`<p class="message error" role="alert">${this.listError}</p>` : nothing}
      ${error ? this.renderError(error, () => (phase === 'error' ? this.list?.load(sort, true) : this.onMore())) : nothing}
      ${phase === 'ready' && !ideas.length ? html`<p class="muted">${msg('No ideas yet. Yours could be the first!')}</p>` : nothing}
      <ul part="ideas" class="ideas" aria-busy=${phase === 'loading'}>
        ${ideas.map((idea) => renderIdea(idea, box, (t) => this.text(t), () => this.onSupport(idea.id)))}
      </ul>
      ${nextCursor && phase === 'ready'
        ? html`<button class="secondary more" ?disabled=${loadingMore} @click=${this.onMore}>${loadingMore ? msg('Loading…') : msg('Show more')}</button>`
        : nothing}`;
  }
}

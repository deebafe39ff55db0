import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {atom} from '../shared/atom.js';
import {KirjastoElement} from '../shared/element.js';
import {emit} from '../shared/events.js';
import {answerLang, baseLang, uiText} from '../shared/i18n.js';
import {notOpenMessage, problemMessage, queuedMessage, refusedMessage} from '../shared/messages.js';
import type {Settled} from '../shared/outbox.js';
import {StoreController, type LoadState} from '../shared/store.js';
import {pickText} from '../shared/text.js';
import {voterToken} from '../shared/voter.js';
import {ideaBoxModel, type IdeaBoxModel, type IdeaListState} from './idea-box-store.js';
import {ideaBoxStyles} from './idea-box.styles.js';
import type {IdeaBox, IdeaSort, NewIdea} from './idea-box.types.js';
import {renderIdea} from './idea-item.js';

const minTextLength = 10;
const tooShortMessage = () => msg(str`Kirjoita vähintään ${minTextLength} merkkiä.`);

/**
 * Patrons' ideas on a topic: propose one, read and support others', and see the library's status
 * and answer for each ("you said, we did"). Patron text is only ever shown as text.
 *
 * @summary Idea box with support buttons, statuses and the library's answers.
 *
 * @fires {CustomEvent<KirjastoIdeaBoxLoadDetail>} kirjasto-load - The idea box was loaded and is shown: `{boxId, box}`.
 * @fires {CustomEvent<KirjastoIdeaBoxSubmitDetail>} kirjasto-submit - An idea was sent, or a support given or withdrawn: `{boxId, action, ideaId?, queued}` (`queued` when it waits in the outbox).
 *
 * @csspart base - The idea box.
 * @csspart topic - The topic heading.
 * @csspart form - The new-idea form.
 * @csspart submit - The form's send button.
 * @csspart ideas - The list of ideas.
 * @csspart idea - One idea.
 * @csspart badge - An idea's status.
 * @csspart answer - The library's answer to an idea.
 * @csspart support - An idea's support button.
 * @csspart status - The confirmation of a sent idea; focus moves to it (so it is no live region, which would repeat it).
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

  #model?: IdeaBoxModel;
  /** Text of refused ideas to put back into the form once it is rendered. */
  #restoredText = '';
  readonly #boxStore = new StoreController<LoadState<IdeaBox>>(this, atom({phase: 'pending'}));
  readonly #listStore = new StoreController<IdeaListState>(this, atom({phase: 'pending', sort: 'support', ideas: [], total: 0, nextCursor: null, loadingMore: false}));
  readonly #refusals = new StoreController<Settled[]>(this, atom([]));

  protected followContent(): void {
    if (this.box) this.#show();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('box') || changed.has('api') || !this.#model) this.#show();
    this.#takeRefusals();
  }

  #show(): void {
    const model = ideaBoxModel(this.apiBase, this.box);
    if (model === this.#model) return;
    this.#model = model;
    this.#boxStore.follow(model.remote.state, model.remote);
    this.#listStore.follow(model.list);
    this.#refusals.follow(model.refused);
    this.resetAnnouncement();
    void model.load();
  }

  protected override updated(): void {
    const {data, error} = this.#boxStore.value;
    this.announce(data && {boxId: data.id, box: data}, error);
    const textarea = this.renderRoot.querySelector('textarea');
    if (this.#restoredText && textarea) {
      textarea.value = textarea.value ? `${textarea.value}\n\n${this.#restoredText}` : this.#restoredText;
      this.#restoredText = '';
      this.textLength = [...textarea.value].length;
    }
  }

  /** Ideas and supports that waited in the outbox and were refused: the patron is told, and gets the idea's text back. */
  #takeRefusals(): void {
    const refused = this.#refusals.value;
    if (!refused.length || !this.#model) return;
    this.#model.refused.set([]);
    for (const {entry, error} of refused) {
      if (!error) continue;
      this.emitError(error);
      if (entry.action === 'idea') {
        this.formError = refusedMessage(error);
        this.confirmation = '';
        const text = (entry.body as NewIdea).text;
        this.#restoredText = this.#restoredText ? `${this.#restoredText}\n\n${text}` : text;
      } else this.listError = refusedMessage(error);
    }
  }

  async #onSubmit(event: SubmitEvent, box: IdeaBox): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const form = event.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const text = field('text');
    this.confirmation = '';
    if ([...text].length < minTextLength) {
      this.formError = tooShortMessage();
      form.querySelector('textarea')?.focus();
      return;
    }
    this.formError = '';
    this.sending = true;
    const model = this.#model!;
    // A patron who types fast must not meet the bot speed bump (the token's minimum age).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, model.tokenIssuedAt + box.formMinAgeMs + 100 - Date.now())));
    const category = field('category');
    const contact = field('contact');
    const sent = await model.submit({
      text,
      // Empty fields become undefined, which JSON leaves out.
      category: category || undefined,
      contact: contact || undefined,
      voter: voterToken(),
      channel: this.channel ?? 'web',
      location: this.location,
      lang: answerLang(),
      formToken: box.formToken,
      website: '',
    });
    this.sending = false;
    if (sent.status === 'refused') {
      // The text stays in the form; an expired or foreign form token is replaced for the next try.
      this.formError = problemMessage(sent.error);
      this.emitError(sent.error);
      if (sent.error.slug === 'form-token-invalid') void model.remote.load(true);
      return;
    }
    form.reset();
    this.textLength = 0;
    this.confirmation =
      sent.status === 'queued'
        ? queuedMessage(sent.reason)
        : sent.data.published
          ? msg('Kiitos! Ideasi näkyy nyt listalla.')
          : msg('Kiitos! Ideasi tulee näkyviin, kun se on tarkistettu.');
    // The form stays, but the patron's next step is the confirmation: focus it (it is not a live region).
    void this.focusAfterUpdate('[part=status]');
    const ideaId = sent.status === 'sent' ? sent.data.idea.id : undefined;
    emit(this, 'kirjasto-submit', {boxId: this.box, box: this.box, action: 'idea', ideaId, queued: sent.status === 'queued'});
  }

  #onTextInput(event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.textLength = [...text].length;
    // The "too short" error goes as soon as it no longer holds, not at the next send.
    if (this.formError === tooShortMessage() && [...text.trim()].length >= minTextLength) this.formError = '';
  }

  async #onSupport(ideaId: string): Promise<void> {
    this.listError = '';
    const supported = !this.#listStore.value.ideas.find((idea) => idea.id === ideaId)?.supported;
    const sent = await this.#model!.toggleSupport(ideaId);
    if (!sent) return;
    if (sent.status === 'refused') {
      this.listError = problemMessage(sent.error);
      this.emitError(sent.error);
      return;
    }
    emit(this, 'kirjasto-submit', {boxId: this.box, box: this.box, action: supported ? 'support' : 'unsupport', ideaId, queued: sent.status === 'queued'});
  }

  async #onMore(): Promise<void> {
    const added = await this.#model!.more();
    await this.updateComplete;
    // Keyboard and screen-reader users continue from the first idea that appeared.
    if (added[0]) this.renderRoot.querySelector<HTMLElement>(`[data-idea="${CSS.escape(added[0].id)}"]`)?.focus();
  }

  protected override render() {
    const {phase, data: box, error} = this.#boxStore.value;
    return html`<section part="base" lang=${baseLang()} aria-busy=${phase === 'pending' && !box}>
      ${phase === 'pending' && !box ? this.renderLoading() : nothing}
      ${phase === 'error' && error ? this.renderError(error, () => this.#model?.remote.load(true)) : nothing}
      ${box ? this.#renderBox(box) : nothing}
    </section>`;
  }

  #renderBox(box: IdeaBox) {
    return html`<div part="topic" class="topic" role="heading" aria-level=${this.headingLevel} tabindex="-1">${this.text(box.topic)}</div>
      ${box.description ? html`<p class="description">${this.text(box.description)}</p>` : nothing}
      ${box.status === 'open'
        ? this.#renderForm(box)
        : html`<p class="muted">${uiText(notOpenMessage(box.status, box.opensAt))}</p>`}
      <p part="status" class="message success" tabindex="-1">${uiText(this.confirmation)}</p>
      ${this.#renderList(box)}`;
  }

  #renderForm(box: IdeaBox) {
    return html`<form part="form" class="form" @submit=${(e: SubmitEvent) => this.#onSubmit(e, box)} novalidate>
      <label for="text">${msg('Ideasi')}</label>
      <textarea
        id="text"
        name="text"
        rows="4"
        maxlength=${box.maxLength}
        aria-describedby="count"
        aria-invalid=${this.formError === tooShortMessage() ? 'true' : 'false'}
        @input=${this.#onTextInput}
      ></textarea>
      <span id="count" class="count muted">${msg(str`${this.textLength} / ${box.maxLength} merkkiä`)}</span>
      ${box.categories.length
        ? html`<label for="category">${uiText(msg('Aihe (vapaaehtoinen)'))}</label>
            <select id="category" name="category">
              <option value="">${msg('Ei aihetta')}</option>
              ${box.categories.map((category) => {
                const label = pickText(category.label, this.languages);
                return html`<option value=${category.id} lang=${label.lang ?? nothing}>${label.text}</option>`;
              })}
            </select>`
        : nothing}
      ${box.allowContact
        ? html`<label for="contact">${msg('Sähköposti tai puhelinnumero vastausta varten (vapaaehtoinen)')}</label>
            <input id="contact" name="contact" maxlength="200" autocomplete="email" aria-describedby="privacy" />
            <p id="privacy" class="muted privacy">
              ${msg('Vain kirjaston henkilökunta näkee sen vastatakseen sinulle. Voit pyytää meitä poistamaan sen.')}
            </p>`
        : nothing}
      ${this.formError ? html`<p class="message error" role="alert">${uiText(this.formError)}</p>` : nothing}
      <!-- Not disabled while sending: a disabled button loses focus to <body>. -->
      <button part="submit" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>${this.sending ? msg('Lähetetään…') : msg('Lähetä idea')}</button>
    </form>`;
  }

  #renderList(box: IdeaBox) {
    const {phase, ideas, total, sort, nextCursor, loadingMore, error} = this.#listStore.value;
    const sortButton = (value: IdeaSort, label: string) =>
      html`<button class="secondary" aria-pressed=${sort === value} @click=${() => this.#model?.load(value)}>${uiText(label)}</button>`;
    return html`<div class="list-head">
        <span>${total === 1 ? msg('1 idea') : msg(str`${total} ideaa`)}</span>
        <div class="sort" role="group" aria-label=${msg('Järjestys')}>
          ${sortButton('support', msg('Eniten kannatettu'))} ${sortButton('newest', msg('Uusimmat'))}
        </div>
      </div>
      ${this.listError ? html`<p class="message error" role="alert">${uiText(this.listError)}</p>` : nothing}
      ${error ? this.renderError(error, () => (phase === 'error' ? this.#model?.load(sort, true) : this.#onMore())) : nothing}
      ${phase === 'ready' && !ideas.length ? html`<p class="muted">${msg('Ideoita ei vielä ole. Sinun ideasi voi olla ensimmäinen!')}</p>` : nothing}
      <ul part="ideas" class="ideas" aria-busy=${phase === 'pending'}>
        ${ideas.map((idea) => renderIdea(idea, box, (t) => this.text(t), () => this.#onSupport(idea.id)))}
      </ul>
      ${nextCursor && phase === 'ready'
        ? html`<button class="secondary more" ?disabled=${loadingMore} @click=${this.#onMore}>${loadingMore ? msg('Ladataan…') : msg('Näytä lisää')}</button>`
        : nothing}`;
  }
}

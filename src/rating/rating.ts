import {msg} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {atom} from '../shared/atom.js';
import {KirjastoElement} from '../shared/element.js';
import {emit} from '../shared/events.js';
import {baseLang, uiText} from '../shared/i18n.js';
import {notOpenMessage, problemMessage, queuedMessage, refusedMessage} from '../shared/messages.js';
import {StoreController, type LoadState} from '../shared/store.js';
import type {KioskController} from './kiosk-controller.js';
import {ratingModel, RatingFlow} from './rating-controller.js';
import {ratingStyles} from './rating.styles.js';
import type {Rating} from './rating.types.js';
import {scoreIcon, scoreLabel, scoresOf} from './scales.js';
import type {StaffUnlock} from './staff-unlock.js';

/**
 * One-tap satisfaction rating: smileys, stars, NPS or thumbs, with an optional follow-up comment.
 * With `kiosk` it runs an unattended touch screen: large targets, a thank-you screen that resets
 * itself, a cool-down against button mashing, and no limit of one answer per device.
 *
 * @summary One-tap rating for the web, QR codes and an on-site kiosk.
 *
 * @fires {CustomEvent<KirjastoRatingLoadDetail>} kirjasto-load - The rating was loaded and is shown: `{ratingId, rating}`.
 * @fires {CustomEvent<KirjastoRatingSubmitDetail>} kirjasto-submit - The patron answered, or added a comment: `{ratingId, score, comment?, queued}` (`queued` when it waits in the outbox).
 * @fires {CustomEvent<KirjastoKioskExitDetail>} kirjasto-kiosk-exit - Staff unlocked the kiosk with the PIN: `{ratingId}`.
 * @fires {CustomEvent<KirjastoKioskResetDetail>} kirjasto-kiosk-reset - Kiosk: the screen went back to the question for the next patron: `{ratingId}`.
 *
 * @csspart base - The rating's box.
 * @csspart question - The question.
 * @csspart scale - The group of score buttons.
 * @csspart score - One score button.
 * @csspart comment - The follow-up comment form.
 * @csspart status - Thank-you and state messages (a polite live region; on a kiosk, focused instead).
 * @csspart queue - Kiosk only: how many answers wait to be sent (for staff).
 *
 * @cssproperty [--kirjasto-rating-size=3.25rem] - Size of one score button (in kiosk mode `clamp(4.5rem, min(24vmin, 17vw), 16rem)`); on a narrow screen the scale shrinks to fit one row.
 * @cssproperty [--kirjasto-rating-low=#d9412b] - Colour of the unhappiest face; the others blend towards `--kirjasto-rating-high`.
 * @cssproperty [--kirjasto-rating-high=#2e9e4f] - Colour of the happiest face.
 * @cssproperty [--kirjasto-rating-star=#f0b400] - Colour of a chosen or hovered star.
 */
export class KirjastoRating extends KirjastoElement {
  static override styles = [KirjastoElement.styles, ratingStyles];

  static override properties = {
    rating: {},
    kiosk: {type: Boolean, reflect: true},
    showLabels: {type: Boolean, attribute: 'show-labels'},
    resetAfter: {type: Number, attribute: 'reset-after'},
    cooldown: {type: Number},
    attractAfter: {type: Number, attribute: 'attract-after'},
    commentTime: {type: Number, attribute: 'comment-time'},
    focused: {state: true},
  };

  /** The rating prompt's id on the server. */
  rating = '';

  /** Unattended touch-screen mode; answers then count under channel `kiosk`. */
  kiosk = false;

  /** Show each score's name under its picture. */
  showLabels = false;

  /** Kiosk: seconds the thank-you screen stays before the question returns. */
  resetAfter = 8;

  /** Kiosk: seconds after an answer during which taps are ignored. */
  cooldown = 2;

  /** Kiosk: seconds without a touch before the screen invites the next patron. */
  attractAfter = 45;

  /** Kiosk: seconds the comment form stays; 20 s before the end the patron is warned and can ask for more time. */
  commentTime = 90;

  private focused = 0;

  #retryTimer?: ReturnType<typeof setTimeout>;
  readonly #loaded = new StoreController<LoadState<Rating>>(this, atom({phase: 'pending'}));
  readonly #flow = new RatingFlow(this, {
    onError: (error) => this.emitError(error),
    resetLater: (seconds, warnBefore) => this.#resetLater(seconds, warnBefore),
    focus: (selector) => void this.focusAfterUpdate(selector),
  });
  #kioskMode?: KioskController;
  #kioskReady?: Promise<void>;
  #staff?: StaffUnlock;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  protected followContent(): void {
    if (this.rating) this.#show();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kiosk') && this.kiosk) this.#loadKiosk();
    if (changed.has('rating') || changed.has('api') || !this.#flow.model) this.#show();
  }

  #show(): void {
    const model = ratingModel(this.apiBase, this.rating);
    if (model === this.#flow.model) return;
    this.#loaded.follow(model.remote.state, model.remote);
    this.resetAnnouncement();
    this.#flow.follow(model);
  }

  protected override updated(): void {
    const {phase, data, error} = this.#loaded.value;
    if (phase === 'error' && this.kiosk && !this.#retryTimer) {
      // A kiosk never shows a patron a network error: it keeps trying quietly.
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        void this.#flow.model?.remote.load(true);
      }, 5000);
    }
    this.announce(data && {ratingId: data.id, rating: data}, error);
  }

  /** Loads the kiosk parts; a failed load (offline boot, a chunk gone after a deploy) is tried again at the next reset. */
  #loadKiosk(): void {
    this.#kioskReady ??= this.#loadKioskParts().catch(() => {
      this.#kioskReady = undefined;
    });
  }

  async #loadKioskParts(): Promise<void> {
    const {attachKiosk} = await import('./kiosk.js');
    ({kioskMode: this.#kioskMode, staff: this.#staff} = attachKiosk(this, () => this.apiBase, () => this.#restart()));
  }

  /** Kiosk: back to the question after `seconds`, even without the kiosk parts. */
  #resetLater(seconds: number, warnBefore?: number): void {
    if (!this.kiosk) return;
    if (this.#kioskMode) this.#kioskMode.resetAfter(seconds, warnBefore);
    else setTimeout(() => this.#restart(), seconds * 1000);
  }

  /** Kiosk: the next patron; the page puts its language back to the library's on `kirjasto-kiosk-reset`. */
  #restart(): void {
    if (this.kiosk) this.#loadKiosk();
    this.#flow.restart();
    void this.keepFocusAfterUpdate('[part=question]');
    if (this.kiosk) emit(this, 'kirjasto-kiosk-reset', {ratingId: this.rating});
  }

  #onComment(event: SubmitEvent): void {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('comment') as HTMLTextAreaElement;
    void this.#flow.sendComment(field.value.trim());
  }

  #onScaleKey(event: KeyboardEvent, count: number): void {
    const moves: Record<string, number> = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -count, End: count};
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    this.focused = Math.min(count - 1, Math.max(0, this.focused + move));
    // Once rendered, the score moved to is the one Tab stops on.
    void this.focusAfterUpdate('[part~=score][tabindex="0"]');
  }

  protected override render() {
    const {phase, data: rating, error} = this.#loaded.value;
    return html`<section part="base" lang=${baseLang()} class=${this.#kioskMode?.attract ? 'attract' : ''} aria-busy=${phase === 'pending'}>
      ${phase === 'ready' && rating ? this.#renderRating(rating) : nothing}
      ${phase === 'pending' ? this.renderLoading() : nothing}
      ${phase === 'error' && this.kiosk ? html`<p class="muted">${msg('Hetkinen…')}</p>` : nothing}
      ${phase === 'error' && !this.kiosk && error ? this.renderError(error, () => this.#flow.model?.remote.load(true)) : nothing}
      <!-- The kiosk's thanks replaces everything and takes focus: a live region as well would say it twice. -->
      <p part="status" class="message success" role=${this.kiosk ? nothing : 'status'} tabindex=${this.kiosk ? '-1' : nothing}>${uiText(this.#statusText())}</p>
      ${this.kiosk ? this.#staff?.render() : nothing}
    </section>`;
  }

  #renderRating(rating: Rating) {
    const {step, alreadyToday, sendError, refusedLater} = this.#flow;
    const heading = html`<p part="question" class="question" id="question" tabindex="-1">${this.text(rating.question)}</p>`;
    const refusal = sendError
      ? html`<p class="message error" role="alert">${uiText(refusedLater ? refusedMessage(sendError) : problemMessage(sendError))}</p>`
      : nothing;
    if (rating.status !== 'open') return html`${heading}${refusal}<p class="muted">${uiText(notOpenMessage(rating.status))}</p>`;
    if (step === 'comment') return html`${heading}${this.#renderComment(rating)}`;
    if (step === 'thanks' || alreadyToday) return this.kiosk ? nothing : html`${heading}${refusal}`;
    return html`${heading}${this.#renderScale(rating)} ${refusal} ${this.#kioskMode?.renderInvite()}`;
  }

  /** Plain buttons in a group named by the question: one tap, Enter or Space answers; arrow keys move between them. */
  #renderScale(rating: Rating) {
    const scores = scoresOf(rating);
    const focused = Math.min(this.focused, scores.length - 1);
    return html`<div class="scale-box ${rating.scale}">
      <div part="scale" class="scale" role="group" aria-labelledby="question" @keydown=${(e: KeyboardEvent) => this.#onScaleKey(e, scores.length)}>
        ${scores.map(
          (score, index) => html`<button
            part="score"
            tabindex=${index === focused ? 0 : -1}
            aria-label=${scoreLabel(rating.scale, score)}
            @focus=${() => (this.focused = index)}
            @click=${() => this.#flow.answer(rating, score)}
          >
            ${scoreIcon(rating.scale, score)}
            ${(this.showLabels || this.kiosk) && rating.scale !== 'nps'
              ? html`<span class="label" aria-hidden="true">${scoreLabel(rating.scale, score)}</span>`
              : nothing}
          </button>`,
        )}
      </div>
      ${rating.scale === 'nps'
        ? html`<div class="ends muted" aria-hidden="true"><span>${msg('0 = en lainkaan todennäköisesti')}</span><span>${msg('10 = erittäin todennäköisesti')}</span></div>`
        : nothing}
    </div>`;
  }

  #renderComment(rating: Rating) {
    return html`<form part="comment" class="comment" @submit=${this.#onComment}>
      <label for="comment">${msg('Kiitos! Haluatko lisätä jotain? (vapaaehtoinen)')}</label>
      <textarea id="comment" name="comment" rows="4" maxlength=${rating.commentMaxLength}></textarea>
      <div class="actions">
        <button type="submit">${uiText(msg('Lähetä'))}</button>
        <button type="button" class="secondary" @click=${() => this.#flow.skipComment()}>${msg('Ei kiitos')}</button>
      </div>
      ${this.#kioskMode?.renderTimeWarning(() => void this.focusAfterUpdate('textarea'))}
    </form>`;
  }

  #statusText(): string {
    const {step, alreadyToday, queued} = this.#flow;
    if (step !== 'thanks' && !alreadyToday) return '';
    // Also shown to a web patron who already answered today.
    const thanks = msg('Kiitos palautteestasi!');
    // A kiosk does not trouble patrons with its connection (staff see the queue), but a limit it is told.
    if ((this.kiosk && queued !== 'rate-limited') || !queued || step !== 'thanks') return thanks;
    return `${thanks} ${queuedMessage(queued)}`;
  }
}

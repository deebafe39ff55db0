import {msg} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {atom} from 'nanostores';
import {ApiError, requestJson} from '../shared/api.js';
import {KirjastoElement} from '../shared/element.js';
import {emit} from '../shared/events.js';
import {notOpenMessage, problemMessage, queuedMessage} from '../shared/messages.js';
import {outbox, type QueueReason} from '../shared/outbox.js';
import {sharedResource, type Resource, type ResourceState} from '../shared/resource.js';
import {readStored, writeStored} from '../shared/storage.js';
import {StoreController} from '../shared/store-controller.js';
import {newIdempotencyKey, randomToken, voterToken} from '../shared/voter.js';
import type {KioskController} from './kiosk-controller.js';
import {ratingStyles} from './rating.styles.js';
import type {Rating, RatingResponse, ResponseReceipt} from './rating.types.js';
import {commentFollows, scoreIcon, scoreLabel, scoresOf} from './scales.js';
import type {StaffUnlock} from './staff-unlock.js';

export interface KirjastoRatingLoadDetail {
  rating: Rating;
}

export interface KirjastoRatingSubmitDetail {
  rating: string;
  score: number;
  comment?: string;
  /** True when the answer waits in the browser to be sent once the connection returns. */
  queued: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * One-tap satisfaction rating: smileys, stars, NPS or thumbs, with an optional follow-up comment.
 * With `kiosk` it runs an unattended touch screen: large targets, a thank-you screen that resets
 * itself, a cool-down against button mashing, and no limit of one answer per device.
 *
 * @summary One-tap rating for the web, QR codes and an on-site kiosk.
 *
 * @fires {CustomEvent<KirjastoRatingLoadDetail>} kirjasto-load - The rating was loaded and is shown.
 * @fires {CustomEvent<KirjastoRatingSubmitDetail>} kirjasto-submit - The patron answered, or added a comment (`queued` when it waits in the outbox).
 * @fires {CustomEvent<{rating: string}>} kirjasto-kiosk-exit - Staff unlocked the kiosk with the PIN.
 *
 * @csspart base - The rating's box.
 * @csspart question - The question.
 * @csspart scale - The row of score buttons.
 * @csspart score - One score button.
 * @csspart comment - The follow-up comment form.
 * @csspart status - Thank-you and state messages (a polite live region).
 * @csspart queue - Kiosk only: how many answers wait to be sent (for staff).
 *
 * @cssproperty [--kirjasto-rating-size=3.25rem] - Size of one score button (in kiosk mode `clamp(4.5rem, 14vmin, 9rem)`).
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
    step: {state: true},
    score: {state: true},
    queued: {state: true},
    sendError: {state: true},
    alreadyToday: {state: true},
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

  private step: 'scale' | 'comment' | 'thanks' = 'scale';
  private score?: number;
  private queued?: QueueReason;
  private sendError?: ApiError;
  private alreadyToday = false;
  private focused = 0;

  private resource?: Resource<Rating>;
  private responseId = '';
  private lastAnswerAt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private readonly store = new StoreController<ResourceState<Rating>>(this, atom({phase: 'loading'}));
  private kioskMode?: KioskController;
  private kioskReady?: Promise<void>;
  private staff?: StaffUnlock;

  private get memoryKey(): string {
    return `kirjasto.rated.${this.apiBase}|${this.rating}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.resource?.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kiosk') && this.kiosk) this.loadKiosk();
    if (changed.has('rating') || changed.has('api')) {
      this.resource = sharedResource<Rating>(`${this.apiBase}/api/v1/ratings/${encodeURIComponent(this.rating)}`);
      this.store.follow(this.resource.state);
      this.resetAnnouncement();
      this.restart();
      void this.resource.load();
    }
  }

  protected override updated(): void {
    const {phase, data, error} = this.store.value;
    if (phase === 'error' && this.kiosk && !this.retryTimer) {
      // A kiosk never shows a patron a network error: it keeps trying quietly.
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.resource?.load(true);
      }, 5000);
    }
    this.announce(data && {rating: data}, error);
  }

  /** Loads the kiosk parts; a failed load (offline boot, a chunk gone after a deploy) is tried again at the next reset. */
  private loadKiosk(): void {
    this.kioskReady ??= this.loadKioskParts().catch(() => {
      this.kioskReady = undefined;
    });
  }

  private async loadKioskParts(): Promise<void> {
    const {KioskController, StaffUnlock, kioskStyles} = await import('./kiosk.js');
    const root = this.renderRoot as ShadowRoot;
    if (kioskStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, kioskStyles.styleSheet];
    this.kioskMode = new KioskController(this, () => this.restart());
    this.staff = new StaffUnlock(
      this,
      (pin) => requestJson(`${this.apiBase}/api/v1/kiosk/unlock`, {method: 'POST', body: {rating: this.rating, pin}, retries: 0}),
      () => emit(this, 'kirjasto-kiosk-exit', {rating: this.rating}),
    );
    this.requestUpdate();
  }

  /** Kiosk: back to the question after `seconds`, even without the kiosk parts. */
  private resetLater(seconds: number): void {
    if (!this.kiosk) return;
    if (this.kioskMode) this.kioskMode.resetAfter(seconds);
    else setTimeout(() => this.restart(), seconds * 1000);
  }

  /** The question again, for the next answer (kiosk) or after a refusal. */
  private restart(): void {
    if (this.kiosk) this.loadKiosk();
    this.step = 'scale';
    this.score = undefined;
    this.queued = undefined;
    this.alreadyToday = !this.kiosk && readStored(this.memoryKey) === today();
  }

  private async answer(rating: Rating, score: number): Promise<void> {
    const now = Date.now();
    if (this.step !== 'scale' || now - this.lastAnswerAt < this.cooldown * 1000) return;
    this.lastAnswerAt = now;
    this.score = score;
    this.sendError = undefined;
    this.responseId = randomToken(12);
    // Answer at once: the patron sees the next step while the score is on its way.
    this.step = commentFollows(rating, score) ? 'comment' : 'thanks';
    void this.focusAfterUpdate(this.step === 'comment' ? 'textarea' : '[part=question]');
    this.resetLater(this.step === 'comment' ? 90 : this.resetAfter);
    // A kiosk is always the kiosk channel: the web's one-answer-a-day limit must not throw taps away.
    const channel = this.kiosk ? 'kiosk' : this.channel ?? 'web';
    const response: RatingResponse = {responseId: this.responseId, score, voter: voterToken(), channel, location: this.location};
    await this.deliver(`${this.apiBase}/api/v1/ratings/${encodeURIComponent(rating.id)}/responses`, response, {score});
  }

  private async sendComment(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('comment') as HTMLTextAreaElement;
    const comment = field.value.trim();
    const score = this.score!;
    this.step = 'thanks';
    this.resetLater(this.resetAfter);
    if (!comment) return;
    const url = `${this.apiBase}/api/v1/ratings/${encodeURIComponent(this.rating)}/responses/${this.responseId}/comment`;
    await this.deliver(url, {comment, voter: voterToken()}, {score, comment});
  }

  private async deliver(url: string, body: object, sent: {score: number; comment?: string}): Promise<void> {
    try {
      const result = await outbox.send<ResponseReceipt>(url, body, newIdempotencyKey());
      this.queued = result.queued ? result.reason : undefined;
      if (!this.kiosk) writeStored(this.memoryKey, today());
      emit(this, 'kirjasto-submit', {rating: this.rating, ...sent, queued: result.queued});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.slug === 'already-rated') {
        writeStored(this.memoryKey, today());
        this.step = 'thanks';
        this.alreadyToday = true;
        return;
      }
      this.emitError(error);
      if (this.kiosk) {
        void this.resource?.load(true);
        return;
      }
      this.sendError = error;
      this.restart();
    }
  }

  private onScaleKey(event: KeyboardEvent, count: number): void {
    const moves: Record<string, number> = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -count, End: count};
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    this.focused = Math.min(count - 1, Math.max(0, this.focused + move));
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="score"]')[this.focused]?.focus());
  }

  protected override render() {
    const {phase, data: rating, error} = this.store.value;
    return html`<section part="base" class=${this.kioskMode?.attract ? 'attract' : ''} aria-busy=${phase === 'loading'}>
      ${phase === 'ready' && rating ? this.renderRating(rating) : nothing}
      ${phase === 'loading' ? this.renderLoading() : nothing}
      ${phase === 'error' && this.kiosk ? html`<p class="muted">${msg('One moment…')}</p>` : nothing}
      ${phase === 'error' && !this.kiosk && error ? this.renderError(error, () => this.resource?.load(true)) : nothing}
      <p part="status" class="message success" role="status">${this.statusText()}</p>
      ${this.kiosk ? this.staff?.render() : nothing}
    </section>`;
  }

  private renderRating(rating: Rating) {
    const heading = html`<p part="question" class="question" id="question" tabindex="-1">${this.text(rating.question)}</p>`;
    if (rating.status !== 'open') {
      return html`${heading}<p class="muted">${notOpenMessage(rating.status)}</p>`;
    }
    if (this.step === 'comment') return html`${heading}${this.renderComment(rating)}`;
    if (this.step === 'thanks' || this.alreadyToday) return this.kiosk ? nothing : heading;
    return html`${heading}${this.renderScale(rating)}
      ${this.sendError ? html`<p class="message error" role="alert">${problemMessage(this.sendError)}</p>` : nothing}
      ${this.kioskMode?.renderInvite()}`;
  }

  private renderScale(rating: Rating) {
    const scores = scoresOf(rating.scale);
    const focused = Math.min(this.focused, scores.length - 1);
    return html`<div
        part="scale"
        class="scale ${rating.scale}"
        role="radiogroup"
        aria-labelledby="question"
        @keydown=${(e: KeyboardEvent) => this.onScaleKey(e, scores.length)}
      >
        ${scores.map(
          (score, index) => html`<button
            part="score"
            role="radio"
            aria-checked="false"
            tabindex=${index === focused ? 0 : -1}
            aria-label=${scoreLabel(rating.scale, score)}
            @focus=${() => (this.focused = index)}
            @click=${() => this.answer(rating, score)}
          >
            ${scoreIcon(rating.scale, score)}
            ${this.showLabels || this.kiosk ? html`<span class="label" aria-hidden="true">${rating.scale === 'nps' ? '' : scoreLabel(rating.scale, score)}</span>` : nothing}
          </button>`,
        )}
      </div>
      ${rating.scale === 'nps'
        ? html`<div class="ends muted" aria-hidden="true"><span>${msg('0 = not at all likely')}</span><span>${msg('10 = extremely likely')}</span></div>`
        : nothing}`;
  }

  private renderComment(rating: Rating) {
    return html`<form part="comment" class="comment" @submit=${this.sendComment}>
      <label for="comment">${msg('Thank you! Anything to add? (optional)')}</label>
      <textarea id="comment" name="comment" rows="4" maxlength=${rating.commentMaxLength}></textarea>
      <div class="actions">
        <button type="submit">${msg('Send')}</button>
        <button type="button" class="secondary" @click=${() => this.skipComment()}>${msg('No, thanks')}</button>
      </div>
    </form>`;
  }

  private skipComment(): void {
    this.step = 'thanks';
    this.resetLater(Math.min(this.resetAfter, 3));
  }

  private statusText(): string {
    if (this.step !== 'thanks' && !this.alreadyToday) return '';
    // Also shown to a web patron who already answered today.
    const thanks = msg('Thank you for your feedback!');
    if (this.kiosk || !this.queued || this.step !== 'thanks') return thanks;
    return `${thanks} ${queuedMessage(this.queued)}`;
  }
}

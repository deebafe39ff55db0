import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveController, type ReactiveElement} from 'lit';

export interface KioskHost extends ReactiveElement {
  kiosk: boolean;
  attractAfter: number;
}

/**
 * What a rating needs on an unattended touch screen: the screen kept awake where the browser
 * allows, an attract state after a while without a touch, and a timer that puts the screen back
 * to the question for the next patron.
 */
export class KioskController implements ReactiveController {
  /** No one has touched the screen for a while: invite the next patron. */
  attract = false;
  #wakeLock?: WakeLockSentinel;
  #idleTimer?: ReturnType<typeof setTimeout>;
  #resetTimer?: ReturnType<typeof setTimeout>;
  #warnTimer?: ReturnType<typeof setTimeout>;
  #active = false;
  /** The reset is near and the patron may ask for more time (WCAG 2.2.1). */
  #warning = false;
  #lastReset = {seconds: 0, warnBefore: 0};

  constructor(
    private readonly host: KioskHost,
    private readonly reset: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** The invitation shown while no one is using the screen. */
  renderInvite() {
    return this.attract ? html`<p class="invite" aria-hidden="true">${msg('Vastaa napauttamalla')}</p>` : nothing;
  }

  /**
   * Back to the question after `seconds`; any touch before then does not postpone it. With
   * `warnBefore`, a notice with a "More time" button shows that many seconds before the reset.
   */
  resetAfter(seconds: number, warnBefore = 0): void {
    clearTimeout(this.#resetTimer);
    clearTimeout(this.#warnTimer);
    this.#lastReset = {seconds, warnBefore};
    if (this.#warning) {
      this.#warning = false;
      this.host.requestUpdate();
    }
    this.#resetTimer = setTimeout(() => {
      this.#warning = false;
      this.reset();
    }, seconds * 1000);
    if (warnBefore > 0) {
      this.#warnTimer = setTimeout(() => {
        this.#warning = true;
        this.host.requestUpdate();
      }, (seconds - warnBefore) * 1000);
    }
  }

  /** The notice before a reset the patron can postpone; `onMoreTime` runs after the time is extended. */
  renderTimeWarning(onMoreTime: () => void) {
    if (!this.#warning) return nothing;
    const moreTime = () => {
      this.resetAfter(this.#lastReset.seconds, this.#lastReset.warnBefore);
      onMoreTime();
    };
    return html`<div class="time-warning" role="alert">
      <p>${msg(str`Näyttö aloittaa alusta ${Math.round(this.#lastReset.warnBefore)} sekunnin kuluttua.`)}</p>
      <button type="button" @click=${moreTime}>${msg('Lisää aikaa')}</button>
    </div>`;
  }

  readonly #onActivity = () => {
    if (this.attract) {
      this.attract = false;
      this.host.requestUpdate();
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.attract = true;
      this.host.requestUpdate();
    }, this.host.attractAfter * 1000);
  };

  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') void this.#keepAwake();
  };

  #sync(): void {
    if (this.host.kiosk === this.#active) return;
    if (this.host.kiosk) this.#start();
    else this.#stop();
  }

  #start(): void {
    this.#active = true;
    for (const type of ['pointerdown', 'keydown']) this.host.addEventListener(type, this.#onActivity);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#onActivity();
    void this.#keepAwake();
  }

  #stop(): void {
    this.#active = false;
    for (const type of ['pointerdown', 'keydown']) this.host.removeEventListener(type, this.#onActivity);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#resetTimer);
    clearTimeout(this.#warnTimer);
    void this.#wakeLock?.release().catch(() => undefined);
    this.#wakeLock = undefined;
  }

  async #keepAwake(): Promise<void> {
    try {
      // The lock is dropped whenever the page is hidden, so it is asked for again on return.
      this.#wakeLock = await navigator.wakeLock?.request('screen');
    } catch {
      // Not allowed here (no user gesture yet, or no support): the screen may dim; nothing breaks.
    }
  }
}

import type {KirjastoPollLoadDetail, KirjastoPollSubmitDetail} from '../poll/poll.js';
import type {KirjastoIdeaBoxLoadDetail, KirjastoIdeaBoxSubmitDetail} from '../idea-box/idea-box.js';
import type {KirjastoRatingLoadDetail, KirjastoRatingSubmitDetail} from '../rating/rating.js';

/** Fires a `kirjasto-*` event that bubbles out of the shadow DOM to the page. */
export function emit<K extends keyof HTMLElementEventMap>(
  host: HTMLElement,
  name: K,
  detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  host.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true}));
}

/** The `detail` of `kirjasto-error`, the same for every element. */
export interface KirjastoErrorDetail {
  /** Problem slug (`network`, `not-found`, `rate-limited`, …). */
  type: string;
  /** HTTP status, or 0 when the server could not be reached. */
  status: number;
  /** The localized message the patron was shown. */
  message: string;
}

/** What `kirjasto-load` carries: the content now shown. */
export type KirjastoLoadDetail = KirjastoPollLoadDetail | KirjastoRatingLoadDetail | KirjastoIdeaBoxLoadDetail;

/** What `kirjasto-submit` carries: what the patron sent, and whether it waits in the outbox. */
export type KirjastoSubmitDetail = KirjastoPollSubmitDetail | KirjastoRatingSubmitDetail | KirjastoIdeaBoxSubmitDetail;

declare global {
  interface HTMLElementEventMap {
    'kirjasto-load': CustomEvent<KirjastoLoadDetail>;
    'kirjasto-submit': CustomEvent<KirjastoSubmitDetail>;
    'kirjasto-error': CustomEvent<KirjastoErrorDetail>;
    'kirjasto-kiosk-exit': CustomEvent<{rating: string}>;
  }
}

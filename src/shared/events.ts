/**
 * The events every kirjasto element fires, one detail type per event and element, declared on
 * `GlobalEventHandlersEventMap` so `addEventListener('kirjasto-submit', …)` is typed anywhere.
 * Ids are named for what they identify (`pollId`, `ratingId`, `boxId`, `ideaId`); the older keys
 * `poll`, `rating` and `box` in the submit and kiosk-exit details still carry the same id.
 */
import type {IdeaBox} from '../idea-box/idea-box.types.js';
import type {Poll} from '../poll/poll.types.js';
import type {Rating} from '../rating/rating.types.js';

export interface KirjastoPollLoadDetail {
  pollId: string;
  poll: Poll;
}

export interface KirjastoRatingLoadDetail {
  ratingId: string;
  rating: Rating;
}

export interface KirjastoIdeaBoxLoadDetail {
  boxId: string;
  box: IdeaBox;
}

export interface KirjastoPollSubmitDetail {
  pollId: string;
  /** @deprecated The same as `pollId`. */
  poll: string;
  optionIds: string[];
  otherText?: string;
  /** True when the vote was kept in the browser to be sent once the connection returns. */
  queued: boolean;
}

export interface KirjastoRatingSubmitDetail {
  ratingId: string;
  /** @deprecated The same as `ratingId`. */
  rating: string;
  score: number;
  comment?: string;
  /** True when the answer waits in the browser to be sent once the connection returns. */
  queued: boolean;
}

export interface KirjastoIdeaBoxSubmitDetail {
  boxId: string;
  /** @deprecated The same as `boxId`. */
  box: string;
  /** What was done: a new idea, or a support given or withdrawn. */
  action: 'idea' | 'support' | 'unsupport';
  ideaId?: string;
  /** True when it waits in the browser to be sent once the connection returns. */
  queued: boolean;
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

export interface KirjastoKioskExitDetail {
  ratingId: string;
  /** @deprecated The same as `ratingId`. */
  rating: string;
}

export interface KirjastoKioskResetDetail {
  ratingId: string;
}

/** What `kirjasto-load` carries: the content now shown. */
export type KirjastoLoadDetail = KirjastoPollLoadDetail | KirjastoRatingLoadDetail | KirjastoIdeaBoxLoadDetail;

/** What `kirjasto-submit` carries: what the patron sent, and whether it waits in the outbox. */
export type KirjastoSubmitDetail = KirjastoPollSubmitDetail | KirjastoRatingSubmitDetail | KirjastoIdeaBoxSubmitDetail;

declare global {
  interface GlobalEventHandlersEventMap {
    'kirjasto-load': CustomEvent<KirjastoLoadDetail>;
    'kirjasto-submit': CustomEvent<KirjastoSubmitDetail>;
    'kirjasto-error': CustomEvent<KirjastoErrorDetail>;
    'kirjasto-kiosk-exit': CustomEvent<KirjastoKioskExitDetail>;
    'kirjasto-kiosk-reset': CustomEvent<KirjastoKioskResetDetail>;
  }
}

type Detail<K extends keyof GlobalEventHandlersEventMap> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Fires a `kirjasto-*` event that bubbles out of the shadow DOM to the page. */
export function emit<K extends 'kirjasto-load' | 'kirjasto-submit' | 'kirjasto-error' | 'kirjasto-kiosk-exit' | 'kirjasto-kiosk-reset'>(host: HTMLElement, name: K, detail: Detail<K>): void {
  host.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true}));
}

import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {contentUrl, requestJson, type ApiError} from '../shared/api.js';
import {atom, type WritableAtom} from '../shared/atom.js';
import {emit} from '../shared/events.js';
import {answerLang} from '../shared/i18n.js';
import {outbox, type Owner, type QueueReason, type Settled} from '../shared/outbox.js';
import {readStored, writeStored} from '../shared/storage.js';
import {RemoteStore, sharedModel} from '../shared/store.js';
import type {Channel} from '../shared/types.js';
import {newIdempotencyKey, randomToken, voterToken} from '../shared/voter.js';
import type {Rating, RatingResponse} from './rating.types.js';
import {commentFollows} from './scales.js';

/** Until the rating says otherwise: the libraries' own time zone. */
const defaultTimeZone = 'Europe/Helsinki';
const dayMs = 86_400_000;

/** The date and time on the library's clocks at `now`, two digits each (the year four), hours 00-23. */
const wallClock = (timeZone: string, now: number): Partial<Record<Intl.DateTimeFormatPartTypes, string>> =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'})
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );

/** The library's date (`YYYY-MM-DD`) at `now` in its time zone: "a day" on the web is the library's day. */
export function libraryDay(timeZone: string, now = Date.now()): string {
  const {year, month, day} = wallClock(timeZone, now);
  return `${year}-${month}-${day}`;
}

/** Milliseconds until the library's next day begins (EU zones change clocks after midnight, not across it). */
export function untilNextDay(timeZone: string, now = Date.now()): number {
  const {hour, minute, second} = wallClock(timeZone, now);
  const elapsed = ((Number(hour) * 60 + Number(minute)) * 60 + Number(second)) * 1000 + (now % 1000);
  return dayMs - elapsed;
}

/**
 * One rating prompt and this browser's answer to it today, shared by every `<kirjasto-rating>`
 * showing it. A queued answer the server refuses later reaches `refused`, here or, kept by the
 * outbox, when the prompt shows again.
 */
export class RatingModel {
  readonly remote: RemoteStore<Rating>;
  /** The latest refusal of an answer that had waited in the outbox. */
  readonly refused: WritableAtom<Settled | undefined> = atom<Settled | undefined>(undefined);
  readonly owner: Owner;
  readonly #voter = voterToken();

  constructor(
    readonly api: string,
    readonly id: string,
  ) {
    this.owner = {kind: 'rating', api, id};
    this.remote = new RemoteStore(async (signal) => {
      const rating = await requestJson<Rating>(this.url, {signal});
      for (const refusal of outbox.takeRefusals(this.owner)) this.#refuse(refusal);
      return rating;
    });
    outbox.watch(this.owner, (settled) => {
      if (settled.error) this.#refuse(settled);
      outbox.forget(settled.entry.key);
    });
  }

  get url(): string {
    return contentUrl(this.api, 'ratings', this.id);
  }

  get #memoryKey(): string {
    return `kirjasto.rated.${this.api}|${this.id}`;
  }

  get timeZone(): string {
    return this.remote.state.get().data?.timeZone ?? defaultTimeZone;
  }

  /** Whether this browser answered on the web today, the library's today. */
  answeredToday(): boolean {
    return readStored(this.#memoryKey) === libraryDay(this.timeZone);
  }

  rememberAnswer(answered: boolean): void {
    writeStored(this.#memoryKey, answered ? libraryDay(this.timeZone) : null);
  }

  #refuse(settled: Settled): void {
    if ((settled.entry.body as {voter?: string}).voter !== this.#voter || !settled.error) return;
    // The server has today's answer after all; any other refusal leaves today unanswered.
    if (settled.entry.action === 'response') this.rememberAnswer(settled.error.slug === 'already-rated');
    this.refused.set(settled);
  }
}

export const ratingModel = (api: string, id: string): RatingModel => sharedModel('rating', api, id, () => new RatingModel(api, id));

export interface RatingFlowHost extends ReactiveControllerHost, HTMLElement {
  rating: string;
  kiosk: boolean;
  cooldown: number;
  resetAfter: number;
  commentTime: number;
  channel?: Channel;
  location?: string;
}

interface FlowHooks {
  /** Announces a failure (`kirjasto-error`). */
  onError(error: ApiError): void;
  /** Kiosk: back to the question after `seconds`, warning `warnBefore` seconds ahead with a way to ask for more time. */
  resetLater(seconds: number, warnBefore?: number): void;
  /** Moves focus once the step has rendered. */
  focus(selector: string): void;
}

/**
 * A rating's steps for one element: the scale, the optional comment, the thank-you; on the web one
 * answer a day (re-checked when the library's day turns while the page stays open), on a kiosk
 * unlimited answers with a cool-down against mashing.
 */
export class RatingFlow implements ReactiveController {
  step: 'scale' | 'comment' | 'thanks' = 'scale';
  score?: number;
  queued?: QueueReason;
  sendError?: ApiError;
  /** The error is the refusal of an answer that had waited in the outbox. */
  refusedLater = false;
  alreadyToday = false;
  model?: RatingModel;

  #responseId = '';
  #lastAnswerAt = 0;
  #dayTimer?: ReturnType<typeof setTimeout>;
  #unwatch?: () => void;
  #connected = false;
  readonly #host: RatingFlowHost;
  readonly #hooks: FlowHooks;

  constructor(host: RatingFlowHost, hooks: FlowHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  follow(model: RatingModel): void {
    if (model === this.model) return;
    this.#unwatch?.();
    this.model = model;
    if (this.#connected) this.#watch();
    this.restart();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#watch();
    document.addEventListener('visibilitychange', this.#checkDay);
    this.#checkDay();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unwatch?.();
    this.#unwatch = undefined;
    document.removeEventListener('visibilitychange', this.#checkDay);
    clearTimeout(this.#dayTimer);
  }

  /** The question again, for the next answer (kiosk) or after a refusal. */
  restart(): void {
    this.step = 'scale';
    this.score = undefined;
    this.queued = undefined;
    this.alreadyToday = !this.#host.kiosk && !!this.model?.answeredToday();
    this.#scheduleDayCheck();
    this.#host.requestUpdate();
  }

  async answer(rating: Rating, score: number): Promise<void> {
    const now = Date.now();
    if (this.step !== 'scale' || now - this.#lastAnswerAt < this.#host.cooldown * 1000) return;
    this.#lastAnswerAt = now;
    this.score = score;
    this.sendError = undefined;
    this.refusedLater = false;
    this.#responseId = randomToken(12);
    // Answer at once: the patron sees the next step while the score is on its way.
    if (commentFollows(rating, score)) {
      this.step = 'comment';
      this.#host.requestUpdate();
      this.#hooks.focus('textarea');
      const seconds = this.#host.commentTime;
      this.#hooks.resetLater(seconds, Math.min(20, seconds / 2));
    } else this.#thank(this.#host.resetAfter);
    this.#scheduleDayCheck();
    // A kiosk is always the kiosk channel: the web's one-answer-a-day limit must not throw taps away.
    const channel = this.#host.kiosk ? 'kiosk' : (this.#host.channel ?? 'web');
    const response: RatingResponse = {responseId: this.#responseId, score, voter: voterToken(), channel, location: this.#host.location, lang: answerLang()};
    if (!this.#host.kiosk) this.model!.rememberAnswer(true);
    await this.#deliver('response', `${this.model!.url}/responses`, response, {score});
  }

  async sendComment(comment: string): Promise<void> {
    const score = this.score!;
    this.#thank(this.#host.resetAfter);
    if (!comment) return;
    const url = `${this.model!.url}/responses/${this.#responseId}/comment`;
    await this.#deliver('comment', url, {comment, voter: voterToken()}, {score, comment});
  }

  skipComment(): void {
    this.#thank(Math.min(this.#host.resetAfter, 3));
  }

  /**
   * The thank-you replaces the scale or the comment form: focus moves to the question (web) or the
   * thanks (kiosk), and a kiosk goes back to the question after `seconds`.
   */
  #thank(seconds: number): void {
    this.step = 'thanks';
    this.#host.requestUpdate();
    this.#hooks.focus(this.#host.kiosk ? '[part=status]' : '[part=question]');
    this.#hooks.resetLater(seconds);
  }

  async #deliver(action: 'response' | 'comment', url: string, body: object, sent: {score: number; comment?: string}): Promise<void> {
    const model = this.model!;
    const result = await outbox.send(model.owner, action, url, body, newIdempotencyKey());
    if (result.status !== 'refused') {
      this.queued = result.status === 'queued' ? result.reason : undefined;
      this.#host.requestUpdate();
      emit(this.#host, 'kirjasto-submit', {ratingId: this.#host.rating, rating: this.#host.rating, ...sent, queued: result.status === 'queued'});
      return;
    }
    this.#refuse(action, result.error, false);
  }

  /** A refusal, now or of an answer that waited in the outbox, reaches the patron. */
  #refuse(action: string, error: ApiError, later: boolean): void {
    if (action === 'response' && !this.#host.kiosk) this.model!.rememberAnswer(error.slug === 'already-rated');
    if (error.slug === 'already-rated') {
      this.step = 'thanks';
      this.alreadyToday = true;
      this.queued = undefined;
      this.#host.requestUpdate();
      return;
    }
    this.#hooks.onError(error);
    if (this.#host.kiosk) {
      // A kiosk never shows a patron an error: it reloads the prompt (it may have closed).
      void this.model!.remote.load(true);
      return;
    }
    this.sendError = error;
    this.refusedLater = later;
    if (later) void this.model!.remote.load(true);
    if (action === 'response') this.restart();
    else this.#host.requestUpdate();
  }

  #watch(): void {
    const model = this.model;
    if (!model) return;
    this.#unwatch = model.refused.listen((settled) => {
      if (!settled?.error) return;
      this.#refuse(settled.entry.action, settled.error, true);
      // Shown: an element connecting later must not show it again.
      queueMicrotask(() => model.refused.set(undefined));
    });
    const waiting = model.refused.get();
    if (waiting?.error) {
      model.refused.set(undefined);
      this.#refuse(waiting.entry.action, waiting.error, true);
    }
  }

  /** On the web, a new library day offers the question again (a page left open past midnight). */
  readonly #checkDay = (): void => {
    if (this.#host.kiosk || !this.model) return;
    const answered = this.model.answeredToday();
    if (!answered && (this.alreadyToday || this.step === 'thanks')) this.restart();
    else this.#scheduleDayCheck();
  };

  #scheduleDayCheck(): void {
    clearTimeout(this.#dayTimer);
    if (!this.#connected || this.#host.kiosk || !this.model || !(this.alreadyToday || this.step === 'thanks')) return;
    this.#dayTimer = setTimeout(this.#checkDay, untilNextDay(this.model.timeZone) + 50);
  }
}

import {contentUrl, requestJson, type ApiError} from '../shared/api.js';
import {atom, type WritableAtom} from '../shared/atom.js';
import {answerLang} from '../shared/i18n.js';
import {outbox, type Owner, type QueueReason, type SendOutcome} from '../shared/outbox.js';
import {readStoredJson, writeStored} from '../shared/storage.js';
import {RemoteStore, sharedModel} from '../shared/store.js';
import type {Channel} from '../shared/types.js';
import {newIdempotencyKey, voterToken} from '../shared/voter.js';
import type {Ballot, Poll, Results, Vote, VoteReceipt} from './poll.types.js';

/** What the server shows of the poll. */
export interface LoadedPoll {
  poll: Poll;
  results?: Results;
}

/** This browser's vote in the poll. */
export interface VoteState {
  /** The vote, remembered across visits; set while it waits in the outbox too. */
  ballot?: Ballot;
  sending: 'idle' | 'sending' | 'queued' | 'sent' | 'error';
  queuedBecause?: QueueReason;
  sendError?: ApiError;
  /** The refused vote had waited in the outbox: the patron was told it was saved. */
  refusedLater?: boolean;
}

interface RememberedVote extends Ballot {
  /** Set while the vote waits in the outbox under this Idempotency-Key. */
  queuedKey?: string;
}

/** The choices alone, without what else a receipt or a remembered vote carries. */
const ballotOf = ({optionIds, otherText}: Ballot): Ballot => ({optionIds, otherText});

/**
 * One poll and this browser's vote in it, shared by every `<kirjasto-poll>` showing it on the page,
 * so that two instances stay in step: voting in one shows the results in both. A vote the outbox
 * settles later (in this tab or another) lands here too, and so does a refusal kept from a visit
 * when the poll was not shown.
 */
export class PollModel {
  readonly remote: RemoteStore<LoadedPoll>;
  readonly voting: WritableAtom<VoteState> = atom<VoteState>({sending: 'idle'});
  readonly owner: Owner;
  readonly #voter = voterToken();

  constructor(
    readonly api: string,
    readonly id: string,
  ) {
    this.owner = {kind: 'poll', api, id};
    this.remote = new RemoteStore((signal) => this.#fetchPoll(signal));
    outbox.watch(this.owner, (settled) => {
      if ((settled.entry.body as Vote).voter !== this.#voter) return;
      if (settled.error) this.#refuse(settled.error, settled.entry.key);
      else this.#accept(settled.data as VoteReceipt);
    });
  }

  get #url(): string {
    return contentUrl(this.api, 'polls', this.id);
  }

  get #memoryKey(): string {
    return `kirjasto.poll.${this.api}|${this.id}`;
  }

  async vote(ballot: Ballot, channel: Channel, location?: string): Promise<SendOutcome<VoteReceipt> | undefined> {
    const state = this.voting.get();
    if (state.sending === 'sending' || state.ballot) return undefined;
    this.#patch({sending: 'sending', sendError: undefined, refusedLater: false});
    const key = newIdempotencyKey();
    // Remembered before the first attempt: a page closed mid-request still knows the vote waits.
    this.#remember({...ballot, queuedKey: key});
    const vote: Vote = {...ballot, voter: this.#voter, channel, location, lang: answerLang()};
    const sent = await outbox.send<VoteReceipt>(this.owner, 'vote', `${this.#url}/votes`, vote, key);
    if (sent.status === 'queued') this.#patch({ballot, sending: 'queued', queuedBecause: sent.reason});
    else if (sent.status === 'sent') this.#accept(sent.data);
    else this.#refuse(sent.error, key, false);
    return sent;
  }

  /** The server stored the vote, now or from the outbox. */
  #accept(receipt: VoteReceipt): void {
    const ballot = ballotOf(receipt);
    this.#remember(ballot);
    this.#patch({ballot, sending: 'sent'});
    if (receipt.results) this.remote.update((loaded) => ({...loaded, results: receipt.results}));
  }

  /** The server refused the vote for good: the poll is votable again, and says why. */
  #refuse(error: ApiError, key: string, later = true): void {
    const remembered = this.#remembered();
    // A refusal of some older write must not undo a vote the server has.
    if (remembered && remembered.queuedKey !== key) return;
    outbox.forget(key);
    if (error.slug === 'already-voted') {
      const ballot = remembered ? ballotOf(remembered) : undefined;
      this.#remember(ballot);
      this.#patch({ballot, sending: ballot ? 'sent' : 'idle'});
      const results = error.problem?.results as Results | undefined;
      if (results) this.remote.update((loaded) => ({...loaded, results}));
      return;
    }
    this.#remember(undefined);
    this.#patch({ballot: undefined, sending: 'error', sendError: error, refusedLater: later});
    if (error.slug === 'poll-closed' || error.slug === 'poll-not-open') void this.remote.load(true);
  }

  async #fetchPoll(signal: AbortSignal): Promise<LoadedPoll> {
    const poll = await requestJson<Poll>(this.#url, {signal});
    // Refusals that came while this poll was not shown (another page, another tab).
    for (const {entry, error} of outbox.takeRefusals(this.owner)) {
      if ((entry.body as Vote).voter === this.#voter) this.#refuse(error, entry.key);
    }
    const remembered = this.#remembered();
    const ballot = remembered ? ballotOf(remembered) : undefined;
    const queued = !!remembered?.queuedKey && outbox.has(remembered.queuedKey);
    // A remembered key no longer queued and not refused was delivered, here or in another tab.
    if (remembered?.queuedKey && !queued) this.#remember(ballot);
    let results = poll.results;
    if (!results && ballot && !queued && poll.resultsVisibility === 'after-vote') {
      results = await requestJson<Results>(`${this.#url}/results`, {headers: {'Kirjasto-Voter': this.#voter}, signal}).catch(() => undefined);
    }
    const {sending} = this.voting.get();
    if (sending !== 'error' && sending !== 'sending') this.#patch({ballot, sending: queued ? 'queued' : ballot ? 'sent' : 'idle'});
    return {poll, results};
  }

  #remembered(): RememberedVote | null {
    return readStoredJson<RememberedVote | null>(this.#memoryKey, null);
  }

  #remember(vote: RememberedVote | undefined): void {
    writeStored(this.#memoryKey, vote ? JSON.stringify(vote) : null);
  }

  #patch(change: Partial<VoteState>): void {
    this.voting.set({...this.voting.get(), ...change});
  }
}

/** The one model of a poll on this page for this browser's voter (a new token is a new patron). */
export const pollModel = (api: string, id: string): PollModel => sharedModel('poll', api, id, () => new PollModel(api, id));

import {atom, type WritableAtom} from 'nanostores';
import {ApiError, requestJson} from '../shared/api.js';
import {followPageLanguage} from '../shared/i18n.js';
import {outbox, type QueueReason} from '../shared/outbox.js';
import {readStoredJson, writeStored} from '../shared/storage.js';
import type {Channel} from '../shared/types.js';
import {newIdempotencyKey, voterToken} from '../shared/voter.js';
import type {Ballot, Poll, Results, Vote, VoteReceipt} from './poll.types.js';

export interface PollState {
  phase: 'loading' | 'ready' | 'error';
  poll?: Poll;
  results?: Results;
  loadError?: ApiError;
  /** This browser's vote, remembered across visits. */
  ballot?: Ballot;
  sending: 'idle' | 'sending' | 'queued' | 'sent' | 'error';
  queuedBecause?: QueueReason;
  sendError?: ApiError;
}

interface RememberedVote extends Ballot {
  /** Set while the vote waits in the outbox under this Idempotency-Key. */
  queuedKey?: string;
}

/**
 * The state of one poll, shared by every `<kirjasto-poll>` showing it on the page, so that two
 * instances stay in step: voting in one shows the results in both.
 */
export class PollModel {
  readonly state: WritableAtom<PollState> = atom<PollState>({phase: 'loading', sending: 'idle'});
  private loading?: Promise<void>;

  constructor(
    readonly api: string,
    readonly id: string,
  ) {}

  private get url(): string {
    return `${this.api}/api/v1/polls/${encodeURIComponent(this.id)}`;
  }

  get votesUrl(): string {
    return `${this.url}/votes`;
  }

  private get memoryKey(): string {
    return `kirjasto.poll.${this.api}|${this.id}`;
  }

  /** Loads the poll once for all its instances; `reload` fetches again (the retry button). */
  load(reload = false): Promise<void> {
    if (this.loading && !reload) return this.loading;
    this.patch({phase: 'loading', loadError: undefined});
    this.loading = this.fetchPoll();
    return this.loading;
  }

  async vote(ballot: Ballot, channel: Channel, location?: string): Promise<void> {
    const state = this.state.get();
    if (state.sending === 'sending' || state.ballot) return;
    this.patch({sending: 'sending', sendError: undefined});
    const key = newIdempotencyKey();
    const vote: Vote = {...ballot, voter: voterToken(), channel, location};
    try {
      const sent = await outbox.send<VoteReceipt>(this.votesUrl, vote, key);
      if (sent.queued) {
        this.remember({...ballot, queuedKey: key});
        this.patch({ballot, sending: 'queued', queuedBecause: sent.reason});
      } else {
        this.accept(sent.data);
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.refuse(error, ballot);
    }
  }

  /** The server stored the vote, now or from the outbox. */
  accept(receipt: VoteReceipt): void {
    const ballot = {optionIds: receipt.optionIds, otherText: receipt.otherText};
    this.remember(ballot);
    this.patch({ballot, sending: 'sent', results: receipt.results ?? this.state.get().results});
  }

  /** The server refused the vote for good. */
  refuse(error: ApiError, ballot: Ballot): void {
    if (error.slug === 'already-voted') {
      const results = (error.problem?.results as Results | undefined) ?? this.state.get().results;
      this.remember(ballot);
      this.patch({ballot, sending: 'sent', results});
      return;
    }
    this.remember(undefined);
    this.patch({ballot: undefined, sending: 'error', sendError: error});
    if (error.slug === 'poll-closed' || error.slug === 'poll-not-open') void this.load(true);
  }

  private async fetchPoll(): Promise<void> {
    const remembered = readStoredJson<RememberedVote | null>(this.memoryKey, null);
    try {
      const [poll] = await Promise.all([requestJson<Poll>(this.url), followPageLanguage()]);
      const ballot = remembered ? {optionIds: remembered.optionIds, otherText: remembered.otherText} : undefined;
      const queued = !!remembered?.queuedKey && outbox.entries().some((entry) => entry.key === remembered.queuedKey);
      let results = poll.results;
      if (!results && ballot && !queued && poll.resultsVisibility === 'after-vote') {
        results = await requestJson<Results>(`${this.url}/results`, {headers: {'Kirjasto-Voter': voterToken()}}).catch(() => undefined);
      }
      this.patch({phase: 'ready', poll, results, ballot, sending: queued ? 'queued' : ballot ? 'sent' : 'idle'});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.patch({phase: 'error', loadError: error});
    }
  }

  private remember(vote: RememberedVote | undefined): void {
    writeStored(this.memoryKey, vote ? JSON.stringify(vote) : null);
  }

  private patch(change: Partial<PollState>): void {
    this.state.set({...this.state.get(), ...change});
  }
}

const models = new Map<string, PollModel>();

/** The one model of a poll on this page for this browser's voter (a new token is a new patron). */
export function pollModel(api: string, id: string): PollModel {
  const key = `${api}|${id}|${voterToken()}`;
  let model = models.get(key);
  if (!model) {
    model = new PollModel(api, id);
    models.set(key, model);
  }
  return model;
}

const modelFor = (url: string) => {
  const voter = voterToken();
  return [...models.entries()].find(([key, model]) => model.votesUrl === url && key.endsWith(`|${voter}`))?.[1];
};

// Votes the outbox delivers later (after a reconnect) update the poll wherever it is shown.
outbox.addEventListener('delivered', (event) => {
  const {url, data} = (event as CustomEvent<{url: string; data: VoteReceipt}>).detail;
  modelFor(url)?.accept(data);
});
outbox.addEventListener('dropped', (event) => {
  const {url, error} = (event as CustomEvent<{url: string; error: ApiError}>).detail;
  const model = modelFor(url);
  const ballot = model?.state.get().ballot;
  if (model && ballot) model.refuse(error, ballot);
});

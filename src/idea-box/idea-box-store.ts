import {ApiError, contentUrl, requestJson} from '../shared/api.js';
import {atom, type WritableAtom} from '../shared/atom.js';
import {outbox, type Owner, type SendOutcome, type Settled} from '../shared/outbox.js';
import {RemoteStore, sharedModel} from '../shared/store.js';
import {newIdempotencyKey, voterToken} from '../shared/voter.js';
import type {Idea, IdeaBox, IdeaPage, IdeaReceipt, IdeaSort, NewIdea, SupportState} from './idea-box.types.js';

export interface IdeaListState {
  phase: 'pending' | 'ready' | 'error';
  sort: IdeaSort;
  ideas: Idea[];
  total: number;
  nextCursor: string | null;
  loadingMore: boolean;
  error?: ApiError;
}

const pageSize = 10;

/**
 * One idea box, its published ideas and this voter's supports, shared by every element showing it.
 * Ideas and supports the outbox settles later, or kept refused from an earlier visit, land in
 * `refused` for the element to show (an idea's text goes back into the form).
 */
export class IdeaBoxModel {
  readonly remote: RemoteStore<IdeaBox>;
  readonly list: WritableAtom<IdeaListState> = atom<IdeaListState>({phase: 'pending', sort: 'support', ideas: [], total: 0, nextCursor: null, loadingMore: false});
  readonly refused: WritableAtom<Settled[]> = atom<Settled[]>([]);
  readonly owner: Owner;
  /** When the form token now loaded was issued (its minimum age counts from then). */
  tokenIssuedAt = 0;
  readonly #voter = voterToken();
  #request = 0;
  #listed = false;

  constructor(
    readonly api: string,
    readonly id: string,
  ) {
    this.owner = {kind: 'idea-box', api, id};
    this.remote = new RemoteStore(async (signal) => {
      const box = await requestJson<IdeaBox>(this.#url, {signal});
      this.tokenIssuedAt = Date.now();
      const kept = outbox.takeRefusals(this.owner).filter(({entry}) => this.#isMine(entry.body));
      if (kept.length) this.refused.set([...this.refused.get(), ...kept]);
      return box;
    });
    outbox.watch(this.owner, (settled) => {
      if (!this.#isMine(settled.entry.body)) return;
      if (settled.error) {
        outbox.forget(settled.entry.key);
        this.refused.set([...this.refused.get(), settled]);
        // The server's word on supports and on the form token.
        void this.load(this.list.get().sort, true);
        void this.remote.load(true);
      } else if (settled.entry.action === 'idea') this.#publish(settled.data as IdeaReceipt);
    });
  }

  get #url(): string {
    return contentUrl(this.api, 'idea-boxes', this.id);
  }

  #isMine(body: unknown): boolean {
    return (body as {voter?: string}).voter === this.#voter;
  }

  #page(sort: IdeaSort, cursor?: string | null): Promise<IdeaPage> {
    const query = new URLSearchParams({sort, limit: String(pageSize), ...(cursor ? {cursor} : {})});
    return requestJson<IdeaPage>(`${this.#url}/ideas?${query}`, {headers: {'Kirjasto-Voter': this.#voter}});
  }

  /** Loads the first page once, or again in another order. */
  async load(sort: IdeaSort = this.list.get().sort, reload = false): Promise<void> {
    if (this.#listed && !reload && sort === this.list.get().sort) return;
    this.#listed = true;
    const request = ++this.#request;
    this.#patch({phase: 'pending', sort, nextCursor: null, loadingMore: false, error: undefined});
    try {
      const page = await this.#page(sort);
      if (request === this.#request) this.#patch({phase: 'ready', ideas: page.ideas, total: page.total, nextCursor: page.nextCursor});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (request === this.#request) this.#patch({phase: 'error', error});
    }
  }

  /** Appends the next page; answers with the ideas added. */
  async more(): Promise<Idea[]> {
    const {phase, sort, nextCursor, ideas, loadingMore} = this.list.get();
    if (!nextCursor || phase !== 'ready' || loadingMore) return [];
    const request = this.#request;
    this.#patch({loadingMore: true, error: undefined});
    try {
      const page = await this.#page(sort, nextCursor);
      // The order was switched meanwhile: this page belongs to a list no longer shown.
      if (request !== this.#request) return [];
      const known = new Set(ideas.map((idea) => idea.id));
      const added = page.ideas.filter((idea) => !known.has(idea.id));
      this.#patch({ideas: [...ideas, ...added], total: page.total, nextCursor: page.nextCursor, loadingMore: false});
      return added;
    } catch (error) {
      this.#patch({loadingMore: false, error: error instanceof ApiError ? error : undefined});
      return [];
    }
  }

  /**
   * Support the idea, or withdraw the support, at once on screen; the outbox delivers it and a
   * refusal puts it back. Reads the idea's current state, so quick repeated taps alternate.
   */
  async toggleSupport(ideaId: string): Promise<SendOutcome<SupportState> | undefined> {
    const idea = this.#find(ideaId);
    if (!idea) return undefined;
    const supported = !idea.supported;
    const change = (to: boolean, supports: number) => this.#replace({...this.#find(ideaId)!, supported: to, supports});
    change(supported, Math.max(0, idea.supports + (supported ? 1 : -1)));
    const url = `${this.api}/api/v1/ideas/${encodeURIComponent(ideaId)}/supports`;
    const sent = await outbox.send<SupportState>(this.owner, 'support', url, {voter: this.#voter, supported}, newIdempotencyKey());
    // A later tap may have changed it again meanwhile; only the last answer is shown.
    if (sent.status === 'sent' && this.#find(ideaId)?.supported === sent.data.supported) change(sent.data.supported, sent.data.supports);
    if (sent.status === 'refused') change(!!idea.supported, idea.supports);
    return sent;
  }

  /** A new idea: shown at once when the box publishes without moderation. */
  async submit(idea: NewIdea): Promise<SendOutcome<IdeaReceipt>> {
    const sent = await outbox.send<IdeaReceipt>(this.owner, 'idea', `${this.#url}/ideas`, idea, newIdempotencyKey());
    if (sent.status === 'sent') this.#publish(sent.data);
    return sent;
  }

  #publish(receipt: IdeaReceipt): void {
    const {ideas, total} = this.list.get();
    if (!receipt.published || ideas.some((idea) => idea.id === receipt.idea.id)) return;
    this.#patch({ideas: [receipt.idea, ...ideas], total: total + 1});
  }

  #find(ideaId: string): Idea | undefined {
    return this.list.get().ideas.find((known) => known.id === ideaId);
  }

  #replace(idea: Idea): void {
    this.#patch({ideas: this.list.get().ideas.map((known) => (known.id === idea.id ? idea : known))});
  }

  #patch(change: Partial<IdeaListState>): void {
    this.list.set({...this.list.get(), ...change});
  }
}

export const ideaBoxModel = (api: string, id: string): IdeaBoxModel => sharedModel('idea-box', api, id, () => new IdeaBoxModel(api, id));

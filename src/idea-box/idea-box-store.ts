import {atom, type WritableAtom} from 'nanostores';
import {ApiError, requestJson} from '../shared/api.js';
import {outbox, type SendResult} from '../shared/outbox.js';
import {newIdempotencyKey, voterToken} from '../shared/voter.js';
import type {Idea, IdeaPage, IdeaReceipt, IdeaSort, NewIdea, SupportState} from './idea-box.types.js';

export interface IdeaListState {
  phase: 'loading' | 'ready' | 'error';
  sort: IdeaSort;
  ideas: Idea[];
  total: number;
  nextCursor: string | null;
  loadingMore: boolean;
  error?: ApiError;
}

const pageSize = 10;

/** The published ideas of one box, shared by every element showing it, with this voter's supports. */
export class IdeaList {
  readonly state: WritableAtom<IdeaListState> = atom<IdeaListState>({phase: 'loading', sort: 'support', ideas: [], total: 0, nextCursor: null, loadingMore: false});
  private request = 0;
  private loaded = false;

  constructor(
    readonly api: string,
    readonly box: string,
  ) {}

  private page(sort: IdeaSort, cursor?: string | null): Promise<IdeaPage> {
    const query = new URLSearchParams({sort, limit: String(pageSize), ...(cursor ? {cursor} : {})});
    return requestJson<IdeaPage>(`${this.api}/api/v1/idea-boxes/${encodeURIComponent(this.box)}/ideas?${query}`, {
      headers: {'Kirjasto-Voter': voterToken()},
    });
  }

  /** Loads the first page once, or again in another order. */
  async load(sort: IdeaSort = this.state.get().sort, reload = false): Promise<void> {
    if (this.loaded && !reload && sort === this.state.get().sort) return;
    this.loaded = true;
    const request = ++this.request;
    this.patch({phase: 'loading', sort, nextCursor: null, loadingMore: false, error: undefined});
    try {
      const page = await this.page(sort);
      if (request === this.request) this.patch({phase: 'ready', ideas: page.ideas, total: page.total, nextCursor: page.nextCursor});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (request === this.request) this.patch({phase: 'error', error});
    }
  }

  /** Appends the next page; answers with the ideas added. */
  async more(): Promise<Idea[]> {
    const {phase, sort, nextCursor, ideas, loadingMore} = this.state.get();
    if (!nextCursor || phase !== 'ready' || loadingMore) return [];
    const request = this.request;
    this.patch({loadingMore: true, error: undefined});
    try {
      const page = await this.page(sort, nextCursor);
      // The order was switched meanwhile: this page belongs to a list no longer shown.
      if (request !== this.request) return [];
      const known = new Set(ideas.map((idea) => idea.id));
      const added = page.ideas.filter((idea) => !known.has(idea.id));
      this.patch({ideas: [...ideas, ...added], total: page.total, nextCursor: page.nextCursor, loadingMore: false});
      return added;
    } catch (error) {
      this.patch({loadingMore: false, error: error instanceof ApiError ? error : undefined});
      return [];
    }
  }

  /**
   * Support the idea, or withdraw the support, at once on screen; the outbox delivers it and a
   * refusal puts it back. Reads the idea's current state, so quick repeated taps alternate.
   */
  async toggleSupport(ideaId: string): Promise<boolean> {
    const idea = this.state.get().ideas.find((known) => known.id === ideaId);
    if (!idea) return false;
    const supported = !idea.supported;
    const change = (to: boolean, supports: number) => this.replace({...this.find(ideaId)!, supported: to, supports});
    change(supported, Math.max(0, idea.supports + (supported ? 1 : -1)));
    try {
      const url = `${this.api}/api/v1/ideas/${encodeURIComponent(ideaId)}/supports`;
      const sent = await outbox.send<SupportState>(url, {voter: voterToken(), supported}, newIdempotencyKey());
      // A later tap may have changed it again meanwhile; only the last answer is shown.
      if (!sent.queued && this.find(ideaId)?.supported === sent.data.supported) change(sent.data.supported, sent.data.supports);
    } catch (error) {
      change(!!idea.supported, idea.supports);
      throw error;
    }
    return supported;
  }

  private find(ideaId: string): Idea | undefined {
    return this.state.get().ideas.find((known) => known.id === ideaId);
  }

  /** A new idea: shown at once when the box publishes without moderation. */
  async submit(box: string, idea: NewIdea): Promise<SendResult<IdeaReceipt>> {
    const sent = await outbox.send<IdeaReceipt>(`${this.api}/api/v1/idea-boxes/${encodeURIComponent(box)}/ideas`, idea, newIdempotencyKey());
    if (!sent.queued && sent.data.published) {
      const {ideas, total} = this.state.get();
      this.patch({ideas: [sent.data.idea, ...ideas], total: total + 1});
    }
    return sent;
  }

  private replace(idea: Idea): void {
    this.patch({ideas: this.state.get().ideas.map((known) => (known.id === idea.id ? idea : known))});
  }

  private patch(change: Partial<IdeaListState>): void {
    this.state.set({...this.state.get(), ...change});
  }
}

const lists = new Map<string, IdeaList>();

export function ideaList(api: string, box: string): IdeaList {
  const key = `${api}|${box}|${voterToken()}`;
  let list = lists.get(key);
  if (!list) lists.set(key, (list = new IdeaList(api, box)));
  return list;
}

import {atom, type WritableAtom} from 'nanostores';
import {ApiError, requestJson} from './api.js';
import {followPageLanguage} from './i18n.js';

export interface ResourceState<T> {
  phase: 'loading' | 'ready' | 'error';
  data?: T;
  error?: ApiError;
}

/**
 * One GET resource (a rating, an idea box) shared by every element on the page that shows it,
 * loaded once. It becomes ready only when the page's UI language is loaded too, so the first text a
 * patron sees is already in their language.
 */
export class Resource<T> {
  readonly state: WritableAtom<ResourceState<T>> = atom<ResourceState<T>>({phase: 'loading'});
  private loading?: Promise<void>;

  constructor(readonly url: string) {}

  load(reload = false): Promise<void> {
    if (this.loading && !reload) return this.loading;
    this.state.set({...this.state.get(), phase: 'loading', error: undefined});
    this.loading = Promise.all([requestJson<T>(this.url), followPageLanguage()]).then(
      ([data]) => this.state.set({phase: 'ready', data}),
      (error: unknown) => {
        if (!(error instanceof ApiError)) throw error;
        this.state.set({phase: 'error', error});
      },
    );
    return this.loading;
  }
}

const resources = new Map<string, Resource<unknown>>();

export function sharedResource<T>(url: string): Resource<T> {
  let found = resources.get(url);
  if (!found) resources.set(url, (found = new Resource<T>(url)));
  return found as Resource<T>;
}

/**
 * The first request of each element on the page leaves as soon as the script runs, before the
 * element code is even evaluated: the script tag's first module finds the elements already in the
 * page and asks for their content, and an element's store takes that answer (shared/api.ts) instead
 * of asking again. On slow 4G this overlaps the round trip with evaluating the bundle and upgrading
 * the elements.
 *
 * It runs when imported: `kirjasto-all.js` imports it first, before Lit, and nothing in it waits.
 * The loader (`kirjasto.js`) is kept small and does not; its elements load on connect.
 */
import {contentUrl, prefetched} from './api.js';
import {resolveApiBase} from './config.js';

/** Each element, the attribute naming its content, and the API path of that content. */
const sources = [
  ['kirjasto-poll', 'poll', 'polls'],
  ['kirjasto-rating', 'rating', 'ratings'],
  ['kirjasto-idea-box', 'box', 'idea-boxes'],
] as const;

/**
 * Only on a page with at most this many elements, as many requests as a browser sends to one server at
 * once over HTTP/1.1. Such a page waits on the network, and overlapping the round trip with the
 * bundle's evaluation is what it gains. A page with fifty polls waits on the CPU: starting fifty
 * requests (the first `fetch` calls of a page are the dearest) would lengthen its first task, where
 * its elements, connecting a few per slice of time (shared/element.ts), start them between tasks.
 */
const most = 6;

/** An answer not taken by then is dropped: an element that comes later asks for fresh content. */
const keepMs = 10_000;

/** Starts the content request of every element in the page that is not yet defined. */
function prefetchContent(): void {
  // A defined element loads on connect by itself.
  const wanted = sources.filter(([tag]) => !customElements.get(tag));
  if (!wanted.length) return;
  const elements = document.querySelectorAll(wanted.map(([tag, attribute]) => `${tag}[${attribute}]`).join());
  // Counted before any URL is worked out: fifty of them cost about 10 ms at 4x for nothing.
  if (elements.length > most) return;
  const urls = new Set<string>();
  for (const element of elements) {
    const [, attribute, path] = wanted.find(([tag]) => tag === element.localName)!;
    const id = element.getAttribute(attribute);
    if (id) urls.add(contentUrl(resolveApiBase(element.getAttribute('api')), path, id));
  }
  for (const url of urls) {
    const answer = fetch(url, {credentials: 'omit', signal: AbortSignal.timeout(keepMs)});
    // Whoever takes it sees a failure as its own; one nobody takes must not be an unhandled rejection.
    answer.catch(() => undefined);
    prefetched.set(url, answer);
    setTimeout(() => prefetched.delete(url), keepMs);
  }
}

prefetchContent();

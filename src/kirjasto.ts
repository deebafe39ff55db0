/**
 * The script-tag loader: `<script type="module" src="https://server/kirjasto.js">` defines each element
 * only when its tag, or a link marked `data-kirjasto`, appears on the page (at first or later), and
 * fetches the element's chunk and the shared core at the same time, so a page never waits for one
 * file to learn about the next. `kirjasto-all.js` is the same in one file.
 */

/**
 * Per tag, the files to fetch together: the element's chunk first, then the chunks it imports (the
 * core), relative to this file. Written by the build (`scripts/build-bundles.mjs`), which reads the
 * hashed names from the elements build.
 */
declare const KIRJASTO_CHUNKS: Record<string, readonly string[]>;

/** The standalone page kinds of `/w/<kind>/<id>` links and the element each becomes (see shared/enhance.ts). */
const linkTags: Record<string, string> = {poll: 'kirjasto-poll', rating: 'kirjasto-rating', ideas: 'kirjasto-idea-box'};

const chunks = KIRJASTO_CHUNKS;
const tags = Object.keys(chunks);
const loading = new Map<string, Promise<unknown>>();
const url = (file: string) => new URL(file, import.meta.url).href;

function define(tag: string): Promise<unknown> {
  let done = loading.get(tag);
  if (!done) {
    // Every file at once: the element chunk's own import of the core then finds it already on its way.
    done = Promise.all(chunks[tag]!.map((file) => import(/* @vite-ignore */ url(file))));
    loading.set(tag, done);
    // A failed fetch (offline) is tried again when the tag next appears.
    done.catch(() => loading.delete(tag));
  }
  return done;
}

function upgradeLinks(links: Iterable<HTMLAnchorElement>): void {
  const needed = new Set<string>();
  for (const link of links) {
    const kind = /\/w\/([a-z-]+)\//.exec(new URL(link.href, location.href).pathname)?.[1];
    const tag = kind && linkTags[kind];
    if (tag) needed.add(tag);
  }
  if (!needed.size) return;
  void Promise.all([import('./shared/enhance.js'), ...[...needed].map(define)]).then(([{upgradeLinks}]) => upgradeLinks());
}

function discover(root: Element): void {
  const found = [root, ...root.querySelectorAll(`${tags.join()},a[data-kirjasto][href]`)];
  const links: HTMLAnchorElement[] = [];
  for (const element of found) {
    const tag = element.localName;
    if (tags.includes(tag)) void define(tag);
    else if (element instanceof HTMLAnchorElement && element.matches('a[data-kirjasto][href]')) links.push(element);
  }
  upgradeLinks(links);
}

discover(document.documentElement);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }
}).observe(document.documentElement, {childList: true, subtree: true});

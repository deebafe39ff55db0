/**
 * The script-tag loader: `<script type="module" src="https://server/kirjasto.js">` defines each element
 * only when its tag, or a link marked `data-kirjasto`, appears on the page (at first or later), and
 * fetches the element's chunk and the shared core at the same time, so a page never waits for one
 * file to learn about the next. `kirjasto-all.js` is the same in one file; when the elements a page
 * starts with cost fewer bytes that way (all three, as the build measures), the loader fetches it instead.
 */

/**
 * Per tag, the files to fetch together: the element's chunk first, then the chunks it imports (the
 * core), relative to this file. Written by the build (`scripts/build-bundles.mjs`), which reads the
 * hashed names from the elements build.
 */
declare const KIRJASTO_CHUNKS: Record<string, readonly string[]>;

/**
 * `kirjasto-all.js`, relative to this file, and the sets of tags (sorted, joined by commas) whose
 * chunks weigh more, gzipped, than it does. Written by the build, which measures both.
 */
declare const KIRJASTO_ALL: {file: string; smallerFor: readonly string[]};

/** The standalone page kinds of `/w/<kind>/<id>` links and the element each becomes (see shared/enhance.ts). */
const linkTags: Record<string, string> = {poll: 'kirjasto-poll', rating: 'kirjasto-rating', ideas: 'kirjasto-idea-box'};

const chunks = KIRJASTO_CHUNKS;
const single = KIRJASTO_ALL;
const tags = Object.keys(chunks);
const loading = new Map<string, Promise<unknown>>();

/**
 * Fetches the single file for the elements found, if it is the lighter way to get them. Only before
 * anything else loaded: one page never gets the shared code twice.
 */
function defineAll(needed: Set<string>): void {
  if (loading.size || !single.smallerFor.includes([...needed].sort().join())) return;
  const done = import(/* @vite-ignore */ single.file);
  for (const tag of tags) loading.set(tag, done);
  // Failed (offline): each tag is tried again, through its chunks, when it next appears.
  done.catch(() => loading.clear());
}

function define(tag: string): Promise<unknown> {
  let done = loading.get(tag);
  if (!done) {
    // Every file at once: the element chunk's own import of the core then finds it already on its way.
    // (A dynamic import resolves a relative path against this file's URL.)
    done = Promise.all(chunks[tag]!.map((file) => import(/* @vite-ignore */ file)));
    loading.set(tag, done);
    // A failed fetch (offline) is tried again when the tag next appears.
    done.catch(() => loading.delete(tag));
  }
  return done;
}

/** The element a link marked `data-kirjasto` becomes, if any. */
function linkTag(link: HTMLAnchorElement): string | undefined {
  const kind = /\/w\/([a-z-]+)\//.exec(new URL(link.href, location.href).pathname)?.[1];
  return kind && linkTags[kind];
}

function discover(root: Element): void {
  const found = [root, ...root.querySelectorAll(`${tags.join()},a[data-kirjasto][href]`)];
  const needed = new Set<string>();
  const linked = new Set<string>();
  for (const element of found) {
    const tag = element.localName;
    if (tags.includes(tag)) needed.add(tag);
    else if (element instanceof HTMLAnchorElement && element.matches('a[data-kirjasto][href]')) {
      const target = linkTag(element);
      if (target) linked.add(target);
    }
  }
  defineAll(new Set([...needed, ...linked]));
  for (const tag of needed) void define(tag);
  if (linked.size) {
    void Promise.all([import('./shared/enhance.js'), ...[...linked].map(define)]).then(([{upgradeLinks}]) => upgradeLinks());
  }
}

discover(document.documentElement);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }
}).observe(document.documentElement, {childList: true, subtree: true});

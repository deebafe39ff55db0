/**
 * Progressive enhancement: a plain link to a standalone widget page marked `data-kirjasto`
 * (`<a data-kirjasto href="https://server/w/poll/ID">`) becomes the element itself. The link stays
 * inside it as light DOM, so it is what readers without JavaScript, and search engines, get.
 */
const pages: Record<string, {tag: string; attribute: string}> = {
  poll: {tag: 'kirjasto-poll', attribute: 'poll'},
  rating: {tag: 'kirjasto-rating', attribute: 'rating'},
  ideas: {tag: 'kirjasto-idea-box', attribute: 'box'},
};

export function upgradeLinks(root: ParentNode = document): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-kirjasto][href]')) {
    const url = new URL(link.href, location.href);
    const match = /\/w\/([a-z-]+)\/([^/?#]+)\/?$/.exec(url.pathname);
    const page = match && pages[match[1]!];
    if (!page || !customElements.get(page.tag)) continue;
    const element = document.createElement(page.tag);
    element.setAttribute(page.attribute, decodeURIComponent(match[2]!));
    element.setAttribute('api', url.origin);
    for (const name of ['channel', 'location', 'theme']) {
      const value = link.dataset[name] ?? url.searchParams.get(name);
      if (value) element.setAttribute(name, value);
    }
    link.removeAttribute('data-kirjasto');
    link.replaceWith(element);
    element.append(link);
  }
}

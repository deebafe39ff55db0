import {escapeHtml, pickText, wordsLang} from '../pages/html.js';
import type {PageLang} from '../pages/lang.js';
import {isSuppressed, type PublicContent} from './data.js';
import {formatMonth, formatPercent, monthLine} from './format.js';
import {PUBLIC_PAGE_TEXT} from './page-text.js';

/** XML text: the same five escapes as HTML (numeric references are valid XML). */
const xml = escapeHtml;

interface Entry {
  id: string;
  title: string;
  updated: string;
  link: string;
  content: string;
}

/**
 * The Atom feed (RFC 4287) of the page: one entry per answered idea, published poll result and
 * published rating summary, each linking to its place on the page. Its ids are the page's address with
 * a fragment, which stays the same while the library's id does.
 */
export function atomFeed(content: PublicContent, lang: PageLang, publicUrl: string): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const order = content.look.contentLanguages;
  const text = (t: Record<string, string>) => pickText(t, lang, order);
  const page = `${publicUrl}/t/${encodeURIComponent(content.tenant.id)}`;
  const pageInLang = `${page}?lang=${lang}`;
  const entries: Entry[] = [
    ...content.ideas.map((idea) => ({
      id: `${page}#idea-${idea.id}`,
      title: idea.text,
      updated: idea.answeredAt > idea.showcasedAt ? idea.answeredAt : idea.showcasedAt,
      link: `${pageInLang}#idea-${encodeURIComponent(idea.id)}`,
      content: `${words.answer}: ${text(idea.answer)}`,
    })),
    ...content.polls.map((poll) => {
      const lines = poll.results.map((r) => `${text(r.label)}: ${isSuppressed(r) ? words.tooFew : `${formatPercent(r.share, lang)} (${words.votes(r.count)})`}`);
      if (poll.other) lines.push(`${words.other}: ${isSuppressed(poll.other) ? words.tooFew : `${formatPercent(poll.other.share, lang)} (${words.votes(poll.other.count)})`}`);
      const total = isSuppressed(poll.total) ? words.tooFew : words.votes(poll.total.count);
      return {id: `${page}#poll-${poll.id}`, title: text(poll.question), updated: poll.publishedAt, link: `${pageInLang}#poll-${encodeURIComponent(poll.id)}`, content: [total, ...lines].join('\n')};
    }),
    ...content.ratings.map((rating) => {
      const lines = rating.branches.flatMap((b) => [
        b.name ? text(b.name) : words.noBranch,
        ...b.months.map((m) => `  ${formatMonth(m.month, lang)}: ${monthLine(m, rating.scale, lang, words)}`),
      ]);
      return {id: `${page}#rating-${rating.id}`, title: text(rating.question), updated: rating.publishedAt, link: `${pageInLang}#rating-${encodeURIComponent(rating.id)}`, content: lines.join('\n')};
    }),
  ].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  // A feed with nothing published yet is still valid: `updated` is then the epoch, not "now" (which would change every read).
  const updated = content.updated ?? new Date(0).toISOString();
  const title = `${words.title} – ${content.tenant.name}`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${wordsLang(lang)}">
<id>${xml(page)}</id>
<title>${xml(title)}</title>
<updated>${updated}</updated>
<author><name>${xml(content.tenant.name)}</name></author>
<link rel="self" type="application/atom+xml" href="${xml(`${page}/feed.atom?lang=${lang}`)}"/>
<link rel="alternate" type="text/html" href="${xml(pageInLang)}"/>
${entries
  .map(
    (e) => `<entry>
<id>${xml(e.id)}</id>
<title>${xml(e.title)}</title>
<updated>${e.updated}</updated>
<link rel="alternate" type="text/html" href="${xml(e.link)}"/>
<content type="text">${xml(e.content)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}

import {IDEA_PAGE_TEXT} from '../ideas/page-text.js';
import {escapeHtml, wordHtml, wordsLang} from '../pages/html.js';
import type {PageLang} from '../pages/lang.js';
import {pageStyle} from '../pages/layout.js';
import {isSuppressed, type PublicContent, type PublicPoll, type PublicRating} from './data.js';
import {columnName, figureText, formatDay, formatMonth, formatPercent, ratingColumns, textHtml} from './format.js';
import {PUBLIC_PAGE_TEXT} from './page-text.js';

export const PUBLIC_STYLE = pageStyle({
  controls: '',
  extra: [
    'main { max-width: 48rem; } .library, .langs { max-width: 48rem; }',
    'section + section { margin-top: 2rem; }',
    'article { border-top: 1px solid #bbb; padding: .75rem 0; }',
    'h3 { font-size: 1.05rem; margin: 0 0 .25rem; }',
    'h4 { font-size: 1rem; margin: 1rem 0 .25rem; }',
    '.meta { margin: 0; color: #444; font-size: .95rem; }',
    '.answer { border-left: .25rem solid var(--accent); padding: .25rem .75rem; margin: .5rem 0 0; }',
    '.answer p { margin: .25rem 0; }',
    '.too-few { font-style: italic; color: #444; }',
    'table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }',
    'caption { text-align: start; font-weight: 600; padding: .25rem 0; }',
    'th, td { text-align: end; padding: .3rem .4rem; border-bottom: 1px solid #ccc; }',
    'th:first-child, td:first-child { text-align: start; }',
    '.footer-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }',
    '.footer-links a, .posters a { display: inline-block; padding: .25rem 0; min-height: 24px; }',
    // A phone's 320 px holds the month and three figures without scrolling sideways (WCAG 1.4.10).
    '@media (max-width: 30rem) { body { padding: .75rem; } table { font-size: .875rem; } th, td { padding: .3rem .2rem; } }',
    '@media (prefers-color-scheme: dark) { .meta, .too-few { color: #bbb; } th, td { border-color: #555; } }',
  ],
});

/** The page's <main> content: the heading, then ideas, polls and ratings, then the feed, JSON and posters. */
export function publicBody(content: PublicContent, lang: PageLang, base: string): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const order = content.look.contentLanguages;
  const tenantPath = `/t/${encodeURIComponent(content.tenant.id)}`;
  const posters = content.branches.length
    ? `<h2 id="posters">${escapeHtml(words.posters)}</h2>
<ul class="posters">
${content.branches.map((b) => `<li><a href="${escapeHtml(`${tenantPath}/poster?branch=${encodeURIComponent(b.id)}&lang=${lang}`)}">${textHtml(b.name, lang, order)}</a></li>`).join('\n')}
</ul>`
    : '';
  return `<h1>${escapeHtml(words.title)}</h1>
<p>${escapeHtml(words.intro)}</p>
<p class="note">${escapeHtml(words.smallNumbers(content.threshold))}</p>
${ideasSection(content, lang)}
${pollsSection(content, lang)}
${ratingsSection(content, lang)}
<section aria-labelledby="follow">
<h2 id="follow">${escapeHtml(words.subscribe)}</h2>
<ul class="footer-links">
<li><a href="${escapeHtml(`${tenantPath}/feed.atom`)}" type="application/atom+xml">${escapeHtml(words.feed)}</a></li>
<li><a href="${escapeHtml(`${base}/api/v1/public/${encodeURIComponent(content.tenant.id)}`)}" type="application/json">${escapeHtml(words.json)}</a></li>
</ul>
${posters}
</section>`;
}

function ideasSection(content: PublicContent, lang: PageLang): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const ideaWords = IDEA_PAGE_TEXT[lang];
  const order = content.look.contentLanguages;
  const items = content.ideas.map((idea) => {
    const own = idea.lang && idea.lang !== wordsLang(lang) ? ` lang="${escapeHtml(idea.lang)}"` : '';
    return `<article id="idea-${escapeHtml(idea.id)}" aria-labelledby="idea-${escapeHtml(idea.id)}-text">
<h3 id="idea-${escapeHtml(idea.id)}-text"${own}>${escapeHtml(idea.text)}</h3>
<p class="meta">${escapeHtml(words.status)}: <strong>${wordHtml(ideaWords.status[idea.status] ?? idea.status, lang)}</strong> · ${textHtml(idea.topic, lang, order)} · ${escapeHtml(words.answered(formatDay(idea.answeredAt, lang, content.timeZone)))}</p>
<div class="answer"><p><strong>${escapeHtml(words.answer)}:</strong></p><p>${textHtml(idea.answer, lang, order)}</p></div>
</article>`;
  });
  return `<section aria-labelledby="ideas">
<h2 id="ideas">${escapeHtml(words.ideas)}</h2>
${items.length ? items.join('\n') : `<p class="note">${escapeHtml(words.noIdeas)}</p>`}
</section>`;
}

function pollsSection(content: PublicContent, lang: PageLang): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const items = content.polls.map((poll) => pollArticle(poll, content, lang));
  return `<section aria-labelledby="polls">
<h2 id="polls">${escapeHtml(words.polls)}</h2>
${items.length ? items.join('\n') : `<p class="note">${escapeHtml(words.noPolls)}</p>`}
</section>`;
}

/** The results as the poll page shows them (the same bars), with a hidden cell saying so instead of a bar. */
function pollArticle(poll: PublicPoll, content: PublicContent, lang: PageLang): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const order = content.look.contentLanguages;
  const id = `poll-${escapeHtml(poll.id)}`;
  const total = isSuppressed(poll.total) ? words.tooFew : words.votes(poll.total.count);
  const rows = [...poll.results.map((r) => ({label: textHtml(r.label, lang, order), cell: r})), ...(poll.other ? [{label: escapeHtml(words.other), cell: poll.other}] : [])];
  const items = rows.map(({label, cell}) => {
    if (isSuppressed(cell)) return `<li><span class="result-text"><span>${label}</span> <span class="too-few">${escapeHtml(words.tooFew)}</span></span></li>`;
    return `<li><span class="result-text"><span>${label}</span> <span class="result-figures">${formatPercent(cell.share, lang)} · ${escapeHtml(words.votes(cell.count))}</span></span>
<progress class="bar" max="1" value="${cell.share}" aria-hidden="true"></progress></li>`;
  });
  return `<article id="${id}" aria-labelledby="${id}-q">
<h3 id="${id}-q">${textHtml(poll.question, lang, order)}</h3>
<p class="meta">${escapeHtml(words.closed(formatDay(poll.closedAt, lang, content.timeZone)))} · ${escapeHtml(total)}</p>
<ul class="results">
${items.join('\n')}
</ul>
</article>`;
}

function ratingsSection(content: PublicContent, lang: PageLang): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const items = content.ratings.map((rating) => ratingArticle(rating, content, lang));
  return `<section aria-labelledby="ratings">
<h2 id="ratings">${escapeHtml(words.ratings)}</h2>
${items.length ? items.join('\n') : `<p class="note">${escapeHtml(words.noRatings)}</p>`}
</section>`;
}

function ratingArticle(rating: PublicRating, content: PublicContent, lang: PageLang): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const order = content.look.contentLanguages;
  const id = `rating-${escapeHtml(rating.id)}`;
  const tables = rating.branches.map((b) => branchTable(rating, b, content, lang)).join('\n');
  return `<article id="${id}" aria-labelledby="${id}-q">
<h3 id="${id}-q">${textHtml(rating.question, lang, order)}</h3>
${tables || `<p class="note">${escapeHtml(words.noAnswers)}</p>`}
<p class="meta">${escapeHtml(words.satisfiedMeans(rating.scale))}</p>
</article>`;
}

/** One branch's months as a table: newest month first; a hidden month says so across its figures. */
export function branchTable(rating: PublicRating, branch: PublicRating['branches'][number], content: PublicContent, lang: PageLang): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const columns = ratingColumns(rating.scale);
  const name = branch.name ? textHtml(branch.name, lang, content.look.contentLanguages) : escapeHtml(words.noBranch);
  const rows = [...branch.months].reverse().map((m) => {
    const month = `<th scope="row">${escapeHtml(formatMonth(m.month, lang))}</th>`;
    if (isSuppressed(m)) return `<tr>${month}<td colspan="${columns.length}" class="too-few">${escapeHtml(words.tooFew)}</td></tr>`;
    if (m.count === 0) return `<tr>${month}<td colspan="${columns.length}" class="too-few">${escapeHtml(words.noAnswers)}</td></tr>`;
    return `<tr>${month}${columns.map((c) => `<td>${escapeHtml(figureText(c, m, rating.scale, lang))}</td>`).join('')}</tr>`;
  });
  return `<table>
<caption>${name}</caption>
<thead><tr><th scope="col">${escapeHtml(words.month)}</th>${columns.map((c) => `<th scope="col">${escapeHtml(columnName(c, words))}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}


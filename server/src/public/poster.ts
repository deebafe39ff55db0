import {IDEA_PAGE_TEXT} from '../ideas/page-text.js';
import type {Text} from '../http/contract.js';
import {escapeHtml, wordHtml, wordsLang} from '../pages/html.js';
import type {PageLang} from '../pages/lang.js';
import {isSuppressed, type PublicContent} from './data.js';
import {columnName, figureText, formatDay, formatMonth, ratingColumns, textHtml} from './format.js';
import {PUBLIC_PAGE_TEXT} from './page-text.js';

/** A poster shows the last six months and the six newest answers: what fits on one A4 at reading distance. */
const POSTER_MONTHS = 6;
const POSTER_IDEAS = 6;

const POSTER_STYLE = `
  @page { size: A4; margin: 15mm; }
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #fff; color: #000; }
  body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { width: 180mm; min-height: 265mm; margin: 0 auto; display: flex; flex-direction: column; gap: 5mm; padding: 4mm 0; }
  .library { display: flex; align-items: center; gap: 5mm; font-size: 16pt; font-weight: 700; margin: 0; padding-bottom: 3mm; border-bottom: 2mm solid var(--accent, #0b5cad); }
  .library img { max-height: 18mm; max-width: 55mm; }
  h1 { font-size: 28pt; line-height: 1.1; margin: 0; }
  .branch { font-size: 16pt; font-weight: 600; margin: 0; }
  h2 { font-size: 16pt; margin: 3mm 0 1mm; }
  h3 { font-size: 13pt; margin: 2mm 0 1mm; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; font-variant-numeric: tabular-nums; }
  th, td { text-align: end; padding: 1.2mm 2mm; border-bottom: .3mm solid #999; }
  th:first-child, td:first-child { text-align: start; }
  .too-few { font-style: italic; }
  .idea { break-inside: avoid; margin: 0 0 3mm; font-size: 12pt; }
  .idea p { margin: .5mm 0; }
  .idea .text { font-weight: 600; }
  .answer { border-left: 1.2mm solid var(--accent, #0b5cad); padding-left: 3mm; }
  .small { font-size: 10pt; margin: 0; }
  .url { font-size: 13pt; font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; margin: auto 0 0; }
  @media screen { body { background: #ddd; padding: 10mm 0; } main { background: #fff; padding: 15mm; width: 210mm; min-height: 297mm; box-shadow: 0 0 6mm #0003; } }`;

/**
 * The printable results poster of one branch (A4, like the QR poster): its published rating summaries
 * for the last months, and the newest answered ideas of the branch and of the whole library. The cells
 * are the page's (hidden where the page hides them: the table was suppressed as a whole).
 */
export function resultsPoster(content: PublicContent, branch: {id: string; name: Text}, lang: PageLang, pageUrl: string): string {
  const words = PUBLIC_PAGE_TEXT[lang];
  const order = content.look.contentLanguages;
  const ratings = content.ratings
    .map((rating) => ({rating, row: rating.branches.find((b) => b.branch === branch.id)}))
    .filter((r) => r.row !== undefined)
    .map(({rating, row}) => {
      const columns = ratingColumns(rating.scale);
      const months = row!.months.slice(-POSTER_MONTHS).reverse();
      const rows = months.map((m) => {
        const th = `<th scope="row">${escapeHtml(formatMonth(m.month, lang))}</th>`;
        if (isSuppressed(m)) return `<tr>${th}<td colspan="${columns.length}" class="too-few">${escapeHtml(words.tooFew)}</td></tr>`;
        if (m.count === 0) return `<tr>${th}<td colspan="${columns.length}" class="too-few">${escapeHtml(words.noAnswers)}</td></tr>`;
        return `<tr>${th}${columns.map((c) => `<td>${escapeHtml(figureText(c, m, rating.scale, lang))}</td>`).join('')}</tr>`;
      });
      return `<section>
<h3>${textHtml(rating.question, lang, order)}</h3>
<table>
<thead><tr><th scope="col">${escapeHtml(words.month)}</th>${columns.map((c) => `<th scope="col">${escapeHtml(columnName(c, words))}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="small">${escapeHtml(words.satisfiedMeans(rating.scale))}</p>
</section>`;
    });
  // The branch's own ideas first, then the library's ideas given at no branch.
  const ideas = [...content.ideas.filter((i) => i.branch === branch.id), ...content.ideas.filter((i) => i.branch === null)].slice(0, POSTER_IDEAS);
  const ideaItems = ideas.map((idea) => {
    const own = idea.lang && idea.lang !== wordsLang(lang) ? ` lang="${escapeHtml(idea.lang)}"` : '';
    const status = IDEA_PAGE_TEXT[lang].status[idea.status] ?? idea.status;
    return `<div class="idea">
<p class="text"${own}>${escapeHtml(idea.text)}</p>
<p>${escapeHtml(words.status)}: ${wordHtml(status, lang)} · ${escapeHtml(words.answered(formatDay(idea.answeredAt, lang, content.timeZone)))}</p>
<p class="answer">${textHtml(idea.answer, lang, order)}</p>
</div>`;
  });
  const logo = content.look.logoUrl ? `<img src="${escapeHtml(content.look.logoUrl)}" alt="">` : '';
  const accent = content.look.accent ? `\n  :root { --accent: ${content.look.accent}; }` : '';
  return `<!doctype html>
<html lang="${wordsLang(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${words.posterTitle} – ${content.tenant.name}`)}</title>
<style>${POSTER_STYLE}${accent}</style>
</head>
<body>
<main>
<p class="library">${logo}<span>${escapeHtml(content.tenant.name)}</span></p>
<h1>${escapeHtml(words.posterTitle)}</h1>
<p class="branch">${textHtml(branch.name, lang, order)}</p>
${ratings.length ? `<h2>${escapeHtml(words.posterRatings)}</h2>\n${ratings.join('\n')}` : ''}
${ideaItems.length ? `<h2>${escapeHtml(words.ideas)}</h2>\n${ideaItems.join('\n')}` : ''}
<p class="small">${escapeHtml(words.smallNumbers(content.threshold))}</p>
<p class="url">${escapeHtml(words.posterScan)}:<br>${escapeHtml(pageUrl.replace(/^https?:\/\//, ''))}</p>
</main>
</body>
</html>
`;
}

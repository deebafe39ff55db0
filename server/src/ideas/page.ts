import {randomBytes, randomUUID} from 'node:crypto';
import type {Context, Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {clientKey} from '../http/client-key.js';
import {IDEMPOTENCY_KEY_PATTERN, requireIdempotencyKey} from '../http/idempotency.js';
import {methodNotAllowed, Problem} from '../http/problem.js';
import {escapeHtml, pageLang, pickText} from '../polls/page.js';
import type {PageLang} from '../polls/page-text.js';
import {CHANNELS, ID_PATTERN, VOTER_PATTERN, type Channel} from '../polls/schema.js';
import {isBranchOf} from '../tenants/store.js';
import {issueFormToken} from './form-token.js';
import {IDEA_PAGE_TEXT, type IdeaPageText} from './page-text.js';
import {rejectHoneypot} from './routes.js';
import {NewIdeaSchema, parseWith} from './schema.js';
import {boxStatus, findBox, listIdeas, type IdeaBoxRecord, type IdeaRecord} from './store.js';
import {submitIdea, type IdeaLimiter} from './submit.js';

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

interface FormState {
  lang: PageLang;
  channel: Channel;
  location?: string;
  voter?: string;
  idempotencyKey?: string;
  text?: string;
  category?: string;
  contact?: string;
  error?: string;
}

/** The standalone idea page (QR and no-JavaScript target) and its plain form post. */
export function registerIdeaPages(app: Hono, deps: AppDeps, limiter: IdeaLimiter): void {
  app.get('/w/ideas/:id', async (c) => {
    const lang = pageLang(c);
    const box = await pageBox(deps, c.req.param('id'));
    if (!box) return notFoundPage(c, lang);
    if (c.req.query('sent') === '1') {
      return page(c, 200, lang, box, thankYouBody(box, lang, c.req.query('published') === '1'));
    }
    const channel = channelParam(c.req.query('channel'));
    const location = await knownBranch(deps, box, c.req.query('location'));
    return page(c, 200, lang, box, await boxBody(deps, box, {lang, channel, location}));
  });

  app.post('/w/ideas/:id', async (c) => {
    const box = await pageBox(deps, c.req.param('id'));
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const form = mediaType === 'application/x-www-form-urlencoded' ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
    const lang = pageLang(c, form.get('lang'));
    if (!box) return notFoundPage(c, lang);
    const channel = channelParam(form.get('channel') ?? undefined);
    const location = await knownBranch(deps, box, form.get('location') ?? undefined);
    // A textarea submits CRLF line breaks; the API takes LF only.
    const text = (form.get('text') ?? '').replace(/\r\n?/g, '\n');
    const state: FormState = {
      lang,
      channel,
      location,
      voter: form.get('voter') ?? undefined,
      idempotencyKey: form.get('idempotencyKey') ?? undefined,
      text,
      category: form.get('category') || undefined,
      contact: form.get('contact') ?? undefined,
    };
    try {
      if (mediaType !== 'application/x-www-form-urlencoded') throw new Problem('unsupported-media-type');
      const origin = c.req.header('origin');
      if (origin && origin !== deps.publicOrigin && origin !== new URL(c.req.url).origin && !(await deps.origins.isAllowed(origin, box.tenantId))) {
        throw new Problem('origin-not-allowed');
      }
      const idempotencyKey = requireIdempotencyKey(state.idempotencyKey);
      const fields = {
        text,
        category: state.category,
        contact: state.contact?.trim() ? state.contact : undefined,
        voter: state.voter,
        channel,
        location: form.get('location') || undefined,
        formToken: form.get('formToken') ?? '',
        website: form.get('website') ?? '',
      };
      rejectHoneypot(fields);
      const idea = parseWith(NewIdeaSchema, fields);
      const result = await submitIdea(
        {db: deps.db, secrets: deps.secrets, limiter},
        {boxId: box.id, idea, idempotencyKey, clientKey: await clientKey(c, deps.secrets, deps.config.trustProxy)},
      );
      const query = new URLSearchParams({sent: '1', lang, published: result.body.published ? '1' : '0'});
      return c.redirect(`/w/ideas/${encodeURIComponent(box.id)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const words = IDEA_PAGE_TEXT[lang];
      const message = words.errors[error.slug] ?? words.errors.default!;
      return page(c, error.status, lang, box, await boxBody(deps, box, {...state, error: message}), error.headers);
    }
  });

  app.all('/w/ideas/:id', methodNotAllowed('GET, POST'));
}

async function pageBox(deps: AppDeps, id: string): Promise<IdeaBoxRecord | undefined> {
  return ID_PATTERN.test(id) ? findBox(deps.db, id) : undefined;
}

async function knownBranch(deps: AppDeps, box: IdeaBoxRecord, location: string | undefined): Promise<string | undefined> {
  if (!location || !ID_PATTERN.test(location)) return undefined;
  return (await isBranchOf(deps.db, box.tenantId, location)) ? location : undefined;
}

const channelParam = (value: string | undefined): Channel =>
  (CHANNELS as readonly string[]).includes(value ?? '') ? (value as Channel) : 'web';

const STYLE = `
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; padding: 1rem; color: #1a1a1a; background: #fff; }
  main { max-width: 40rem; margin: 0 auto; }
  label { display: block; padding: .35rem 0; }
  textarea, select, input[type=text] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
  button { font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border-radius: .4rem; border: 0; background: #0b5cad; color: #fff; cursor: pointer; }
  .error { border-left: .3rem solid #b00020; padding: .5rem .75rem; background: #fdecee; }
  .note { color: #444; }
  .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  ol.ideas { padding-left: 0; list-style: none; }
  ol.ideas li { border-top: 1px solid #ddd; padding: .75rem 0; }
  .idea { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
  .answer { border-left: .25rem solid #0b5cad; padding-left: .75rem; }
  @media (prefers-color-scheme: dark) {
    body { color: #eee; background: #111; } .error { background: #3a1016; } .note { color: #bbb; } button { background: #3d8ee6; color: #000; }
  }`;

function document(lang: PageLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
<script type="module" src="/kirjasto.js"></script>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function page(c: Context, status: number, lang: PageLang, box: IdeaBoxRecord, body: string, headers: Record<string, string> = {}) {
  return c.body(document(lang, pickText(box.topic, lang), body), status as 200, {...PAGE_HEADERS, ...headers});
}

function notFoundPage(c: Context, lang: PageLang) {
  const text = IDEA_PAGE_TEXT[lang].notFound;
  return c.body(document(lang, text, `<h1>${escapeHtml(text)}</h1>`), 404, PAGE_HEADERS);
}

async function boxBody(deps: AppDeps, box: IdeaBoxRecord, state: FormState): Promise<string> {
  const attrs = [`box="${escapeHtml(box.id)}"`, `channel="${state.channel}"`];
  if (state.location) attrs.push(`location="${escapeHtml(state.location)}"`);
  const {ideas} = await listIdeas(deps.db, {boxId: box.id, sort: 'support', limit: 20});
  return `<kirjasto-idea-box ${attrs.join(' ')}>
${await fallback(deps, box, state, ideas)}
</kirjasto-idea-box>`;
}

/** The light-DOM fallback: what a reader without JavaScript gets. */
async function fallback(deps: AppDeps, box: IdeaBoxRecord, state: FormState, ideas: IdeaRecord[]): Promise<string> {
  const {lang} = state;
  const words = IDEA_PAGE_TEXT[lang];
  const description = box.description ? `<p>${escapeHtml(pickText(box.description, lang))}</p>\n` : '';
  const status = boxStatus(box);
  const form =
    status === 'open'
      ? await ideaForm(deps, box, state, words)
      : `<p class="note">${escapeHtml(status === 'closed' ? words.closed : words.opensAt(formatDate(box.opensAt, lang)))}</p>`;
  return `<h1>${escapeHtml(pickText(box.topic, lang))}</h1>
${description}${form}
<h2>${escapeHtml(words.ideas)}</h2>
${ideaList(box, ideas, lang, words)}`;
}

async function ideaForm(deps: AppDeps, box: IdeaBoxRecord, state: FormState, words: IdeaPageText): Promise<string> {
  const {lang} = state;
  const voter = state.voter && VOTER_PATTERN.test(state.voter) ? state.voter : randomBytes(24).toString('base64url');
  const key = state.idempotencyKey && IDEMPOTENCY_KEY_PATTERN.test(state.idempotencyKey) ? state.idempotencyKey : randomUUID();
  const hidden = [
    ['voter', voter],
    ['idempotencyKey', key],
    ['formToken', await issueFormToken(deps.secrets, box.id)],
    ['channel', state.channel],
    ['lang', lang],
    ...(state.location ? [['location', state.location]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
    .join('\n');
  const categories = box.categories.length
    ? `<label>${escapeHtml(words.category)}
<select name="category">
<option value="">${escapeHtml(words.noCategory)}</option>
${box.categories.map((k) => `<option value="${escapeHtml(k.id)}"${k.id === state.category ? ' selected' : ''}>${escapeHtml(pickText(k.label, lang))}</option>`).join('\n')}
</select></label>\n`
    : '';
  const contact = box.allowContact
    ? `<label>${escapeHtml(words.contact)} <input type="text" name="contact" maxlength="200" autocomplete="email" value="${escapeHtml(state.contact ?? '')}"></label>
<p class="note">${escapeHtml(words.contactNote)}</p>\n`
    : '';
  const error = state.error ? `<p class="error" role="alert">${escapeHtml(state.error)}</p>\n` : '';
  return `${error}<form method="post" action="/w/ideas/${escapeHtml(encodeURIComponent(box.id))}">
<label>${escapeHtml(words.yourIdea(box.maxLength))}
<textarea name="text" rows="5" minlength="10" maxlength="${box.maxLength}" required>${escapeHtml(state.text ?? '')}</textarea></label>
${categories}${contact}<div class="hp" aria-hidden="true"><label>${escapeHtml(words.honeypot)} <input type="text" name="website" value="" tabindex="-1" autocomplete="off"></label></div>
${hidden}
<button type="submit">${escapeHtml(words.submit)}</button>
</form>`;
}

function ideaList(box: IdeaBoxRecord, ideas: IdeaRecord[], lang: PageLang, words: IdeaPageText): string {
  if (ideas.length === 0) return `<p class="note">${escapeHtml(words.noIdeas)}</p>`;
  const labels = new Map(box.categories.map((k) => [k.id, pickText(k.label, lang)]));
  const items = ideas.map((idea) => {
    const meta = [words.status[idea.status] ?? idea.status, words.supports(idea.supports)];
    if (idea.category && labels.has(idea.category)) meta.unshift(labels.get(idea.category)!);
    const answer = idea.answer
      ? `\n<div class="answer"><strong>${escapeHtml(words.answer)}:</strong> ${escapeHtml(pickText(idea.answer, lang))}</div>`
      : '';
    return `<li><p class="idea">${escapeHtml(idea.text)}</p>\n<p class="note">${meta.map(escapeHtml).join(' · ')}</p>${answer}</li>`;
  });
  return `<ol class="ideas">\n${items.join('\n')}\n</ol>`;
}

function thankYouBody(box: IdeaBoxRecord, lang: PageLang, published: boolean): string {
  const words = IDEA_PAGE_TEXT[lang];
  const back = `/w/ideas/${encodeURIComponent(box.id)}?lang=${lang}`;
  return `<h1>${escapeHtml(pickText(box.topic, lang))}</h1>
<p role="status">${escapeHtml(words.thanks)}</p>
${published ? '' : `<p class="note">${escapeHtml(words.thanksPending)}</p>\n`}<p><a href="${escapeHtml(back)}">${escapeHtml(words.back)}</a></p>`;
}

function formatDate(date: Date, lang: PageLang): string {
  const locale = {fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB', se: 'fi-FI'}[lang];
  return new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki'}).format(date);
}

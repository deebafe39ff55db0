import type {AppDeps} from '../deps.js';
import {clientKey} from '../http/client-key.js';
import {parseWith} from '../http/contract.js';
import {contentHtml, errorAlert, escapeHtml, formatDate, hiddenInputs, pickText, widgetAttributes, wordHtml} from '../pages/html.js';
import {pageStyle} from '../pages/layout.js';
import type {PageFormState} from '../pages/request.js';
import {widgetPages} from '../pages/widget-page.js';
import {issueFormToken} from './form-token.js';
import {IDEA_PAGE_TEXT, type IdeaPageText} from './page-text.js';
import {rejectHoneypot} from './routes.js';
import {NewIdeaSchema} from './schema.js';
import {boxStatus, listIdeas, type IdeaBoxRecord, type IdeaRecord} from './store.js';
import {submitIdea, type IdeaLimiter} from './submit.js';

const STYLE = pageStyle({
  controls: 'textarea, select, input[type=text] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }',
  extra: [
    '.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }',
    'ol.ideas { padding-left: 0; list-style: none; }',
    'ol.ideas li { border-top: 1px solid #ddd; padding: .75rem 0; }',
    '.idea { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }',
    '.answer { border-left: .25rem solid #0b5cad; padding-left: .75rem; }',
  ],
});

interface FormState extends PageFormState {
  text?: string;
  category?: string;
  contact?: string;
}

/** The standalone idea page (QR and no-JavaScript target) and its plain form post, mounted at /w/ideas. */
export const ideaPages = (deps: AppDeps, limiter: IdeaLimiter) =>
  widgetPages<IdeaBoxRecord, FormState>(deps, {
    kind: 'ideas',
    load: (d, id) => d.content.box(id),
    style: STYLE,
    title: (box, lang) => pickText(box.topic, lang),
    words: IDEA_PAGE_TEXT,
    page: async (c, box, state) => (c.req.query('sent') === '1' ? thankYouBody(box, state, c.req.query('published') === '1') : boxBody(deps, box, state)),
    state: (form, common) => ({
      ...common,
      // A textarea submits CRLF line breaks; the API takes LF only.
      text: (form.get('text') ?? '').replace(/\r\n?/g, '\n'),
      category: form.get('category') || undefined,
      contact: form.get('contact') ?? undefined,
    }),
    async submit(c, box, state, form, idempotencyKey) {
      const fields = {
        text: state.text,
        category: state.category,
        contact: state.contact?.trim() ? state.contact : undefined,
        voter: state.voter,
        channel: state.channel,
        location: form.get('location') || undefined,
        lang: state.lang,
        formToken: form.get('formToken') ?? '',
        website: form.get('website') ?? '',
      };
      rejectHoneypot(fields);
      const idea = parseWith(NewIdeaSchema, fields);
      const result = await submitIdea(
        {db: deps.db, secrets: deps.secrets, limiter, formMinAgeMs: deps.config.formMinAgeMs},
        {box, idea, idempotencyKey, clientKey: await clientKey(c, deps.secrets, deps.config.trustProxy)},
      );
      return new URLSearchParams({sent: '1', lang: state.lang, published: result.body.published ? '1' : '0'});
    },
    form: (box, state) => boxBody(deps, box, state),
  });

async function boxBody(deps: AppDeps, box: IdeaBoxRecord, state: FormState): Promise<string> {
  await deps.counting.rollups.ifDue('idea_support_changes'); // the order is by rolled-up supports
  const {ideas} = await listIdeas(deps.db, {boxId: box.id, sort: 'support', limit: 20});
  return `<kirjasto-idea-box ${widgetAttributes('box', box.id, state)}>
${await fallback(deps, box, state, ideas)}
</kirjasto-idea-box>`;
}

/** The light-DOM fallback: what a reader without JavaScript gets. */
async function fallback(deps: AppDeps, box: IdeaBoxRecord, state: FormState, ideas: IdeaRecord[]): Promise<string> {
  const {lang} = state;
  const words = IDEA_PAGE_TEXT[lang];
  const description = box.description ? `<p>${contentHtml(box.description, state)}</p>\n` : '';
  const status = boxStatus(box);
  const form =
    status === 'open'
      ? await ideaForm(deps, box, state, words)
      : `<p class="note">${wordHtml(status === 'closed' ? words.closed : words.opensAt(formatDate(box.opensAt, lang)), lang)}</p>`;
  return `<h1>${contentHtml(box.topic, state)}</h1>
${description}${form}
<h2>${wordHtml(words.ideas, state.lang)}</h2>
${ideaList(box, ideas, state, words)}`;
}

async function ideaForm(deps: AppDeps, box: IdeaBoxRecord, state: FormState, words: IdeaPageText): Promise<string> {
  const hidden = hiddenInputs(state, [['formToken', await issueFormToken(deps.secrets, box.id)]]);
  const categories = box.categories.length
    ? `<label>${wordHtml(words.category, state.lang)}
<select name="category">
<option value="">${wordHtml(words.noCategory, state.lang)}</option>
${box.categories.map((k) => `<option value="${escapeHtml(k.id)}"${k.id === state.category ? ' selected' : ''}>${contentHtml(k.label, state)}</option>`).join('\n')}
</select></label>\n`
    : '';
  const contact = box.allowContact
    ? `<label>${wordHtml(words.contact, state.lang)} <input type="text" name="contact" maxlength="200" autocomplete="email" value="${escapeHtml(state.contact ?? '')}"></label>
<p class="note">${wordHtml(words.contactNote, state.lang)}</p>\n`
    : '';
  return `${errorAlert(state.error, state.lang)}<form method="post" action="/w/ideas/${escapeHtml(encodeURIComponent(box.id))}">
<label>${wordHtml(words.yourIdea(box.maxLength), state.lang)}
<textarea name="text" rows="5" minlength="10" maxlength="${box.maxLength}" required>${escapeHtml(state.text ?? '')}</textarea></label>
${categories}${contact}<div class="hp" aria-hidden="true"><label>${wordHtml(words.honeypot, state.lang)} <input type="text" name="website" value="" tabindex="-1" autocomplete="off"></label></div>
${hidden}
<button type="submit">${wordHtml(words.submit, state.lang)}</button>
</form>`;
}

function ideaList(box: IdeaBoxRecord, ideas: IdeaRecord[], state: FormState, words: IdeaPageText): string {
  if (ideas.length === 0) return `<p class="note">${wordHtml(words.noIdeas, state.lang)}</p>`;
  const labels = new Map(box.categories.map((k) => [k.id, contentHtml(k.label, state)]));
  const items = ideas.map((idea) => {
    const meta = [words.status[idea.status] ?? idea.status, words.supports(idea.supports)].map((word) => wordHtml(word, state.lang));
    if (idea.category && labels.has(idea.category)) meta.unshift(labels.get(idea.category)!);
    const answer = idea.answer
      ? `\n<div class="answer"><strong>${wordHtml(words.answer, state.lang)}:</strong> ${contentHtml(idea.answer, state)}</div>`
      : '';
    // The patron's text in its own language when known, even if that is the page's (WCAG 3.1.2).
    const own = idea.lang ? ` lang="${escapeHtml(idea.lang)}"` : '';
    return `<li><p class="idea"${own}>${escapeHtml(idea.text)}</p>\n<p class="note">${meta.join(' · ')}</p>${answer}</li>`;
  });
  return `<ol class="ideas">\n${items.join('\n')}\n</ol>`;
}

function thankYouBody(box: IdeaBoxRecord, state: PageFormState, published: boolean): string {
  const {lang} = state;
  const words = IDEA_PAGE_TEXT[lang];
  const back = `/w/ideas/${encodeURIComponent(box.id)}?lang=${lang}`;
  return `<h1>${contentHtml(box.topic, state)}</h1>
<p role="status">${wordHtml(words.thanks, state.lang)}</p>
${published ? '' : `<p class="note">${wordHtml(words.thanksPending, state.lang)}</p>\n`}<p><a href="${escapeHtml(back)}">${wordHtml(words.back, state.lang)}</a></p>`;
}

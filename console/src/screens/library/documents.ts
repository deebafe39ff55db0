import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {getLocale} from '../../i18n.js';
import '../../ui/copy-button.js';
import '../../ui/problem.js';

type Library = Schemas['TenantSettings'];

/** The templates in docs/templates/, each loaded (as text) only when it is chosen. */
const TEMPLATES = import.meta.glob<string>('../../../../docs/templates/*.{fi,sv,en}.md', {query: '?raw', import: 'default'});

export const DOCUMENT_KINDS = ['accessibility-statement', 'privacy-notice', 'records-of-processing', 'dpa-checklist'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

const kindName = (kind: DocumentKind) =>
  ({
    'accessibility-statement': msg('Accessibility statement'),
    'privacy-notice': msg('Privacy notice'),
    'records-of-processing': msg('Record of processing activities'),
    'dpa-checklist': msg('Data-processing agreement checklist'),
  })[kind];

const documentLanguageName = (lang: DocumentLanguage) => ({fi: msg('Finnish'), sv: msg('Swedish'), en: msg('English')})[lang];

/** The library's languages as the document's own language names them (document text, not console UI). */
const LANGUAGE_NAMES: Record<DocumentLanguage, Record<string, string>> = {
  fi: {fi: 'suomi', sv: 'ruotsi', en: 'englanti', se: 'pohjoissaame', 'fi-x-selko': 'selkosuomi'},
  sv: {fi: 'finska', sv: 'svenska', en: 'engelska', se: 'nordsamiska', 'fi-x-selko': 'lättläst finska'},
  en: {fi: 'Finnish', sv: 'Swedish', en: 'English', se: 'Northern Sami', 'fi-x-selko': 'plain Finnish'},
};

/** What the console knows of a template's `{{placeholders}}`: the library's settings, the server, today. */
export function knownValues(library: Library, lang: DocumentLanguage, serverUrl: string, today = new Date()): Record<string, string> {
  const name = library.name[lang] || library.name[library.defaultLanguage] || Object.values(library.name).find(Boolean) || library.id;
  const list = (items: string[]) => new Intl.ListFormat(lang, {type: 'conjunction'}).format(items);
  return {
    'library.name': name,
    'library.languages': list(library.languages.map((l) => LANGUAGE_NAMES[lang][l] ?? l)),
    'library.timeZone': library.timeZone,
    // Development origins (localhost) are no place a patron visits: they stay to be filled in.
    'library.sites': list(library.allowedOrigins.filter((o) => !/^https?:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(o))),
    // The retention the owner set (Settings → Data protection), which the server's daily job applies.
    'retention.freeTextMonths': String(library.retention.freeTextMonths),
    'retention.contactMaxMonths': String(library.retention.contactMonths),
    'retention.contactDaysAfterAnswer': String(library.retention.answeredContactDays),
    'retention.rawAnswersMonths': String(library.retention.rawMonths),
    'retention.technicalDays': '30',
    'server.url': serverUrl,
    'document.date': new Intl.DateTimeFormat(lang, {dateStyle: 'long'}).format(today),
  };
}

/** The template with every `{{placeholder}}` that has a non-empty value replaced by it; the rest stay. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([\w.]+)\}\}/g, (whole, key: string) => values[key] || whole);
}

export interface Piece {
  text: string;
  /** `fill`: a `{{placeholder}}` nobody filled; `check`: a `[[note]]` (nested notes stay inside it). */
  kind: 'text' | 'fill' | 'check';
}

/** Splits a filled document into plain text, unfilled placeholders and notes a person must act on. */
export function documentPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let plain = '';
  const flush = () => {
    if (plain) pieces.push({text: plain, kind: 'text'});
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('[[', i)) {
      let depth = 0;
      let end = i;
      while (end < text.length) {
        if (text.startsWith('[[', end)) {
          depth++;
          end += 2;
        } else if (text.startsWith(']]', end)) {
          depth--;
          end += 2;
          if (depth === 0) break;
        } else end++;
      }
      flush();
      pieces.push({text: text.slice(i, end), kind: 'check'});
      i = end;
      continue;
    }
    const fill = /^\{\{[\w.]+\}\}/.exec(text.slice(i, i + 80));
    if (fill) {
      flush();
      pieces.push({text: fill[0], kind: 'fill'});
      i += fill[0].length;
      continue;
    }
    plain += text[i++];
  }
  flush();
  return pieces;
}

/** The placeholders still to fill in, each once, in the order they first appear (also inside notes). */
export const unfilled = (text: string) => [...new Set([...text.matchAll(/\{\{([\w.]+)\}\}/g)].map((m) => m[1]!))];

/**
 * /t/:tenant/documents (owner): the accessibility statement, privacy notice, record of processing and
 * data-processing agreement checklist from docs/templates/, in Finnish, Swedish or English, filled in
 * with what the library's settings say (name, languages, time zone, sites, this server, today) and
 * with what a person must still fill in or check marked, to copy or download and finish elsewhere.
 */
@customElement('console-documents')
export class DocumentsScreen extends ConsoleScreen {
  @state() private library?: Library;
  @state() private problem?: unknown;
  @state() private kind: DocumentKind = 'privacy-notice';
  @state() private documentLang: DocumentLanguage = (DOCUMENT_LANGUAGES as readonly string[]).includes(getLocale()) ? (getLocale() as DocumentLanguage) : 'fi';
  @state() private template?: string;
  @state() private downloadUrl?: string;
  private readonly ids = {kind: uniqueId('document-kind'), lang: uniqueId('document-lang'), text: uniqueId('document-text')};

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
    if (changed.has('kind') || changed.has('documentLang')) void this.loadTemplate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  private load = async () => {
    this.problem = undefined;
    try {
      this.library = (await api.get<Library>(AdminClient.tenantPath(this.tenant.id))).data;
    } catch (error) {
      this.problem = error;
    }
  };

  private async loadTemplate() {
    const kind = this.kind;
    const lang = this.documentLang;
    this.template = undefined;
    const load = TEMPLATES[`../../../../docs/templates/${kind}.${lang}.md`];
    if (!load) return;
    try {
      const text = await load();
      if (kind === this.kind && lang === this.documentLang) this.template = text;
    } catch (error) {
      this.problem = error;
    }
  }

  private get filled(): string | undefined {
    if (!this.template || !this.library) return undefined;
    return fillTemplate(this.template, knownValues(this.library, this.documentLang, location.origin));
  }

  /** The download link's file, made once the filled text is known (and again after each choice). */
  override updated() {
    const text = this.filled;
    if (text && !this.downloadUrl) this.downloadUrl = URL.createObjectURL(new Blob([text], {type: 'text/markdown;charset=utf-8'}));
  }

  private choose(kind: DocumentKind, lang: DocumentLanguage) {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = undefined;
    this.kind = kind;
    this.documentLang = lang;
  }

  override render() {
    const text = this.filled;
    return html`<h1>${msg(str`Documents: ${this.tenant.name}`)}</h1>
      <p>
        ${msg(
          'Templates the library fills in and publishes before it takes the services into use. What the settings say is filled in; what a person must still fill in or check is marked. Copy or download the text and finish it with your data-protection officer and accessibility lead.',
        )}
      </p>
      <console-problem .problem=${this.problem} .retry=${this.load}></console-problem>
      <form class="panel document-choice" aria-label=${msg('Choose a document')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for=${this.ids.kind}>${msg('Document')}</label>
          <select id=${this.ids.kind} @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value as DocumentKind, this.documentLang)}>
            ${DOCUMENT_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindName(k)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for=${this.ids.lang}>${msg('Language of the document')}</label>
          <select id=${this.ids.lang} @change=${(e: Event) => this.choose(this.kind, (e.target as HTMLSelectElement).value as DocumentLanguage)}>
            ${DOCUMENT_LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === this.documentLang}>${documentLanguageName(l)}</option>`)}
          </select>
        </div>
      </form>
      ${!text ? (this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`) : this.renderDocument(text)}`;
  }

  private renderDocument(text: string) {
    const missing = unfilled(text);
    const notes = documentPieces(text).filter((p) => p.kind === 'check').length;
    const fileName = `${this.kind}.${this.documentLang}.md`;
    return html`<section class="panel" aria-labelledby="document-todo">
        <h2 id="document-todo">${msg('Still to do')}</h2>
        <p>
          ${notes === 1 ? msg('1 point to check or decide, marked [[…]].') : msg(str`${notes} points to check or decide, marked [[…]].`)}
          ${missing.length === 1 ? msg('1 value to fill in, marked {{…}}:') : msg(str`${missing.length} values to fill in, marked {{…}}:`)}
        </p>
        <ul class="document-missing">
          ${missing.map((key) => html`<li><code>{{${key}}}</code></li>`)}
        </ul>
        <p class="document-actions">
          <console-copy-button .text=${text} what=${msg('the document')}></console-copy-button>
          ${this.downloadUrl ? html`<a class="button secondary" href=${this.downloadUrl} download=${fileName}>${msg(str`Download ${fileName}`)}</a>` : nothing}
        </p>
      </section>
      <section class="panel" aria-labelledby=${this.ids.text}>
        <h2 id=${this.ids.text}>${kindName(this.kind)} (${documentLanguageName(this.documentLang)})</h2>
        <div class="document-text" lang=${this.documentLang}>${documentPieces(text).map((p) => (p.kind === 'text' ? p.text : html`<mark class=${`document-${p.kind}`}>${p.text}</mark>`))}</div>
      </section>`;
  }
}

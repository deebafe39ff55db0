import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, property} from 'lit/decorators.js';
import type {Text} from '../api.js';
import {ConsoleElement, uniqueId} from '../element.js';
import {languageName} from './labels.js';

/**
 * One multilingual content text (a question, an option's label, a branch's name): a labelled input per
 * language in a fieldset, each with `lang` so spelling is checked in its language. A language left empty
 * while another has text is marked "translation missing" in words (patrons then see the fallback
 * language). Fires `text-change` with the new Text, empty languages left out.
 */
@customElement('console-text-field')
export class TextField extends ConsoleElement {
  @property() label = '';
  @property({attribute: false}) value: Text = {};
  @property({attribute: false}) languages: readonly string[] = ['fi', 'sv', 'en'];
  @property({type: Boolean}) multiline = false;
  /** At least one language must have text. */
  @property({type: Boolean}) required = false;
  @property({type: Number}) maxLength = 2000;
  /** The field's JSON Pointer in the request body (`/question`), to show the server's messages. */
  @property() pointer = '';
  @property({attribute: false}) errors: ReadonlyMap<string, string> = new Map();
  private readonly base = uniqueId('text');

  private onInput(lang: string, event: Event) {
    const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    const next: Text = {...this.value};
    if (text.trim()) next[lang] = text;
    else delete next[lang];
    this.value = next;
    this.dispatchEvent(new CustomEvent<Text>('text-change', {detail: next, bubbles: true}));
  }

  override render() {
    const filled = this.languages.some((lang) => this.value[lang]?.trim());
    const fieldError = this.errors.get(this.pointer);
    return html`<fieldset class="text-field">
      <legend>${this.label}${this.required ? html` <span class="required">${msg('(required)')}</span>` : nothing}</legend>
      ${fieldError ? html`<p class="field-error" id="${this.base}-error">${fieldError}</p>` : nothing}
      ${this.languages.map((lang, index) => {
        const id = `${this.base}-${lang}`;
        const error = this.errors.get(`${this.pointer}/${lang}`);
        const missing = filled && !this.value[lang]?.trim();
        const described = [error ? `${id}-error` : '', missing ? `${id}-missing` : '', fieldError ? `${this.base}-error` : ''].filter(Boolean).join(' ');
        const attrs = {
          id,
          lang,
          describedby: described || nothing,
          invalid: error || fieldError ? 'true' : nothing,
        };
        return html`<div class="text-row">
          <label for=${id}>${languageName(lang)}</label>
          ${this.multiline
            ? html`<textarea
                id=${attrs.id}
                lang=${attrs.lang}
                rows="3"
                maxlength=${this.maxLength}
                aria-describedby=${attrs.describedby}
                aria-invalid=${attrs.invalid}
                ?required=${this.required && index === 0 && !filled}
                .value=${this.value[lang] ?? ''}
                @input=${(e: Event) => this.onInput(lang, e)}
              ></textarea>`
            : html`<input
                id=${attrs.id}
                lang=${attrs.lang}
                maxlength=${this.maxLength}
                aria-describedby=${attrs.describedby}
                aria-invalid=${attrs.invalid}
                ?required=${this.required && index === 0 && !filled}
                .value=${this.value[lang] ?? ''}
                @input=${(e: Event) => this.onInput(lang, e)}
              />`}
          ${missing ? html`<span class="missing" id="${id}-missing">${msg('Translation missing')}</span>` : nothing}
          ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
        </div>`;
      })}
    </fieldset>`;
  }
}

import {msg, str} from '@lit/localize';
import {html, nothing, type TemplateResult} from 'lit';
import {intlLocales, uiText} from '../shared/i18n.js';
import type {Text} from '../shared/types.js';
import type {Idea, IdeaBox, IdeaStatus} from './idea-box.types.js';

function statusLabel(status: IdeaStatus): string {
  switch (status) {
    case 'under-consideration':
      return msg('Harkinnassa');
    case 'planned':
      return msg('Suunnitteilla');
    case 'done':
      return msg('Toteutettu');
    case 'declined':
      return msg('Ei toteuteta');
    default:
      return msg('Uusi');
  }
}

const date = (iso: string) => new Intl.DateTimeFormat(intlLocales(), {dateStyle: 'medium'}).format(new Date(iso));

/** One idea: the patron's text (as text only, in its own direction and, when known, language), its status, the library's answer and the support button. */
export function renderIdea(idea: Idea, box: IdeaBox, text: (text: Text) => TemplateResult, onSupport: () => void): TemplateResult {
  const category = box.categories.find((c) => c.id === idea.category);
  const supporters = new Intl.NumberFormat(intlLocales()).format(idea.supports);
  return html`<li part="idea" class="idea" data-idea=${idea.id} tabindex="-1">
    <p class="idea-text" dir="auto" lang=${idea.lang ?? ''}>${idea.text}</p>
    <p class="meta muted">
      <span part="badge" class="badge ${idea.status}">${uiText(statusLabel(idea.status))}</span>
      ${category ? html`<span>${text(category.label)}</span>` : nothing}
      <span>${date(idea.createdAt)}</span>
    </p>
    ${idea.answer ? html`<div part="answer" class="answer"><strong>${msg('Kirjaston vastaus:')}</strong> ${text(idea.answer)}</div>` : nothing}
    <button part="support" class="support secondary" aria-pressed=${!!idea.supported} @click=${onSupport}>
      ${idea.supported ? msg('Kannatettu') : msg('Kannata')}
      <span class="supports" aria-hidden="true">${supporters}</span>
      <span class="visually-hidden">${msg(str`(${supporters} kannattajaa)`)}</span>
    </button>
  </li>`;
}

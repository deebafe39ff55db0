import {msg, str} from '@lit/localize';
import {html} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {ConsoleElement} from '../element.js';

/** Puts `text` on the clipboard (the async API, else a hidden textarea and execCommand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/**
 * A "Copy" button for one snippet; `what` names it for screen readers ("Copy the script tag"). After
 * a copy its own live region says "Copied" for a few seconds (or that copying failed: select and copy
 * by hand), so the staff member hears it without leaving the button.
 */
@customElement('console-copy-button')
export class CopyButton extends ConsoleElement {
  @property() text = '';
  @property() what = '';
  @state() private said: '' | 'copied' | 'failed' = '';
  private timer?: ReturnType<typeof setTimeout>;

  private async onClick() {
    const ok = await copyText(this.text);
    this.said = ok ? 'copied' : 'failed';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.said = ''), 4000);
  }

  override render() {
    return html`<span class="copy-button">
      <button type="button" class="secondary" @click=${this.onClick}>${this.what ? msg(str`Copy ${this.what}`) : msg('Copy')}</button>
      <span class="copy-status" role="status">${this.said === 'copied' ? msg('Copied') : this.said === 'failed' ? msg('Could not copy: select the text and copy it yourself.') : ''}</span>
    </span>`;
  }
}

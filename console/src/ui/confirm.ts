import {msg} from '@lit/localize';
import {html, render} from 'lit';
import {uniqueId} from '../element.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  /** The confirming button's words: say what happens ("Remove the branch"), not "OK". */
  confirmLabel: string;
  /** A destructive act: the confirming button is red. */
  danger?: boolean;
}

/**
 * Asks before an act that cannot be undone, in a modal native `<dialog>`: its title and message are its
 * accessible name and description, focus starts on "Cancel" (the safe choice), Escape cancels, and focus
 * returns to the control that opened it. Resolves true only when the staff member confirms.
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const id = uniqueId('confirm');
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-message`);
  render(
    html`<form method="dialog" class="stack">
      <h2 id="${id}-title">${options.title}</h2>
      <p id="${id}-message">${options.message}</p>
      <div class="actions">
        <button type="submit" value="ok" class=${options.danger ? 'danger' : ''}>${options.confirmLabel}</button>
        <button type="submit" value="cancel" class="secondary">${msg('Cancel')}</button>
      </div>
    </form>`,
    dialog,
  );
  (document.querySelector('kirjasto-console') ?? document.body).append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
      if (opener?.isConnected) opener.focus();
    });
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('button[value=cancel]')?.focus();
  });
}

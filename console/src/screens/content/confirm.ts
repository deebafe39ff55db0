import {msg} from '@lit/localize';
import {html, render} from 'lit';

/**
 * A modal question with two buttons, as a native <dialog> (focus moves in and returns; Escape
 * cancels). Resolves true when the staff member confirms.
 */
export function askConfirm(question: {title: string; body: string; confirm: string; danger?: boolean}): Promise<boolean> {
  const dialog = document.createElement('dialog');
  dialog.className = 'content-confirm';
  dialog.setAttribute('aria-labelledby', 'content-confirm-title');
  dialog.setAttribute('aria-describedby', 'content-confirm-body');
  const opener = document.activeElement as HTMLElement | null;
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      opener?.focus();
      resolve(answer);
    };
    render(
      html`<h2 id="content-confirm-title">${question.title}</h2>
        <p id="content-confirm-body">${question.body}</p>
        <div class="actions">
          <button type="button" class=${question.danger ? 'danger' : ''} @click=${() => done(true)}>${question.confirm}</button>
          <button type="button" class="secondary" @click=${() => done(false)}>${msg('Cancel')}</button>
        </div>`,
      dialog,
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      done(false);
    });
    (document.querySelector('kirjasto-console') ?? document.body).append(dialog);
    dialog.showModal();
    // The safe answer first: Enter or Space right away cancels.
    dialog.querySelector<HTMLButtonElement>("button.secondary")?.focus();
  });
}

import {msg} from '@lit/localize';
import {html} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {ConsoleElement, uniqueId} from '../element.js';
import {signIn} from '../session.js';
import './problem.js';

/**
 * Email and password; on success it fires `console-signed-in` (bubbling) with the session. Used by
 * the sign-in page and by the dialog that opens when a session ends mid-work.
 */
@customElement('console-sign-in-form')
export class SignInForm extends ConsoleElement {
  @property() email = '';
  @state() private busy = false;
  @state() private problem?: unknown;
  private readonly ids = {email: uniqueId('email'), password: uniqueId('password')};

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.problem = undefined;
    try {
      const session = await signIn(String(data.get('email')), String(data.get('password')));
      this.dispatchEvent(new CustomEvent('console-signed-in', {detail: session, bubbles: true}));
    } catch (error) {
      this.problem = error;
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('input[name=password]')?.select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="stack" @submit=${this.onSubmit}>
      <console-problem .problem=${this.problem}></console-problem>
      <div class="field">
        <label for=${this.ids.email}>${msg('Email address')}</label>
        <input id=${this.ids.email} name="email" type="email" autocomplete="username" required .value=${this.email} />
      </div>
      <div class="field">
        <label for=${this.ids.password}>${msg('Password')}</label>
        <input id=${this.ids.password} name="password" type="password" autocomplete="current-password" required />
      </div>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? msg('Signing in…') : msg('Sign in')}</button></div>
    </form>`;
  }
}

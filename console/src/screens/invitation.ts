import {msg} from '@lit/localize';
import {html} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {api, type StaffSession} from '../api.js';
import {ConsoleElement, uniqueId} from '../element.js';
import '../ui/problem.js';

/** An invitation's one-time link: the new staff member sets a password (and name) and is signed in. */
@customElement('console-invitation')
export class InvitationScreen extends ConsoleElement {
  @property({attribute: false}) token = '';
  @state() private busy = false;
  @state() private problem?: unknown;
  private readonly ids = {name: uniqueId('name'), password: uniqueId('password'), hint: uniqueId('hint')};

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.problem = undefined;
    try {
      const name = String(data.get('name')).trim();
      const {data: session} = await api.request<StaffSession>('POST', `/invitations/${encodeURIComponent(this.token)}`, {
        body: {password: String(data.get('password')), ...(name ? {name} : {})},
      });
      api.csrfToken = session.csrfToken;
      this.dispatchEvent(new CustomEvent('console-signed-in', {detail: session, bubbles: true}));
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<div class="narrow">
      <h1>${msg('Welcome to the Kirjasto console')}</h1>
      <p>${msg('You have been invited to a library. Choose a password to finish; the link works once.')}</p>
      <form class="stack" @submit=${this.onSubmit}>
        <console-problem .problem=${this.problem}></console-problem>
        <div class="field">
          <label for=${this.ids.name}>${msg('Your name (shown to your colleagues)')}</label>
          <input id=${this.ids.name} name="name" autocomplete="name" maxlength="200" />
        </div>
        <div class="field">
          <label for=${this.ids.password}>${msg('New password')}</label>
          <input id=${this.ids.password} name="password" type="password" autocomplete="new-password" required minlength="10" aria-describedby=${this.ids.hint} />
          <p class="hint" id=${this.ids.hint}>${msg('At least 10 characters. A few words in a row make a good one.')}</p>
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Set the password and sign in')}</button></div>
      </form>
    </div>`;
  }
}

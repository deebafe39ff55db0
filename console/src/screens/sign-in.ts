import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement} from 'lit/decorators.js';
import {ConsoleElement} from '../element.js';
import '../ui/sign-in-form.js';

/**
 * The sign-in page. A library that signs its staff in through its own identity provider gives them
 * the link `/admin/sign-in?library=<id>`, which adds the button for it.
 */
@customElement('console-sign-in')
export class SignInScreen extends ConsoleElement {
  override render() {
    const library = new URLSearchParams(location.search).get('library');
    return html`<div class="narrow">
      <h1>${msg('Sign in to the Kirjasto console')}</h1>
      <p>${msg('For library staff. Patrons answer without an account.')}</p>
      ${library
        ? html`<p>
              <a class="button" href="/api/v1/admin/oidc/${encodeURIComponent(library)}/start"
                >${msg(str`Sign in with your library's account (${library})`)}</a
              >
            </p>
            <p class="or">${msg('or with a console password:')}</p>`
        : nothing}
      <console-sign-in-form></console-sign-in-form>
      <p class="hint">${msg('Forgot your password, or no account yet? Ask the owner of your library in the console.')}</p>
    </div>`;
  }
}

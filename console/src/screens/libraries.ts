import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {type StaffSession} from '../api.js';
import {ConsoleElement} from '../element.js';
import {loadSession} from '../session.js';
import {roleName} from '../ui/labels.js';

/**
 * /admin/: the libraries the staff member belongs to. With one library it opens that library's start
 * page at once; a regional admin also gets the link to all libraries.
 */
@customElement('console-libraries')
export class LibrariesScreen extends ConsoleElement {
  @state() private session?: StaffSession;

  override async connectedCallback() {
    super.connectedCallback();
    const session = await loadSession();
    if (session?.tenants.length === 1 && !session.user.regionalAdmin) {
      this.navigate(`/t/${encodeURIComponent(session.tenants[0].id)}/`);
      return;
    }
    this.session = session;
  }

  override render() {
    const session = this.session;
    return html`<h1>${msg('Your libraries')}</h1>
      ${!session
        ? html`<p role="status">${msg('Loading…')}</p>`
        : html`${session.tenants.length === 0
              ? html`<p>${msg('You are not a member of any library yet. Ask a library\'s owner to invite you.')}</p>`
              : html`<ul class="cards">
                  ${session.tenants.map(
                    (t) => html`<li><a href="/admin/t/${encodeURIComponent(t.id)}/">${t.name}</a> <span class="badge">${roleName(t.role)}</span></li>`,
                  )}
                </ul>`}
            ${session.user.regionalAdmin
              ? html`<h2>${msg('Regional admin')}</h2>
                  <p><a href="/admin/libraries/">${msg('All libraries on this server')}</a></p>`
              : nothing}`}`;
  }
}

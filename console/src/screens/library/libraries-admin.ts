import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, ApiProblem, newIdempotencyKey, type Schemas, type StaffSession} from '../../api.js';
import {ConsoleElement, uniqueId} from '../../element.js';
import {formatDateTime} from '../../i18n.js';
import {loadSession} from '../../session.js';
import {roleName} from '../../ui/labels.js';
import '../../ui/problem.js';
import {copyText, secretBox} from './shared.js';

type Tenant = Schemas['AdminTenant'];

/**
 * /libraries (regional admin): every library on the server, and a new library with its first owner's
 * one-time invitation link.
 */
@customElement('console-all-libraries')
export class AllLibrariesScreen extends ConsoleElement {
  @state() private session?: StaffSession;
  @state() private tenants?: Tenant[];
  @state() private problem?: unknown;
  @state() private createProblem?: unknown;
  @state() private created?: {tenant: Tenant; invitation?: Schemas['MemberAdded']['invitation']; email: string; ownerProblem?: unknown};
  @state() private busy = false;
  private key = newIdempotencyKey();
  private readonly ids = {id: uniqueId('library-id'), name: uniqueId('library-name'), owner: uniqueId('owner'), link: uniqueId('link')};

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private load = async () => {
    try {
      this.session = await loadSession();
      this.tenants = (await api.get<Schemas['AdminTenants']>('/tenants')).data.tenants;
    } catch (error) {
      this.problem = error;
    }
  };

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('owner')).trim();
    this.busy = true;
    this.createProblem = undefined;
    try {
      const {data: tenant} = await api.request<Tenant>('POST', '/tenants', {body: {id: String(data.get('id')).trim(), name: String(data.get('name')).trim()}, idempotencyKey: this.key});
      this.key = newIdempotencyKey();
      let invitation;
      let ownerProblem;
      try {
        invitation = (await api.request<Schemas['MemberAdded']>('POST', AdminClient.tenantPath(tenant.id, '/users'), {body: {email, role: 'owner'}, idempotencyKey: newIdempotencyKey()})).data.invitation;
      } catch (error) {
        ownerProblem = error;
      }
      this.created = {tenant, invitation, email, ownerProblem};
      form.reset();
      await this.load();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#library-result')?.focus();
    } catch (error) {
      this.createProblem = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.session && !this.session.user.regionalAdmin) {
      return html`<h1>${msg('All libraries')}</h1>
        <p>${msg('Only a regional admin can see all libraries.')}</p>
        <p><a href="/admin/">${msg('Your libraries')}</a></p>`;
    }
    return html`<div class="page">
      <h1>${msg('All libraries')}</h1>
      <console-problem .problem=${this.problem} .retry=${this.load}></console-problem>
      ${this.tenants === undefined
        ? this.problem
          ? nothing
          : html`<p role="status">${msg('Loading…')}</p>`
        : html`<div class="table-wrap">
            <table>
              <caption>${msg('Libraries on this server')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Name')}</th>
                  <th scope="col">${msg('Id')}</th>
                  <th scope="col">${msg('Time zone')}</th>
                  <th scope="col">${msg('Your role')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.tenants.map(
                  (t) => html`<tr>
                    <td><a href="/admin/t/${encodeURIComponent(t.id)}/">${t.name}</a></td>
                    <td><code>${t.id}</code></td>
                    <td>${t.timeZone}</td>
                    <td>${t.role ? roleName(t.role) : msg('regional admin')}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${this.renderCreate()}
    </div>`;
  }

  private renderCreate() {
    const errors = this.createProblem instanceof ApiProblem ? this.createProblem.fieldErrors : new Map<string, string>();
    const c = this.created;
    const fieldError = (pointer: string, id: string) => (errors.get(pointer) ? html`<p class="field-error" id="${id}-error">${errors.get(pointer)}</p>` : nothing);
    return html`<section class="panel stack" aria-labelledby="new-library-title">
      <h2 id="new-library-title">${msg('New library')}</h2>
      ${c
        ? html`<div id="library-result" class="success-box stack" tabindex="-1">
            <p>${msg(str`The library "${c.tenant.name}" was created.`)}</p>
            ${c.invitation
              ? html`<p>${msg(str`Send this link to ${c.email}: it makes them the library's first owner. It works once, until ${formatDateTime(c.invitation.expiresAt)}, and is shown only now.`)}</p>
                  ${secretBox(this.ids.link, msg('Invitation link'), c.invitation.url, () => void this.copy(c.invitation!.url))}`
              : c.ownerProblem
                ? html`<console-problem .problem=${c.ownerProblem}></console-problem>`
                : html`<p>${msg(str`${c.email} already had an account and is now the library's owner.`)}</p>`}
            <div class="actions"><button type="button" class="secondary" @click=${() => (this.created = undefined)}>${msg('Done')}</button></div>
          </div>`
        : nothing}
      <form class="stack" @submit=${this.create}>
        <console-problem .problem=${this.createProblem}></console-problem>
        <div class="field">
          <label for=${this.ids.name}>${msg('Name')} <span class="required">${msg('(required)')}</span></label>
          <input id=${this.ids.name} name="name" required maxlength="200" autocomplete="off" placeholder="Oulun kaupunginkirjasto" aria-describedby=${errors.get('/name') ? `${this.ids.name}-error` : nothing} />
          ${fieldError('/name', this.ids.name)}
        </div>
        <div class="field">
          <label for=${this.ids.id}>${msg('Id')} <span class="required">${msg('(required)')}</span></label>
          <input
            id=${this.ids.id}
            name="id"
            required
            pattern="[a-z0-9][a-z0-9\\-]{1,62}[a-z0-9]"
            maxlength="64"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="${this.ids.id}-hint${errors.get('/id') ? ` ${this.ids.id}-error` : ''}"
          />
          <p class="hint" id="${this.ids.id}-hint">${msg('Part of addresses, for example oulu: 3–64 characters of a–z, 0–9 and -. It cannot be changed later.')}</p>
          ${fieldError('/id', this.ids.id)}
        </div>
        <div class="field">
          <label for=${this.ids.owner}>${msg("First owner's email address")} <span class="required">${msg('(required)')}</span></label>
          <input id=${this.ids.owner} name="owner" type="email" required maxlength="254" autocomplete="off" />
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Create the library')}</button></div>
      </form>
    </section>`;
  }

  private async copy(value: string) {
    this.notify((await copyText(value)) ? msg('Copied.') : msg('Copying did not work: select the text and copy it yourself.'));
  }
}

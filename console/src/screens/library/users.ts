import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, ApiProblem, newIdempotencyKey, type Role, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatDateTime} from '../../i18n.js';
import {confirmAction} from '../../ui/confirm.js';
import {roleName} from '../../ui/labels.js';
import '../../ui/problem.js';
import {copyText, secretBox} from './shared.js';

type Member = Schemas['Member'];
type Members = Schemas['Members'];
type Added = Schemas['MemberAdded'];
const ROLES: Role[] = ['owner', 'editor', 'moderator', 'viewer'];

const roleHelp = (role: Role) =>
  ({
    owner: msg('users, branches, settings and API tokens, and everything else'),
    editor: msg('creates and edits polls, ratings and idea boxes'),
    moderator: msg('moderates and answers ideas'),
    viewer: msg('reads the start page and the lists'),
  })[role];

/**
 * /t/:tenant/users (owner): the library's staff and their roles, pending invitations, and inviting
 * someone by a one-time link, shown once with a copy button.
 */
@customElement('console-users')
export class UsersScreen extends ConsoleScreen {
  @state() private members?: Members;
  @state() private problem?: unknown;
  @state() private inviteProblem?: unknown;
  @state() private added?: Added & {email: string};
  @state() private busy = false;
  private inviteKey = newIdempotencyKey();
  private readonly ids = {email: uniqueId('email'), name: uniqueId('name'), role: uniqueId('role'), link: uniqueId('link'), roles: uniqueId('roles')};

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private path(p = '') {
    return AdminClient.tenantPath(this.tenant.id, `/users${p}`);
  }

  private load = async () => {
    try {
      this.members = (await api.get<Members>(this.path())).data;
    } catch (error) {
      this.problem = error;
    }
  };

  private async changeRole(member: Member, role: Role, select: HTMLSelectElement) {
    this.problem = undefined;
    try {
      await api.request('PATCH', this.path(`/${encodeURIComponent(member.id)}`), {body: {role}});
      this.notify(msg(str`${member.name || member.email} is now ${roleName(role)}.`));
      await this.load();
    } catch (error) {
      select.value = member.role;
      this.problem = error;
    }
  }

  private async removeMember(member: Member) {
    const who = member.name || member.email;
    const sure = await confirmAction({
      title: msg(str`Remove ${who} from the library?`),
      message: msg('They can no longer sign in to this library. What they did stays in the audit log.'),
      confirmLabel: msg('Remove from the library'),
      danger: true,
    });
    if (!sure) return;
    this.problem = undefined;
    try {
      await api.request('DELETE', this.path(`/${encodeURIComponent(member.id)}`));
      this.notify(msg(str`${who} was removed from the library.`));
      await this.load();
    } catch (error) {
      this.problem = error;
    }
  }

  private async invite(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email')).trim();
    const name = String(data.get('name') ?? '').trim();
    this.busy = true;
    this.inviteProblem = undefined;
    try {
      const {data: added} = await api.request<Added>('POST', this.path(), {
        body: {email, role: data.get('role'), ...(name ? {name} : {})},
        idempotencyKey: this.inviteKey,
      });
      this.inviteKey = newIdempotencyKey();
      this.added = {...added, email};
      form.reset();
      await this.load();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#invite-result')?.focus();
    } catch (error) {
      this.inviteProblem = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = this.members;
    const lastOwner = this.problem instanceof ApiProblem && this.problem.slug === 'last-owner';
    return html`<h1>${msg('Users and roles')}</h1>
      ${lastOwner
        ? html`<div class="problem" role="alert">
            <p>${msg('The library needs at least one owner. Make someone else an owner first.')}</p>
            <p class="detail">${(this.problem as ApiProblem).body?.detail}</p>
          </div>`
        : html`<console-problem .problem=${this.problem} .retry=${m ? undefined : this.load}></console-problem>`}
      ${!m ? (this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`) : this.renderMembers(m)} ${this.renderInvite()}`;
  }

  private renderMembers(m: Members) {
    return html`<details class="role-help">
        <summary>${msg('What each role may do')}</summary>
        <ul id=${this.ids.roles}>
          ${ROLES.map((r) => html`<li><strong>${roleName(r)}</strong>: ${roleHelp(r)}</li>`)}
        </ul>
      </details>
      <div class="table-wrap">
        <table>
          <caption>${msg('Staff of the library')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Name')}</th>
              <th scope="col">${msg('Email address')}</th>
              <th scope="col">${msg('Role')}</th>
              <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${m.users.map(
              (u) => html`<tr>
                <td>${u.name || '–'}</td>
                <td>${u.email}</td>
                <td>
                  <select aria-label=${msg(str`Role of ${u.name || u.email}`)} @change=${(e: Event) => this.changeRole(u, (e.target as HTMLSelectElement).value as Role, e.target as HTMLSelectElement)}>
                    ${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${roleName(r)}</option>`)}
                  </select>
                </td>
                <td><button type="button" class="secondary" @click=${() => this.removeMember(u)}>${msg('Remove')}<span class="visually-hidden"> ${u.name || u.email}</span></button></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${m.invitations.length
        ? html`<h2>${msg('Invitations not yet used')}</h2>
            <ul class="cards">
              ${m.invitations.map(
                (i) => html`<li>${i.email} · ${roleName(i.role)} · ${msg(str`expires ${formatDateTime(i.expiresAt)}`)} · ${msg(str`invited by ${i.invitedBy}`)}</li>`,
              )}
            </ul>`
        : nothing}`;
  }

  private renderInvite() {
    const errors = this.inviteProblem instanceof ApiProblem ? this.inviteProblem.fieldErrors : new Map<string, string>();
    const emailError = errors.get('/email');
    const added = this.added;
    return html`<section class="panel stack" aria-labelledby="invite-title">
      <h2 id="invite-title">${msg('Invite a colleague')}</h2>
      ${added
        ? html`<div id="invite-result" class="success-box stack" tabindex="-1">
            ${added.invitation
              ? html`<p>${msg(str`Send this link to ${added.email}, for example by email. It works once, until ${formatDateTime(added.invitation.expiresAt)}. It is shown only now.`)}</p>
                  ${secretBox(this.ids.link, msg('Invitation link'), added.invitation.url, () => void this.copy(added.invitation!.url))}`
              : html`<p>${msg(str`${added.email} already had an account and can now sign in to this library.`)}</p>`}
            <div class="actions"><button type="button" class="secondary" @click=${() => (this.added = undefined)}>${msg('Done')}</button></div>
          </div>`
        : nothing}
      <form class="stack" @submit=${this.invite}>
        <console-problem .problem=${this.inviteProblem}></console-problem>
        <div class="field">
          <label for=${this.ids.email}>${msg('Email address')} <span class="required">${msg('(required)')}</span></label>
          <input id=${this.ids.email} name="email" type="email" required maxlength="254" autocomplete="off" aria-invalid=${emailError ? 'true' : nothing} aria-describedby=${emailError ? `${this.ids.email}-error` : nothing} />
          ${emailError ? html`<p class="field-error" id="${this.ids.email}-error">${emailError}</p>` : nothing}
        </div>
        <div class="field">
          <label for=${this.ids.name}>${msg('Name')}</label>
          <input id=${this.ids.name} name="name" maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
          <label for=${this.ids.role}>${msg('Role')}</label>
          <select id=${this.ids.role} name="role">
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'editor'}>${roleName(r)}: ${roleHelp(r)}</option>`)}
          </select>
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Create the invitation link')}</button></div>
      </form>
    </section>`;
  }

  private async copy(value: string) {
    this.notify((await copyText(value)) ? msg('Copied.') : msg('Copying did not work: select the text and copy it yourself.'));
  }
}

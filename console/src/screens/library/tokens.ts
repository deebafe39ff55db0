import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, ApiProblem, newIdempotencyKey, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatDateTime} from '../../i18n.js';
import {confirmAction} from '../../ui/confirm.js';
import {roleName} from '../../ui/labels.js';
import '../../ui/problem.js';
import {copyText, secretBox} from './shared.js';

type Token = Schemas['ApiToken'];
type TokenRole = Token['roles'][number];
const TOKEN_ROLES: TokenRole[] = ['editor', 'moderator', 'viewer'];

/**
 * /t/:tenant/tokens (owner): API tokens for the library's own systems: created with a name and roles,
 * the secret shown once with a copy button, listed with their last use, revoked after a confirm.
 */
@customElement('console-tokens')
export class TokensScreen extends ConsoleScreen {
  @state() private tokens?: Token[];
  @state() private problem?: unknown;
  @state() private createProblem?: unknown;
  @state() private created?: Schemas['CreatedApiToken'];
  @state() private busy = false;
  private key = newIdempotencyKey();
  private readonly ids = {name: uniqueId('token-name'), secret: uniqueId('secret'), roles: uniqueId('roles')};

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private path(p = '') {
    return AdminClient.tenantPath(this.tenant.id, `/tokens${p}`);
  }

  private load = async () => {
    try {
      this.tokens = (await api.get<Schemas['ApiTokens']>(this.path())).data.tokens;
    } catch (error) {
      this.problem = error;
    }
  };

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const roles = data.getAll('roles').map(String);
    this.createProblem = undefined;
    if (roles.length === 0) {
      this.createProblem = new ApiProblem(422, {type: 'urn:kirjasto:problem:validation', title: '', status: 422, errors: [{path: '/roles', message: msg('Choose at least one role.')}]} as never);
      return;
    }
    this.busy = true;
    try {
      const {data: created} = await api.request<Schemas['CreatedApiToken']>('POST', this.path(), {body: {name: String(data.get('name')).trim(), roles}, idempotencyKey: this.key});
      this.key = newIdempotencyKey();
      this.created = created;
      form.reset();
      await this.load();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#token-result')?.focus();
    } catch (error) {
      this.createProblem = error;
    } finally {
      this.busy = false;
    }
  }

  private async revoke(token: Token) {
    const sure = await confirmAction({
      title: msg(str`Revoke the token "${token.name}"?`),
      message: msg('Systems that use it stop working at once. This cannot be undone: a new token has a new secret.'),
      confirmLabel: msg('Revoke the token'),
      danger: true,
    });
    if (!sure) return;
    try {
      await api.request('DELETE', this.path(`/${encodeURIComponent(token.id)}`));
      this.notify(msg(str`The token "${token.name}" was revoked.`));
      await this.load();
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    return html`<h1>${msg('API tokens')}</h1>
      <p class="hint">${msg('A token lets one of the library\'s own systems use the API, for example to moderate ideas. It acts only in this library and never manages users, tokens or settings.')}</p>
      <console-problem .problem=${this.problem} .retry=${this.tokens ? undefined : this.load}></console-problem>
      ${this.tokens === undefined ? (this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`) : this.renderList(this.tokens)} ${this.renderCreate()}`;
  }

  private renderList(tokens: Token[]) {
    if (tokens.length === 0) return html`<p>${msg('No tokens yet.')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption>${msg('Tokens of the library')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Name')}</th>
            <th scope="col">${msg('Roles')}</th>
            <th scope="col">${msg('Created')}</th>
            <th scope="col">${msg('Last used')}</th>
            <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${tokens.map(
            (t) => html`<tr>
              <td>${t.name}</td>
              <td>${t.roles.map(roleName).join(', ')}</td>
              <td>${formatDateTime(t.createdAt)}<br /><span class="hint">${t.createdBy}</span></td>
              <td>${t.lastUsedAt ? formatDateTime(t.lastUsedAt) : msg('never')}</td>
              <td>
                ${t.revokedAt
                  ? html`<span class="badge closed">${msg(str`revoked ${formatDateTime(t.revokedAt)}`)}</span>`
                  : html`<button type="button" class="secondary" @click=${() => this.revoke(t)}>${msg('Revoke')}<span class="visually-hidden"> ${t.name}</span></button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderCreate() {
    const errors = this.createProblem instanceof ApiProblem ? this.createProblem.fieldErrors : new Map<string, string>();
    const created = this.created;
    return html`<section class="panel stack" aria-labelledby="token-title">
      <h2 id="token-title">${msg('New token')}</h2>
      ${created
        ? html`<div id="token-result" class="success-box stack" tabindex="-1">
            <p>${msg(str`The secret of "${created.apiToken.name}" is shown only now: copy it into the system that uses it. The server keeps only a fingerprint of it.`)}</p>
            ${secretBox(this.ids.secret, msg('Token secret'), created.token, () => void this.copy(created.token))}
            <div class="actions"><button type="button" class="secondary" @click=${() => (this.created = undefined)}>${msg('I have copied it')}</button></div>
          </div>`
        : nothing}
      <form class="stack" @submit=${this.create}>
        <console-problem .problem=${errors.size === 1 && errors.has('/roles') ? undefined : this.createProblem}></console-problem>
        <div class="field">
          <label for=${this.ids.name}>${msg('Name')} <span class="required">${msg('(required)')}</span></label>
          <input id=${this.ids.name} name="name" required maxlength="100" autocomplete="off" aria-describedby="${this.ids.name}-hint" />
          <p class="hint" id="${this.ids.name}-hint">${msg('Say which system uses it, for example "Website moderation".')}</p>
          ${errors.get('/name') ? html`<p class="field-error">${errors.get('/name')}</p>` : nothing}
        </div>
        <fieldset aria-describedby=${errors.get('/roles') ? `${this.ids.roles}-error` : nothing}>
          <legend>${msg('Roles')}</legend>
          ${TOKEN_ROLES.map(
            (r) => html`<div class="check">
              <input type="checkbox" id="${this.ids.roles}-${r}" name="roles" value=${r} ?checked=${r === 'viewer'} />
              <label for="${this.ids.roles}-${r}">${roleName(r)}</label>
            </div>`,
          )}
          ${errors.get('/roles') ? html`<p class="field-error" id="${this.ids.roles}-error">${errors.get('/roles')}</p>` : nothing}
        </fieldset>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Create the token')}</button></div>
      </form>
    </section>`;
  }

  private async copy(value: string) {
    this.notify((await copyText(value)) ? msg('Copied.') : msg('Copying did not work: select the text and copy it yourself.'));
  }
}

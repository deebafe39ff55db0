import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, ApiProblem, newIdempotencyKey, type Schemas, type Text} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {roleMay} from '../../session.js';
import {confirmAction} from '../../ui/confirm.js';
import {CONTENT_LANGUAGES} from '../../ui/labels.js';
import '../../ui/problem.js';
import '../../ui/text-field.js';
import {textIn} from './shared.js';

type Branch = Schemas['Branch'];

interface Draft {
  /** The branch being edited, or undefined for a new one. */
  id?: string;
  etag?: string;
  /** The name as it was when the edit began: the form's title. */
  original?: Text;
  name: Text;
  address: string;
  idempotencyKey: string;
}

/**
 * /t/:tenant/branches: the library's branches, their names in the languages and their addresses. The
 * owner adds, edits (If-Match, so a colleague's change is never overwritten) and removes them; others read.
 */
@customElement('console-branches')
export class BranchesScreen extends ConsoleScreen {
  @state() private branches?: Branch[];
  @state() private problem?: unknown;
  @state() private draft?: Draft;
  @state() private saveProblem?: unknown;
  @state() private busy = false;
  private readonly ids = {address: uniqueId('address'), form: uniqueId('branch-form')};

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private get mayManage() {
    return roleMay(this.tenant.role, 'manage');
  }

  private path(p = '') {
    return AdminClient.tenantPath(this.tenant.id, `/branches${p}`);
  }

  private load = async () => {
    this.problem = undefined;
    try {
      this.branches = (await api.get<Schemas['Branches']>(this.path())).data.branches;
    } catch (error) {
      this.problem = error;
    }
  };

  private async startEdit(branch?: Branch) {
    this.saveProblem = undefined;
    if (!branch) {
      this.draft = {name: {}, address: '', idempotencyKey: newIdempotencyKey()};
    } else {
      try {
        const {data, etag} = await api.get<Branch>(this.path(`/${encodeURIComponent(branch.id)}`));
        this.draft = {id: data.id, etag, original: data.name, name: data.name, address: data.address, idempotencyKey: newIdempotencyKey()};
      } catch (error) {
        this.problem = error;
        return;
      }
    }
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`#${this.ids.form} input`)?.focus();
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const draft = this.draft!;
    this.busy = true;
    this.saveProblem = undefined;
    try {
      const body = {name: draft.name, address: draft.address};
      if (draft.id) {
        await api.request('PATCH', this.path(`/${encodeURIComponent(draft.id)}`), {body, ifMatch: draft.etag});
        this.notify(msg(str`Saved the branch "${textIn(draft.name)}".`));
      } else {
        await api.request('POST', this.path(), {body, idempotencyKey: draft.idempotencyKey});
        this.notify(msg(str`Added the branch "${textIn(draft.name)}".`));
      }
      this.draft = undefined;
      await this.load();
    } catch (error) {
      this.saveProblem = error;
    } finally {
      this.busy = false;
    }
  }

  private async removeBranch(branch: Branch) {
    const sure = await confirmAction({
      title: msg(str`Remove the branch "${textIn(branch.name)}"?`),
      message: msg('Answers given at this branch keep their counts, but no longer show the branch. Its QR codes stop naming it.'),
      confirmLabel: msg('Remove the branch'),
      danger: true,
    });
    if (!sure) return;
    try {
      const {etag} = await api.get<Branch>(this.path(`/${encodeURIComponent(branch.id)}`));
      await api.request('DELETE', this.path(`/${encodeURIComponent(branch.id)}`), {ifMatch: etag});
      this.notify(msg(str`Removed the branch "${textIn(branch.name)}".`));
      await this.load();
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    return html`<h1>${msg('Branches')}</h1>
      <console-problem .problem=${this.problem} .retry=${this.load}></console-problem>
      ${!this.branches
        ? this.problem
          ? nothing
          : html`<p role="status">${msg('Loading…')}</p>`
        : html`${this.branches.length === 0
              ? html`<p>${msg('No branches yet.')}</p>`
              : html`<div class="table-wrap">
                  <table>
                    <caption class="visually-hidden">${msg('Branches')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${msg('Name')}</th>
                        <th scope="col">${msg('Address')}</th>
                        <th scope="col">${msg('Id')}</th>
                        ${this.mayManage ? html`<th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>` : nothing}
                      </tr>
                    </thead>
                    <tbody>
                      ${this.branches.map(
                        (b) => html`<tr>
                          <td>${textIn(b.name)}${CONTENT_LANGUAGES.some((l) => !b.name[l]) && Object.keys(b.name).length ? html`<br /><span class="missing">${msg(str`Missing: ${CONTENT_LANGUAGES.filter((l) => !b.name[l]).join(', ')}`)}</span>` : nothing}</td>
                          <td>${b.address}</td>
                          <td><code>${b.id}</code></td>
                          ${this.mayManage
                            ? html`<td class="row-actions">
                                <button type="button" class="secondary" @click=${() => this.startEdit(b)}>${msg('Edit')}<span class="visually-hidden"> ${textIn(b.name)}</span></button>
                                <button type="button" class="secondary" @click=${() => this.removeBranch(b)}>${msg('Remove')}<span class="visually-hidden"> ${textIn(b.name)}</span></button>
                              </td>`
                            : nothing}
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`}
            ${this.mayManage && !this.draft ? html`<p><button type="button" @click=${() => this.startEdit()}>${msg('Add a branch')}</button></p>` : nothing}
            ${this.draft ? this.renderForm(this.draft) : nothing}`}`;
  }

  private renderForm(draft: Draft) {
    const errors = this.saveProblem instanceof ApiProblem ? this.saveProblem.fieldErrors : new Map<string, string>();
    const addressError = errors.get('/address');
    return html`<form id=${this.ids.form} class="stack panel" @submit=${this.save} aria-labelledby="${this.ids.form}-title">
      <h2 id="${this.ids.form}-title">${draft.id ? msg(str`Edit the branch "${textIn(draft.original)}"`) : msg('New branch')}</h2>
      <console-problem .problem=${this.saveProblem}></console-problem>
      <console-text-field
        required
        .label=${msg('Name')}
        .value=${draft.name}
        .languages=${CONTENT_LANGUAGES}
        .maxLength=${200}
        pointer="/name"
        .errors=${errors}
        @text-change=${(e: CustomEvent<Text>) => (this.draft = {...draft, name: e.detail})}
      ></console-text-field>
      <div class="field">
        <label for=${this.ids.address}>${msg('Address')}</label>
        <input
          id=${this.ids.address}
          maxlength="500"
          autocomplete="off"
          .value=${draft.address}
          aria-invalid=${addressError ? 'true' : nothing}
          aria-describedby=${addressError ? `${this.ids.address}-error` : nothing}
          @input=${(e: Event) => (this.draft = {...draft, address: (e.target as HTMLInputElement).value})}
        />
        ${addressError ? html`<p class="field-error" id="${this.ids.address}-error">${addressError}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${draft.id ? msg('Save') : msg('Add the branch')}</button>
        <button type="button" class="secondary" @click=${() => (this.draft = undefined)}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }
}

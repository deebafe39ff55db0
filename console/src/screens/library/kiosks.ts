import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, type Schemas} from '../../api.js';
import {ConsoleScreen} from '../../element.js';
import {formatDateTime} from '../../i18n.js';
import {confirmAction} from '../../ui/confirm.js';
import '../../ui/problem.js';
import {textIn} from './shared.js';

type Kiosk = Schemas['AdminKiosk'];

/**
 * /t/:tenant/kiosks (owner): the kiosks registered by unlocking them with the staff PIN, with their
 * branch and last contact; a lost or replaced one is revoked after a confirm (its answers then count as web).
 */
@customElement('console-kiosks')
export class KiosksScreen extends ConsoleScreen {
  @state() private kiosks?: Kiosk[];
  @state() private branches = new Map<string, string>();
  @state() private problem?: unknown;

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private path(p = '') {
    return AdminClient.tenantPath(this.tenant.id, `/kiosks${p}`);
  }

  private load = async () => {
    try {
      const [kiosks, branches] = await Promise.all([
        api.get<Schemas['AdminKiosks']>(this.path()),
        api.get<Schemas['Branches']>(AdminClient.tenantPath(this.tenant.id, '/branches')).catch(() => undefined),
      ]);
      this.branches = new Map((branches?.data.branches ?? []).map((b) => [b.id, textIn(b.name)]));
      this.kiosks = kiosks.data.kiosks;
      this.problem = undefined;
    } catch (error) {
      this.problem = error;
    }
  };

  private async revoke(kiosk: Kiosk) {
    const sure = await confirmAction({
      title: msg(str`Revoke the kiosk "${kiosk.label}"?`),
      message: msg('Its answers count as web answers from now on, one a day, until staff unlock it with the PIN again, which registers it anew.'),
      confirmLabel: msg('Revoke the kiosk'),
      danger: true,
    });
    if (!sure) return;
    try {
      await api.request('DELETE', this.path(`/${encodeURIComponent(kiosk.id)}`));
      this.notify(msg(str`The kiosk "${kiosk.label}" was revoked.`));
      await this.load();
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    return html`<h1>${msg('Kiosks')}</h1>
      <p class="hint">${msg('A kiosk is registered when staff unlock it with the kiosk PIN. Only the answers of registered kiosks count as kiosk answers; others count as web answers.')}</p>
      <console-problem .problem=${this.problem} .retry=${this.kiosks ? undefined : this.load}></console-problem>
      ${this.kiosks === undefined ? (this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`) : this.renderList(this.kiosks)}`;
  }

  private renderList(kiosks: Kiosk[]) {
    if (kiosks.length === 0) return html`<p>${msg('No kiosks yet.')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption>${msg('Kiosks of the library')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Name')}</th>
            <th scope="col">${msg('Branch')}</th>
            <th scope="col">${msg('Registered')}</th>
            <th scope="col">${msg('Last seen')}</th>
            <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${kiosks.map(
            (k) => html`<tr>
              <td>${k.label}</td>
              <td>${k.branchId ? (this.branches.get(k.branchId) ?? k.branchId) : msg('none chosen')}</td>
              <td>${formatDateTime(k.createdAt)}</td>
              <td>${k.lastSeenAt ? formatDateTime(k.lastSeenAt) : msg('never')}</td>
              <td>
                ${k.revokedAt
                  ? html`<span class="badge closed">${msg(str`revoked ${formatDateTime(k.revokedAt)}`)}</span>`
                  : html`<button type="button" class="secondary" @click=${() => this.revoke(k)}>${msg('Revoke')}<span class="visually-hidden"> ${k.label}</span></button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {keyed} from 'lit/directives/keyed.js';
import {api, AdminClient, ApiProblem, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatDateTime} from '../../i18n.js';
import {roleMay} from '../../session.js';
import {confirmAction} from '../../ui/confirm.js';
import '../../ui/problem.js';
import {copyText, secretBox} from './shared.js';

type Settings = Schemas['AlertSettings'];
type Webhook = Schemas['Webhook'];
type Delivery = Schemas['AlertDelivery'];
type Status = Delivery['status'];
const STATUSES: Status[] = ['pending', 'retrying', 'delivered', 'failed'];

const statusName = (status: Status) => ({pending: msg('waiting'), retrying: msg('retrying'), delivered: msg('delivered'), failed: msg('failed')})[status];
const eventName = (type: string) =>
  ({'rating.low-surge': msg('Low ratings'), 'digest.weekly': msg('Weekly digest'), 'alerts.test': msg('Test')} as Record<string, string>)[type] ?? type;

/** The server's refusal of a webhook address (its `reason`) in the console's words, else the server's own message. */
function webhookUrlMessage(problem: unknown, message: string): string {
  const reason = problem instanceof ApiProblem ? problem.body?.reason : undefined;
  if (reason === 'https-required') return msg('Use an https:// address: this server sends webhooks over plain http:// only if its operator allows it.');
  if (reason === 'internal-address')
    return msg("This address is inside the server's own network (such as localhost, 10.…, 192.168.… or 169.254.169.254). Webhooks go only to public addresses.");
  return message;
}

/**
 * /t/:tenant/alerts (owners set, moderators see): the low-rating alert and the weekly digest with their
 * email recipients, the webhook endpoints (the signing secret shown once), and what was delivered,
 * what is being retried and what failed.
 */
@customElement('console-alerts')
export class AlertsScreen extends ConsoleScreen {
  @state() private settings?: Settings;
  /** The ETag of the settings in the form: a save sends it, so a colleague's save in between is not overwritten. */
  private settingsEtag?: string;
  /** Someone else saved the settings since they were loaded: the save was refused (412). */
  @state() private conflict = false;
  /** A new one renders the settings form afresh, as loaded (the ETag's version; after a colleague's save too). */
  @state() private formVersion = 0;
  @state() private webhooks?: Webhook[];
  @state() private deliveries?: Delivery[];
  @state() private statusFilter: Status | '' = '';
  @state() private problem?: unknown;
  @state() private saveProblem?: unknown;
  @state() private hookProblem?: unknown;
  @state() private created?: Schemas['CreatedWebhook'];
  @state() private busy = false;
  private readonly ids = {
    surge: uniqueId('surge'),
    minAnswers: uniqueId('min-answers'),
    windowMinutes: uniqueId('window'),
    lowShare: uniqueId('low-share'),
    cooldown: uniqueId('cooldown'),
    digest: uniqueId('digest'),
    recipients: uniqueId('recipients'),
    url: uniqueId('hook-url'),
    description: uniqueId('hook-description'),
    secret: uniqueId('hook-secret'),
    status: uniqueId('status'),
  };

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private get mayManage() {
    return roleMay(this.tenant.role, 'manage');
  }

  private path(p: string) {
    return AdminClient.tenantPath(this.tenant.id, p);
  }

  private load = async () => {
    this.problem = undefined;
    try {
      const [settings, webhooks] = await Promise.all([api.get<Settings>(this.path('/alerts')), api.get<Schemas['Webhooks']>(this.path('/webhooks'))]);
      this.settings = settings.data;
      this.settingsEtag = settings.etag;
      this.formVersion++;
      this.webhooks = webhooks.data.webhooks;
      await this.loadDeliveries();
    } catch (error) {
      this.problem = error;
    }
  };

  private loadDeliveries = async () => {
    const query = this.statusFilter ? {status: this.statusFilter} : undefined;
    this.deliveries = (await api.get<Schemas['AlertDeliveries']>(this.path('/alerts/deliveries'), query)).data.deliveries;
  };

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const number = (name: string) => Number(data.get(name));
    const body = {
      surge: {
        enabled: data.get('surge') === 'on',
        minAnswers: number('minAnswers'),
        windowMinutes: number('windowMinutes'),
        lowShare: number('lowShare') / 100,
        cooldownMinutes: number('cooldownMinutes'),
      },
      digest: {enabled: data.get('digest') === 'on'},
      recipients: String(data.get('recipients') ?? '')
        .split(/[\s,;]+/)
        .map((r) => r.trim())
        .filter(Boolean),
      // branches with settings of their own are kept as they are
      branches: this.settings?.branches ?? [],
    };
    this.busy = true;
    this.saveProblem = undefined;
    try {
      const saved = await api.request<Settings>('PUT', this.path('/alerts'), {body, ifMatch: this.settingsEtag});
      this.settings = saved.data;
      this.settingsEtag = saved.etag;
      this.conflict = false;
      this.notify(msg('The alert settings were saved.'));
    } catch (error) {
      if (error instanceof ApiProblem && error.slug === 'precondition-failed') {
        this.conflict = true;
        await this.updateComplete;
        this.querySelector<HTMLElement>('#alerts-conflict-title')?.focus();
      } else {
        this.saveProblem = error;
      }
    } finally {
      this.busy = false;
    }
  }

  /** After a refused save: the settings as the colleague saved them, in a fresh form. */
  private async loadTheirs() {
    this.saveProblem = undefined;
    try {
      const {data, etag} = await api.get<Settings>(this.path('/alerts'));
      this.settings = data;
      this.settingsEtag = etag;
      this.conflict = false;
      this.formVersion++;
      this.notify(msg('Their version is now in the form.'));
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#${this.ids.surge}`)?.focus();
    } catch (error) {
      this.saveProblem = error;
    }
  }

  private async addWebhook(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.hookProblem = undefined;
    this.busy = true;
    try {
      const body = {url: String(data.get('url')).trim(), description: String(data.get('description') ?? '').trim()};
      this.created = (await api.request<Schemas['CreatedWebhook']>('POST', this.path('/webhooks'), {body})).data;
      form.reset();
      this.webhooks = (await api.get<Schemas['Webhooks']>(this.path('/webhooks'))).data.webhooks;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#webhook-result')?.focus();
    } catch (error) {
      this.hookProblem = error;
      if (error instanceof ApiProblem && error.fieldErrors.has('/url')) {
        await this.updateComplete;
        this.querySelector<HTMLInputElement>(`#${this.ids.url}`)?.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  private async toggle(hook: Webhook) {
    await this.act(async () => {
      await api.request('PATCH', this.path(`/webhooks/${encodeURIComponent(hook.id)}`), {body: {enabled: !hook.enabled}});
      this.notify(hook.enabled ? msg(str`The webhook ${hook.url} was turned off.`) : msg(str`The webhook ${hook.url} was turned on.`));
    });
  }

  private async removeWebhook(hook: Webhook) {
    const sure = await confirmAction({
      title: msg(str`Remove the webhook ${hook.url}?`),
      message: msg('It gets no more alerts or digests; deliveries still queued for it fail.'),
      confirmLabel: msg('Remove the webhook'),
      danger: true,
    });
    if (!sure) return;
    await this.act(async () => {
      await api.request('DELETE', this.path(`/webhooks/${encodeURIComponent(hook.id)}`));
      this.notify(msg(str`The webhook ${hook.url} was removed.`));
    });
  }

  private async test(hook?: Webhook) {
    await this.act(async () => {
      const {data} = await api.request<Schemas['AlertTestQueued']>('POST', this.path('/alerts/test'), {body: hook ? {webhook: hook.id} : {}});
      this.notify(msg(str`Test messages queued: ${data.queued}.`));
    });
  }

  /** After a change to the webhooks: those and the deliveries again, never the settings (their form may hold edits). */
  private async act(run: () => Promise<void>) {
    this.problem = undefined;
    try {
      await run();
      this.webhooks = (await api.get<Schemas['Webhooks']>(this.path('/webhooks'))).data.webhooks;
      await this.loadDeliveries();
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    return html`<h1>${msg('Alerts')}</h1>
      <p class="hint">${msg('An alert tells staff at once when many low ratings come in; the weekly digest sums up the week. Both go by email and to webhooks, and carry counts only: never a comment or anything that points to a patron.')}</p>
      <console-problem .problem=${this.problem} .retry=${this.settings ? undefined : this.load}></console-problem>
      ${this.settings === undefined
        ? this.problem
          ? nothing
          : html`<p role="status">${msg('Loading…')}</p>`
        : html`${this.renderSettings(this.settings)} ${this.renderWebhooks(this.webhooks ?? [])} ${this.renderDeliveries(this.deliveries ?? [])}`}`;
  }

  private renderSettings(s: Settings) {
    return html`<section class="panel stack" aria-labelledby="alerts-settings-title">
      <h2 id="alerts-settings-title">${msg('Alerts and digest')}</h2>
      ${this.conflict ? this.renderConflict() : nothing} ${keyed(this.formVersion, this.renderSettingsForm(s))}
    </section>`;
  }

  private renderConflict() {
    return html`<section class="problem stack" aria-labelledby="alerts-conflict-title">
      <h3 id="alerts-conflict-title" tabindex="-1">${msg('Someone else changed the alert settings while you were editing')}</h3>
      <p>${msg('Your changes were not saved, so that they do not overwrite theirs. Load their version, then make your changes again and save.')}</p>
      <div class="actions"><button type="button" @click=${this.loadTheirs}>${msg('Reload their version')}</button></div>
    </section>`;
  }

  private renderSettingsForm(s: Settings) {
    const errors = this.saveProblem instanceof ApiProblem ? this.saveProblem.fieldErrors : new Map<string, string>();
    const field = (id: string, name: string, label: string, value: number, min: number, max: number, hint: string, path: string) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} name=${name} type="number" inputmode="numeric" required min=${min} max=${max} .value=${String(value)} aria-describedby="${id}-hint" />
        <p class="hint" id="${id}-hint">${hint}</p>
        ${errors.get(path) ? html`<p class="field-error">${errors.get(path)}</p>` : nothing}
      </div>`;
    return html`<form class="stack" @submit=${this.save}>
        <console-problem .problem=${errors.size > 0 ? undefined : this.saveProblem}></console-problem>
        <fieldset class="stack" ?disabled=${!this.mayManage}>
          <legend>${msg('Low ratings')}</legend>
          <div class="check">
            <input type="checkbox" id=${this.ids.surge} name="surge" ?checked=${s.surge.enabled} />
            <label for=${this.ids.surge}>${msg('Alert when low ratings surge')}</label>
          </div>
          ${field(this.ids.minAnswers, 'minAnswers', msg('At least this many answers'), s.surge.minAnswers, 2, 10000, msg('to one rating within the time below'), '/surge/minAnswers')}
          ${field(this.ids.windowMinutes, 'windowMinutes', msg('Within minutes'), s.surge.windowMinutes, 1, 1440, msg('for example 15'), '/surge/windowMinutes')}
          ${field(this.ids.lowShare, 'lowShare', msg('Share of low scores, percent'), Math.round(s.surge.lowShare * 100), 1, 100, msg('Low scores are the bottom two of the scale (NPS: 0–6; thumbs: down).'), '/surge/lowShare')}
          ${field(this.ids.cooldown, 'cooldownMinutes', msg('Quiet time after an alert, minutes'), s.surge.cooldownMinutes, 1, 10080, msg('One surge alerts once: no new alert about the same rating within this time.'), '/surge/cooldownMinutes')}
        </fieldset>
        <fieldset class="stack" ?disabled=${!this.mayManage}>
          <legend>${msg('Weekly digest')}</legend>
          <div class="check">
            <input type="checkbox" id=${this.ids.digest} name="digest" ?checked=${s.digest.enabled} aria-describedby="${this.ids.digest}-hint" />
            <label for=${this.ids.digest}>${msg('Send a digest of the past week every Monday')}</label>
          </div>
          <p class="hint" id="${this.ids.digest}-hint">
            ${s.digest.lastWeek ? msg(str`Last sent for the week starting ${s.digest.lastWeek}.`) : msg('Not sent yet.')} ${msg('Figures of too few answers are not shown.')}
          </p>
        </fieldset>
        <div class="field">
          <label for=${this.ids.recipients}>${msg('Email recipients')}</label>
          <textarea id=${this.ids.recipients} name="recipients" rows="3" ?disabled=${!this.mayManage} aria-describedby="${this.ids.recipients}-hint" .value=${s.recipients.join('\n')}></textarea>
          <p class="hint" id="${this.ids.recipients}-hint">${msg('One address a line, at most 20.')}</p>
          ${[...errors].filter(([path]) => path.startsWith('/recipients')).map(([, message]) => html`<p class="field-error">${message}</p>`)}
        </div>
        ${s.branches.length > 0
          ? html`<p class="hint">${msg(str`Branches with alerts of their own: ${s.branches.map((b) => b.branch).join(', ')}.`)}</p>`
          : nothing}
        ${this.mayManage
          ? html`<div class="actions">
              <button type="submit" ?disabled=${this.busy}>${msg('Save')}</button>
              <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.test()}>${msg('Send a test message')}</button>
            </div>`
          : html`<p class="hint">${msg('Only an owner of the library can change these.')}</p>`}
      </form>`;
  }

  private renderWebhooks(hooks: Webhook[]) {
    const errors = this.hookProblem instanceof ApiProblem ? this.hookProblem.fieldErrors : new Map<string, string>();
    const urlError = errors.has('/url') ? webhookUrlMessage(this.hookProblem, errors.get('/url')!) : undefined;
    const created = this.created;
    return html`<section class="panel stack" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">${msg('Webhooks')}</h2>
      <p class="hint">${msg('Alerts and digests are also posted as JSON to these addresses, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature).')}</p>
      ${hooks.length === 0
        ? html`<p>${msg('No webhooks yet.')}</p>`
        : html`<div class="table-wrap">
            <table>
              <caption>${msg('Webhook endpoints')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Address')}</th>
                  <th scope="col">${msg('Description')}</th>
                  <th scope="col">${msg('State')}</th>
                  ${this.mayManage ? html`<th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${hooks.map(
                  (h) => html`<tr>
                    <td>${h.url}</td>
                    <td>${h.description}</td>
                    <td>${h.enabled ? msg('on') : html`<span class="badge closed">${msg('off')}</span>`}</td>
                    ${this.mayManage
                      ? html`<td class="actions">
                          <button type="button" class="secondary" @click=${() => this.test(h)} ?disabled=${!h.enabled}>${msg('Test')}<span class="visually-hidden"> ${h.url}</span></button>
                          <button type="button" class="secondary" @click=${() => this.toggle(h)}>${h.enabled ? msg('Turn off') : msg('Turn on')}<span class="visually-hidden"> ${h.url}</span></button>
                          <button type="button" class="secondary" @click=${() => this.removeWebhook(h)}>${msg('Remove')}<span class="visually-hidden"> ${h.url}</span></button>
                        </td>`
                      : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${created
        ? html`<div id="webhook-result" class="success-box stack" tabindex="-1">
            <p>${msg('The signing secret is shown only now: copy it to the system that receives the webhooks, to check the signatures.')}</p>
            ${secretBox(this.ids.secret, msg('Signing secret'), created.secret, () => void this.copy(created.secret))}
            <div class="actions"><button type="button" class="secondary" @click=${() => (this.created = undefined)}>${msg('I have copied it')}</button></div>
          </div>`
        : nothing}
      ${this.mayManage
        ? html`<form class="stack" @submit=${this.addWebhook}>
            <h3>${msg('New webhook')}</h3>
            <console-problem .problem=${errors.size > 0 ? undefined : this.hookProblem}></console-problem>
            <div class="field">
              <label for=${this.ids.url}>${msg('Address')} <span class="required">${msg('(required)')}</span></label>
              <input
                id=${this.ids.url}
                name="url"
                type="url"
                required
                maxlength="2000"
                autocomplete="off"
                placeholder="https://"
                aria-invalid=${urlError ? 'true' : 'false'}
                aria-describedby=${urlError ? `${this.ids.url}-error` : nothing}
              />
              ${urlError ? html`<p class="field-error" id="${this.ids.url}-error">${urlError}</p>` : nothing}
            </div>
            <div class="field">
              <label for=${this.ids.description}>${msg('Description')}</label>
              <input id=${this.ids.description} name="description" maxlength="200" autocomplete="off" />
            </div>
            <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Add the webhook')}</button></div>
          </form>`
        : nothing}
    </section>`;
  }

  private renderDeliveries(deliveries: Delivery[]) {
    return html`<section class="panel stack" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">${msg('Deliveries')}</h2>
      <div class="actions">
        <div class="field">
          <label for=${this.ids.status}>${msg('Show')}</label>
          <select
            id=${this.ids.status}
            @change=${(e: Event) => {
              this.statusFilter = (e.target as HTMLSelectElement).value as Status | '';
              void this.loadDeliveries().catch((error: unknown) => (this.problem = error));
            }}
          >
            <option value="" ?selected=${this.statusFilter === ''}>${msg('all')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.statusFilter === s}>${statusName(s)}</option>`)}
          </select>
        </div>
        <button type="button" class="secondary" @click=${() => void this.loadDeliveries().catch((error: unknown) => (this.problem = error))}>${msg('Refresh')}</button>
      </div>
      ${deliveries.length === 0
        ? html`<p>${msg('No deliveries.')}</p>`
        : html`<div class="table-wrap">
            <table>
              <caption>${msg('Alerts, digests and tests sent, newest first')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Queued')}</th>
                  <th scope="col">${msg('What')}</th>
                  <th scope="col">${msg('To')}</th>
                  <th scope="col">${msg('State')}</th>
                  <th scope="col">${msg('Attempts')}</th>
                  <th scope="col">${msg('Last error')}</th>
                </tr>
              </thead>
              <tbody>
                ${deliveries.map(
                  (d) => html`<tr>
                    <td>${formatDateTime(d.createdAt)}</td>
                    <td>${eventName(d.eventType)}</td>
                    <td>${d.channel === 'email' ? d.target : (this.webhooks?.find((h) => h.id === d.target)?.url ?? d.target)}</td>
                    <td>
                      <span class="badge ${d.status === 'failed' ? 'closed' : ''}">${statusName(d.status)}</span>
                      ${d.deliveredAt ? html`<br /><span class="hint">${formatDateTime(d.deliveredAt)}</span>` : nothing}
                      ${d.nextAttemptAt && d.status === 'retrying' ? html`<br /><span class="hint">${msg(str`next ${formatDateTime(d.nextAttemptAt)}`)}</span>` : nothing}
                    </td>
                    <td>${d.attempts}</td>
                    <td>${d.lastError ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private async copy(value: string) {
    this.notify((await copyText(value)) ? msg('Copied.') : msg('Copying did not work: select the text and copy it yourself.'));
  }
}

import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {AdminClient, api, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatInteger} from '../../ui/chart-format.js';
import {zoneLabel} from '../../ui/datetime-field.js';
import {languageName} from '../../ui/labels.js';
import '../../ui/problem.js';
import {roleMay} from '../../session.js';
import {libraryTimeZone} from '../content/kinds.js';
import {channelName, textIn} from '../library/shared.js';
import {exportsPanel} from './exports.js';
import {ANSWER_LANGUAGES, apiQuery, BUCKETS, bucketName, CHANNELS, describeFilters, filtersToQuery, parseFilters, periodDates, periodName, PERIODS, todayIn, type Period, type ReportFilters} from './filters.js';
import './free-text.js';
import {ideaBoxReport, pollReport} from './poll-report.js';
import {ratingReport} from './rating-report.js';
import './reports.css';
import {summaryReport} from './summary-report.js';
import type {Bucket, Report, ReportKind} from './types.js';

type Branch = Schemas['Branch'];
const API_PATHS: Record<ReportKind, string> = {poll: 'polls', rating: 'ratings', 'idea-box': 'idea-boxes'};
const CONTENT_PATHS = API_PATHS;

/**
 * /t/{tenant}/reports (the whole library) and /t/{tenant}/{polls|ratings|idea-boxes}/{id}/report: the
 * filters (in the address, so a report can be bookmarked), the filters stated in words, the charts with
 * their tables, the free-text answers for moderators, and the downloads. Prints on A4 for a meeting.
 */
@customElement('console-report')
export class ReportScreen extends ConsoleScreen {
  @property() kind: ReportKind | 'summary' = 'summary';
  @property() itemId = '';
  /** The address's query: the filters. */
  @property({attribute: false}) query = '';
  @state() private report?: Report;
  @state() private problem?: unknown;
  @state() private loading = false;
  @state() private filters?: ReportFilters;
  @state() private branches: Branch[] = [];
  @state() private timeZone = 'Europe/Helsinki';
  /** The period picked in the form (the custom dates show when it is "custom"). */
  @state() private formPeriod: Period = 'last-30-days';
  @state() private contacts = false;
  private readonly ids = {period: uniqueId('period'), from: uniqueId('from'), to: uniqueId('to'), channel: uniqueId('channel'), branch: uniqueId('branch'), lang: uniqueId('lang'), bucket: uniqueId('bucket')};
  private loadCount = 0;

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('tenant') || changed.has('kind') || changed.has('itemId') || changed.has('query')) void this.load();
  }

  /** The page title follows the heading once the report is in (the app set it from "Report"). */
  protected override updated(changed: PropertyValues) {
    if (changed.has('report') && this.report) {
      const heading = this.querySelector('h1')?.textContent?.trim();
      if (heading) document.title = `${heading} – ${msg('Kirjasto console')}`;
    }
  }

  private load = async () => {
    const mine = ++this.loadCount;
    this.loading = true;
    this.problem = undefined;
    try {
      this.timeZone = await libraryTimeZone(this.tenant.id, async () => (await api.get<{tenants: {id: string; timeZone: string}[]}>('/tenants')).data);
      const filters = parseFilters(this.query, this.timeZone);
      this.filters = filters;
      this.formPeriod = filters.period;
      if (!this.branches.length) this.branches = (await api.get<{branches: Branch[]}>(AdminClient.tenantPath(this.tenant.id, '/branches'))).data.branches;
      const path = this.kind === 'summary' ? '/reports/summary' : `/reports/${API_PATHS[this.kind]}/${encodeURIComponent(this.itemId)}`;
      const {data} = await api.get<Report>(AdminClient.tenantPath(this.tenant.id, path), apiQuery(filters));
      if (mine === this.loadCount) this.report = data;
    } catch (error) {
      if (mine === this.loadCount) this.problem = error;
    } finally {
      if (mine === this.loadCount) this.loading = false;
    }
  };

  private branchName = (id: string) => textIn(this.branches.find((b) => b.id === id)?.name) || id;

  /** The form's filters go into the address (a new history entry, so Back returns to the previous ones). */
  private onApply(event: Event) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '');
    const period = value('period') as Period;
    let dates = {from: value('from'), to: value('to')};
    if (period !== 'custom') dates = periodDates(period, todayIn(this.timeZone));
    else if (dates.from > dates.to) dates = {from: dates.to, to: dates.from};
    const filters: ReportFilters = {period, ...dates, channel: value('channel') as ReportFilters['channel'], branch: value('branch'), lang: value('lang'), bucket: value('bucket') as Bucket | ''};
    const query = filtersToQuery(filters);
    history.pushState(null, '', location.pathname + query);
    this.query = query;
    this.notify(msg('The report is updated.'));
  }

  private get heading(): string {
    const r = this.report;
    if (this.kind === 'summary') return msg(str`Reports: ${this.tenant.name}`);
    if (!r) return msg('Report');
    const text = r.kind === 'idea-box' ? textIn(r.topic) : r.kind === 'summary' ? '' : textIn(r.question);
    return msg(str`Report: ${text || this.itemId}`);
  }

  override render() {
    const f = this.filters;
    const r = this.report;
    return html`<div class="report">
      <h1>${this.heading}</h1>
      ${this.kind !== 'summary'
        ? html`<p class="report-back no-print">
            <a href=${this.href(`/${CONTENT_PATHS[this.kind]}/`)}>${msg('Back to the list')}</a> ·
            <a href=${this.href(`/reports/${f ? filtersToQuery(f) : ''}`)}>${msg('The whole library')}</a>
          </p>`
        : nothing}
      ${f ? this.renderForm(f) : nothing} ${f ? this.renderStated(f, r) : nothing}
      <console-problem .problem=${this.problem} .retry=${this.load}></console-problem>
      <div class="report-body" aria-busy=${this.loading ? 'true' : 'false'}>
        ${!r ? (this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`) : this.renderReport(r)}
      </div>
      ${f && r ? this.renderFreeText(f) : nothing}
      ${f
        ? exportsPanel({
            tenant: this.tenant.id,
            kind: this.kind,
            id: this.itemId,
            filters: f,
            mayModerate: roleMay(this.tenant.role, 'moderate'),
            contacts: this.contacts,
            onContacts: (v) => (this.contacts = v),
          })
        : nothing}
    </div>`;
  }

  private renderReport(r: Report) {
    switch (r.kind) {
      case 'rating':
        return ratingReport(r);
      case 'poll':
        return pollReport(r);
      case 'idea-box':
        return ideaBoxReport(r);
      case 'summary':
        return summaryReport(r, this.tenant.id);
    }
  }

  private renderForm(f: ReportFilters) {
    const i = this.ids;
    return html`<form class="report-filters no-print" @submit=${this.onApply} aria-label=${msg('Report filters')}>
      <div class="filter-row">
        <label for=${i.period}>${msg('Period')}</label>
        <select id=${i.period} name="period" @change=${(e: Event) => (this.formPeriod = (e.target as HTMLSelectElement).value as Period)}>
          ${PERIODS.map((p) => html`<option value=${p} ?selected=${p === f.period}>${periodName(p)}</option>`)}
        </select>
      </div>
      ${this.formPeriod === 'custom'
        ? html`<div class="filter-row">
              <label for=${i.from}>${msg('From')}</label>
              <input id=${i.from} name="from" type="date" required .value=${f.from} />
            </div>
            <div class="filter-row">
              <label for=${i.to}>${msg('To (included)')}</label>
              <input id=${i.to} name="to" type="date" required .value=${f.to} />
            </div>`
        : nothing}
      <div class="filter-row">
        <label for=${i.channel}>${msg('Channel')}</label>
        <select id=${i.channel} name="channel">
          <option value="" ?selected=${!f.channel}>${msg('All channels')}</option>
          ${CHANNELS.map((c) => html`<option value=${c} ?selected=${c === f.channel}>${channelName(c)}</option>`)}
        </select>
      </div>
      <div class="filter-row">
        <label for=${i.branch}>${msg('Branch')}</label>
        <select id=${i.branch} name="branch">
          <option value="" ?selected=${!f.branch}>${msg('All branches')}</option>
          ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === f.branch}>${textIn(b.name) || b.id}</option>`)}
        </select>
      </div>
      <div class="filter-row">
        <label for=${i.lang}>${msg('Language of the answer')}</label>
        <select id=${i.lang} name="lang">
          <option value="" ?selected=${!f.lang}>${msg('All languages')}</option>
          ${ANSWER_LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === f.lang}>${languageName(l)}</option>`)}
        </select>
      </div>
      <div class="filter-row">
        <label for=${i.bucket}>${msg('Group by')}</label>
        <select id=${i.bucket} name="bucket">
          <option value="" ?selected=${!f.bucket}>${msg('Automatic (by the length of the period)')}</option>
          ${BUCKETS.map((b) => html`<option value=${b} ?selected=${b === f.bucket}>${bucketName(b)}</option>`)}
        </select>
      </div>
      <div class="filter-actions">
        <button type="submit">${msg('Show the report')}</button>
        <button type="button" class="secondary" @click=${() => print()}>${msg('Print')}</button>
      </div>
    </form>`;
  }

  /** The filters in words, on screen and on paper, with the clock and the threshold the figures follow. */
  private renderStated(f: ReportFilters, r?: Report) {
    const bucket = r?.filters.bucket;
    return html`<section class="report-stated" aria-label=${msg('What this report shows')}>
      <p><strong>${msg('Showing:')}</strong> ${describeFilters(f, bucket, this.branchName).join(' · ')}</p>
      <p class="hint">
        ${msg(str`Days in the library's time zone (${zoneLabel(this.timeZone)}).`)}
        ${r ? msg(str`Figures based on fewer than ${formatInteger(r.threshold)} answers are not shown.`) : nothing}
      </p>
    </section>`;
  }

  private renderFreeText(f: ReportFilters) {
    if (!roleMay(this.tenant.role, 'moderate') || (this.kind !== 'rating' && this.kind !== 'poll')) return nothing;
    return html`<console-report-free-text
      class="no-print"
      .tenant=${this.tenant.id}
      .kind=${this.kind}
      .itemId=${this.itemId}
      .filters=${JSON.stringify(apiQuery(f))}
      .timeZone=${this.timeZone}
      .branchName=${this.branchName}
    ></console-report-free-text>`;
  }
}

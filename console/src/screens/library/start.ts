import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, type Schemas} from '../../api.js';
import {ConsoleScreen} from '../../element.js';
import {formatDateTime, formatNumber, getLocale} from '../../i18n.js';
import {roleMay} from '../../session.js';
import '../../ui/problem.js';
import {channelName, textIn} from './shared.js';

type Overview = Schemas['Overview'];

const kindName = (kind: Overview['live'][number]['kind']) => ({poll: msg('Poll'), rating: msg('Rating'), 'idea-box': msg('Idea box')})[kind];

/** The library's start page: what is live now, ideas waiting for moderation, this week's answers by channel. */
@customElement('console-start')
export class StartScreen extends ConsoleScreen {
  @state() private overview?: Overview;
  @state() private problem?: unknown;

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private load = async () => {
    this.problem = undefined;
    try {
      this.overview = (await api.get<Overview>(AdminClient.tenantPath(this.tenant.id, '/overview'))).data;
    } catch (error) {
      this.problem = error;
    }
  };

  override render() {
    const o = this.overview;
    return html`<h1>${msg(str`Start: ${this.tenant.name}`)}</h1>
      <console-problem .problem=${this.problem} .retry=${this.load}></console-problem>
      ${!o ? (this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`) : html`${this.renderModeration(o)} ${this.renderLive(o)} ${this.renderWeek(o)}`}`;
  }

  private renderModeration(o: Overview) {
    const mayModerate = roleMay(this.tenant.role, 'moderate');
    return html`<section aria-labelledby="start-moderation" class="panel">
      <h2 id="start-moderation">${msg('Waiting for moderation')}</h2>
      ${o.moderation.pending === 0
        ? html`<p>${msg('No ideas are waiting. Well done!')}</p>`
        : html`<p class="big-number">
              ${o.moderation.pending === 1 ? msg('1 idea is waiting for moderation.') : msg(str`${formatNumber(o.moderation.pending)} ideas are waiting for moderation.`)}
            </p>
            <ul>
              ${o.moderation.boxes.map(
                (b) => html`<li><a href=${this.href(`/ideas?box=${encodeURIComponent(b.id)}&state=pending`)}>${textIn(b.topic)}</a>: ${formatNumber(b.pending)}</li>`,
              )}
            </ul>
            <p><a class="button" href=${this.href('/ideas?state=pending')}>${mayModerate ? msg('Open the moderation queue') : msg('See the waiting ideas')}</a></p>`}
    </section>`;
  }

  /** Its embed and preview page, which every role may open. */
  private liveHref(item: Overview['live'][number]) {
    const path = {poll: 'polls', rating: 'ratings', 'idea-box': 'idea-boxes'}[item.kind];
    return this.href(`/${path}/${encodeURIComponent(item.id)}/embed`);
  }

  private renderLive(o: Overview) {
    return html`<section aria-labelledby="start-live" class="panel">
      <h2 id="start-live">${msg('Live now')}</h2>
      ${o.live.length === 0
        ? html`<p>${msg('Nothing is open for answers right now.')}</p>`
        : html`<ul class="cards live-list">
            ${o.live.map(
              (item) => html`<li>
                <span class="badge open">${kindName(item.kind)}</span>
                <strong class="live-title"><a href=${this.liveHref(item)}>${textIn(item.title)}</a></strong>
                <span class="hint"
                  >${item.thisWeek === 1 ? msg('1 answer this week') : msg(str`${formatNumber(item.thisWeek)} answers this week`)}${item.closesAt
                    ? html` · ${msg(str`closes ${formatDateTime(item.closesAt)}`)}`
                    : html` · ${msg('no closing date')}`}</span
                >
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private renderWeek(o: Overview) {
    const monday = new Intl.DateTimeFormat(getLocale(), {weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC'}).format(new Date(`${o.weekStart}T12:00:00Z`));
    const sum = (key: 'votes' | 'ratings' | 'ideas' | 'total') => o.thisWeek.reduce((n, c) => n + c[key], 0);
    return html`<section aria-labelledby="start-week" class="panel">
      <h2 id="start-week">${msg('This week by channel')}</h2>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="start-week-caption">
        <table>
          <caption id="start-week-caption">${msg(str`Answers since ${monday}`)}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Channel')}</th>
              <th scope="col" class="number">${msg('Poll votes')}</th>
              <th scope="col" class="number">${msg('Ratings')}</th>
              <th scope="col" class="number">${msg('Ideas')}</th>
              <th scope="col" class="number">${msg('Total')}</th>
            </tr>
          </thead>
          <tbody>
            ${o.thisWeek.map(
              (c) => html`<tr>
                <th scope="row">${channelName(c.channel)}</th>
                <td class="number">${formatNumber(c.votes)}</td>
                <td class="number">${formatNumber(c.ratings)}</td>
                <td class="number">${formatNumber(c.ideas)}</td>
                <td class="number">${formatNumber(c.total)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${msg('All channels')}</th>
              <td class="number">${formatNumber(sum('votes'))}</td>
              <td class="number">${formatNumber(sum('ratings'))}</td>
              <td class="number">${formatNumber(sum('ideas'))}</td>
              <td class="number">${formatNumber(sum('total'))}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>`;
  }
}

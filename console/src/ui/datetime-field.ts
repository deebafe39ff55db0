import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, property} from 'lit/decorators.js';
import {ConsoleElement, uniqueId} from '../element.js';
import {getLocale} from '../i18n.js';

/** How far `timeZone`'s wall clock is ahead of UTC at `date`, in milliseconds. */
function zoneOffset(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/** An instant as `YYYY-MM-DDTHH:mm` on the wall clock of `timeZone` (what `<input type=datetime-local>` takes). */
export function toWallTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() + zoneOffset(date, timeZone)).toISOString().slice(0, 16);
}

/** A wall-clock time in `timeZone` as an ISO instant (the clock change's gap and overlap resolved as the zone does). */
export function fromWallTime(wall: string, timeZone: string): string {
  const asUtc = Date.parse(`${wall}:00Z`);
  let instant = asUtc - zoneOffset(new Date(asUtc), timeZone);
  instant = asUtc - zoneOffset(new Date(instant), timeZone);
  return new Date(instant).toISOString();
}

/** The zone's name in the console's language ("Eastern European Standard Time"), with its IANA id. */
export function zoneLabel(timeZone: string, at = new Date()): string {
  const long = new Intl.DateTimeFormat(getLocale(), {timeZone, timeZoneName: 'long'}).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  return long ? `${timeZone} (${long})` : timeZone;
}

/**
 * A date and time on the LIBRARY's clock, whatever the staff member's computer says: a native
 * date-time input (keyboard and screen-reader friendly in every browser), with the zone's name beside
 * it. Fires `datetime-change` with the ISO instant, or null when cleared (only when `clearable`).
 */
@customElement('console-datetime-field')
export class DateTimeField extends ConsoleElement {
  @property() label = '';
  @property() hint = '';
  /** The instant as ISO 8601, or null for none. */
  @property({attribute: false}) value: string | null = null;
  @property() timeZone = 'Europe/Helsinki';
  @property({type: Boolean}) clearable = false;
  @property({type: Boolean}) disabled = false;
  @property() error = '';
  private readonly inputId = uniqueId('datetime');

  private onChange(event: Event) {
    const wall = (event.target as HTMLInputElement).value;
    if (!wall && !this.clearable) return;
    this.value = wall ? fromWallTime(wall, this.timeZone) : null;
    this.dispatchEvent(new CustomEvent<string | null>('datetime-change', {detail: this.value, bubbles: true}));
  }

  private clear() {
    this.value = null;
    this.dispatchEvent(new CustomEvent<string | null>('datetime-change', {detail: null, bubbles: true}));
  }

  override render() {
    const described = [`${this.inputId}-zone`, this.hint ? `${this.inputId}-hint` : '', this.error ? `${this.inputId}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field datetime-field">
      <label for=${this.inputId}>${this.label}</label>
      ${this.hint ? html`<p class="hint" id="${this.inputId}-hint">${this.hint}</p>` : nothing}
      <div class="datetime-row">
        <input
          id=${this.inputId}
          type="datetime-local"
          step="60"
          .value=${this.value ? toWallTime(this.value, this.timeZone) : ''}
          ?disabled=${this.disabled}
          aria-describedby=${described}
          aria-invalid=${this.error ? 'true' : nothing}
          @change=${this.onChange}
        />
        ${this.clearable && this.value && !this.disabled
          ? html`<button type="button" class="secondary" @click=${this.clear}>${msg(str`Clear ${this.label}`)}</button>`
          : nothing}
      </div>
      <p class="hint" id="${this.inputId}-zone">${msg(str`In the library's time zone: ${zoneLabel(this.timeZone, this.value ? new Date(this.value) : new Date())}`)}</p>
      ${this.error ? html`<p class="field-error" id="${this.inputId}-error">${this.error}</p>` : nothing}
    </div>`;
  }
}

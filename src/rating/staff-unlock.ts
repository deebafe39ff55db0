import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveController, type ReactiveControllerHost} from 'lit';
import {ApiError, requestJson} from '../shared/api.js';
import {uiText} from '../shared/i18n.js';
import {problemMessage} from '../shared/messages.js';
import {outbox} from '../shared/outbox.js';
import {readStoredJson, writeStored} from '../shared/storage.js';
import {StoreController} from '../shared/store.js';

const holdMs = 3000;

/** Registered kiosks' headers per API origin, as the outbox sends them (src/shared/outbox.ts). */
const KIOSK_KEY = 'kirjasto.kiosk';

/**
 * Checks the staff PIN, which also registers this device as a kiosk: the token the server hands a
 * new kiosk is kept in the kiosk page's storage (a staff device, not a patron's), and every later
 * write carries it in `Kirjasto-Kiosk` (without it, the answers count as web).
 */
export async function unlockKiosk(api: string, rating: string, location: string | undefined, pin: string): Promise<void> {
  const url = `${api}/api/v1/kiosk/unlock`;
  const origin = new URL(url).origin;
  const kiosks = readStoredJson<Record<string, Record<string, string> | undefined>>(KIOSK_KEY, {});
  const body = {rating, pin, ...(location ? {location} : {})};
  const answer = await requestJson<{kioskToken?: string} | undefined>(url, {method: 'POST', body, headers: kiosks[origin] ?? {}, retries: 0});
  if (answer?.kioskToken) writeStored(KIOSK_KEY, JSON.stringify({...kiosks, [origin]: {'Kirjasto-Kiosk': answer.kioskToken}}));
}

/**
 * The kiosk's staff-only way out: press and hold the top corner for three seconds (or activate it
 * from a keyboard), then enter the PIN set on the server. Nothing visible invites a patron to try.
 */
export class StaffUnlock implements ReactiveController {
  #open = false;
  #checking = false;
  #error = '';
  #holdTimer?: ReturnType<typeof setTimeout>;
  /** Answers waiting to be sent: staff can tell a kiosk that lost its connection at a glance. */
  readonly #pending: StoreController<number>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Asks the server whether the PIN is right; rejects with an ApiError when it is not. */
    private readonly unlock: (pin: string) => Promise<unknown>,
    private readonly onUnlocked: () => void,
  ) {
    host.addController(this);
    this.#pending = new StoreController(host, outbox.pending);
  }

  hostDisconnected(): void {
    clearTimeout(this.#holdTimer);
  }

  #show(): void {
    this.#open = true;
    this.#error = '';
    this.host.requestUpdate();
    void (this.host as unknown as {updateComplete: Promise<unknown>}).updateComplete.then(() => {
      this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog')?.showModal();
    });
  }

  #close(): void {
    this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog')?.close();
    this.#open = false;
    this.host.requestUpdate();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('pin') as HTMLInputElement;
    this.#checking = true;
    this.host.requestUpdate();
    try {
      await this.unlock(input.value);
      this.#close();
      this.onUnlocked();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#error = error.status === 403 ? msg('Väärä PIN-koodi.') : problemMessage(error);
      input.value = '';
    } finally {
      this.#checking = false;
      this.host.requestUpdate();
    }
  }

  render() {
    const hold = () => (this.#holdTimer = setTimeout(() => this.#show(), holdMs));
    const release = () => clearTimeout(this.#holdTimer);
    const waiting = this.#pending.value;
    return html`${waiting ? html`<span part="queue" class="queue">${msg(str`${waiting} odottaa lähetystä`)}</span>` : nothing}
      <button
        class="staff-corner"
        aria-label=${msg('Henkilökunta: paina pitkään')}
        @pointerdown=${hold}
        @pointerup=${release}
        @pointerleave=${release}
        @pointercancel=${release}
        @contextmenu=${(e: Event) => e.preventDefault()}
        @click=${(e: MouseEvent) => e.detail === 0 && this.#show()}
      ></button>
      ${this.#open
        ? html`<dialog @close=${() => (this.#open = false)} aria-labelledby="staff-title">
            <form @submit=${(e: SubmitEvent) => this.#submit(e)}>
              <h2 id="staff-title">${msg('Henkilökunta')}</h2>
              <label>${msg('PIN-koodi')} <input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
              ${this.#error ? html`<p class="message error" role="alert">${uiText(this.#error)}</p>` : nothing}
              <div class="actions">
                <button type="submit" ?disabled=${this.#checking}>${msg('Avaa')}</button>
                <button type="button" class="secondary" @click=${() => this.#close()}>${uiText(msg('Peruuta'))}</button>
              </div>
            </form>
          </dialog>`
        : nothing}`;
  }
}

import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {html, LitElement, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues} from 'lit';
import type {ApiError} from './api.js';
import {contentLanguages, resolveApiBase} from './config.js';
import {emit, type KirjastoLoadDetail} from './events.js';
import {uiText} from './i18n.js';
import {problemMessage} from './messages.js';
import {outbox} from './outbox.js';
import {inSlice, waitForSlice} from './render-slices.js';
import {themeStyles} from './styles.js';
import {pickText} from './text.js';
import type {Channel, Text} from './types.js';
import {voterToken} from './voter.js';

/**
 * Where focus goes when the control that had it disappears, the first of these in the element:
 * the question or topic heading, a form's submit button, the loading note, the Try again button,
 * a focusable status message. None is a live region, so what focus lands on is announced once.
 */
const focusFallback = '[part~=question][tabindex],[part~=topic][tabindex],[part~=submit],.loading,.retry,[part~=status][tabindex]';

let firstUses: Promise<void> | undefined;
/**
 * What the page's first element to connect would otherwise pay for in one slice, done once, each in a
 * unit of its own: the page's first localStorage read (the voter token) and the outbox's start (which
 * reads the queue and opens a BroadcastChannel) take 5 to 15 ms each on a slow phone.
 */
const beforeFirstConnect = (): Promise<void> => (firstUses ??= inSlice(async () => void voterToken()).then(() => inSlice(async () => outbox.start())));

/**
 * What every kirjasto element shares: the common attributes, the page's UI language, content text
 * in the best language, and the load and error announcements. The theme's custom properties are
 * declared here once; every element's manifest entry inherits them.
 *
 * @fires {CustomEvent<KirjastoErrorDetail>} kirjasto-error - Loading or sending failed; `message` is what the patron was shown.
 *
 * @cssproperty [--kirjasto-accent=light-dark(#0b5cad, #8cc4ff)] - Buttons, selection, result bars.
 * @cssproperty [--kirjasto-on-accent=light-dark(#ffffff, #08203a)] - Text on the accent colour.
 * @cssproperty [--kirjasto-text=light-dark(#1b1f24, #eef1f4)] - Text colour.
 * @cssproperty [--kirjasto-muted=light-dark(#4d5661, #b7c0ca)] - Secondary text.
 * @cssproperty [--kirjasto-surface=light-dark(#ffffff, #1b1f24)] - Background of the element's box.
 * @cssproperty [--kirjasto-subtle=light-dark(#eef2f6, #2b323a)] - Quiet backgrounds: bar tracks, selected choices, placeholders.
 * @cssproperty [--kirjasto-border=light-dark(#6b7580, #8b96a2)] - Borders.
 * @cssproperty [--kirjasto-focus=light-dark(#0b5cad, #ffd35c)] - Focus ring.
 * @cssproperty [--kirjasto-danger=light-dark(#a4161a, #ffb3b0)] - Error messages.
 * @cssproperty [--kirjasto-success=light-dark(#1d6b34, #8fe0a5)] - Confirmations.
 * @cssproperty [--kirjasto-radius=0.5rem] - Corner radius.
 * @cssproperty [--kirjasto-space=0.75rem] - Base spacing.
 * @cssproperty [--kirjasto-font=inherit] - Font shorthand; the page's font by default.
 * @cssproperty [--kirjasto-max-width=40rem] - Largest width of the box.
 */
export abstract class KirjastoElement extends LitElement {
  static override styles: CSSResultGroup = themeStyles;

  static override properties: PropertyDeclarations = {
    api: {},
    channel: {},
    location: {},
    theme: {reflect: true},
  };

  /** Base URL of the API; defaults to `<meta name="kirjasto-api">`, then to the script's origin. */
  api?: string;

  /** Where answers come from: `web` (the default), `qr` or `kiosk`. */
  channel?: Channel;

  /** The branch id answers are counted under. */
  location?: string;

  /** `light` or `dark` pins the colour scheme; by default it follows the host page's `color-scheme` (light when the page declares none). */
  theme?: 'light' | 'dark';

  #announced = false;
  /** Connected to its controllers and content (a turn after the page connected it). */
  #linked = false;
  /** Focus was inside the element when the update began. */
  #hadFocus = false;
  /** The content languages during an update, read once for all its texts (a tenth of a first render's time otherwise). */
  #languages: string[] | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    // The element connects (its shadow root, its controllers, its loading, and the delivery of earlier
    // visits' writes, which the content's model watches) in the first slice of time left, not when the
    // page upgrades it: fifty elements upgraded in one task connect a few per slice, before any renders.
    // An element that left before its turn connects to nothing.
    void beforeFirstConnect().then(() =>
      inSlice(async () => {
        if (!this.isConnected || this.#linked) return;
        this.#linked = true;
        super.connectedCallback();
        this.followContent();
      }),
    );
  }

  override disconnectedCallback(): void {
    if (!this.#linked) return;
    this.#linked = false;
    super.disconnectedCallback();
  }

  /** Points the element's stores at its content (its id and api); loads it unless loaded already. */
  protected abstract followContent(): void;

  /** Fifty widgets on one page render in slices rather than in one long task. */
  protected override async scheduleUpdate(): Promise<void> {
    for (let wait = waitForSlice(); wait; wait = waitForSlice()) await wait;
    this.#hadFocus = !!this.shadowRoot?.activeElement;
    super.scheduleUpdate();
  }

  /** An update that removed the focused control hands focus on instead of dropping it to `<body>`. */
  protected override update(changed: PropertyValues): void {
    this.#languages = contentLanguages(this);
    try {
      super.update(changed);
    } finally {
      this.#languages = undefined;
    }
    if (this.#hadFocus && !this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLElement>(focusFallback)?.focus();
  }

  protected get apiBase(): string {
    return resolveApiBase(this.api);
  }

  /** The languages content is shown in where this element stands, best first (`contentLanguages`). */
  protected get languages(): string[] {
    return this.#languages ?? contentLanguages(this);
  }

  /** A content text in the best language for where this element stands, marked with that language. */
  protected text(text: Text | undefined) {
    const picked = pickText(text, this.languages);
    return html`<span lang=${picked.lang ?? nothing}>${picked.text}</span>`;
  }

  /** Announce the next load (the element now shows other content). */
  protected resetAnnouncement(): void {
    this.#announced = false;
  }

  /** Fires `kirjasto-load` or `kirjasto-error` once for the content now shown. */
  protected announce(loaded: KirjastoLoadDetail | undefined, error: ApiError | undefined): void {
    if (this.#announced || (!loaded && !error)) return;
    this.#announced = true;
    if (loaded) emit(this, 'kirjasto-load', loaded);
    else if (error) this.emitError(error);
  }

  protected emitError(error: ApiError): void {
    emit(this, 'kirjasto-error', {type: error.slug, status: error.status, message: problemMessage(error)});
  }

  /** Keeps keyboard and screen-reader users in place when what they were on is replaced. */
  protected async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Moves focus as `focusAfterUpdate`, but only when it is inside the element (never takes it from the page). */
  protected async keepFocusAfterUpdate(selector: string): Promise<void> {
    if (this.shadowRoot?.activeElement) await this.focusAfterUpdate(selector);
  }

  /** Placeholders the size of the content to come, and words for screen readers. */
  protected renderLoading() {
    return html`<span class="visually-hidden loading" tabindex="-1">${msg('Ladataan…')}</span>
      <div class="skeleton short"></div>
      <div class="skeleton"></div>`;
  }

  /** The failure in plain words, with a way forward. */
  protected renderError(error: ApiError, retry: () => void) {
    // Trying again cannot help on a site the library has not allowed.
    return html`<p class="message error" role="alert">${uiText(problemMessage(error))}</p>
      ${error.slug === 'origin-not-allowed' ? nothing : html`<button class="secondary retry" @click=${retry}>${uiText(msg('Yritä uudelleen'))}</button>`}`;
  }
}

import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {AdminClient, api, type Schemas} from '../../api.js';
import {ConsoleScreen} from '../../element.js';
import {formatNumber, getLocale} from '../../i18n.js';
import {roleMay} from '../../session.js';
import '../../ui/copy-button.js';
import '../../ui/problem.js';
import {KINDS, pickText, statusLabel, type AdminContent, type KindId} from './kinds.js';

type Branch = Schemas['Branch'];
const PREVIEW_LANGUAGES = ['fi', 'sv', 'en'] as const;
const LANGUAGE_NAMES: Record<string, string> = {fi: 'suomi', sv: 'svenska', en: 'English'};

/**
 * /t/{tenant}/polls/{id}/embed: the saved version in the real widget, in frames per language (the
 * widgets' UI language is page-wide) in light or dark; then what to put on a web page (the script tag,
 * the element, the plain link) and, per branch, a QR code and an A4 poster, each to copy or download.
 */
@customElement('console-content-embed')
export class ContentEmbed extends ConsoleScreen {
  @property() kind: KindId = 'poll';
  @property() itemId = '';
  @state() private item?: AdminContent;
  @state() private branches: Branch[] = [];
  @state() private problem?: unknown;
  @state() private theme: 'light' | 'dark' = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

  private get k() {
    return KINDS[this.kind];
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('message', this.onFrameHeight);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('message', this.onFrameHeight);
  }

  /** Each preview frame tells its content's height (preview.ts), so no widget is cut off or scrolls. */
  private onFrameHeight = (event: MessageEvent) => {
    if (event.origin !== location.origin || typeof event.data?.kirjastoPreviewHeight !== 'number') return;
    for (const frame of this.querySelectorAll('iframe')) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(event.data.kirjastoPreviewHeight) + 2}px`;
    }
  };

  /** The page title follows the heading once the data is in (the app set it from "Loading…"). */
  protected override updated(changed: PropertyValues) {
    if (changed.has('item') && this.item) {
      const heading = this.querySelector('h1')?.textContent?.trim();
      if (heading) document.title = `${heading} – ${msg('Kirjasto console')}`;
    }
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('kind') || changed.has('itemId') || changed.has('tenant')) void this.load();
  }

  private async load() {
    this.problem = undefined;
    try {
      const [item, branches] = await Promise.all([
        api.get<AdminContent>(AdminClient.tenantPath(this.tenant.id, `/${this.k.path}/${encodeURIComponent(this.itemId)}`)),
        api.get<{branches: Branch[]}>(AdminClient.tenantPath(this.tenant.id, '/branches')),
      ]);
      this.item = item.data;
      this.branches = branches.data.branches;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const item = this.item;
    const title = item ? pickText(this.k.title(item), getLocale()) : '';
    return html`<h1>${item ? msg(str`Embed and preview: ${title}`) : msg('Embed and preview')}</h1>
      <p>
        <a href=${this.href(`/${this.k.path}/`)}>${msg(str`Back to ${this.k.plural()}`)}</a>
        ${item && roleMay(this.tenant.role, 'edit') ? html` · <a href=${this.href(`/${this.k.path}/${encodeURIComponent(item.id)}`)}>${msg('Edit')}</a>` : nothing}
        ${item ? html` · <a href=${this.href(`/${this.k.path}/${encodeURIComponent(item.id)}/report`)}>${msg('Report')}</a>` : nothing}
      </p>
      <console-problem .problem=${this.problem} .retry=${() => this.load()}></console-problem>
      ${!item
        ? this.problem ? nothing : html`<p role="status">${msg('Loading…')}</p>`
        : html`<p>
              <span class="badge ${item.status}">${statusLabel(item.status)}</span>
              ${msg(str`Answers so far: ${formatNumber(item.answers)}`)}
            </p>
            ${this.renderPreview(item, title)} ${this.renderSnippets(item, title)} ${this.renderQr(item, title)}`}`;
  }

  private renderPreview(item: AdminContent, title: string) {
    return html`<section class="content-section" aria-labelledby="preview-title">
      <h2 id="preview-title">${msg('Preview')}</h2>
      <p id="preview-note">${msg('The saved version, in the real widget against this server, as patrons see it in each language. The previews do not react to clicks or keys, so nothing you do here is counted as an answer.')}</p>
      <fieldset class="content-theme">
        <legend>${msg('Colours')}</legend>
        <label class="check"><input type="radio" name="preview-theme" .checked=${this.theme === 'light'} @change=${() => (this.theme = 'light')} /> ${msg('Light')}</label>
        <label class="check"><input type="radio" name="preview-theme" .checked=${this.theme === 'dark'} @change=${() => (this.theme = 'dark')} /> ${msg('Dark')}</label>
      </fieldset>
      <div class="content-previews">
        ${PREVIEW_LANGUAGES.map((lang) => {
          const src = `/admin/preview?${new URLSearchParams({kind: this.kind, id: item.id, lang, theme: this.theme})}`;
          return html`<figure>
            <figcaption lang=${lang}>${LANGUAGE_NAMES[lang]}</figcaption>
            <iframe src=${src} inert loading="lazy" title=${msg(str`Preview in ${LANGUAGE_NAMES[lang]}: ${title}`)} aria-describedby="preview-note"></iframe>
          </figure>`;
        })}
      </div>
    </section>`;
  }

  private renderSnippets(item: AdminContent, title: string) {
    const server = location.origin;
    const k = this.k;
    const script = `<script type="module" src="${server}/kirjasto.js"></script>`;
    const element = `<${k.tag} ${k.attribute}="${item.id}"></${k.tag}>`;
    const linkText = pickText(k.title(item), 'fi') || title;
    const link = `<a data-kirjasto href="${server}/w/${k.page}/${encodeURIComponent(item.id)}">${escapeHtml(linkText)}</a>`;
    const snippet = (id: string, heading: string, help: string, code: string, what: string) =>
      html`<div class="content-snippet">
        <h3 id=${id}>${heading}</h3>
        <p class="hint">${help}</p>
        <pre aria-labelledby=${id}><code>${code}</code></pre>
        <console-copy-button .text=${code} what=${what}></console-copy-button>
      </div>`;
    return html`<section class="content-section" aria-labelledby="embed-title">
      <h2 id="embed-title">${msg('Put it on a web page')}</h2>
      ${snippet('snippet-script', msg('1. The script'), msg('Once per page, or once in the site template. Pages that already have it need it no more.'), script, msg('the script tag'))}
      ${snippet('snippet-element', msg('2. The widget'), msg('Where the widget should show, in the page or article.'), element, msg('the widget code'))}
      ${snippet('snippet-link', msg('Or: a plain link'), msg('If your site editor removes code like the above, paste this link instead. With the script on the page it becomes the widget; without it, it opens the widget on its own page.'), link, msg('the link'))}
    </section>`;
  }

  private renderQr(item: AdminContent, title: string) {
    const k = this.k;
    const places: {id: string; name: string}[] = this.branches.length
      ? this.branches.map((b) => ({id: b.id, name: pickText(b.name, getLocale()) || b.id}))
      : [{id: '', name: msg('Any branch')}];
    return html`<section class="content-section" aria-labelledby="qr-title">
      <h2 id="qr-title">${msg('QR codes and posters')}</h2>
      <p>${msg('One per branch, so the reports show where the answers came from. The code opens the widget on its own page.')}</p>
      <ul class="content-qr">
        ${places.map((place) => {
          const query = place.id ? `?${new URLSearchParams({location: place.id})}` : '';
          const svg = `/api/v1/${k.qr}/${encodeURIComponent(item.id)}/qr.svg${query}`;
          const poster = `/w/${k.page}/${encodeURIComponent(item.id)}/poster${query}`;
          return html`<li data-branch=${place.id}>
            <h3>${place.name}</h3>
            <img src=${svg} width="160" height="160" alt=${msg(str`QR code: ${title}, ${place.name}`)} />
            <div class="actions">
              <a class="button secondary" href=${svg} download="${item.id}${place.id ? `-${place.id}` : ''}-qr.svg">${msg('Download the QR code (SVG)')}<span class="visually-hidden">: ${place.name}</span></a>
              <a class="button secondary" href=${poster} target="_blank" rel="noopener">${msg('A4 poster to print')}<span class="visually-hidden">: ${place.name} ${msg('(opens in a new tab)')}</span></a>
            </div>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]!);

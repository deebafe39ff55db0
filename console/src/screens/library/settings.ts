import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, state} from 'lit/decorators.js';
import {api, AdminClient, ApiProblem, type Role, type Schemas} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {languageName, roleName} from '../../ui/labels.js';
import '../../ui/problem.js';
import '../../ui/text-field.js';
import {copyText, secretBox} from './shared.js';

type Oidc = Schemas['OidcSettings'];
type Library = Schemas['TenantSettings'];
type LibraryLanguage = Library['languages'][number];
/** Every language a library may turn on, in the order the form lists them. */
const LIBRARY_LANGUAGES: LibraryLanguage[] = ['fi', 'sv', 'en', 'se', 'fi-x-selko'];
const UI_LANGUAGES = ['fi', 'sv', 'en'] as const;
const ROLES: Role[] = ['owner', 'editor', 'moderator', 'viewer'];

/**
 * What the server accepts as an allowed origin (server/src/admin/tenants.ts): scheme, host and port
 * only, as the browser writes it (`https://www.example.fi`), or any port with `:*` (`http://localhost:*`).
 */
export function originProblem(value: string): string | undefined {
  const bare = value.replace(/:\*$/, '');
  let origin = '';
  try {
    origin = new URL(bare).origin;
  } catch {
    return msg('Not a web address. Write it like https://www.example.fi');
  }
  if (!/^https?:$/.test(new URL(bare).protocol)) return msg('Only http:// and https:// addresses can embed widgets.');
  if (origin !== bare) return msg(str`Only the site, without a path or a slash at the end: ${origin}`);
  return undefined;
}

interface RoleRow {
  key: string;
  value: string;
  role: Role;
}

/**
 * /t/:tenant/settings (owner): the library itself (its name, languages, time zone, colour and logo),
 * the web origins whose pages may embed its widgets, and its own OpenID Connect sign-in (issuer,
 * client, write-only secret, claim values to roles). The library and its origins are one resource on
 * the server (one version, one ETag), so each save carries the ETag the other one answered.
 */
@customElement('console-settings')
export class SettingsScreen extends ConsoleScreen {
  @state() private library?: Library;
  @state() private libraryDraft?: Library;
  @state() private libraryProblem?: unknown;
  @state() private privacyProblem?: unknown;
  @state() private origins?: string[];
  @state() private originsEtag?: string;
  @state() private originErrors = new Map<number, string>();
  @state() private originsProblem?: unknown;
  @state() private oidc?: Oidc | null;
  @state() private roleRows: RoleRow[] = [];
  @state() private oidcProblem?: unknown;
  @state() private loadProblem?: unknown;
  @state() private busy = false;
  private readonly ids = {
    issuer: uniqueId('issuer'),
    clientId: uniqueId('client-id'),
    secret: uniqueId('secret'),
    claim: uniqueId('claim'),
    defaultRole: uniqueId('default-role'),
    enabled: uniqueId('enabled'),
    redirect: uniqueId('redirect'),
    defaultLanguage: uniqueId('default-language'),
    timeZone: uniqueId('time-zone'),
    brandColor: uniqueId('brand-color'),
    logoUrl: uniqueId('logo-url'),
  };
  private rowKey = 0;

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('tenant')) void this.load();
  }

  private path(p = '') {
    return AdminClient.tenantPath(this.tenant.id, p);
  }

  private load = async () => {
    this.loadProblem = undefined;
    try {
      const library = await api.get<Library>(this.path());
      this.library = library.data;
      this.libraryDraft = structuredClone(library.data);
      this.origins = library.data.allowedOrigins;
      this.originsEtag = library.etag;
      try {
        this.oidc = (await api.get<Oidc>(this.path('/oidc'))).data;
      } catch (error) {
        if (!(error instanceof ApiProblem && error.status === 404)) throw error;
        this.oidc = null;
      }
      this.roleRows = Object.entries(this.oidc?.roleMap ?? {}).map(([value, role]) => ({key: `r${++this.rowKey}`, value, role}));
    } catch (error) {
      this.loadProblem = error;
    }
  };

  private async saveOrigins(event: SubmitEvent) {
    event.preventDefault();
    const origins = (this.origins ?? []).map((o) => o.trim()).filter(Boolean);
    this.origins = origins;
    const errors = new Map<number, string>();
    origins.forEach((o, i) => {
      const problem = originProblem(o);
      if (problem) errors.set(i, problem);
    });
    this.originErrors = errors;
    this.originsProblem = undefined;
    if (errors.size) {
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#origin-${[...errors.keys()][0]}`)?.focus();
      return;
    }
    this.busy = true;
    try {
      const {data, etag} = await api.request<Schemas['AllowedOrigins']>('PUT', this.path('/origins'), {body: {allowedOrigins: origins}, ifMatch: this.originsEtag});
      this.origins = data.allowedOrigins;
      this.originsEtag = etag;
      if (this.library) this.library = {...this.library, allowedOrigins: data.allowedOrigins};
      this.notify(msg('The allowed web addresses were saved. Widgets on them work within a few seconds.'));
    } catch (error) {
      this.originsProblem = error;
      if (error instanceof ApiProblem) {
        const server = new Map<number, string>();
        for (const [pointer, message] of error.fieldErrors) {
          const found = /^\/allowedOrigins\/(\d+)$/.exec(pointer);
          if (found) server.set(Number(found[1]), message);
        }
        this.originErrors = server;
      }
    } finally {
      this.busy = false;
    }
  }

  private async saveOidc(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const secret = String(data.get('clientSecret') ?? '');
    const defaultRole = String(data.get('defaultRole') ?? '');
    const body = {
      enabled: data.get('enabled') === 'on',
      issuer: String(data.get('issuer') ?? '').trim(),
      clientId: String(data.get('clientId') ?? '').trim(),
      ...(secret ? {clientSecret: secret} : {}),
      roleClaim: String(data.get('roleClaim') ?? '').trim() || 'roles',
      roleMap: Object.fromEntries(this.roleRows.filter((r) => r.value.trim()).map((r) => [r.value.trim(), r.role])),
      defaultRole: defaultRole ? (defaultRole as Role) : null,
    };
    this.busy = true;
    this.oidcProblem = undefined;
    try {
      this.oidc = (await api.request<Oidc>('PUT', this.path('/oidc'), {body})).data;
      (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name=clientSecret]')!.value = '';
      this.notify(msg('The sign-in settings were saved.'));
    } catch (error) {
      this.oidcProblem = error;
    } finally {
      this.busy = false;
    }
  }

  private async saveLibrary(event: SubmitEvent) {
    event.preventDefault();
    const draft = this.libraryDraft!;
    this.busy = true;
    this.libraryProblem = undefined;
    try {
      const {data, etag} = await api.request<Library>('PATCH', this.path(), {
        body: {
          name: draft.name,
          defaultLanguage: draft.defaultLanguage,
          languages: draft.languages,
          timeZone: draft.timeZone.trim(),
          brandColor: draft.brandColor?.trim() || null,
          logoUrl: draft.logoUrl?.trim() || null,
        },
        ifMatch: this.originsEtag,
      });
      this.library = data;
      this.libraryDraft = structuredClone(data);
      this.originsEtag = etag;
      this.notify(msg('The library\'s settings were saved.'));
    } catch (error) {
      this.libraryProblem = error;
    } finally {
      this.busy = false;
    }
  }

  /** Retention and the small-number rule: one more part of the library's settings, saved on its own. */
  private async savePrivacy(event: SubmitEvent) {
    event.preventDefault();
    const draft = this.libraryDraft!;
    this.busy = true;
    this.privacyProblem = undefined;
    try {
      const {data, etag} = await api.request<Library>('PATCH', this.path(), {
        body: {retention: draft.retention, smallNumbers: draft.smallNumbers},
        ifMatch: this.originsEtag,
      });
      this.library = data;
      this.libraryDraft = {...this.libraryDraft!, retention: data.retention, smallNumbers: data.smallNumbers};
      this.originsEtag = etag;
      this.notify(msg('How long answers are kept, and the smallest numbers shown, were saved.'));
    } catch (error) {
      this.privacyProblem = error;
    } finally {
      this.busy = false;
    }
  }

  private setLibrary(change: Partial<Library>) {
    this.libraryDraft = {...this.libraryDraft!, ...change};
  }

  private toggleLanguage(lang: LibraryLanguage, on: boolean) {
    const chosen = new Set(this.libraryDraft!.languages);
    if (on) chosen.add(lang);
    else chosen.delete(lang);
    const kept = this.libraryDraft!.languages.filter((l) => chosen.has(l));
    this.setLibrary({languages: [...kept, ...LIBRARY_LANGUAGES.filter((l) => chosen.has(l) && !kept.includes(l))]});
  }

  override render() {
    return html`<h1>${msg('Settings')}</h1>
      <console-problem .problem=${this.loadProblem} .retry=${this.load}></console-problem>
      ${this.origins === undefined
        ? this.loadProblem
          ? nothing
          : html`<p role="status">${msg('Loading…')}</p>`
        : html`${this.renderLibrary()} ${this.renderPrivacy()} ${this.renderOrigins()} ${this.renderOidc()}`}`;
  }

  private renderLibrary() {
    const draft = this.libraryDraft!;
    const errors = this.libraryProblem instanceof ApiProblem ? this.libraryProblem.fieldErrors : new Map<string, string>();
    const fieldError = (pointer: string, id: string) => {
      const error = errors.get(pointer);
      return error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing;
    };
    const invalid = (pointer: string) => (errors.has(pointer) ? 'true' : nothing);
    const describedBy = (pointer: string, id: string, hint = true) =>
      [errors.has(pointer) ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || nothing;
    const color = draft.brandColor?.trim() ?? '';
    return html`<form class="stack panel" @submit=${this.saveLibrary} novalidate aria-labelledby="library-title">
      <h2 id="library-title" tabindex="-1">${msg('The library')}</h2>
      <console-problem .problem=${this.libraryProblem}></console-problem>
      <console-text-field
        label=${msg('Name of the library')}
        required
        maxLength="200"
        pointer="/name"
        .value=${draft.name}
        .languages=${UI_LANGUAGES}
        .errors=${errors}
        @text-change=${(e: CustomEvent) => this.setLibrary({name: e.detail})}
      ></console-text-field>
      <div class="field">
        <label for=${this.ids.defaultLanguage}>${msg('Default language')}</label>
        <select id=${this.ids.defaultLanguage} aria-describedby="${this.ids.defaultLanguage}-hint" @change=${(e: Event) => this.setLibrary({defaultLanguage: (e.target as HTMLSelectElement).value as Library['defaultLanguage']})}>
          ${UI_LANGUAGES.map((l) => html`<option value=${l} ?selected=${draft.defaultLanguage === l}>${languageName(l)}</option>`)}
        </select>
        <p class="hint" id="${this.ids.defaultLanguage}-hint">${msg('What patrons see when their browser asks for none of the library\'s languages.')}</p>
      </div>
      <fieldset aria-describedby="library-languages-hint">
        <legend>${msg('Languages for patrons and texts')}</legend>
        <p class="hint" id="library-languages-hint">
          ${msg('The kiosk offers these languages, and the forms of polls, ratings and idea boxes ask for texts in them. Northern Sami and plain Finnish are off unless you turn them on.')}
        </p>
        ${LIBRARY_LANGUAGES.map(
          (l) => html`<div class="check">
            <input id="library-lang-${l}" type="checkbox" .checked=${draft.languages.includes(l)} @change=${(e: Event) => this.toggleLanguage(l, (e.target as HTMLInputElement).checked)} />
            <label for="library-lang-${l}">${languageName(l)}</label>
          </div>`,
        )}
        ${fieldError('/languages', 'library-languages')}
      </fieldset>
      <div class="field">
        <label for=${this.ids.timeZone}>${msg('Time zone')}</label>
        <input
          id=${this.ids.timeZone}
          list="${this.ids.timeZone}-list"
          spellcheck="false"
          autocomplete="off"
          .value=${draft.timeZone}
          aria-invalid=${invalid('/timeZone')}
          aria-describedby=${describedBy('/timeZone', this.ids.timeZone)}
          @input=${(e: Event) => this.setLibrary({timeZone: (e.target as HTMLInputElement).value})}
        />
        <datalist id="${this.ids.timeZone}-list"><option value="Europe/Helsinki"></option><option value="Europe/Stockholm"></option><option value="Europe/Oslo"></option></datalist>
        <p class="hint" id="${this.ids.timeZone}-hint">${msg('The library\'s day: opening and closing times, weeks and months in reports. Europe/Helsinki in Finland.')}</p>
        ${fieldError('/timeZone', this.ids.timeZone)}
      </div>
      <div class="field">
        <label for=${this.ids.brandColor}>${msg('Colour of the library (optional)')}</label>
        <div class="color-row">
          <input
            id=${this.ids.brandColor}
            spellcheck="false"
            autocomplete="off"
            placeholder="#0b5cad"
            maxlength="7"
            .value=${color}
            aria-invalid=${invalid('/brandColor')}
            aria-describedby=${describedBy('/brandColor', this.ids.brandColor)}
            @input=${(e: Event) => this.setLibrary({brandColor: (e.target as HTMLInputElement).value})}
          />
          ${/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(color) ? html`<span class="swatch" style="background:${color}" aria-hidden="true"></span>` : nothing}
        </div>
        <p class="hint" id="${this.ids.brandColor}-hint">${msg('A colour code like #0b5cad, for the pages without JavaScript and the posters. Empty: the default blue.')}</p>
        ${fieldError('/brandColor', this.ids.brandColor)}
      </div>
      <div class="field">
        <label for=${this.ids.logoUrl}>${msg('Address of the logo (optional)')}</label>
        <input
          id=${this.ids.logoUrl}
          type="url"
          spellcheck="false"
          autocomplete="off"
          placeholder="https://www.example.fi/logo.svg"
          .value=${draft.logoUrl ?? ''}
          aria-invalid=${invalid('/logoUrl')}
          aria-describedby=${describedBy('/logoUrl', this.ids.logoUrl)}
          @input=${(e: Event) => this.setLibrary({logoUrl: (e.target as HTMLInputElement).value})}
        />
        <p class="hint" id="${this.ids.logoUrl}-hint">${msg('An https:// address of an image on the library\'s own site.')}</p>
        ${fieldError('/logoUrl', this.ids.logoUrl)}
      </div>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Save the library\'s settings')}</button></div>
    </form>`;
  }

  private renderPrivacy() {
    const draft = this.libraryDraft!;
    const errors = this.privacyProblem instanceof ApiProblem ? this.privacyProblem.fieldErrors : new Map<string, string>();
    const number = <G extends 'retention' | 'smallNumbers'>(group: G, key: keyof Library[G] & string, label: string, hint: string, min: number, max: number) => {
      const id = `privacy-${group}-${key}`;
      const pointer = `/${group}/${key}`;
      const error = errors.get(pointer);
      const values = draft[group] as Record<string, number>;
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          type="number"
          inputmode="numeric"
          min=${min}
          max=${max}
          required
          .value=${String(values[key])}
          aria-invalid=${error ? 'true' : nothing}
          aria-describedby="${error ? `${id}-error ` : ''}${id}-hint"
          @input=${(e: Event) => this.setLibrary({[group]: {...values, [key]: Number((e.target as HTMLInputElement).value)}} as Partial<Library>)}
        />
        <p class="hint" id="${id}-hint">${hint}</p>
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`<form class="stack panel" @submit=${this.savePrivacy} novalidate aria-labelledby="privacy-title">
      <h2 id="privacy-title" tabindex="-1">${msg('Data protection')}</h2>
      <console-problem .problem=${this.privacyProblem}></console-problem>
      <fieldset class="stack">
        <legend>${msg('How long answers are kept')}</legend>
        <p class="hint">${msg('A daily job deletes what is older. Reports keep their totals: answers are counted before they are deleted.')}</p>
        ${number('retention', 'freeTextMonths', msg('Written answers, months'), msg('Comments of ratings, own answers of polls and the texts of ideas. Default 24.'), 1, 120)}
        ${number('retention', 'contactMonths', msg('Contact details, months at most'), msg('Contact details patrons left with their ideas. At most 12.'), 1, 12)}
        ${number('retention', 'answeredContactDays', msg('Contact details after the answer, days'), msg('Once an idea is answered, its contact details are deleted after this many days. At most 90.'), 0, 90)}
        ${number('retention', 'rawMonths', msg('Single answers, months'), msg('Each vote and rating answer with its anonymous voter code. Default 24.'), 1, 120)}
      </fieldset>
      <fieldset class="stack">
        <legend>${msg('Small numbers in reports')}</legend>
        ${number('smallNumbers', 'reportThreshold', msg('Fewest answers shown'), msg('A part of a report with fewer answers shows “too few answers to show”, so that no patron can be recognised. At least 3, default 5.'), 3, 100)}
        ${number('smallNumbers', 'freeTextThreshold', msg('Fewest answers for written answers'), msg('Written answers appear outside moderation only from this many answers. Default 10.'), 3, 1000)}
      </fieldset>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Save data protection settings')}</button></div>
    </form>`;
  }

  private renderOrigins() {
    const origins = this.origins ?? [];
    return html`<form class="stack panel" @submit=${this.saveOrigins} novalidate aria-labelledby="origins-title">
      <h2 id="origins-title">${msg('Web sites that may show the widgets')}</h2>
      <p class="hint" id="origins-hint">
        ${msg('The addresses of the sites (for example the municipality\'s pages) where the library\'s polls, ratings and idea boxes are embedded. Only the site: https://www.example.fi, without a path.')}
      </p>
      <console-problem .problem=${this.originsProblem}></console-problem>
      ${origins.length === 0 ? html`<p>${msg('No sites yet: the widgets work only on the library\'s own pages on this server.')}</p>` : nothing}
      <ul class="plain-list">
        ${origins.map((origin, i) => {
          const error = this.originErrors.get(i);
          return html`<li class="origin-row">
            <label for="origin-${i}" class="visually-hidden">${msg(str`Site ${i + 1}`)}</label>
            <input
              id="origin-${i}"
              type="url"
              inputmode="url"
              autocomplete="off"
              spellcheck="false"
              maxlength="300"
              placeholder="https://www.example.fi"
              .value=${origin}
              aria-invalid=${error ? 'true' : nothing}
              aria-describedby=${error ? `origin-${i}-error` : 'origins-hint'}
              @input=${(e: Event) => (this.origins = origins.map((o, j) => (j === i ? (e.target as HTMLInputElement).value : o)))}
            />
            <button type="button" class="secondary" aria-label=${msg(str`Remove ${origin || msg('the empty site')}`)} @click=${() => this.removeOrigin(i)}>${msg('Remove')}</button>
            ${error ? html`<p class="field-error" id="origin-${i}-error">${error}</p>` : nothing}
          </li>`;
        })}
      </ul>
      <div class="actions">
        <button type="button" class="secondary" ?disabled=${origins.length >= 50} @click=${this.addOrigin}>${msg('Add a site')}</button>
        <button type="submit" ?disabled=${this.busy}>${msg('Save the sites')}</button>
      </div>
    </form>`;
  }

  private async addOrigin() {
    this.origins = [...(this.origins ?? []), ''];
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`#origin-${this.origins.length - 1}`)?.focus();
  }

  private removeOrigin(i: number) {
    this.origins = (this.origins ?? []).filter((_, j) => j !== i);
    this.originErrors = new Map();
    this.querySelector<HTMLButtonElement>('button[type=submit]')?.focus();
  }

  private renderOidc() {
    const o = this.oidc;
    const errors = this.oidcProblem instanceof ApiProblem ? this.oidcProblem.fieldErrors : new Map<string, string>();
    const field = (id: string, name: string, label: string, value: string, options: {hint?: string; type?: string; required?: boolean; placeholder?: string} = {}) => {
      const error = errors.get(`/${name}`);
      const described = [error ? `${id}-error` : '', options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
      return html`<div class="field">
        <label for=${id}>${label}${options.required ? html` <span class="required">${msg('(required)')}</span>` : nothing}</label>
        <input
          id=${id}
          name=${name}
          type=${options.type ?? 'text'}
          autocomplete="off"
          spellcheck="false"
          placeholder=${options.placeholder ?? nothing}
          ?required=${options.required}
          .value=${value}
          aria-invalid=${error ? 'true' : nothing}
          aria-describedby=${described || nothing}
        />
        ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`<form class="stack panel" @submit=${this.saveOidc} aria-labelledby="oidc-title">
      <h2 id="oidc-title">${msg('Sign-in through the library\'s own identity provider')}</h2>
      <p class="hint">${msg('For example the municipality\'s Entra ID: staff sign in with their work account, and a claim of the account gives their role here.')}</p>
      <console-problem .problem=${this.oidcProblem}></console-problem>
      <div class="check">
        <input id=${this.ids.enabled} name="enabled" type="checkbox" ?checked=${o ? o.enabled : true} />
        <label for=${this.ids.enabled}>${msg('Staff may sign in this way')}</label>
      </div>
      ${field(this.ids.issuer, 'issuer', msg('Issuer'), o?.issuer ?? '', {required: true, type: 'url', placeholder: 'https://login.microsoftonline.com/…/v2.0', hint: msg('The address of your own directory, not the common one.')})}
      ${field(this.ids.clientId, 'clientId', msg('Client id'), o?.clientId ?? '', {required: true})}
      ${field(this.ids.secret, 'clientSecret', msg('Client secret'), '', {
        type: 'password',
        required: !o?.hasClientSecret,
        hint: o?.hasClientSecret ? msg('A secret is stored and never shown. Leave this empty to keep it, or type a new one.') : msg('Stored on the server and never shown again.'),
      })}
      ${field(this.ids.claim, 'roleClaim', msg('Claim that gives the role'), o?.roleClaim ?? 'roles', {hint: msg('For example roles or groups.')})}
      <fieldset class="stack">
        <legend>${msg('Claim values and roles')}</legend>
        ${this.roleRows.length === 0 ? html`<p class="hint">${msg('No values yet: add the value your provider sends for each role.')}</p>` : nothing}
        ${this.roleRows.map(
          (row, i) => html`<div class="role-row">
            <div class="field">
              <label for="claim-value-${row.key}">${msg(str`Value ${i + 1}`)}</label>
              <input id="claim-value-${row.key}" .value=${row.value} spellcheck="false" @input=${(e: Event) => this.setRow(row.key, {value: (e.target as HTMLInputElement).value})} />
            </div>
            <div class="field">
              <label for="claim-role-${row.key}">${msg(str`Role for value ${i + 1}`)}</label>
              <select id="claim-role-${row.key}" @change=${(e: Event) => this.setRow(row.key, {role: (e.target as HTMLSelectElement).value as Role})}>
                ${ROLES.map((r) => html`<option value=${r} ?selected=${r === row.role}>${roleName(r)}</option>`)}
              </select>
            </div>
            <button type="button" class="secondary" @click=${() => (this.roleRows = this.roleRows.filter((r) => r.key !== row.key))}>${msg(str`Remove value ${i + 1}`)}</button>
          </div>`,
        )}
        <div class="actions">
          <button type="button" class="secondary" @click=${() => (this.roleRows = [...this.roleRows, {key: `r${++this.rowKey}`, value: '', role: 'viewer'}])}>${msg('Add a value')}</button>
        </div>
      </fieldset>
      <div class="field">
        <label for=${this.ids.defaultRole}>${msg('When no value matches')}</label>
        <select id=${this.ids.defaultRole} name="defaultRole">
          <option value="" ?selected=${!o?.defaultRole}>${msg('Refuse the sign-in')}</option>
          ${ROLES.map((r) => html`<option value=${r} ?selected=${o?.defaultRole === r}>${msg(str`Sign in as ${roleName(r)}`)}</option>`)}
        </select>
      </div>
      ${o ? secretBox(this.ids.redirect, msg('Redirect address to register at the provider'), o.redirectUri, () => void this.copy(o.redirectUri)) : nothing}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Save the sign-in settings')}</button></div>
    </form>`;
  }

  private setRow(key: string, change: Partial<RoleRow>) {
    this.roleRows = this.roleRows.map((r) => (r.key === key ? {...r, ...change} : r));
  }

  private async copy(value: string) {
    this.notify((await copyText(value)) ? msg('Copied.') : msg('Copying did not work: select the text and copy it yourself.'), 'success');
  }
}

import {localized, msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {customElement, query, state} from 'lit/decorators.js';
import type {StaffSession} from './api.js';
import {ConsoleElement, type Notice, type TenantContext} from './element.js';
import {CONSOLE_LOCALES, getLocale, preferredLocale, useLocale, type ConsoleLocale} from './i18n.js';
import {currentPath, match, type Match} from './router.js';
import {navRoutes, notFoundTitle, routes} from './routes.js';
import {loadSession, roleMay, signOut} from './session.js';
import {roleName} from './ui/labels.js';
import './ui/sign-in-form.js';

const LOCALE_NAMES: Record<ConsoleLocale, string> = {fi: 'Suomi', sv: 'Svenska', en: 'English'};

/**
 * The console's shell: the session, the language, the header with the library switch and the menu,
 * and the screen of the current path. Moving between screens keeps the page; focus goes to the new
 * screen's heading and the page title follows it. When the session ends mid-work, a sign-in dialog
 * opens over the screen, so nothing typed is lost.
 */
@customElement('kirjasto-console')
@localized()
export class KirjastoConsole extends ConsoleElement {
  @state() private session: StaffSession | null | undefined;
  @state() private loadError = false;
  @state() private current?: Match;
  @state() private notice?: Notice;
  @state() private sessionEnded = false;
  @query('#session-ended') private sessionEndedDialog?: HTMLDialogElement;
  private focusHeading = false;

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this.route);
    addEventListener('kirjasto-console-signed-out', this.onSignedOut);
    this.addEventListener('click', this.onClick);
    this.addEventListener('console-navigate', this.onNavigate as EventListener);
    this.addEventListener('console-notice', this.onNotice as EventListener);
    this.addEventListener('console-signed-in', this.onSignedIn as EventListener);
    void this.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('popstate', this.route);
    removeEventListener('kirjasto-console-signed-out', this.onSignedOut);
  }

  private async start() {
    await useLocale(preferredLocale());
    try {
      this.session = (await loadSession()) ?? null;
    } catch {
      this.loadError = true;
      return;
    }
    await this.route();
  }

  private route = async () => {
    // The server's invitation links carry the token in the fragment (never sent in a request): open the invitation page.
    const invitation = /^#invitation=([^&]+)$/.exec(location.hash);
    if (invitation) history.replaceState(null, '', `/admin/invitation/${invitation[1]}`);
    const path = currentPath();
    const found = match(routes, path);
    if (!found?.route.public && !this.session) {
      this.go(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, true);
      return;
    }
    if (found) await found.route.load();
    this.current = found;
    this.notice = undefined;
  };

  /** Opens `path` (relative to /admin, or a whole /admin path) as a new history entry, or in place. */
  private go(path: string, replace = false) {
    const url = path.startsWith('/admin') ? path : `/admin${path}`;
    history[replace ? 'replaceState' : 'pushState'](null, '', url);
    this.focusHeading = true;
    void this.route();
  }

  private onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest?.('a');
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (!link.pathname.startsWith('/admin') || link.pathname.startsWith('/admin/assets')) return;
    event.preventDefault();
    this.go(link.pathname + link.search);
  };

  private onNavigate = (event: CustomEvent<string>) => this.go(event.detail);
  private onNotice = (event: CustomEvent<Notice>) => {
    this.notice = event.detail;
  };
  private onSignedOut = () => {
    if (this.session) this.sessionEnded = true;
  };
  private onSignedIn = (event: CustomEvent<StaffSession>) => {
    const wasEnded = this.sessionEnded;
    this.session = event.detail;
    this.sessionEnded = false;
    if (wasEnded) {
      this.sessionEndedDialog?.close();
      this.notice = {message: msg('Signed in again. Nothing you typed was lost: send it again.'), tone: 'success'};
      return;
    }
    const next = new URLSearchParams(location.search).get('next');
    this.go(next && next.startsWith('/admin') && !next.startsWith('/admin/sign-in') ? next : '/', true);
  };

  private async onSignOut() {
    try {
      await signOut();
    } finally {
      this.session = null;
      this.go('/sign-in', true);
    }
  }

  private async onLocale(event: Event) {
    await useLocale((event.target as HTMLSelectElement).value as ConsoleLocale);
  }

  private get tenant(): TenantContext | undefined {
    const id = this.current?.params.tenant;
    return id ? this.session?.tenants.find((t) => t.id === id) : undefined;
  }

  protected override updated(changed: PropertyValues) {
    if (changed.has('sessionEnded') && this.sessionEnded) this.sessionEndedDialog?.showModal();
    if (changed.has('current')) void this.afterRoute();
  }

  /** The page title from the screen's heading; focus on it after a move (not on the first load). */
  private async afterRoute() {
    const screen = this.querySelector('main > *') as (HTMLElement & {updateComplete?: Promise<unknown>}) | null;
    await screen?.updateComplete;
    const heading = this.querySelector<HTMLElement>('main h1');
    document.title = `${heading?.textContent?.trim() || notFoundTitle()} – ${msg('Kirjasto console')}`;
    if (heading && this.focusHeading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    this.focusHeading = false;
  }

  override render() {
    if (this.loadError) {
      return html`<main id="main" class="narrow">
        <h1>${msg('Kirjasto console')}</h1>
        <p role="alert" class="problem">${msg('The server did not answer. Check your connection and reload the page.')}</p>
        <button type="button" @click=${() => location.reload()}>${msg('Reload')}</button>
      </main>`;
    }
    if (this.session === undefined) return html`<p class="loading" role="status">${msg('Loading…')}</p>`;
    const route = this.current?.route;
    return html`
      <a class="skip-link" href="#main" @click=${this.skipToMain}>${msg('Skip to content')}</a>
      ${this.renderHeader()}
      <div class="layout ${this.tenant ? 'with-nav' : ''}">
        ${this.tenant ? this.renderNav(this.tenant) : nothing}
        <main id="main" tabindex="-1">${this.renderScreen()}</main>
      </div>
      <div class="notice-region" role="status" aria-live="polite">
        ${this.notice ? html`<p class="notice ${this.notice.tone}">${this.notice.message}</p>` : nothing}
      </div>
      ${this.session && route && !route.public
        ? html`<dialog id="session-ended" aria-labelledby="session-ended-title" @cancel=${(e: Event) => e.preventDefault()}>
            <h2 id="session-ended-title">${msg('Your session has ended')}</h2>
            <p>${msg('Sign in again to go on. What you typed stays on this page.')}</p>
            ${this.sessionEnded ? html`<console-sign-in-form .email=${this.session.user.email}></console-sign-in-form>` : nothing}
          </dialog>`
        : nothing}
    `;
  }

  private skipToMain(event: Event) {
    event.preventDefault();
    this.querySelector<HTMLElement>('main')?.focus();
  }

  private renderHeader() {
    const session = this.session;
    const tenant = this.tenant;
    return html`<header class="top">
      <a class="brand" href="/admin/">${msg('Kirjasto console')}</a>
      ${session && session.tenants.length > 1 && tenant
        ? html`<label class="library-switch"
            >${msg('Library')}
            <select @change=${(e: Event) => this.go(`/t/${encodeURIComponent((e.target as HTMLSelectElement).value)}/`)}>
              ${session.tenants.map((t) => html`<option value=${t.id} ?selected=${t.id === tenant.id}>${t.name}</option>`)}
            </select></label
          >`
        : tenant
          ? html`<span class="library-name">${tenant.name}</span>`
          : nothing}
      <span class="spacer"></span>
      <label class="language-switch"
        >${msg('Language')}
        <select @change=${this.onLocale}>
          ${CONSOLE_LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === getLocale()}>${LOCALE_NAMES[l]}</option>`)}
        </select></label
      >
      ${session
        ? html`<span class="user">${session.user.name || session.user.email}${tenant ? html` · ${roleName(tenant.role)}` : nothing}</span>
            <button type="button" class="secondary" @click=${this.onSignOut}>${msg('Sign out')}</button>`
        : nothing}
    </header>`;
  }

  private renderNav(tenant: TenantContext) {
    const here = location.pathname.replace(/\/$/, '');
    return html`<nav aria-label=${msg('Library menu')}>
      <ul>
        ${navRoutes()
          .filter((r) => roleMay(tenant.role, r.capability ?? 'read'))
          .map((r) => {
            const href = `/admin${r.path.replace(':tenant', encodeURIComponent(tenant.id))}`.replace(/\/$/, '');
            const current = here === href || (href !== `/admin/t/${tenant.id}` && here.startsWith(`${href}/`));
            return html`<li><a href="${href}/" aria-current=${current ? 'page' : nothing}>${r.nav!.label()}</a></li>`;
          })}
      </ul>
    </nav>`;
  }

  private renderScreen() {
    const current = this.current;
    if (!current) {
      return html`<h1>${notFoundTitle()}</h1>
        <p>${msg('There is no such page in the console.')} <a href="/admin/">${msg('Go to the start')}</a></p>`;
    }
    const {route, params} = current;
    if (params.tenant !== undefined) {
      const tenant = this.tenant;
      if (!tenant) {
        return html`<h1>${msg('No access to this library')}</h1>
          <p>${msg(str`You are not a member of the library "${params.tenant}". Ask its owner for an invitation.`)}</p>
          <p><a href="/admin/">${msg('Your libraries')}</a></p>`;
      }
      if (!roleMay(tenant.role, route.capability ?? 'read')) {
        return html`<h1>${msg('Not allowed for your role')}</h1>
          <p>${msg(str`As ${roleName(tenant.role)} in ${tenant.name} you cannot open this page. The library's owner can change your role.`)}</p>
          <p><a href="/admin/t/${tenant.id}/">${msg('Back to the start page')}</a></p>`;
      }
      return route.render(params, tenant);
    }
    return route.render(params);
  }
}

import {updateWhenLocaleChanges} from '@lit/localize';
import {LitElement} from 'lit';
import {property} from 'lit/decorators.js';
import type {Role} from './api.js';

/**
 * The console's elements render into the light DOM: one global stylesheet (console.css), labels and
 * ids that reach across components, and a page that assistive technology and tests read as one
 * document. Each re-renders when the console's language changes.
 */
export class ConsoleElement extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override createRenderRoot() {
    return this;
  }

  /** Tells the app to announce `message` in its live region (and show it until the next one). */
  protected notify(message: string, tone: 'success' | 'error' = 'success') {
    this.dispatchEvent(new CustomEvent<Notice>('console-notice', {detail: {message, tone}, bubbles: true}));
  }

  /** Opens a console path without reloading the page. */
  protected navigate(path: string) {
    this.dispatchEvent(new CustomEvent<string>('console-navigate', {detail: path, bubbles: true}));
  }
}

export interface Notice {
  message: string;
  tone: 'success' | 'error';
}

/** The library a screen works in, and the signed-in staff member's role there. */
export interface TenantContext {
  id: string;
  name: string;
  role: Role;
}

/**
 * A screen under /admin/t/{tenant}/…: it gets the library and the path's parameters, renders an
 * `<h1>` at once (the app moves focus to it and takes the page title from it), and loads its data.
 */
export class ConsoleScreen extends ConsoleElement {
  @property({attribute: false}) tenant!: TenantContext;
  @property({attribute: false}) params: Record<string, string> = {};

  /** A console path inside this screen's library: `this.href('/polls/new')`. */
  protected href(path = '/') {
    return `/admin/t/${encodeURIComponent(this.tenant.id)}${path}`;
  }
}

let nextId = 0;
/** An id unique in the document, for label/aria-describedby pairs in the light DOM. */
export const uniqueId = (prefix: string) => `${prefix}-${++nextId}`;

import type {Context} from 'hono';
import type {AppDeps} from '../deps.js';
import {CHANNELS, ID_PATTERN, type Channel} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {isBranchOf} from '../tenants/store.js';
import {pageLang, type PageLang} from './lang.js';
import type {TenantLook} from './tenant-look.js';

/** What every page form carries besides its own fields. */
export interface PageFormState {
  lang: PageLang;
  channel: Channel;
  location?: string;
  /** The form's signed one-time key (pages/page-key.ts). */
  key?: string;
  /** Set on a post from a valid key: the voter token never travels in the page or a URL. */
  voter?: string;
  idempotencyKey?: string;
  /** The library's name, colours and content language order. */
  look?: TenantLook;
  error?: string;
}

/**
 * The channel the page was opened from; anything unknown counts as web, and so does `kiosk`: a kiosk
 * is a registered device running the widget, never a plain page a link can claim to be.
 */
export const channelParam = (value: string | undefined): Channel =>
  value !== 'kiosk' && (CHANNELS as readonly string[]).includes(value ?? '') ? (value as Channel) : 'web';

/** The branch when it is one of the widget's library, else nothing. */
export async function knownBranch(deps: Pick<AppDeps, 'db'>, widget: {tenantId: string}, location: string | undefined): Promise<string | undefined> {
  if (!location || !ID_PATTERN.test(location)) return undefined;
  return (await isBranchOf(deps.db, widget.tenantId, location)) ? location : undefined;
}

/** Channel and known branch from a page's query string. */
export async function pagePlacement(deps: AppDeps, c: Context, widget: {tenantId: string}): Promise<{channel: Channel; location?: string}> {
  return {channel: channelParam(c.req.query('channel')), location: await knownBranch(deps, widget, c.req.query('location'))};
}

/** A page form post: its fields (none unless form-encoded, which {@link checkFormPost} then refuses) and the reader's language. */
export async function readPageForm(c: Context): Promise<{form: URLSearchParams; formEncoded: boolean; lang: PageLang}> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const formEncoded = mediaType === 'application/x-www-form-urlencoded';
  const form = formEncoded ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
  return {form, formEncoded, lang: pageLang(c, form.get('lang'))};
}

/** The fields every page form posts, with the channel and branch checked as on the page itself. */
export async function pageFormState(deps: AppDeps, widget: {tenantId: string}, form: URLSearchParams, lang: PageLang): Promise<PageFormState> {
  return {
    lang,
    channel: channelParam(form.get('channel') ?? undefined),
    location: await knownBranch(deps, widget, form.get('location') ?? undefined),
    key: form.get('key') ?? undefined,
  };
}

/** Refuses a post that is not a form, or that comes from a site the library has not allowed. */
export async function checkFormPost(c: Context, deps: AppDeps, widget: {tenantId: string}, formEncoded: boolean): Promise<void> {
  if (!formEncoded) throw new Problem('unsupported-media-type');
  const origin = c.req.header('origin');
  if (origin && origin !== deps.publicOrigin && origin !== new URL(c.req.url).origin && !(await deps.origins.isAllowed(origin, widget.tenantId))) {
    throw new Problem('origin-not-allowed');
  }
}

/** The reader's words for a problem, re-rendered above the form. */
export const problemMessage = (problem: Problem, errors: Record<string, string>): string => errors[problem.slug] ?? errors.default!;

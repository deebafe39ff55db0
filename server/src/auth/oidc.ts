import {timingSafeEqual} from 'node:crypto';
import type {lookup} from 'node:dns';
import * as client from 'openid-client';
import type {Queryable} from '../db/db.js';
import {Problem} from '../http/problem.js';
import {fetchPublic, internalAddressOf} from '../http/public-address.js';
import type {Secrets} from '../secrets.js';
import {findUser, findUserByEmail, normalizeEmail, setMembership, type User} from './accounts.js';
import {ROLES, type Role} from './roles.js';

/** A library's OpenID provider, as its owner configured it. */
export interface OidcSettings {
  tenantId: string;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  roleMap: Record<string, Role>;
  defaultRole: Role | null;
  version: number;
}

interface OidcRow {
  tenant_id: string;
  enabled: boolean;
  issuer: string;
  client_id: string;
  client_secret: string;
  role_claim: string;
  role_map: Record<string, Role>;
  default_role: Role | null;
  version: number;
}

export async function findOidc(db: Queryable, tenantId: string): Promise<OidcSettings | undefined> {
  const [r] = await db.query<OidcRow>('select * from tenant_oidc where tenant_id = $1', [tenantId]);
  if (!r) return undefined;
  return {tenantId: r.tenant_id, enabled: r.enabled, issuer: r.issuer, clientId: r.client_id, clientSecret: r.client_secret, roleClaim: r.role_claim, roleMap: r.role_map, defaultRole: r.default_role, version: r.version};
}

/** Entra ID's multi-tenant issuers would let any organisation's accounts in. */
const MULTI_TENANT = /\/(common|organizations|consumers)(\/|$)/i;

/**
 * Why an issuer may not be saved, or undefined. Unless the operator allows development providers
 * (KIRJASTO_OIDC_ALLOW_HTTP), it is https and its host is not and does not resolve to an internal
 * address, since the server itself fetches from it (SSRF); every connection checks that again.
 */
export async function issuerProblem(issuer: string, development: boolean): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'An https URL';
  }
  if (url.protocol !== 'https:' && !(development && url.protocol === 'http:')) return 'An https URL';
  if (MULTI_TENANT.test(url.pathname)) return "Your organisation's own issuer, never /common, /organizations or /consumers";
  if (url.search || url.hash) return 'No query or fragment';
  const internal = development ? undefined : await internalAddressOf(url);
  if (internal) return `A public address: ${internal} is inside this server's own network`;
  return undefined;
}

export const OIDC_STATE_COOKIE = 'kirjasto_oidc';
export const OIDC_PATH = '/api/v1/admin/oidc';
const STATE_MAX_AGE_S = 600;

interface FlowState {
  tenant: string;
  state: string;
  nonce: string;
  verifier: string;
  exp: number;
}

/** The short-lived state of one sign-in, in a MACed cookie: nothing is stored before the provider answers. */
export async function sealState(secrets: Secrets, flow: Omit<FlowState, 'exp'>): Promise<string> {
  const body = Buffer.from(JSON.stringify({...flow, exp: Date.now() + STATE_MAX_AGE_S * 1000})).toString('base64url');
  return `${body}.${(await secrets.mac(`oidc-state:${body}`)).toString('base64url')}`;
}

export async function openState(secrets: Secrets, value: string | undefined, tenant: string): Promise<FlowState> {
  const invalid = new Problem('sign-in-failed', {detail: 'The sign-in took too long or was started elsewhere; start it again.'});
  const [body, mac] = (value ?? '').split('.');
  if (!body || !mac) throw invalid;
  const expected = await secrets.mac(`oidc-state:${body}`);
  const actual = Buffer.from(mac, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid;
  const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as FlowState;
  if (flow.tenant !== tenant || flow.exp < Date.now()) throw invalid;
  return flow;
}

export const stateCookie = (value: string, secure: boolean) =>
  `${OIDC_STATE_COOKIE}=${value}; Path=${OIDC_PATH}; Max-Age=${STATE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
export const clearedStateCookie = (secure: boolean) => `${OIDC_STATE_COOKIE}=; Path=${OIDC_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

const CACHE_MS = 10 * 60_000;

/**
 * Discovery per library, cached for ten minutes and until its settings change. Every request to the
 * provider (discovery, token, keys, userinfo) goes through one fetch that connects only to public
 * addresses, unless the operator allows development providers; `resolve` is for tests.
 */
export class OidcClients {
  private cache = new Map<string, {at: number; version: number; config: Promise<client.Configuration>}>();
  private readonly fetch: client.CustomFetch;

  constructor(
    private readonly development: boolean,
    resolve?: typeof lookup,
  ) {
    this.fetch = fetchPublic({allowInternal: development, resolve});
  }

  configuration(settings: OidcSettings): Promise<client.Configuration> {
    const hit = this.cache.get(settings.tenantId);
    if (hit && hit.version === settings.version && Date.now() - hit.at < CACHE_MS) return hit.config;
    const execute = this.development && settings.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [];
    const config = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {execute, [client.customFetch]: this.fetch});
    config.catch(() => this.cache.delete(settings.tenantId));
    this.cache.set(settings.tenantId, {at: Date.now(), version: settings.version, config});
    return config;
  }
}

export async function authorizationUrl(config: client.Configuration, redirectUri: string, flow: {state: string; nonce: string; verifier: string}): Promise<URL> {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
}

export const newFlow = () => ({state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier()});

const strength = (role: Role) => ROLES.indexOf(role);

/** The strongest role the claim's values map to, else the default role. */
export function roleFrom(settings: OidcSettings, claims: Record<string, unknown>): Role | null {
  const raw = claims[settings.roleClaim];
  const values = Array.isArray(raw) ? raw.map(String) : raw === undefined || raw === null ? [] : [String(raw)];
  const roles = values.map((v) => settings.roleMap[v]).filter((r): r is Role => r !== undefined);
  roles.sort((a, b) => strength(a) - strength(b));
  return roles[0] ?? settings.defaultRole;
}

/** Exchanges the code (checking state, nonce and PKCE) and returns the provider's claims, userinfo included. */
export async function finish(config: client.Configuration, callbackUrl: URL, flow: FlowState): Promise<Record<string, unknown>> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce});
  const claims = {...tokens.claims()} as Record<string, unknown>;
  if (config.serverMetadata().userinfo_endpoint) {
    Object.assign(claims, {...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))), sub: claims.sub});
  }
  return claims;
}

/**
 * The account of the provider's subject: linked once, by (issuer, subject); the first time, to the
 * account with the verified email, or a new one. Its role in the library follows the provider's claim.
 */
export async function accountFor(db: Queryable, settings: OidcSettings, claims: Record<string, unknown>, role: Role, newUserId: () => string): Promise<User> {
  const subject = String(claims.sub);
  const [linked] = await db.query<{user_id: string}>('select user_id from user_identities where issuer = $1 and subject = $2', [settings.issuer, subject]);
  let userId: string | undefined = linked?.user_id;
  if (userId === undefined) {
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? normalizeEmail(claims.email) : undefined;
    if (!email) throw new Problem('sign-in-failed', {detail: 'The provider gave no verified email for this account.'});
    let id = (await findUserByEmail(db, email))?.id;
    if (id === undefined) {
      id = newUserId();
      await db.query('insert into users (id, email, name) values ($1, $2, $3)', [id, email, typeof claims.name === 'string' ? claims.name.slice(0, 200) : '']);
    }
    await db.query('insert into user_identities (issuer, subject, user_id) values ($1, $2, $3) on conflict do nothing', [settings.issuer, subject, id]);
    userId = id;
  }
  await setMembership(db, settings.tenantId, userId, role);
  return (await findUser(db, userId))!;
}

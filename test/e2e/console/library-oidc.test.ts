// The library's own identity provider, through the console in Chromium: the owner configures it on the
// settings screen, and a member of the provider's group signs in with the button on the sign-in page.
// The provider (oidc-provider) runs on 127.0.0.2, another site than the console on localhost, so the
// redirect back is really cross-site (the server's OIDC test, server/test/admin-oidc.test.ts, checks
// the cookies and refusals in detail).
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import Provider from 'oidc-provider';
import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {consoleSuite, launchChromium, signedInPage, signIn, startConsoleServer, type ConsoleServer} from '../../support/console.js';

const CLIENT = {id: 'kirjasto-console-test', secret: 'console-test-client-secret-0123456789'};
const ACCOUNT = {id: 'aino', name: 'Aino Asiakaspalvelu', groups: ['Kirjasto-Toimittajat']};

const freePort = (host: string) =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, host, () => {
      const {port} = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** A provider whose login page signs ACCOUNT in at once (no form: the console's part is what is tested). */
async function startProvider(redirectUri: string): Promise<{issuer: string; server: Server}> {
  const port = await freePort('127.0.0.2');
  const issuer = `http://127.0.0.2:${port}`;
  const provider = new Provider(issuer, {
    clients: [{client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code']}],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({sub: id, email: `${id}@ouka.fi`, email_verified: true, name: ACCOUNT.name, groups: ACCOUNT.groups}),
    }),
    claims: {openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups']},
    features: {devInteractions: {enabled: false}},
    interactions: {url: (_ctx, interaction) => `/interaction/${interaction.uid}`},
    cookies: {keys: ['console-oidc-test-cookie-key']},
    pkce: {required: () => true},
    ttl: {Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60},
  });
  const callback = provider.callback();
  const server = createServer(async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({accountId: ACCOUNT.id, clientId: String(details.params.client_id)});
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, {login: {accountId: ACCOUNT.id}, consent: {grantId}}, {mergeWithLastSubmission: false});
      return;
    }
    callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.2', resolve));
  return {issuer, server};
}

describe('sign-in through the library\'s own identity provider, in the console', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let idp: {issuer: string; server: Server};
  /** The console as its public address names it: localhost, another site than the provider's 127.0.0.2. */
  let consoleUrl: string;

  beforeAll(async () => {
    server = await startConsoleServer({KIRJASTO_OIDC_ALLOW_HTTP: '1'});
    consoleUrl = `http://localhost:${server.port}`;
    idp = await startProvider(`${consoleUrl}/api/v1/admin/oidc/demo/callback`);
    browser = await launchChromium();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => idp?.server.close(resolve));
    await server?.dispose();
  });

  it('is set up by the owner on the settings screen and signs a member of the mapped group in as editor', async () => {
    const owner = await browser.newContext({locale: 'en'});
    await owner.addInitScript(() => localStorage.setItem('kirjasto-console-locale', 'en'));
    const page = await owner.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${consoleUrl}/admin/sign-in?next=${encodeURIComponent('/admin/t/demo/settings')}`);
    await signIn(page, 'owner');
    const form = page.getByRole('form', {name: "Sign-in through the library's own identity provider"});
    await form.getByLabel('Issuer').fill(idp.issuer);
    await form.getByLabel('Client id').fill(CLIENT.id);
    await form.getByLabel('Client secret').fill(CLIENT.secret);
    await form.getByLabel('Claim that gives the role').fill('groups');
    await form.getByRole('button', {name: 'Add a value'}).click();
    await form.getByLabel('Value 1', {exact: true}).fill('Kirjasto-Toimittajat');
    await form.getByLabel('Role for value 1').selectOption('editor');
    await form.getByRole('button', {name: 'Save the sign-in settings'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('The sign-in settings were saved.');
    // The secret is write-only: the form is empty again and says one is stored.
    expect(await form.getByLabel('Client secret').inputValue()).toBe('');
    expect(await form.textContent()).toContain('A secret is stored and never shown.');
    expect(await form.getByLabel('Redirect address to register at the provider').inputValue()).toBe(`${consoleUrl}/api/v1/admin/oidc/demo/callback`);
    await owner.close();

    const staff = await browser.newContext({locale: 'en'});
    await staff.addInitScript(() => localStorage.setItem('kirjasto-console-locale', 'en'));
    const signInPage = await staff.newPage();
    signInPage.setDefaultTimeout(15_000);
    const visited: string[] = [];
    signInPage.on('request', (request) => request.isNavigationRequest() && visited.push(new URL(request.url()).host));
    await signInPage.goto(`${consoleUrl}/admin/sign-in?library=demo`);
    await signInPage.getByRole('link', {name: "Sign in with your library's account (demo)"}).click();
    await signInPage.waitForURL(`${consoleUrl}/admin/t/demo/`);
    await expect.poll(() => signInPage.getByRole('heading', {level: 1}).textContent()).toBe('Start: Demo-kirjasto');
    expect(await signInPage.locator('header .user').textContent()).toContain(`${ACCOUNT.name} · editor`);
    expect(visited).toContain(new URL(idp.issuer).host);
    // The session cookie is the console's own, HttpOnly and Strict.
    const session = (await staff.cookies()).filter((c) => c.name === 'kirjasto_session');
    expect(session).toEqual([expect.objectContaining({domain: 'localhost', httpOnly: true, sameSite: 'Strict'})]);
    await staff.close();
  });
});

describe("an issuer inside the server's own network, in the console", () => {
  const suite = consoleSuite(); // as in production: KIRJASTO_OIDC_ALLOW_HTTP is off

  it('is refused at the Issuer field with the server\'s words', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.server.url}/admin/t/demo/settings`);
    const form = page.getByRole('form', {name: "Sign-in through the library's own identity provider"});
    await form.getByLabel('Issuer').fill('https://169.254.169.254/latest/meta-data/');
    await form.getByLabel('Client id').fill(CLIENT.id);
    await form.getByLabel('Client secret').fill(CLIENT.secret);
    await form.getByRole('button', {name: 'Save the sign-in settings'}).click();
    const issuer = form.getByLabel('Issuer');
    await expect.poll(() => issuer.getAttribute('aria-invalid')).toBe('true');
    const described = await issuer.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent);
    expect(described).toMatch(/^A public address: 169\.254\.169\.254 is inside this server's own network/);
    await context.close();
  });
});

import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Page} from 'playwright-core';
import {Webhook} from 'standardwebhooks';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, signedInPage, type ConsoleServer} from '../../support/console.js';

async function open(page: Page, server: ConsoleServer, path: string, heading: string | RegExp) {
  await page.goto(`${server.url}/admin${path}`);
  await expect.poll(() => page.getByRole('heading', {level: 1}).textContent(), {timeout: 10_000}).toMatch(heading);
  await page.getByText('Loading…').first().waitFor({state: 'detached'}).catch(() => {});
}

describe('the alerts screen of the console', () => {
  // The server's own alert worker (main.ts) sends; no SMTP server is configured here, so email fails visibly.
  // The webhook receiver is on this machine, over http: the operator settings for tests and development let it through.
  const suite = consoleSuite({
    KIRJASTO_ALERT_POLL_MS: '100',
    KIRJASTO_ALERT_RETRY_BASE_MS: '100',
    KIRJASTO_ALERT_MAX_ATTEMPTS: '2',
    KIRJASTO_WEBHOOK_ALLOW_HTTP: '1',
    KIRJASTO_WEBHOOK_ALLOW_PRIVATE: '1',
  });
  const received: {headers: IncomingHttpHeaders; body: string}[] = [];
  let receiver: Server;
  let hookUrl = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({headers: req.headers, body});
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kirjasto`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('lets the owner set recipients and the digest, add a webhook shown once, send a test and see it delivered and the email failing', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Alerts'}).click();
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Alerts');
    await page.getByLabel('Email recipients').fill('johtaja@kirjasto.test');
    await page.getByLabel('Send a digest of the past week every Monday').check();
    await page.getByLabel('At least this many answers').fill('6');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('The alert settings were saved.');

    await page.getByLabel('Address').fill(hookUrl);
    await page.getByLabel('Description').fill('Intranet');
    await page.getByRole('button', {name: 'Add the webhook'}).click();
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await page.getByRole('table', {name: 'Webhook endpoints'}).textContent()).toContain(hookUrl);
    expect(await axeLightAndDark(page)).toEqual([]);
    await page.getByRole('button', {name: 'I have copied it'}).click();
    expect(await page.getByLabel('Signing secret').count()).toBe(0);

    await page.getByRole('button', {name: 'Send a test message'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('Test messages queued: 2.');
    await expect.poll(() => received.length, {timeout: 10_000}).toBe(1);
    const event = new Webhook(secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>) as {type: string};
    expect(event.type).toBe('alerts.test');

    const deliveries = page.getByRole('table', {name: 'Alerts, digests and tests sent, newest first'});
    await expect
      .poll(
        async () => {
          await page.getByRole('button', {name: 'Refresh'}).click();
          return deliveries.textContent();
        },
        {timeout: 10_000},
      )
      .toMatch(/delivered[\s\S]*Email is not configured|Email is not configured[\s\S]*delivered/);
    await page.getByLabel('Show').selectOption('failed');
    await expect.poll(() => deliveries.getByRole('row').count()).toBe(2); // the header and the email
    expect(await deliveries.textContent()).toContain('johtaja@kirjasto.test');
    expect(await axeLightAndDark(page)).toEqual([]);

    // after a reload the settings are the saved ones
    await open(page, suite.server, '/t/demo/alerts', 'Alerts');
    expect(await page.getByLabel('At least this many answers').inputValue()).toBe('6');
    expect(await page.getByLabel('Send a digest of the past week every Monday').isChecked()).toBe(true);
    await context.close();
  }, 90_000);

  it("tells the librarian who saves second that a colleague changed the settings, keeps the colleague's, and offers to reload them", async () => {
    const first = await signedInPage(suite.browser, suite.server, 'owner');
    const second = await signedInPage(suite.browser, suite.server, 'owner');
    for (const {page} of [first, second]) {
      page.setDefaultTimeout(10_000);
      await open(page, suite.server, '/t/demo/alerts', 'Alerts');
    }
    await first.page.getByLabel('Email recipients').fill('kollega@kirjasto.test');
    await first.page.getByRole('button', {name: 'Save', exact: true}).click();
    await expect.poll(() => first.page.getByRole('status').last().textContent()).toContain('The alert settings were saved.');

    const page = second.page;
    await page.getByLabel('Email recipients').fill('mina@kirjasto.test');
    await page.getByLabel('Within minutes').fill('30');
    // a change to a webhook in between reloads the webhooks, not the settings the form was made from
    await page.getByRole('button', {name: /^Turn off /}).first().click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/was turned off/);
    expect(await page.getByLabel('Email recipients').inputValue()).toBe('mina@kirjasto.test');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    const conflict = page.getByRole('heading', {name: 'Someone else changed the alert settings while you were editing'});
    await conflict.waitFor();
    expect(await conflict.evaluate((heading) => heading === document.activeElement)).toBe(true);
    expect(await axeLightAndDark(page)).toEqual([]);
    // nothing of the second save was stored
    await open(first.page, suite.server, '/t/demo/alerts', 'Alerts');
    expect(await first.page.getByLabel('Email recipients').inputValue()).toBe('kollega@kirjasto.test');
    expect(await first.page.getByLabel('Within minutes').inputValue()).toBe('15');

    await page.getByRole('button', {name: 'Reload their version'}).click();
    await expect.poll(() => page.getByLabel('Email recipients').inputValue()).toBe('kollega@kirjasto.test');
    expect(await page.getByLabel('Within minutes').inputValue()).toBe('15');
    expect(await conflict.count()).toBe(0);
    expect(await page.getByLabel('Alert when low ratings surge').evaluate((box) => box === document.activeElement)).toBe(true);
    // made again on their version, the change is saved
    await page.getByLabel('Within minutes').fill('30');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('The alert settings were saved.');
    await open(first.page, suite.server, '/t/demo/alerts', 'Alerts');
    expect(await first.page.getByLabel('Within minutes').inputValue()).toBe('30');
    expect(await first.page.getByLabel('Email recipients').inputValue()).toBe('kollega@kirjasto.test');
    await first.context.close();
    await second.context.close();
  }, 90_000);

  it('shows the moderator the settings and deliveries without edit controls, and the viewer not at all', async () => {
    const moderator = await signedInPage(suite.browser, suite.server, 'moderator');
    await open(moderator.page, suite.server, '/t/demo/alerts', 'Alerts');
    expect(await moderator.page.getByLabel('Email recipients').isDisabled()).toBe(true);
    expect(await moderator.page.getByRole('button', {name: 'Add the webhook'}).count()).toBe(0);
    // The deliveries load after the settings.
    await expect.poll(() => moderator.page.getByRole('table', {name: 'Alerts, digests and tests sent, newest first'}).count()).toBe(1);
    expect(await axeLightAndDark(moderator.page)).toEqual([]);
    await moderator.context.close();
    const viewer = await signedInPage(suite.browser, suite.server, 'viewer');
    await open(viewer.page, suite.server, '/t/demo/alerts', 'Not allowed for your role');
    await viewer.context.close();
  }, 60_000);
});

describe('webhook addresses a server refuses, in the console', () => {
  const suite = consoleSuite(); // the defaults: https:// only, public addresses only

  it('tells the owner at the field, in their language, why an internal or a plain http address gets no webhooks', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    await open(page, suite.server, '/t/demo/alerts', 'Alerts');
    await page.getByLabel('Language').selectOption('fi');
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Hälytykset');
    const address = page.getByRole('textbox', {name: /^Osoite/});
    const error = async () => page.locator(`#${await address.getAttribute('aria-describedby')}`).textContent();

    await address.fill('https://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', {name: 'Lisää webhook'}).click();
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    expect(await error()).toContain('palvelimen omassa verkossa');
    expect(await address.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await axeLightAndDark(page)).toEqual([]);

    await address.fill('http://93.184.215.14/kirjasto');
    await page.getByRole('button', {name: 'Lisää webhook'}).click();
    await expect.poll(error).toContain('Käytä https://-osoitetta');
    expect(await page.getByText('Ei vielä webhookeja.').count()).toBe(1);
    await context.close();
  }, 60_000);
});

import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {axeLightAndDark, axeViolations, consoleSuite, signedInPage, type ConsoleServer} from '../../support/console.js';

const token = () => `voter-${randomBytes(12).toString('hex')}`;
const key = () => `key-${randomBytes(8).toString('hex')}`;

async function sendIdea(server: ConsoleServer, voter: string, text: string, contact: string) {
  const box = (await (await fetch(`${server.url}/api/v1/idea-boxes/demo-ideas`)).json()) as {formToken: string};
  const response = await fetch(`${server.url}/api/v1/idea-boxes/demo-ideas/ideas`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'Idempotency-Key': key()},
    body: JSON.stringify({text, contact, voter, channel: 'web', formToken: box.formToken}),
  });
  expect(response.status).toBe(201);
}

describe('requests from people', () => {
  const suite = consoleSuite({KIRJASTO_FORM_MIN_AGE_MS: '0'});

  it("shows a patron what this browser sent on /my and deletes it, with no cookie and no violations", async () => {
    const voter = token();
    const vote = await fetch(`${suite.server.url}/api/v1/polls/demo-poll/votes`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': key()},
      body: JSON.stringify({optionIds: ['quiet'], voter, channel: 'web'}),
    });
    expect(vote.status).toBe(201);
    await sendIdea(suite.server, voter, 'A bench by the children’s shelves', 'bench.patron@example.fi');

    const context = await suite.browser.newContext({locale: 'en', viewport: {width: 1000, height: 800}});
    // The token the server origin's widgets would have kept (src/shared/voter.ts).
    await context.addInitScript((t) => localStorage.setItem('kirjasto.voter', t), voter);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${suite.server.url}/my?lang=en`);
    await expect.poll(() => page.getByRole('heading', {level: 3}).allTextContents()).toEqual(['Votes in polls', 'Ideas']);
    expect(await page.getByRole('main').textContent()).toContain('A bench by the children’s shelves');
    expect(await page.getByRole('main').textContent()).toContain('Quiet study spaces');
    expect(await axeLightAndDark(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('listitem').filter({hasText: 'A bench by the children’s shelves'}).getByRole('button', {name: /^Delete/}).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Deleted.');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', {level: 3}).allTextContents()).toEqual(['Votes in polls']);
    expect(await page.getByRole('main').textContent()).not.toContain('A bench by the children’s shelves');
    expect(requests.some((u) => u.includes(voter))).toBe(false);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('tells a browser that sent nothing so, in Finnish', async () => {
    const context = await suite.browser.newContext({locale: 'fi'});
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/my`);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Tästä selaimesta ei ole lähetetty mitään, mitä voisi näyttää.');
    expect(await axeViolations(page)).toEqual([]);
    // A browser set up as a kiosk is a shared device: its page lists nothing, whatever its token sent.
    await page.evaluate(() => {
      localStorage.setItem('kirjasto.voter', 'voter-0123456789abcdef01234567');
      localStorage.setItem('kirjasto.kiosk', '{}');
    });
    await page.reload();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Tämä on kirjaston yhteinen kioskilaite, joten sivu ei näytä siitä lähetettyä.');
    await context.close();
  });

  it('lets a moderator find a contact, erase it after a confirmation, and see it in the audit log', async () => {
    const contact = `erase.me.${randomBytes(3).toString('hex')}@example.fi`;
    await sendIdea(suite.server, token(), 'Longer opening hours on Saturdays', contact);
    const {context, page} = await signedInPage(suite.browser, suite.server, 'moderator');
    page.setDefaultTimeout(10_000);
    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Requests to erase'}).click();
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Requests to erase');
    await page.getByLabel('Search by').selectOption('contact');
    await page.getByLabel('Look for').fill(contact.toUpperCase());
    await page.getByRole('button', {name: 'Search', exact: true}).click();
    const table = page.getByRole('table');
    await expect.poll(() => table.textContent()).toContain(contact);
    expect(await table.textContent()).toContain("Idea's contact");
    expect(await axeLightAndDark(page)).toEqual([]);

    await table.getByRole('button', {name: /^Erase/}).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await expect.poll(() => dialog.textContent()).toContain("Erase: Idea's contact?");
    await dialog.getByRole('button', {name: 'Erase', exact: true}).click();
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Nothing found.'}).count()).toBe(1);

    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Audit log'}).click();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('erased on request idea');
    expect(await page.getByRole('main').textContent()).not.toContain(contact);
    await context.close();
  });
});

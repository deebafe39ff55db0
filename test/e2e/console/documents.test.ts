import {readFile} from 'node:fs/promises';
import {describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, signedInPage} from '../../support/console.js';

describe('the documents a library publishes, in the console', () => {
  const suite = consoleSuite();

  it("fills the privacy notice and the accessibility statement with the library's settings, marks the rest, and copies and downloads the text", async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: suite.server.url});
    page.setDefaultTimeout(10_000);

    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Documents'}).click();
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Documents: Demo-kirjasto');
    const text = page.locator('.document-text');
    await text.waitFor();

    // English privacy notice first (the console's language): the name and languages from the settings.
    expect(await page.getByLabel('Document', {exact: true}).inputValue()).toBe('privacy-notice');
    expect(await text.textContent()).toContain("# Privacy notice: Demo-kirjasto's polls, ratings and idea boxes");
    expect(await text.textContent()).not.toContain('{{library.name}}');
    // Retention comes from the library's data protection settings (24 months by default); what the
    // settings cannot say (the operator's backups) stays to fill in, marked, and listed.
    expect(await text.textContent()).not.toContain('{{retention.freeTextMonths}}');
    expect(await text.textContent()).toMatch(/\| 24 months, then deleted/);
    const todo = page.getByRole('region', {name: 'Still to do'});
    expect(await todo.getByRole('listitem').allTextContents()).not.toContain('{{retention.freeTextMonths}}');
    expect(await todo.getByRole('listitem').allTextContents()).not.toContain('{{library.name}}');
    expect(await text.locator('mark.document-check').first().textContent()).toMatch(/^\[\[CHECK: /);
    expect(await axeLightAndDark(page)).toEqual([]);

    // The Finnish accessibility statement names the library, this server and the languages in Finnish.
    await page.getByLabel('Document', {exact: true}).selectOption('accessibility-statement');
    await page.getByLabel('Language of the document').selectOption('fi');
    await expect.poll(() => text.textContent()).toContain('# Saavutettavuusseloste: Demo-kirjasto');
    const statement = (await text.textContent())!;
    expect(statement).toContain(`omia sivuja osoitteessa\n${suite.server.url}`);
    expect(statement).toContain('kielillä suomi, ruotsi ja englanti');
    expect(await text.getAttribute('lang')).toBe('fi');
    expect(await text.locator('mark.document-check', {hasText: 'TARKISTA: Valvontaviranomainen'}).count()).toBe(1);
    expect(await todo.getByRole('listitem').allTextContents()).toContain('{{authority.email}}');

    // What is downloaded and what is copied is the text shown, placeholders and notes included.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', {name: 'Download accessibility-statement.fi.md'}).click()]);
    expect(download.suggestedFilename()).toBe('accessibility-statement.fi.md');
    const file = await readFile((await download.path())!, 'utf8');
    expect(file).toBe(statement);
    await page.getByRole('button', {name: 'Copy the document'}).click();
    await expect.poll(() => todo.getByRole('status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(statement);
    expect(await axeLightAndDark(page)).toEqual([]);
    await context.close();
  });

  it('speaks Finnish when the console is switched to Finnish, and starts with the Finnish document', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    await page.goto(`${suite.server.url}/admin/t/demo/`);
    page.setDefaultTimeout(10_000);
    await page.getByRole('banner').getByLabel('Language').selectOption('fi');
    const menu = page.getByRole('navigation', {name: 'Kirjaston valikko'});
    await menu.getByRole('link', {name: 'Asiakirjat'}).click();
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Asiakirjat: Demo-kirjasto');
    expect(await page.getByLabel('Asiakirjan kieli').inputValue()).toBe('fi');
    await expect.poll(() => page.locator('.document-text').textContent()).toContain('# Tietosuojaseloste: Demo-kirjasto');
    expect(await page.getByRole('link', {name: 'Lataa privacy-notice.fi.md'}).count()).toBe(1);
    expect(await page.getByRole('button', {name: 'Kopioi asiakirja'}).count()).toBe(1);
    await context.close();
  });

  it('is for owners only', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    await page.goto(`${suite.server.url}/admin/t/demo/documents`);
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Not allowed for your role');
    expect(await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Documents'}).count()).toBe(0);
    await context.close();
  });
});

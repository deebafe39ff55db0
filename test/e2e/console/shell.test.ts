import {describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, focusedElement, signIn} from '../../support/console.js';

describe('the console shell', () => {
  const suite = consoleSuite();

  it('sends a signed-out visitor to sign-in and back to the page they asked for, with focus on its heading', async () => {
    const context = await suite.browser.newContext({locale: 'en'});
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/admin/t/demo/nowhere`);
    await page.waitForURL(/\/admin\/sign-in\?next=/);
    // The address changes before the sign-in page has replaced what was drawn: wait for its heading.
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Sign in to the Kirjasto console');
    expect(await axeLightAndDark(page)).toEqual([]);
    await signIn(page, 'editor');
    expect(new URL(page.url()).pathname).toBe('/admin/t/demo/nowhere');
    await expect.poll(() => focusedElement(page)).toEqual({tag: 'h1', text: 'Page not found'});
    await context.close();
  });

  it('says plainly when the password is wrong, and keeps the email address', async () => {
    const context = await suite.browser.newContext({locale: 'en'});
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill('editor@demo.kirjasto.example');
    await page.getByLabel('Password', {exact: true}).fill('not the password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The email address or the password is wrong.');
    expect(await page.getByLabel('Email address').inputValue()).toBe('editor@demo.kirjasto.example');
    await context.close();
  });

  it('speaks Finnish and Swedish when chosen, and keeps the choice', async () => {
    const context = await suite.browser.newContext({locale: 'en'});
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/admin/sign-in`);
    await page.getByLabel('Language').selectOption('fi');
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Kirjaudu kirjaston ylläpitoon');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Kirjaudu kirjaston ylläpitoon');
    await page.getByLabel('Kieli').selectOption('sv');
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Logga in i bibliotekets administration');
    await context.close();
  });
});

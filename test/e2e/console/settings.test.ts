import {describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, signedInPage} from '../../support/console.js';

describe("the library's own settings in the console", () => {
  const suite = consoleSuite();

  it('lets the owner turn Northern Sami on and set a colour: the poll form then asks for Sami texts and the pages take the colour', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.server.url}/admin/t/demo/settings/`);
    const library = page.getByRole('form', {name: 'The library', exact: true});
    await library.waitFor();
    expect(await page.getByLabel('Northern Sami').isChecked()).toBe(false);
    expect(await axeLightAndDark(page)).toEqual([]);

    // A wrong colour code is refused at its field, and nothing typed is lost.
    await page.getByLabel('Northern Sami').check();
    await page.getByLabel('Colour of the library (optional)').fill('blue');
    await library.getByRole('button', {name: "Save the library's settings"}).click();
    await expect.poll(() => library.locator('.field-error').textContent()).toContain('#rgb or #rrggbb');
    expect(await page.getByLabel('Northern Sami').isChecked()).toBe(true);

    await page.getByLabel('Colour of the library (optional)').fill('#7A1F5C');
    await library.getByRole('button', {name: "Save the library's settings"}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain("The library's settings were saved.");
    expect(await page.getByLabel('Colour of the library (optional)').inputValue()).toBe('#7a1f5c');

    // Both settings forms share the library's version: the origins still save after it.
    await page.getByRole('button', {name: 'Save the sites'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('The allowed web addresses were saved.');

    await page.goto(`${suite.server.url}/admin/t/demo/polls/new`);
    await page.getByRole('group', {name: /^Question/}).waitFor();
    expect(await page.getByRole('group', {name: /^Question/}).getByLabel('Northern Sami').count()).toBe(1);

    const standalone = await (await fetch(`${suite.server.url}/w/poll/demo-poll?lang=fi`)).text();
    expect(standalone).toContain('--accent: #7a1f5c');
    expect(standalone).toContain('hreflang="se"');
    await context.close();
  });

  it('lets the owner shorten how long written answers are kept, and refuses a contact kept over 12 months', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.server.url}/admin/t/demo/settings/`);
    const privacy = page.getByRole('form', {name: 'Data protection'});
    await privacy.waitFor();
    expect(await page.getByLabel('Written answers, months').inputValue()).toBe('24');
    expect(await page.getByLabel('Fewest answers shown').inputValue()).toBe('5');

    await page.getByLabel('Contact details, months at most').fill('13');
    await privacy.getByRole('button', {name: 'Save data protection settings'}).click();
    await expect.poll(() => privacy.locator('.field-error').textContent()).toContain('12');
    expect(await page.getByLabel('Contact details, months at most').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Contact details, months at most').fill('6');
    await page.getByLabel('Written answers, months').fill('12');
    await privacy.getByRole('button', {name: 'Save data protection settings'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('were saved');
    await page.reload();
    await privacy.waitFor();
    expect(await page.getByLabel('Written answers, months').inputValue()).toBe('12');
    expect(await page.getByLabel('Contact details, months at most').inputValue()).toBe('6');
    expect(await axeLightAndDark(page)).toEqual([]);
    await context.close();
  });
});

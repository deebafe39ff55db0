import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, type ConsoleServer, DEMO_PASSWORD, DEMO_STAFF, focusedElement, signedInPage} from '../../support/console.js';

const PENDING_IDEA = 'Saisiko lastenosastolle lisää säkkituoleja?';
const ANSWER = {
  fi: 'Kiitos! Säkkituolit tulevat lastenosastolle tammikuussa.',
  sv: 'Tack! Sittsäckarna kommer till barnavdelningen i januari.',
};

/** Opens a console path in the page and waits for its heading. */
async function open(page: Page, server: ConsoleServer, path: string, heading: string | RegExp) {
  await page.goto(`${server.url}/admin${path}`);
  await expect.poll(() => page.getByRole('heading', {level: 1}).textContent(), {timeout: 10_000}).toMatch(heading);
  await page.getByText('Loading…').first().waitFor({state: 'detached'}).catch(() => {});
}

describe('the library screens of the console', () => {
  const suite = consoleSuite();

  /** Signed in as `who`; a locator that finds nothing fails in 10 s with its name, not at the test's timeout. */
  const staff = async (who: Parameters<typeof signedInPage>[2]) => {
    const signedIn = await signedInPage(suite.browser, suite.server, who);
    signedIn.page.setDefaultTimeout(10_000);
    return signedIn;
  };

  it('lets the moderator publish an idea and answer it in Finnish and Swedish, and the public idea box shows the answer', async () => {
    const {context, page} = await staff('moderator');
    await open(page, suite.server, '/t/demo/', 'Start: Demo-kirjasto');
    const waiting = page.getByRole('region', {name: 'Waiting for moderation'});
    await expect.poll(() => waiting.textContent()).toContain('1 idea is waiting for moderation.');
    await waiting.getByRole('link', {name: 'Open the moderation queue'}).click();
    await page.waitForURL(/\/admin\/t\/demo\/ideas\?state=pending$/);
    const idea = page.getByRole('article', {name: PENDING_IDEA});
    await idea.waitFor();
    expect(await page.getByRole('article').count()).toBe(1);
    expect(await page.getByLabel('Moderation state').inputValue()).toBe('pending');
    // The menu's link opens the whole queue again, in the same screen.
    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Moderation'}).click();
    await expect.poll(() => page.getByRole('article').count()).toBeGreaterThan(5);
    expect(await page.getByLabel('Moderation state').inputValue()).toBe('all');
    await page.getByLabel('Moderation state').selectOption('pending');
    await page.getByRole('button', {name: 'Show', exact: true}).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?state=pending');
    await idea.getByRole('button', {name: 'Publish'}).click();
    await expect.poll(() => idea.getByRole('button', {name: 'Hide'}).count()).toBe(1);
    expect(await idea.textContent()).toContain('Published');

    await idea.getByText('Answer, status, merge or reject').click();
    await idea.getByRole('group', {name: "The library's answer (shown with the idea)"}).getByLabel('Finnish').fill(ANSWER.fi);
    const answer = idea.getByRole('group', {name: "The library's answer (shown with the idea)"});
    expect(await answer.getByText('Translation missing').count()).toBe(3);
    await answer.getByLabel('Swedish').fill(ANSWER.sv);
    await idea.getByRole('button', {name: 'Save the answer'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('The answer was saved.');
    await idea.getByLabel('Public status').selectOption('planned');
    await idea.getByRole('button', {name: 'Set the status'}).click();
    await expect.poll(() => idea.locator('.idea-meta').textContent()).toContain('Planned');
    expect(await idea.locator('.idea-answer').textContent()).toContain(ANSWER.sv);

    // The public, standalone idea box page, in Swedish: the widget lists the idea with the answer.
    const patron = await suite.browser.newPage();
    await patron.goto(`${suite.server.url}/w/ideas/demo-ideas?lang=sv`);
    await patron.locator('kirjasto-idea-box .sort button').nth(1).click();
    await expect
      .poll(() => patron.evaluate(() => document.querySelector('kirjasto-idea-box')?.shadowRoot?.textContent ?? ''), {timeout: 10_000})
      .toContain(ANSWER.sv);
    expect(await patron.evaluate(() => document.querySelector('kirjasto-idea-box')?.shadowRoot?.textContent ?? '')).toContain(PENDING_IDEA);
    await patron.close();

    // The audit log says who did it.
    await open(page, suite.server, '/t/demo/audit-log', 'Audit log');
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.first().textContent()).toContain(DEMO_STAFF.moderator);
    expect(await rows.nth(2).textContent()).toContain('published idea');
    await context.close();
  });

  it('lets the moderator merge a duplicate, delete a contact detail after a confirm, and reject an idea with a reason', async () => {
    const {context, page} = await staff('moderator');
    await open(page, suite.server, '/t/demo/ideas?box=demo-ideas&state=published', 'Moderation');
    const duplicate = page.getByRole('article', {name: 'Siemenkirjasto: vaihdetaan kasvien siemeniä ja pistokkaita kirjastossa keväisin.'});
    await duplicate.waitFor();
    await duplicate.getByText('Answer, status, merge or reject').click();
    const into = duplicate.getByLabel('Duplicate of');
    const target = (await into.locator('option').allTextContents()).find((t) => t.startsWith('Pieni kahvila'))!;
    await into.selectOption({label: target});
    await duplicate.getByRole('button', {name: 'Merge into it'}).click();
    const merge = page.getByRole('dialog', {name: 'Merge this idea?'});
    await merge.waitFor();
    expect(await merge.textContent()).toContain('Its supporters are counted for that idea');
    await merge.getByRole('button', {name: 'Merge', exact: true}).click();
    await expect.poll(() => duplicate.textContent()).toContain('Merged into: Pieni kahvila');

    const withContact = page.getByRole('article').filter({hasText: 'Contact: ann.example@example.org'});
    await withContact.getByRole('button', {name: 'Delete the contact detail'}).click();
    await page.getByRole('dialog', {name: 'Delete the contact detail?'}).getByRole('button', {name: 'Delete the contact detail'}).click();
    await expect.poll(() => page.getByText('ann.example@example.org').count()).toBe(0);

    const cafe = page.getByRole('article', {name: 'Pieni kahvila aulaan, niin kirjastossa voisi viettää pidempään.'});
    await cafe.getByText('Answer, status, merge or reject').click();
    await cafe.getByLabel('Reason for rejecting (kept for the staff)').fill('Tila ei riitä kahvilalle.');
    await cafe.getByRole('button', {name: 'Reject'}).click();
    await expect.poll(() => cafe.textContent()).toContain('Reason for rejecting: Tila ei riitä kahvilalle.');
    expect(await cafe.locator('.idea-meta').textContent()).toContain('Rejected');

    // Each act is in the audit log, with the state before and after; older entries are a page away.
    await open(page, suite.server, '/t/demo/audit-log', 'Audit log');
    const first = page.locator('table.audit tbody tr').first();
    await expect.poll(() => first.textContent()).toContain('rejected idea');
    await first.getByText('Show').click();
    expect(await first.locator('pre').last().textContent()).toContain('Tila ei riitä kahvilalle.');
    await context.close();
  });

  it('offers the viewer no edit controls, and no owner screens', async () => {
    const {context, page} = await staff('viewer');
    const nav = page.getByRole('navigation', {name: 'Library menu'});
    await open(page, suite.server, '/t/demo/', 'Start: Demo-kirjasto');
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Start', 'Polls', 'Rating prompts', 'Idea boxes', 'Reports', 'Moderation', 'Branches']);
    expect(await page.getByRole('button', {name: 'Sign out'}).count()).toBe(1);
    expect(await page.locator('main button').count()).toBe(0);

    await open(page, suite.server, '/t/demo/ideas', 'Moderation');
    await page.getByRole('article').first().waitFor();
    expect(await page.getByRole('article').count()).toBeGreaterThan(5);
    expect(await page.locator('main button').allTextContents()).toEqual(['Show']);
    expect(await page.locator('main details, main textarea, main input').count()).toBe(0);

    await open(page, suite.server, '/t/demo/branches', 'Branches');
    await page.getByRole('table').waitFor();
    expect(await page.locator('main button').count()).toBe(0);

    for (const path of ['/t/demo/users', '/t/demo/settings', '/t/demo/tokens', '/t/demo/audit-log']) {
      await open(page, suite.server, path, 'Not allowed for your role');
    }
    await context.close();
  });

  it('signs in with the keyboard alone and moves through the menu with Tab and Enter', async () => {
    const context = await suite.browser.newContext({locale: 'en'});
    await context.addInitScript(() => localStorage.setItem('kirjasto-console-locale', 'en'));
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/admin/t/demo/branches`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByRole('heading', {level: 1}).waitFor();
    const tabTo = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 25 && !(await check()); i++) await page.keyboard.press('Tab');
      expect(await check()).toBe(true);
    };
    const focusedIs = (selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    await tabTo(() => focusedIs('input[name=email]'));
    await page.keyboard.type(DEMO_STAFF.owner);
    await page.keyboard.press('Tab');
    expect(await focusedIs('input[name=password]')).toBe(true);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/t\/demo\/branches$/);
    await expect.poll(() => focusedElement(page)).toEqual({tag: 'h1', text: 'Branches'});
    await tabTo(async () => (await focusedElement(page))?.text === 'Users');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedElement(page)).toEqual({tag: 'h1', text: 'Users and roles'});
    await context.close();
  });

  it('lets the owner invite a colleague by a one-time link that signs the new user in', async () => {
    const {context, page} = await staff('owner');
    await open(page, suite.server, '/t/demo/users', 'Users and roles');
    const invite = page.getByRole('region', {name: 'Invite a colleague'});
    await invite.getByLabel('Email address').fill('new.librarian@demo.kirjasto.example');
    await invite.getByLabel('Role').selectOption('moderator');
    await invite.getByRole('button', {name: 'Create the invitation link'}).click();
    const link = invite.getByLabel('Invitation link');
    await link.waitFor();
    const link_ = new URL(await link.inputValue());
    expect(link_.pathname + link_.hash).toMatch(/^\/admin\/#invitation=[\w-]+$/);
    // The suite.server writes its public address; the test server's is another name for the same one.
    const url = `${suite.server.url}${link_.pathname}${link_.hash}`;
    expect(await invite.textContent()).toMatch(/It works once, until .+\. It is shown only now\./);
    await expect.poll(() => focusedElement(page)).toMatchObject({tag: 'div'});
    expect(await page.getByText('new.librarian@demo.kirjasto.example · moderator').count()).toBe(1);
    expect(await axeLightAndDark(page)).toEqual([]);

    const newcomer = await suite.browser.newContext({locale: 'en'});
    await newcomer.addInitScript(() => localStorage.setItem('kirjasto-console-locale', 'en'));
    const fresh = await newcomer.newPage();
    await fresh.goto(url);
    await fresh.waitForURL(/\/admin\/invitation\/[\w-]+$/);
    await fresh.getByLabel('Your name (shown to your colleagues)').fill('Uusi Kirjastolainen');
    await fresh.getByLabel('New password').fill('kolme sanaa peräkkäin');
    await fresh.getByRole('button', {name: 'Set the password and sign in'}).click();
    await fresh.waitForURL(/\/admin\/t\/demo\/$/);
    await expect.poll(() => fresh.getByRole('heading', {level: 1}).textContent()).toBe('Start: Demo-kirjasto');
    expect(await fresh.locator('header .user').textContent()).toContain('Uusi Kirjastolainen · moderator');
    // The link worked once.
    const again = await (await suite.browser.newContext({locale: 'en'})).newPage();
    await again.goto(url);
    await again.getByLabel('New password').fill('kolme sanaa peräkkäin');
    await again.getByRole('button', {name: 'Set the password and sign in'}).click();
    await expect.poll(() => again.getByRole('alert').count()).toBe(1);
    await again.context().close();
    await newcomer.close();
    await context.close();
  });

  it('keeps the last owner, and shows the suite.server\'s explanation', async () => {
    const {context, page} = await staff('owner');
    await open(page, suite.server, '/t/demo/users', 'Users and roles');
    const row = page.getByRole('row').filter({hasText: DEMO_STAFF.owner});
    await row.getByRole('button', {name: 'Remove'}).click();
    const dialog = page.getByRole('dialog', {name: /Remove .+ from the library\?/});
    await dialog.waitFor();
    expect(await focusedElement(page)).toEqual({tag: 'button', text: 'Cancel'});
    await dialog.getByRole('button', {name: 'Remove from the library'}).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The library needs at least one owner.');
    expect(await page.getByRole('alert').textContent()).toContain('Make someone else an owner first.');
    await context.close();
  });

  it('adds, edits and removes a branch, with a confirm that Escape cancels', async () => {
    const {context, page} = await staff('owner');
    await open(page, suite.server, '/t/demo/branches', 'Branches');
    await page.getByRole('button', {name: 'Add a branch'}).click();
    const form = page.getByRole('form', {name: 'New branch'});
    await form.getByLabel('Finnish').fill('Kirjastoauto');
    await form.getByLabel('Swedish').fill('Bokbussen');
    await form.getByLabel('Address').fill('Torikatu 1, 90100 Oulu');
    await form.getByRole('button', {name: 'Add the branch'}).click();
    const row = page.getByRole('row').filter({hasText: 'Torikatu 1, 90100 Oulu'});
    await row.waitFor();
    expect(await row.textContent()).toContain('Kirjastoauto');
    expect(await row.textContent()).toContain('Torikatu 1');
    await row.getByRole('button', {name: 'Edit Kirjastoauto'}).click();
    const edit = page.getByRole('form', {name: 'Edit the branch "Kirjastoauto"'});
    await edit.getByLabel('English').fill('Mobile library');
    await edit.getByRole('button', {name: 'Save'}).click();
    await expect.poll(() => row.textContent()).toContain('Mobile library');
    expect(await row.textContent()).not.toContain('Missing: en');
    await row.getByRole('button', {name: 'Remove Mobile library'}).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => focusedElement(page)).toMatchObject({tag: 'button', text: 'Remove Mobile library'});
    await row.getByRole('button', {name: 'Remove Mobile library'}).click();
    await page.getByRole('dialog').getByRole('button', {name: 'Remove the branch'}).click();
    await expect.poll(() => page.getByRole('row').filter({hasText: 'Torikatu 1'}).count()).toBe(0);
    await context.close();
  });

  it('checks allowed sites as origins in the suite.browser, saves them, and creates and revokes an API token shown once', async () => {
    const {context, page} = await staff('owner');
    await open(page, suite.server, '/t/demo/settings', 'Settings');
    const sites = page.getByRole('form', {name: 'Web sites that may show the widgets'});
    await sites.getByRole('button', {name: 'Add a site'}).click();
    const added = sites.getByRole('textbox').last();
    expect(await focusedElement(page)).toMatchObject({tag: 'input'});
    await added.fill('https://www.example.fi/uutiset/');
    await sites.getByRole('button', {name: 'Save the sites'}).click();
    await expect.poll(() => added.getAttribute('aria-invalid')).toBe('true');
    expect(await sites.textContent()).toContain('Only the site, without a path or a slash at the end: https://www.example.fi');
    await added.fill('https://www.example.fi');
    await sites.getByRole('button', {name: 'Save the sites'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('The allowed web addresses were saved.');
    await page.reload();
    await expect.poll(async () => (await page.getByRole('textbox', {name: /^Site \d+$/}).all()).length).toBeGreaterThan(0);
    expect(await Promise.all((await page.getByRole('textbox', {name: /^Site \d+$/}).all()).map((i) => i.inputValue()))).toContain('https://www.example.fi');

    await open(page, suite.server, '/t/demo/tokens', 'API tokens');
    await page.getByLabel('Name').fill('Verkkosivujen moderointi');
    await page.getByLabel('Moderator').check();
    await page.getByRole('button', {name: 'Create the token'}).click();
    const secret = page.getByLabel('Token secret');
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token.length).toBeGreaterThan(20);
    const ok = await fetch(`${suite.server.url}/api/v1/admin/tenants/demo/idea-boxes`, {headers: {Authorization: `Bearer ${token}`}});
    expect(ok.status).toBe(200);
    await page.getByRole('button', {name: 'I have copied it'}).click();
    expect(await page.getByLabel('Token secret').count()).toBe(0);
    const row = page.getByRole('row').filter({hasText: 'Verkkosivujen moderointi'});
    expect(await row.textContent()).toContain('moderator, viewer');
    await row.getByRole('button', {name: 'Revoke Verkkosivujen moderointi'}).click();
    await page.getByRole('dialog').getByRole('button', {name: 'Revoke the token'}).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect((await fetch(`${suite.server.url}/api/v1/admin/tenants/demo/idea-boxes`, {headers: {Authorization: `Bearer ${token}`}})).status).toBe(401);
    await context.close();
  });

  it('lets the regional admin create a library with its first owner\'s invitation', async () => {
    const {context, page} = await staff('admin');
    await open(page, suite.server, '/libraries', 'All libraries');
    await page.getByLabel('Name').fill('Kuusamon kaupunginkirjasto');
    await page.getByRole('textbox', {name: /^Id/}).fill('kuusamo');
    await page.getByLabel("First owner's email address").fill('owner@kuusamo.example');
    await page.getByRole('button', {name: 'Create the library'}).click();
    const link = page.getByLabel('Invitation link');
    await link.waitFor();
    expect(await link.inputValue()).toMatch(/\/admin\/#invitation=[\w-]+$/);
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Kuusamon kaupunginkirjasto');
    expect(await axeLightAndDark(page)).toEqual([]);
    await context.close();
  });

  /** Signed in as the owner, `walk` calls `check(label)` on each screen; axe-core, light and dark, may find nothing on any. */
  const axeSweep = async (walk: (page: Page, check: (label: string) => Promise<void>) => Promise<void>) => {
    const {context, page} = await staff('owner');
    const found: string[] = [];
    await walk(page, async (label) => void found.push(...(await axeLightAndDark(page)).map((v) => `${label}: ${v}`)));
    expect(found).toEqual([]);
    await context.close();
  };

  // Three tests, not one: 22 axe runs in one test took 17 s alone and over 30 s in CI beside the browser tests.
  it('has no axe violations on any library screen, light and dark, with the tools open', () =>
    axeSweep(async (page, check) => {
      for (const [path, heading] of [
        ['/t/demo/', 'Start: Demo-kirjasto'],
        ['/t/demo/ideas', 'Moderation'],
        ['/t/demo/branches', 'Branches'],
        ['/t/demo/settings', 'Settings'],
        ['/t/demo/users', 'Users and roles'],
        ['/t/demo/tokens', 'API tokens'],
        ['/t/demo/audit-log', 'Audit log'],
      ] as const) {
        await open(page, suite.server, path, heading);
        await page.locator('main').getByRole('button').first().waitFor({timeout: 5_000}).catch(() => {});
        for (const details of await page.locator('main details').all()) await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
        await check(path);
      }
    }));

  it('has no axe violations in the branch form and the confirm dialog, light and dark', () =>
    axeSweep(async (page, check) => {
      await open(page, suite.server, '/t/demo/branches', 'Branches');
      await page.getByRole('button', {name: 'Add a branch'}).click();
      await check('branch form');
      await page.getByRole('row').nth(1).getByRole('button', {name: /^Remove/}).click();
      await page.getByRole('dialog').waitFor();
      await check('confirm dialog');
      await page.keyboard.press('Escape');
    }));

  it('reflows at 320 px with no axe violations: the tables scroll sideways inside the page, which itself does not', () =>
    axeSweep(async (page, check) => {
      await page.setViewportSize({width: 320, height: 800});
      for (const [path, heading] of [['/t/demo/', 'Start: Demo-kirjasto'], ['/t/demo/users', 'Users and roles']] as const) {
        await open(page, suite.server, path, heading);
        await page.getByRole('table').waitFor();
        await check(`${path} at 320 px`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      }
    }));
});

describe('an idea in the moderation screen', () => {
  const suite = consoleSuite({KIRJASTO_FORM_MIN_AGE_MS: '0'});

  it('is shown in the language it was sent in, for a screen reader too (WCAG 3.1.2)', async () => {
    const api = `${suite.server.url}/api/v1/idea-boxes/demo-ideas`;
    const {formToken} = (await (await fetch(api)).json()) as {formToken: string};
    const text = 'Kunde biblioteket ha fler lättlästa böcker på svenska?';
    const sent = await fetch(`${api}/ideas`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': `lang-${Date.now()}`},
      body: JSON.stringify({text, voter: `voter-lang-${Date.now()}-0000000000`, channel: 'web', lang: 'sv', formToken}),
    });
    expect(sent.status).toBe(201);
    const {context, page} = await signedInPage(suite.browser, suite.server, 'moderator');
    await page.goto(`${suite.server.url}/admin/t/demo/ideas`);
    const heading = page.getByRole('article', {name: text}).getByRole('heading', {name: text});
    await heading.waitFor();
    expect(await heading.getAttribute('lang')).toBe('sv');
    await context.close();
  });
});

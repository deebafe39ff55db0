// The console's Kiosks screen on a real server in real Chromium: the owner sees a kiosk registered by
// the staff unlock and revokes it after a confirm; from then on its answers count as web.
import {describe, expect, it} from 'vitest';
import {axeLightAndDark, consoleSuite, signedInPage} from '../support/console.js';

describe('the Kiosks screen of the console', () => {
  const suite = consoleSuite();

  it('lists a registered kiosk with its branch and revokes it after a confirm', async () => {
    const unlocked = await fetch(`${suite.server.url}/api/v1/kiosk/unlock`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({rating: 'demo-rating', pin: '2468', location: 'demo-central'}),
    });
    expect(unlocked.status).toBe(200);
    const {device, kioskToken} = (await unlocked.json()) as {device: {id: string; label: string}; kioskToken: string};
    const who = () => fetch(`${suite.server.url}/api/v1/kiosk/device?rating=demo-rating`, {headers: {'Kirjasto-Kiosk': kioskToken}});
    expect((await who()).status).toBe(200);

    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    await page.getByRole('navigation', {name: 'Library menu'}).getByRole('link', {name: 'Kiosks'}).click();
    await expect.poll(() => page.getByRole('heading', {level: 1}).textContent()).toBe('Kiosks');
    const row = page.getByRole('row').filter({hasText: device.label});
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Main library');
    expect(await row.getByRole('cell').nth(3).textContent()).not.toBe('never');
    expect(await axeLightAndDark(page)).toEqual([]);

    await row.getByRole('button', {name: `Revoke ${device.label}`}).click();
    await page.getByRole('dialog').getByRole('button', {name: 'Revoke the kiosk'}).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect((await who()).status).toBe(404);
    await context.close();
  }, 60_000);
});

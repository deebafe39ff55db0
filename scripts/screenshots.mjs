// Screenshots of the real pages for docs/screenshots/: the kiosk on a landscape tablet and a portrait
// screen, and the rating on a 320 px phone. Starts the reference server on demo content (as the
// browser tests do) and Debian's Chromium. Run after `npm run build`: node scripts/screenshots.mjs
import {mkdirSync} from 'node:fs';
import {chromium} from 'playwright-core';
import {TestServer} from '../test/support/servers.mjs';
import {chromiumArgs, findChromium} from './chromium-path.mjs';

const out = new URL('../docs/screenshots/', import.meta.url);
mkdirSync(out, {recursive: true});

/** Waits until the element on the page has rendered its scale (the kiosk parts included). */
const scaleShown = (page, selector = 'kirjasto-rating') =>
  page.waitForFunction((s) => (document.querySelector(s)?.shadowRoot?.querySelectorAll('[part~="score"]').length ?? 0) > 1, selector, {timeout: 20_000});

const shots = [
  {file: 'kiosk-landscape.png', path: '/kiosk/demo-rating?location=demo-central', viewport: {width: 1280, height: 800}},
  {file: 'kiosk-landscape-nps.png', path: '/kiosk/demo-nps?location=demo-central', viewport: {width: 1280, height: 800}},
  {file: 'kiosk-portrait.png', path: '/kiosk/demo-rating?location=demo-central', viewport: {width: 1080, height: 1920}},
  {file: 'phone-320-rating.png', path: '/w/rating/demo-rating?lang=fi', viewport: {width: 320, height: 640}, phone: true},
  {file: 'phone-320-nps.png', path: '/w/rating/demo-nps?lang=fi', viewport: {width: 320, height: 640}, phone: true},
];

const server = new TestServer();
let browser;
try {
  await server.start();
  browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
  for (const shot of shots) {
    const context = await browser.newContext({viewport: shot.viewport, deviceScaleFactor: shot.phone ? 2 : 1, isMobile: !!shot.phone, hasTouch: true});
    if (shot.path.startsWith('/kiosk/')) {
      // A registered kiosk, as staff leave it after the first unlock (an unregistered one asks staff to register it).
      const unlocked = await fetch(`${server.url}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin: '2468'})});
      const {kioskToken} = await unlocked.json();
      await context.addInitScript(([origin, token]) => localStorage.setItem('kirjasto.kiosk', JSON.stringify({[origin]: {'Kirjasto-Kiosk': token}})), [new URL(server.url).origin, kioskToken]);
    }
    const page = await context.newPage();
    await page.goto(`${server.url}${shot.path}`);
    await scaleShown(page);
    // Fonts and the kiosk chunk settle; no animation is caught half way.
    await page.waitForTimeout(500);
    await page.screenshot({path: new URL(shot.file, out).pathname, fullPage: !!shot.phone});
    console.log(`docs/screenshots/${shot.file}`);
    await context.close();
  }
} finally {
  await browser?.close();
  await server.dispose();
}

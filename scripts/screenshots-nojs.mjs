#!/usr/bin/env node
/**
 * The no-JavaScript poll after voting, as a phone shows it: docs/screenshots/nojs-poll-voted.png.
 *   npm run build -w server && node scripts/screenshots-nojs.mjs
 * Runs the real reference server (server/dist, demo content on a fresh PGlite folder) and Chromium with
 * JavaScript disabled; the server is stopped when the shot is saved.
 */
import {mkdirSync} from 'node:fs';
import {chromium} from 'playwright-core';
import {TestServer} from '../test/support/servers.mjs';
import {chromiumArgs, findChromium} from './chromium-path.mjs';

const out = 'docs/screenshots/nojs-poll-voted.png';
const server = new TestServer();
let browser;
try {
  await server.start();
  browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
  const context = await browser.newContext({javaScriptEnabled: false, viewport: {width: 390, height: 780}, deviceScaleFactor: 2, colorScheme: 'light'});
  const page = await context.newPage();
  await page.goto(`${server.url}/w/poll/demo-poll?lang=fi&channel=qr&location=demo-village`);
  await page.getByRole('radio', {name: 'Enemmän tapahtumia lapsille'}).check();
  await page.getByRole('button', {name: 'Äänestä'}).click();
  await page.waitForURL(/voted=1/);
  mkdirSync('docs/screenshots', {recursive: true});
  await page.screenshot({path: out, fullPage: true});
  console.log(`wrote ${out}`);
} finally {
  await browser?.close();
  await server.dispose();
}

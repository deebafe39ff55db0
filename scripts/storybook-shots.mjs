#!/usr/bin/env node
/**
 * Renders built stories in headless Chromium and saves PNG screenshots.
 *   node scripts/storybook-shots.mjs [storybook-dir=storybook-static] [out-dir=/tmp/sb-shots] [story-id…]
 * Without story ids, every story in the build's index.json. Prints how each story ended (rendered,
 * or Storybook's error display) and the page's console errors. The play functions' assertions run
 * in `npm run test:stories`; this is for looking at the result.
 */
import {createReadStream, existsSync, mkdirSync, readFileSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {extname, join, normalize, resolve} from 'node:path';
import {chromium} from 'playwright-core';
import {chromiumArgs, findChromium} from './chromium-path.mjs';

const [dir = 'storybook-static', outDir = '/tmp/sb-shots', ...wanted] = process.argv.slice(2);
const root = resolve(dir);
const types = {'.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2'};

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, {'Content-Type': types[extname(file)] ?? 'application/octet-stream'});
  createReadStream(file).pipe(res);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const ids = wanted.length ? wanted : Object.values(index.entries).filter((e) => e.type === 'story').map((e) => e.id);
mkdirSync(outDir, {recursive: true});

const browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
try {
  for (const id of ids) {
    const page = await browser.newPage({viewport: {width: 720, height: 640}});
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/iframe.html?id=${id}&viewMode=story`);
    // Storybook marks the story's end (render + play) with one of these classes on <body>.
    const outcome = await page
      .waitForFunction(() => ['sb-show-main', 'sb-show-errordisplay'].find((c) => document.body.classList.contains(c)), null, {timeout: 15_000})
      .then((h) => h.jsonValue())
      .catch(() => 'timeout');
    await page.waitForTimeout(2500); // play functions and the fake API's delays
    const file = join(outDir, `${id}.png`);
    await page.screenshot({path: file, fullPage: true});
    console.log(`${id}: ${outcome}${errors.length ? `\n  errors: ${errors.join('\n  ')}` : ''} -> ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {insertRating} from '../src/ratings/store.js';
import {expectProblem, setUp, STORES} from './helpers.js';

// jsqr is CommonJS typed as an ES module: its function is the default export or the module itself.
const jsQR = ((jsQRModule as {default?: unknown}).default ?? jsQRModule) as typeof jsQRModule.default;

/** The dark modules of an SVG made by `qrcode` (one path of `M x y`, `m dx dy` and `h n` runs). */
function modulesOf(svg: string): {size: number; dark: boolean[][]} {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)![1]!;
  const dark = Array.from({length: size}, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) dark[Math.floor(y)]![x + i] = true;
      x += Number(a);
    }
  }
  return {size, dark};
}

/** Decodes the SVG as a camera would see it: rasterized, then read by jsQR. */
function decode(svg: string): string | undefined {
  const {size, dark} = modulesOf(svg);
  const scale = 4;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (dark[Math.floor(py / scale)]![Math.floor(px / scale)]) pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
    }
  }
  return jsQR(pixels, width, width)?.data;
}

describe.each(STORES)('QR codes and posters on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;

  beforeAll(async () => {
    env = await setUp(kind);
    url = env.url;
    await insertRating(env.store.db, {id: 'xss-poster', tenantId: 'demo', question: {fi: '<script>alert(1)</script> & "Q"', en: '<b>English</b>'}, scale: 'thumbs'});
    await env.store.db.query("update branches set name = name || '{\"sv\": \"<i>Gren</i> & co\"}'::jsonb where id = 'demo-village'");
  });
  afterAll(() => env?.tearDown());

  it('draws an SVG QR code of the standalone page with channel qr and the branch', async () => {
    const response = await fetch(`${url}/api/v1/ratings/demo-rating/qr.svg?location=demo-central`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const svg = await response.text();
    const expected = 'http://localhost:8787/w/rating/demo-rating?channel=qr&location=demo-central';
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*viewBox="0 0 \d+ \d+"[^>]*>/);
    expect(svg).toMatch(/<\/svg>$/);
    expect(svg).toContain(`<title>${expected.replace('&', '&#38;')}</title>`);
    expect(decode(svg)).toBe(expected);
    // the same modules as the library's own encoding at level M, inside a 4-module quiet zone
    const reference = QRCode.create(expected, {errorCorrectionLevel: 'M'}).modules;
    const {size, dark} = modulesOf(svg);
    expect(size).toBe(reference.size + 8);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const inside = row >= 4 && col >= 4 && row < size - 4 && col < size - 4;
        expect(dark[row]![col], `${row},${col}`).toBe(inside ? !!reference.get(row - 4, col - 4) : false);
      }
    }
  });

  it('draws QR codes for polls, and for idea boxes once they exist', async () => {
    const poll = await (await fetch(`${url}/api/v1/polls/demo-poll/qr.svg`)).text();
    expect(decode(poll)).toBe('http://localhost:8787/w/poll/demo-poll?channel=qr');
    const box = await fetch(`${url}/api/v1/idea-boxes/demo-ideas/qr.svg?location=demo-village`);
    if (box.status === 200) expect(decode(await box.text())).toBe('http://localhost:8787/w/ideas/demo-ideas?channel=qr&location=demo-village');
    else await expectProblem(box, 404, 'not-found');
    await expectProblem(await fetch(`${url}/api/v1/idea-boxes/no-such-box/qr.svg`), 404, 'not-found');
  });

  it('answers an unknown id with 404 and an unknown branch with 400', async () => {
    await expectProblem(await fetch(`${url}/api/v1/ratings/no-such-rating/qr.svg`), 404, 'not-found');
    await expectProblem(await fetch(`${url}/api/v1/polls/no-such-poll/qr.svg`), 404, 'not-found');
    const branch = await expectProblem(await fetch(`${url}/api/v1/ratings/demo-rating/qr.svg?location=nowhere`), 400, 'validation');
    expect(branch.errors).toEqual([{path: 'location', message: 'Not a known branch of this library'}]);
    await expectProblem(await fetch(`${url}/w/rating/demo-rating/poster?location=nowhere`), 400, 'validation');
    await expectProblem(await fetch(`${url}/w/poll/no-such-poll/poster`), 404, 'not-found');
  });

  it('prints an A4 poster with the QR code, the question and branch in each language, and the address', async () => {
    const response = await fetch(`${url}/w/rating/demo-rating/poster?location=demo-central`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    expect(html).not.toContain('<script');
    expect([...html.matchAll(/<section class="lang" lang="(\w+)">/g)].map((m) => m[1])).toEqual(['fi', 'sv', 'en']);
    for (const text of ['Miten onnistuimme tänään?', 'Hur lyckades vi i dag?', 'How did we do today?', 'Pääkirjasto', 'Huvudbiblioteket', 'Main library']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('Vastaa nimettömästi – ei kirjautumista');
    expect(html).toContain('Svara anonymt – ingen inloggning');
    expect(html).toContain('Answer anonymously – no sign-in');
    expect(html).toMatch(/<br>localhost:8787\/q\/[2-9a-z]{6}<\/p>/);
    const svg = /<figure>(<svg[\s\S]*?<\/svg>)<\/figure>/.exec(html)![1]!;
    expect(decode(svg)).toBe('http://localhost:8787/w/rating/demo-rating?channel=qr&location=demo-central');

    const chosen = await (await fetch(`${url}/w/poll/demo-poll/poster?lang=sv,fi,xx`)).text();
    expect([...chosen.matchAll(/<section class="lang" lang="(\w+)">/g)].map((m) => m[1])).toEqual(['sv', 'fi']);
    expect(chosen).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(chosen).toContain('Vad önskar du mer av på biblioteket?');
    expect(chosen).not.toContain('class="branch"');
  });

  it('escapes every text on the poster and lists only the languages the content has', async () => {
    const html = await (await fetch(`${url}/w/rating/xss-poster/poster?location=demo-village`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>English');
    expect(html).not.toContain('<i>Gren');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Q&#34;');
    expect([...html.matchAll(/<section class="lang" lang="(\w+)">/g)].map((m) => m[1])).toEqual(['fi', 'en']);
    const sv = await (await fetch(`${url}/w/rating/xss-poster/poster?location=demo-village&lang=sv`)).text();
    expect(sv).toContain('&#60;i&#62;Gren&#60;/i&#62; &#38; co');
  });
});

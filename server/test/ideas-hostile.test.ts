import {readFileSync} from 'node:fs';
import {request} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {REPO_ROOT} from '../src/config.js';
import {expectProblem, newKey, setUp, STORES} from './helpers.js';
import {ideaConfig, newIdea, postIdea} from './ideas-helpers.js';

interface HostileIdea {
  name: string;
  text: string;
  expect: 'stored' | 'refused';
}
const corpus = JSON.parse(readFileSync(`${REPO_ROOT}test/fixtures/hostile-ideas.json`, 'utf8')) as HostileIdea[];

/** Raw bytes on the wire, so nothing re-encodes them on the way. */
function rawPost(url: string, path: string, body: Buffer, headers: Record<string, string>): Promise<{status: number; body: string; type: string}> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {method: 'POST', headers: {...headers, 'Content-Length': String(body.length)}}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type'])}));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(STORES)('hostile ideas on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let url: string;

  beforeAll(async () => {
    env = await setUp(kind, ideaConfig());
    url = env.url;
  });
  afterAll(() => env?.tearDown());

  it('has a corpus covering markup, scripts, bidi, zero-width, zalgo, emoji, controls and lengths', () => {
    expect(corpus.length).toBeGreaterThan(20);
    expect(corpus.some((i) => i.text.includes('\u202e'))).toBe(true);
    expect(corpus.some((i) => i.text.includes('\u0000') && i.expect === 'refused')).toBe(true);
    expect(corpus.some((i) => i.text.includes('\ud800') && i.expect === 'refused')).toBe(true);
  });

  it('stores each harmless-but-hostile text byte for byte and refuses the rest with a 400 problem', async () => {
    const stored = new Map<string, string>();
    for (const item of corpus) {
      const response = await postIdea(url, 'demo-ideas', await newIdea(env.store.db, 'demo-ideas', {text: item.text}));
      expect(response.status, item.name).toBeLessThan(500);
      if (item.expect === 'stored') {
        expect(response.status, item.name).toBe(201);
        const receipt = await response.json();
        expect(receipt.idea.text, item.name).toBe(item.text);
        stored.set(receipt.idea.id, item.text);
      } else {
        await expectProblem(response, 400, 'validation');
      }
    }
    const listed = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const response = await fetch(`${url}/api/v1/idea-boxes/demo-ideas/ideas?sort=newest&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      const raw = Buffer.from(await response.arrayBuffer());
      const page = JSON.parse(raw.toString('utf8'));
      for (const idea of page.ideas) listed.set(idea.id, idea.text);
      cursor = page.nextCursor;
    } while (cursor);
    for (const [id, text] of stored) {
      expect(Buffer.from(listed.get(id) ?? '', 'utf8').equals(Buffer.from(text, 'utf8')), text.slice(0, 40)).toBe(true);
    }
  });

  it('answers raw invalid UTF-8 in a JSON body with 400, never 5xx', async () => {
    const idea = await newIdea(env.store.db, 'demo-ideas', {text: 'PLACEHOLDER for bytes'});
    const json = Buffer.from(JSON.stringify(idea), 'utf8');
    const at = json.indexOf('PLACEHOLDER');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const body = Buffer.concat([json.subarray(0, at), Buffer.from(bad), json.subarray(at)]);
      for (const path of ['/api/v1/idea-boxes/demo-ideas/ideas', '/api/v1/ideas/demo-idea-sunday/supports']) {
        const response = await rawPost(url, path, body, {'Content-Type': 'application/json', 'Idempotency-Key': newKey()});
        expect(response.status, `${path} ${bad}`).toBe(400);
        expect(response.type).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(response.body).type).toBe('urn:kirjasto:problem:validation');
      }
    }
  });

  it('answers wrong types and malformed bodies with 4xx problems', async () => {
    const bodies: unknown[] = [null, [], 42, 'x', {}, {text: 42}, {text: ['a']}, {text: null}, {text: 'x'.repeat(9000)}, '{', '{"text": "a"}garbage'];
    for (const body of bodies) {
      const response = await postIdea(url, 'demo-ideas', body);
      expect([400, 413], JSON.stringify(body).slice(0, 60)).toContain(response.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    for (const path of ['%00', '..%2F', 'x'.repeat(300), "a'b"]) {
      for (const suffix of ['', '/ideas']) expect((await fetch(`${url}/api/v1/idea-boxes/${path}${suffix}`)).status).toBe(404);
      expect((await fetch(`${url}/api/v1/ideas/${path}`)).status).toBe(404);
      expect((await fetch(`${url}/w/ideas/${path}`)).status).toBe(404);
    }
  });
});

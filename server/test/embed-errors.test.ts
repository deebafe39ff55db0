import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectProblem, setUp, STORES} from './helpers.js';

describe.each(STORES)('what the embed learns from the server, on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    env = await setUp(kind);
  });
  afterAll(() => env?.tearDown());

  it('answers a read from an origin the library has not allowed with a 403 the widget can read', async () => {
    for (const path of ['/api/v1/polls/demo-poll', '/api/v1/ratings/demo-rating', '/api/v1/idea-boxes/demo-ideas']) {
      const response = await fetch(`${env.url}${path}`, {headers: {Origin: 'https://www.kunta.example'}});
      expect(response.headers.get('access-control-allow-origin'), path).toBe('https://www.kunta.example');
      expect(response.headers.get('vary')).toContain('Origin');
      const problem = await expectProblem(response, 403, 'origin-not-allowed');
      expect(problem.detail).toContain('allow it in the console at /admin → library settings → allowed web origins');
      expect(problem.origin).toBe('https://www.kunta.example');
    }
    // the library's own origins read as before
    const allowed = await fetch(`${env.url}/api/v1/polls/demo-poll`, {headers: {Origin: 'http://localhost:5173'}});
    expect(allowed.status).toBe(200);
  });

  it('keeps refusing the preflight of a write from that origin', async () => {
    const preflight = await fetch(`${env.url}/api/v1/polls/demo-poll/votes`, {
      method: 'OPTIONS',
      headers: {Origin: 'https://www.kunta.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type'},
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the API root that `npm start` prints with links', async () => {
    for (const path of ['/api/v1']) {
      const response = await fetch(`${env.url}${path}`);
      expect(response.status, path).toBe(200);
      const index = (await response.json()) as {links: Record<string, {href: string}>};
      expect(index.links.openapi!.href).toBe('http://localhost:8787/api/v1/openapi.json');
      expect(index.links.health!.href).toBe('http://localhost:8787/api/v1/health');
    }
  });
});

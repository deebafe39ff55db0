import {connect} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {kill, pgliteStore, startProcess, type ProcessStore, type ServerProcess} from './hardening-process.js';

/** Sends raw bytes and reads until the server closes the connection. */
function rawRequest(port: number, request: string): Promise<{status: number; headers: string; body: string}> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body});
    });
    socket.end(request);
  });
}

// Node refuses a request head over 16 KiB before any route sees it; the answer must still be a problem.
describe('a request head over the limit', () => {
  let server: ServerProcess;
  let store: ProcessStore;

  beforeAll(async () => {
    store = await pgliteStore();
    server = await startProcess(store.env);
    await server.healthy();
  });
  afterAll(async () => {
    await kill(server);
    await store.cleanup();
  });

  async function expect431(request: string) {
    const response = await rawRequest(server.port, request);
    expect(response.status).toBe(431);
    expect(response.headers).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body).toMatchObject({type: 'urn:kirjasto:problem:request-header-too-large', status: 431});
    expect(typeof body.title).toBe('string');
  }

  it('answers 431 problem+json to headers over the limit', async () => {
    await expect431(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
  });

  it('answers 431 problem+json to a request line over the limit', async () => {
    await expect431(`GET /api/v1/polls/demo-poll?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
  });

  it('answers a malformed request with a 400 problem and keeps serving', async () => {
    const response = await rawRequest(server.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({type: 'urn:kirjasto:problem:validation', status: 400});
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});

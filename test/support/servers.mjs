// Starts real reference servers (PGlite in a temp folder, demo content) for the browser tests.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A reference server process; `stop()` and `start()` again keep its data folder (a restart). */
export class TestServer {
  constructor(env = {}) {
    this.env = env;
    this.dataDir = mkdtempSync(join(tmpdir(), 'kirjasto-test-'));
    this.port = undefined;
    this.child = undefined;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.port ??= await freePort();
    this.child = spawn(process.execPath, ['server/dist/main.js'], {
      env: {...process.env, DATABASE_URL: '', PORT: String(this.port), KIRJASTO_DATA_DIR: this.dataDir, KIRJASTO_DEMO: '1', ...this.env},
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // main.ts prints the demo tenant's moderation token; tests act as the librarian with it.
    this.child.stdout.setEncoding('utf8').on('data', (text) => {
      this.moderationToken = /Moderation token \(demo tenant\): (\S+)/.exec(text)?.[1] ?? this.moderationToken;
    });
    const exited = new Promise((_, reject) => this.child.once('exit', (code) => reject(new Error(`server exited with ${code}`))));
    await Promise.race([this.waitForHealth(), exited]);
  }

  async waitForHealth() {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${this.url}/api/v1/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server at ${this.url} did not become healthy`);
  }

  /** A moderation API call as the demo library's staff. */
  async moderate(method, path, body) {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {Authorization: `Bearer ${this.moderationToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': `test-${Date.now()}-${Math.random()}`},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {status: response.status, body: await response.json().catch(() => null)};
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = undefined;
  }

  async dispose() {
    await this.stop();
    rmSync(this.dataDir, {recursive: true, force: true});
  }
}

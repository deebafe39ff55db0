import {esbuildPlugin} from '@web/dev-server-esbuild';
import {playwrightLauncher} from '@web/test-runner-playwright';
import {chromiumArgs, findChromium} from './scripts/chromium-path.mjs';
import {TestServer} from './test/support/servers.mjs';

// The elements are tested against real reference servers (PGlite, demo content) started here,
// each on its own copy of one seeded store (test/support/servers.mjs): `api` with ordinary limits,
// `limited` with limits small enough to reach in a test, and `restartable` for tests that stop,
// start or reset the server under the widgets. A test that needs another configuration adds a
// server here (name and env); the page sees its origin as `window.KIRJASTO_TEST[name]`.
const servers = {
  api: new TestServer({KIRJASTO_RATE_LIMIT_IDEAS: '1000'}),
  limited: new TestServer({KIRJASTO_RATE_LIMIT_WRITES: '2', KIRJASTO_RATE_LIMIT_READS: '15'}),
  restartable: new TestServer(),
  // Stopped and restarted under queued writes; its idea form tokens are usable at once.
  offline: new TestServer({KIRJASTO_FORM_MIN_AGE_MS: '0', KIRJASTO_RATE_LIMIT_IDEAS: '1000'}),
};

/**
 * Lets a test stop, start or reset a server (`kirjasto-server`, `{name, action}` with action `stop`,
 * `start` or `reset`: back to the freshly seeded content, same origin), or act as the demo
 * library's staff through the moderation API (`kirjasto-moderate`), which only the server's own
 * origin may call.
 */
const serverControl = {
  name: 'kirjasto-servers',
  async serverStart() {
    await Promise.all(Object.values(servers).map((server) => server.start()));
  },
  async serverStop() {
    await Promise.all(Object.values(servers).map((server) => server.dispose()));
  },
  async executeCommand({command, payload}) {
    if (command === 'kirjasto-moderate') return servers[payload.name].moderate(payload.method, payload.path, payload.body);
    if (command !== 'kirjasto-server') return undefined;
    const server = servers[payload.name];
    if (!server) throw new Error(`no test server named ${payload.name}`);
    if (payload.action === 'stop') await server.stop();
    else if (payload.action === 'start') await server.start();
    else if (payload.action === 'reset') await server.reset();
    else throw new Error(`unknown kirjasto-server action ${payload.action}`);
    return true;
  },
};

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: {config: {timeout: 20_000}},
  plugins: [esbuildPlugin({ts: true, target: 'es2022', tsconfig: 'tsconfig.json'}), serverControl],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {executablePath: findChromium(), args: chromiumArgs},
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8"></head>
      <body>
        <script>
          window.process = {env: {NODE_ENV: 'development'}};
          window.KIRJASTO_TEST = ${JSON.stringify(Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, `http://localhost:${s.port}`])))};
        </script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};

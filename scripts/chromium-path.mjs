import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';

/** Chromium for tests and benchmarks: `CHROME_PATH`, else Debian's `chromium` on the PATH. */
export function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).trim() || undefined;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Flags for headless Chromium here: root in a container, no network but loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

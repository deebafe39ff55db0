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

/**
 * Features of a browser window that a headless page never uses. Chromium 156 opens a renderer for each
 * new window's WebUI omnibox popups (`chrome://omnibox-popup.top-chrome/`, the plain and the AI Mode
 * one), which took 0.5 to 1 s of CPU in the second after each new context here: on two cores, beside
 * the very page load a benchmark times. Pass more with `chromiumArgsDisabling` (Chromium keeps only the
 * last `--disable-features`).
 */
const unusedFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** `chromiumArgs` with more features disabled. */
export const chromiumArgsDisabling = (...features) => [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...unusedFeatures, ...features].join(',')}`,
];

/** Flags for headless Chromium here: root in a container, no network but loopback. */
export const chromiumArgs = chromiumArgsDisabling();

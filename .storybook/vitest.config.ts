import {storybookTest} from '@storybook/addon-vitest/vitest-plugin';
import {playwright} from '@vitest/browser-playwright';
import {defineConfig} from 'vitest/config';
// @ts-expect-error plain ESM helpers without type declarations
import {chromiumArgs, findChromium} from '../scripts/chromium-path.mjs';

/**
 * Every story is a test (`npm run test:stories`): it renders in Debian's Chromium, its play
 * function runs, and axe checks it (`a11y: {test: 'error'}` in preview.ts). No browser is
 * downloaded: playwright launches the system's Chromium.
 */
export default defineConfig({
  plugins: [storybookTest({configDir: '.storybook'})],
  test: {
    name: 'storybook',
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({launchOptions: {executablePath: findChromium(), args: chromiumArgs}}),
      instances: [{browser: 'chromium'}],
    },
  },
});

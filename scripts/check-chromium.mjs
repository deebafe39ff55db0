// `npm test` stops here, at once, when there is no browser to run the browser tests in.
import {findChromium} from './chromium-path.mjs';

if (!findChromium()) {
  console.error(`No Chromium found for the browser tests.
Install Debian's package (apt-get install -y chromium), or point CHROME_PATH at a Chromium or Chrome binary:
  CHROME_PATH=/path/to/chromium npm test`);
  process.exit(1);
}

import {randomBytes, timingSafeEqual} from 'node:crypto';
import {Problem} from '../http/problem.js';
import type {Secrets} from '../secrets.js';

/** A rendered form stays usable for a week: a page left open on a library tablet, or a phone's old tab. */
export const PAGE_KEY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const mac = async (secrets: Secrets, purpose: string, data: string) => (await secrets.mac(`${purpose}:${data}`)).subarray(0, 18).toString('base64url');

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The one-time key a standalone page's form carries: `<issued, base 36>.<random>.<HMAC of page and both>`.
 * It is the post's idempotency key, and the voter token is derived from it on the server, so that
 * sending the same form twice (Back, reload) replays the first answer instead of counting twice, and
 * no voter token is ever written into the page or a URL.
 */
export async function issuePageKey(secrets: Secrets, page: string, now = Date.now()): Promise<string> {
  const random = randomBytes(16).toString('base64url');
  const issued = now.toString(36);
  return `${issued}.${random}.${await mac(secrets, 'page-key', `${page}:${issued}:${random}`)}`;
}

/** The post's idempotency key and voter token from a page key; form-token-invalid for a forged or expired one. */
export async function readPageKey(secrets: Secrets, page: string, key: string | undefined, now = Date.now()): Promise<{idempotencyKey: string; voter: string}> {
  const invalid = (detail: string) => new Problem('form-token-invalid', {detail, errors: [{path: '/key', message: detail}]});
  const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{24})$/.exec(key ?? '');
  if (!match || !same(match[3]!, await mac(secrets, 'page-key', `${page}:${match[1]}:${match[2]}`))) {
    throw invalid('Not a form of this page; reload the page');
  }
  if (now - parseInt(match[1]!, 36) > PAGE_KEY_MAX_AGE_MS) throw invalid('The form is too old; reload the page');
  return {idempotencyKey: key!, voter: (await secrets.mac(`page-voter:${match[2]}`)).subarray(0, 24).toString('base64url')};
}

/**
 * What the thank-you page's address carries instead of the voter token: proof that this server took an
 * answer to this page (so that "results after voting" can be shown), which cannot be used to answer.
 */
export async function issueReceipt(secrets: Secrets, page: string): Promise<string> {
  const random = randomBytes(12).toString('base64url');
  return `${random}.${await mac(secrets, 'page-receipt', `${page}:${random}`)}`;
}

export async function checkReceipt(secrets: Secrets, page: string, receipt: string | undefined): Promise<boolean> {
  const match = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{24})$/.exec(receipt ?? '');
  return !!match && same(match[2]!, await mac(secrets, 'page-receipt', `${page}:${match[1]}`));
}

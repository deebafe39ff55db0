import {timingSafeEqual} from 'node:crypto';
import {Problem} from '../http/problem.js';
import type {Secrets} from '../secrets.js';

/** A bot speed bump: a form answered faster than this was not typed by a person. */
export const FORM_TOKEN_MIN_AGE_MS = 3_000;
// Long enough for a tablet left open on the idea page, or an idea that waited days in an offline
// browser's outbox; the minimum age, not this, is what slows bots down.
export const FORM_TOKEN_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

const sign = async (secrets: Secrets, boxId: string, issuedAt: number) =>
  (await secrets.mac(`idea-form:${boxId}:${issuedAt}`)).subarray(0, 18).toString('base64url');

/** Stateless: `<issued at, ms base 36>.<HMAC of box id and issue time>`. */
export async function issueFormToken(secrets: Secrets, boxId: string, now = Date.now()): Promise<string> {
  return `${now.toString(36)}.${await sign(secrets, boxId, now)}`;
}

/** Throws too-fast for a young token and form-token-invalid for a forged or expired one. */
export async function checkFormToken(secrets: Secrets, boxId: string, token: string, now = Date.now(), minAgeMs = FORM_TOKEN_MIN_AGE_MS): Promise<void> {
  const invalid = (message: string) => new Problem('form-token-invalid', {detail: message});
  const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!match) throw invalid('Not a form token of this idea box; reload the form');
  const issuedAt = parseInt(match[1]!, 36);
  const expected = Buffer.from(await sign(secrets, boxId, issuedAt));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid('Not a form token of this idea box; reload the form');
  }
  const age = now - issuedAt;
  if (age > FORM_TOKEN_MAX_AGE_MS) throw invalid('The form is too old; reload it');
  if (age < minAgeMs) {
    const seconds = Math.max(1, Math.ceil((minAgeMs - age) / 1000));
    throw new Problem('too-fast', {
      detail: `The idea was sent too soon after the form was loaded; send it again in ${seconds} s.`,
      headers: {'Retry-After': String(seconds)},
    });
  }
}

import {randomBytes, scrypt, timingSafeEqual, type ScryptOptions} from 'node:crypto';

/** scrypt with N = 2^15, r = 8, p = 1 (OWASP's minimum is 2^17 with r 8 only for p 1 at 64 MiB; this is ~32 MiB, ~60 ms here). */
const PARAMS = {N: 2 ** 15, r: 8, p: 1} as const;
const KEY_LENGTH = 32;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, {...options, maxmem: 128 * options.N! * options.r! * 2}, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** `scrypt$N$r$p$salt$key`, base64url: what is stored instead of the password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Verified against when the account does not exist, so an unknown email takes as long as a wrong password.
let dummy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash it still spends the same time and answers false. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const hash = stored ?? (await (dummy ??= hashPassword(randomBytes(16).toString('hex'))));
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {N: Number(n), r: Number(r), p: Number(p)});
  return timingSafeEqual(actual, expected) && stored !== null && stored !== undefined;
}

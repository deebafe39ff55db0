import {randomBytes, scrypt, timingSafeEqual} from 'node:crypto';
import {promisify} from 'node:util';
import type {Queryable} from '../db/db.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** PINs are short: kept only as a salted scrypt hash, `scrypt$<salt>$<hash>` in base64url. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(pin, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Constant-time check of a PIN against a stored hash; false for a missing or malformed hash. */
export async function verifyPin(pin: string, stored: string | null | undefined): Promise<boolean> {
  const [kind, salt, hash] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64url'), KEY_LENGTH);
  return timingSafeEqual(actual, expected);
}

export async function tenantPinHash(q: Queryable, tenantId: string): Promise<string | null | undefined> {
  const [row] = await q.query<{kiosk_pin_hash: string | null}>('select kiosk_pin_hash from tenants where id = $1', [tenantId]);
  return row?.kiosk_pin_hash;
}

/** Sets the tenant's kiosk PIN unless it already is this PIN; returns whether it changed it. */
export async function setKioskPin(q: Queryable, tenantId: string, pin: string): Promise<boolean> {
  if (await verifyPin(pin, await tenantPinHash(q, tenantId))) return false;
  await q.query('update tenants set kiosk_pin_hash = $2 where id = $1', [tenantId, await hashPin(pin)]);
  return true;
}

import {createHmac, randomBytes} from 'node:crypto';
import type {Queryable} from './db/db.js';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The server pepper lives in the database (created once, shared by all instances) and keys every
 * hash we store, so neither voter tokens nor client addresses can be recovered from a dump.
 */
export class Secrets {
  private pepper?: Promise<Buffer>;
  private salt?: {day: string; value: Buffer};

  constructor(private readonly db: Queryable) {}

  private loadPepper(): Promise<Buffer> {
    this.pepper ??= (async () => {
      await this.db.query(
        'insert into server_secrets (name, value) values ($1, $2) on conflict (name) do nothing',
        ['pepper', randomBytes(32).toString('base64')],
      );
      const [row] = await this.db.query<{value: string}>('select value from server_secrets where name = $1', ['pepper']);
      return Buffer.from(row!.value, 'base64');
    })().catch((error) => {
      this.pepper = undefined;
      throw error;
    });
    return this.pepper;
  }

  /** Loads (or creates) the pepper; afterwards hashing never touches the database. */
  async ready(): Promise<void> {
    await this.loadPepper();
  }

  /** What we store instead of the voter token: one voter is one hash per tenant. */
  async voterHash(tenantId: string, voter: string): Promise<string> {
    return hmac(await this.loadPepper(), `${tenantId}:${voter}`).toString('base64url');
  }

  /** HMAC-SHA-256 of `data` under the pepper; callers prefix `data` with their purpose. */
  async mac(data: string): Promise<Buffer> {
    return hmac(await this.loadPepper(), data);
  }

  /** A keyed hash of the client address with a salt that rotates daily (UTC). */
  async clientKey(address: string, now = new Date()): Promise<string> {
    const day = now.toISOString().slice(0, 10);
    if (this.salt?.day !== day) this.salt = {day, value: hmac(await this.loadPepper(), `ip:${day}`)};
    return hmac(this.salt.value, address).toString('base64url');
  }
}

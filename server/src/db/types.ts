/** What every part of the server uses to reach storage: PGlite and PostgreSQL both implement it. */
export interface Queryable {
  /** One statement with `$1` parameters; rows as plain objects. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` with the payload of each NOTIFY on `channel`, and with '' each time listening
   * (re)starts: whatever was sent while not listening is lost, so a listener must assume anything changed.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
}

import type {Db} from '../db/db.js';
import type {StoredRow} from '../http/idempotency.js';

/** Most items in one batch: one statement's JSON stays small, and one refusal never holds many back. */
const MAX_BATCH = 64;

/**
 * Batches running at once. Fewer than the pool's connections on PostgreSQL: under load the requests
 * that arrive while these run wait for the next batch, so each commit carries many writes (the
 * database's work per write, and the round trips, fall with the batch size); at low load a write goes
 * alone at once. PGlite is one connection.
 */
const CONCURRENCY = {postgres: 4, pglite: 1} as const;

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in the process: items submitted while earlier batches run (or in the same turn of the
 * event loop) are written together by `write`, one statement and so one commit for all of them. A
 * submit resolves only after the commit of its batch, so a 2xx still means stored. `write` answers
 * item by item, in order; if it throws, every item of its batch gets the error.
 */
export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly concurrency: number,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({item, resolve, reject});
      this.schedule();
    });
  }

  /** After the I/O of this turn: the requests parsed in it go in one batch. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.running++;
      this.write(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.running--;
          this.schedule();
        });
    }
  }
}

/** One item's outcome in a batch: migration 009's kirjasto_store_votes / kirjasto_store_rating_responses. */
interface BatchRow<T> {
  ord: number;
  outcome: 'stored' | 'replayed' | 'refused';
  request_hash: string | null;
  status: number | null;
  response: T | null;
}

/** What isRefusedRow recognises, as the one-item functions raise it. */
export const refusedRow = () => Object.assign(new Error('kirjasto: the unique indexes refused the row'), {code: 'KV409'});

/**
 * A one-statement store (the idempotency key with its answer, then the counted row) with group commit:
 * `batch` names the function taking many items; `single` stores one item alone, the way it was before
 * batching. A batch that fails as a whole (a deadlock between two batches holding each other's keys, a
 * foreign key gone) is retried item by item with `single`, so each request gets its own answer.
 */
export function batchedStore<I extends object, T>(
  db: Db,
  batch: 'kirjasto_store_votes' | 'kirjasto_store_rating_responses',
  single: (item: I) => Promise<StoredRow<T>>,
): BatchedStore<I, T> {
  const alone = (item: I) => single(item).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  const write = async (items: I[]): Promise<(StoredRow<T> | Error)[]> => {
    if (items.length === 1) return [await alone(items[0]!)];
    const outcomes: (StoredRow<T> | Error)[] = [];
    try {
      // As text: a driver would send a bare array as a PostgreSQL array.
      const rows = await db.query<BatchRow<T>>(`select * from ${batch}($1::text::jsonb) order by ord`, [JSON.stringify(items)]);
      for (const row of rows) {
        outcomes[row.ord] =
          row.outcome === 'refused' ? refusedRow() : {replayed: row.outcome === 'replayed', request_hash: row.request_hash!, status: row.status, response: row.response as T};
      }
    } catch {
      return Promise.all(items.map(alone));
    }
    // Never expected; asking item by item is safe even after a commit (a stored key replays).
    if (outcomes.length !== items.length || outcomes.includes(undefined as never)) return Promise.all(items.map(alone));
    return outcomes;
  };
  const group = new GroupCommit<I, StoredRow<T> | Error>(write, CONCURRENCY[db.kind]);
  // Per-item failures travel as values through the batch and are thrown to their own request only.
  return {
    async submit(item: I) {
      const result = await group.submit(item);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

export interface BatchedStore<I, T> {
  /** Resolves after the commit that stored it (or found its key); throws what `single` would. */
  submit(item: I): Promise<StoredRow<T>>;
}

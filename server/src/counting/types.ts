/** A poll's counts, as every read and receipt shows them (counts.ts reads them). */
export interface PollCounts {
  votes: number;
  other: number;
  options: ReadonlyMap<string, number>;
  /** When these counts were read from storage. */
  countedAt: Date;
}

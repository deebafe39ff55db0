import type {Text} from '../../api.js';

/**
 * The report answers of the admin API (REPORTS-API.md, issue 10). Written from the contract while the
 * server's routes were being built; once the OpenAPI document has them, these should become aliases of
 * the generated `Schemas[…]` so that there is one description of each shape.
 */
export type Channel = 'web' | 'qr' | 'kiosk';
export type Bucket = 'day' | 'week' | 'month';
export type ReportKind = 'poll' | 'rating' | 'idea-box';

/** A breakdown cell: its figures, or `{suppressed: true}` when it has too few answers to show. */
export type Cell<T> = T | {suppressed: true};
export const isSuppressed = <T>(cell: Cell<T> | undefined | null): cell is {suppressed: true} =>
  !!cell && (cell as {suppressed?: boolean}).suppressed === true;

export interface RatingFigures {
  count: number;
  mean: number | null;
  csat: number | null;
  nps: number | null;
}

export interface AppliedFilters {
  from: string;
  to: string;
  channel?: Channel | null;
  branch?: string | null;
  lang?: string | null;
  bucket: Bucket;
}

interface Period {
  from: string;
  to: string;
}

interface ReportBase {
  id: string;
  timeZone: string;
  threshold: number;
  filters: AppliedFilters;
  previous: Period;
}

export type SeriesPoint<T> = {start: string; end: string} & Cell<T>;
export type ByChannel<T> = {channel: Channel} & Cell<T>;
export type ByBranch<T> = {branch: string | null; name: Text | null} & Cell<T>;
export type ByLanguage<T> = {lang: string | null} & Cell<T>;

export interface RatingReport extends ReportBase {
  kind: 'rating';
  question: Text;
  scale: 'smileys-4' | 'smileys-5' | 'stars-5' | 'nps' | 'thumbs';
  scores: number[];
  total: Cell<RatingFigures>;
  previousTotal: Cell<RatingFigures>;
  series: SeriesPoint<RatingFigures>[];
  distribution: ({score: number} & Cell<{count: number}>)[];
  byChannel: ByChannel<RatingFigures>[];
  byBranch: ByBranch<RatingFigures>[];
  byLanguage: ByLanguage<RatingFigures>[];
  heatmap: ({weekday: number; hour: number} & Cell<{count: number; mean: number | null}>)[];
  comments: Cell<{count: number}>;
}

export interface PollReport extends ReportBase {
  kind: 'poll';
  question: Text;
  options: {id: string; label: Text}[];
  total: Cell<{count: number; other: number}>;
  previousTotal: Cell<{count: number; other: number}>;
  series: SeriesPoint<{count: number}>[];
  results: ({option: string} & Cell<{count: number; share: number}>)[];
  byChannel: ByChannel<{count: number}>[];
  byBranch: ByBranch<{count: number}>[];
  byLanguage: ByLanguage<{count: number}>[];
}

export type IdeaStatus = 'new' | 'under-consideration' | 'planned' | 'done' | 'declined';

export interface IdeaBoxReport extends ReportBase {
  kind: 'idea-box';
  topic: Text;
  total: Cell<{count: number}>;
  previousTotal: Cell<{count: number}>;
  series: SeriesPoint<{count: number}>[];
  byStatus: ({status: IdeaStatus} & Cell<{count: number}>)[];
  answered: Cell<{count: number; medianDaysToAnswer: number | null}>;
  supports: Cell<{count: number}>;
  byChannel: ByChannel<{count: number}>[];
  byBranch: ByBranch<{count: number}>[];
  byLanguage: ByLanguage<{count: number}>[];
}

export interface SummaryReport extends Omit<ReportBase, 'id'> {
  kind: 'summary';
  widgets: {
    kind: ReportKind;
    id: string;
    title: Text;
    total: Cell<{count: number}>;
    previousTotal: Cell<{count: number}>;
    figures?: Cell<RatingFigures>;
  }[];
  ratings: {
    total: Cell<RatingFigures>;
    series: SeriesPoint<RatingFigures>[];
    byChannel: ByChannel<RatingFigures>[];
    byBranch: ByBranch<RatingFigures>[];
  };
}

export type Report = RatingReport | PollReport | IdeaBoxReport | SummaryReport;

/** One free-text answer, for moderators: a rating's comment or a poll's "other" answer. */
export interface FreeText {
  id: string;
  at: string;
  score?: number;
  comment?: string;
  text?: string;
  channel: Channel;
  branch: string | null;
  lang: string | null;
}
export interface FreeTextPage {
  items: FreeText[];
  next: string | null;
}

import type {Schemas, Text} from '../../api.js';

/** The report answers of the admin API (issue 10), generated from the server's OpenAPI document. */
export type RatingReport = Schemas['RatingReport'];
export type PollReport = Schemas['PollReport'];
export type IdeaBoxReport = Schemas['IdeaBoxReport'];
export type SummaryReport = Schemas['SummaryReport'];
export type Report = RatingReport | PollReport | IdeaBoxReport | SummaryReport;

export type Suppressed = Schemas['Suppressed'];
/** A breakdown cell: its figures, or `{suppressed: true}` when it has too few answers to show. */
export type Cell<T> = T | Suppressed;
export const isSuppressed = (cell: object | undefined | null): cell is Suppressed => !!cell && (cell as {suppressed?: boolean}).suppressed === true;

export type RatingFigures = Exclude<Schemas['RatingFiguresCell'], Suppressed>;
export type Channel = RatingReport['byChannel'][number]['channel'];
export type Bucket = Schemas['ReportFilters']['bucket'];
export type ReportKind = SummaryReport['widgets'][number]['kind'];
export type IdeaStatus = IdeaBoxReport['byStatus'][number]['status'];

export type SeriesPoint<T> = {start: string; end: string} & Cell<T>;
export type ByChannel = {channel: Channel};
export type ByBranch = {branch: string | null; name: Text | null};
export type ByLanguage = {lang: string | null};

/** One free-text answer, for moderators: a rating's comment or a poll's "other" answer. */
export type FreeText = Schemas['RatingCommentPage']['items'][number] | Schemas['PollOtherAnswerPage']['items'][number];
export interface FreeTextPage {
  items: FreeText[];
  next: string | null;
}

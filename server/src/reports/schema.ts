import {z} from '@hono/zod-openapi';
import {CHANNELS, dateTime, ID_PATTERN, TextSchema} from '../http/contract.js';
import {IDEA_STATUSES} from '../ideas/schema.js';
import {PATRON_LANGUAGES} from '../languages.js';
import {SCALES} from '../ratings/schema.js';
import {BUCKETS, MAX_DAYS} from './period.js';
import {SuppressedSchema} from './suppressed-schema.js';

/** The report shapes of issue 10 (REPORTS-API.md): every breakdown cell is its figures or `{"suppressed": true}`. */

const isoDay = () => z.iso.date({error: 'An ISO date, YYYY-MM-DD'});

const filterFields = {
    from: isoDay().optional().openapi({description: "First day, included, in the library's time zone (default: 29 days before `to`)"}),
    to: isoDay().optional().openapi({description: "Last day, included, in the library's time zone (default: today, or 29 days after `from`)"}),
    channel: z.enum(CHANNELS).optional(),
    branch: z.string().regex(ID_PATTERN, 'A branch id').optional().openapi({description: 'A branch id of the library'}),
    lang: z.enum(PATRON_LANGUAGES).optional().openapi({description: 'The UI language the answers were given in'}),
};
const checkPeriod = (q: {from?: string; to?: string}, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({code: 'custom', path: ['to'], message: 'Must not be before from'});
  if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 >= MAX_DAYS) ctx.addIssue({code: 'custom', path: ['to'], message: `At most ${MAX_DAYS} days from from`});
};
export const ReportQuerySchema = z
  .object({
    ...filterFields,
    bucket: z.enum(BUCKETS).optional().openapi({description: 'Series buckets (ISO weeks from Monday); default day up to 31 days, week up to 184, else month'}),
  })
  .superRefine(checkPeriod);
export type ReportQuery = z.output<typeof ReportQuerySchema>;


/** A cell with `keys` (what the row is about) and either `figures` or `suppressed: true`. */
export function cellOf<K extends z.ZodRawShape, F extends z.ZodRawShape>(keys: K, figures: F) {
  return z.union([z.strictObject({...keys, ...figures}), z.strictObject({...keys, suppressed: z.literal(true)})]);
}
export const cell = <F extends z.ZodRawShape>(figures: F, name: string) => z.union([z.strictObject(figures), SuppressedSchema]).openapi(name);

const count = () => z.number().int().min(0);
const RatingFigures = {
  count: count(),
  mean: z.number().nullable().openapi({description: 'null when count is 0 (and in the summary when the ratings have different scales)'}),
  csat: z.number().min(0).max(1).nullable().openapi({description: 'Share of satisfied answers: the top two of five (smileys, stars), the top two of four, thumbs up, NPS 9–10'}),
  nps: z.number().int().min(-100).max(100).nullable().openapi({description: 'Scale nps only (else null): % promoters (9–10) minus % detractors (0–6), in points'}),
};
const CountFigures = {count: count()};

export const RatingFiguresCellSchema = cell(RatingFigures, 'RatingFiguresCell');
export const CountCellSchema = cell(CountFigures, 'CountCell');

const FiltersSchema = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    channel: z.enum(CHANNELS).nullable(),
    branch: z.string().nullable(),
    lang: z.string().nullable(),
    bucket: z.enum(BUCKETS),
  })
  .openapi('ReportFilters');
const PreviousSchema = z.strictObject({from: z.iso.date(), to: z.iso.date()}).openapi('ReportPeriod', {description: 'The period of the same length just before from'});

const common = {
  timeZone: z.string().openapi({example: 'Europe/Helsinki'}),
  threshold: z.number().int().min(3).openapi({description: 'Cells with 1 to threshold − 1 answers are suppressed'}),
  filters: FiltersSchema,
  previous: PreviousSchema,
};
const span = {start: z.iso.date(), end: z.iso.date()};
const branchKeys = {branch: z.string().nullable().openapi({description: 'null: answers without a branch'}), name: z.union([TextSchema, z.null()]).openapi({description: "The branch's name; null with branch null"})};
const langKeys = {lang: z.string().nullable().openapi({description: 'null: the language is not known'})};

export const RatingReportSchema = z
  .strictObject({
    kind: z.literal('rating'),
    id: z.string(),
    question: TextSchema,
    scale: z.enum(SCALES),
    scores: z.array(z.number().int()),
    ...common,
    total: RatingFiguresCellSchema,
    previousTotal: RatingFiguresCellSchema,
    series: z.array(cellOf(span, RatingFigures)).openapi({description: 'One per bucket, cut to the period'}),
    distribution: z.array(cellOf({score: z.number().int()}, CountFigures)),
    byChannel: z.array(cellOf({channel: z.enum(CHANNELS)}, RatingFigures)),
    byBranch: z.array(cellOf(branchKeys, RatingFigures)),
    byLanguage: z.array(cellOf(langKeys, RatingFigures)),
    heatmap: z
      .array(cellOf({weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23)}, {count: count(), mean: z.number().nullable()}))
      .openapi({description: 'Kiosk answers by ISO weekday (1 = Monday) and local hour; cells with answers only; empty with a lang filter (hours are counted without language)'}),
    comments: CountCellSchema.openapi({description: 'Comments in the period; for others than moderators suppressed below the free-text threshold'}),
  })
  .openapi('RatingReport');

const PollTotal = {count: count().openapi({description: 'Voters'}), other: count().nullable().openapi({description: 'Voters who wrote an "other" answer; null when too few to show'})};
const PollTotalCellSchema = cell(PollTotal, 'PollTotalCell');
export const PollReportSchema = z
  .strictObject({
    kind: z.literal('poll'),
    id: z.string(),
    question: TextSchema,
    options: z.array(z.strictObject({id: z.string(), label: TextSchema})),
    ...common,
    total: PollTotalCellSchema,
    previousTotal: PollTotalCellSchema,
    series: z.array(cellOf(span, CountFigures)),
    results: z.array(cellOf({option: z.string()}, {count: count(), share: z.number().min(0).max(1).nullable().openapi({description: 'Of the voters'})})),
    byChannel: z.array(cellOf({channel: z.enum(CHANNELS)}, CountFigures)),
    byBranch: z.array(cellOf(branchKeys, CountFigures)),
    byLanguage: z.array(cellOf(langKeys, CountFigures)),
  })
  .openapi('PollReport');

export const IdeaBoxReportSchema = z
  .strictObject({
    kind: z.literal('idea-box'),
    id: z.string(),
    topic: TextSchema,
    ...common,
    total: CountCellSchema,
    previousTotal: CountCellSchema,
    series: z.array(cellOf(span, CountFigures)),
    byStatus: z.array(cellOf({status: z.enum(IDEA_STATUSES)}, CountFigures)),
    answered: cell({count: count(), medianDaysToAnswer: z.number().min(0).nullable()}, 'AnsweredCell'),
    supports: CountCellSchema.openapi({description: 'Supports of the ideas sent in the period'}),
    byChannel: z.array(cellOf({channel: z.enum(CHANNELS)}, CountFigures)),
    byBranch: z.array(cellOf(branchKeys, CountFigures)),
    byLanguage: z.array(cellOf(langKeys, CountFigures)),
  })
  .openapi('IdeaBoxReport');

export const WIDGET_KINDS = ['poll', 'rating', 'idea-box'] as const;
export const SummaryReportSchema = z
  .strictObject({
    kind: z.literal('summary'),
    ...common,
    widgets: z.array(
      z.strictObject({
        kind: z.enum(WIDGET_KINDS),
        id: z.string(),
        title: TextSchema,
        archived: z.boolean(),
        total: CountCellSchema,
        previousTotal: CountCellSchema,
        figures: RatingFiguresCellSchema.optional().openapi({description: 'Ratings only'}),
      }),
    ),
    ratings: z.strictObject({
      total: RatingFiguresCellSchema,
      previousTotal: RatingFiguresCellSchema,
      series: z.array(cellOf(span, RatingFigures)),
      byChannel: z.array(cellOf({channel: z.enum(CHANNELS)}, RatingFigures)),
      byBranch: z.array(cellOf(branchKeys, RatingFigures)),
    }),
  })
  .openapi('SummaryReport');

const PAGE_MAX = 200;
export const CommentsQuerySchema = z
  .object({
  q: z.string().max(200).optional().openapi({description: 'Text the answer contains (case-insensitive)'}),
  ...filterFields,
  after: z.string().regex(/^\d{1,18}$/, 'The next of the previous page').optional().openapi({description: 'The `next` of the previous page'}),
  limit: z.coerce.number({error: `An integer 1–${PAGE_MAX}`}).int().min(1).max(PAGE_MAX).default(50),
  })
  .superRefine(checkPeriod);

const answerKeys = {
  id: z.string(),
  at: dateTime(),
  channel: z.enum(CHANNELS),
  branch: z.string().nullable(),
  lang: z.string().nullable(),
};
export const CommentPageSchema = z
  .strictObject({items: z.array(z.strictObject({...answerKeys, score: z.number().int(), comment: z.string()})), next: z.string().nullable()})
  .openapi('RatingCommentPage');
export const OtherAnswerPageSchema = z
  .strictObject({items: z.array(z.strictObject({...answerKeys, text: z.string()})), next: z.string().nullable()})
  .openapi('PollOtherAnswerPage');

import {z} from '@hono/zod-openapi';
import {SuppressedSchema} from '../reports/suppressed-schema.js';
import {channelField, dateTime, langField, locationField, statusField, TextSchema, voterField} from '../http/contract.js';

export const SCALES = ['smileys-4', 'smileys-5', 'stars-5', 'nps', 'thumbs'] as const;
export type Scale = (typeof SCALES)[number];
export const COMMENT_MODES = ['off', 'always', 'after-low'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** The scores of each scale, and from which score on a patron counts as satisfied (CSAT's top two). */
export const SCALE_RANGES: Record<Scale, {min: number; max: number; satisfiedFrom: number}> = {
  'smileys-4': {min: 1, max: 4, satisfiedFrom: 3},
  'smileys-5': {min: 1, max: 5, satisfiedFrom: 4},
  'stars-5': {min: 1, max: 5, satisfiedFrom: 4},
  nps: {min: 0, max: 10, satisfiedFrom: 9},
  thumbs: {min: 0, max: 1, satisfiedFrom: 1},
};

export const scoresOf = (scale: Scale): number[] => {
  const {min, max} = SCALE_RANGES[scale];
  return Array.from({length: max - min + 1}, (_, i) => min + i);
};

/** Client-made response ids: what a retry through a new Idempotency-Key is recognised by. */
export const RESPONSE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** The largest comment_max_length a rating may have; bodies are cut off well before the 16 KiB limit. */
export const COMMENT_MAX = 2000;

const noNul = (s: string) => !s.includes('\u0000');

const comment = z
  .string()
  .max(COMMENT_MAX * 4)
  .refine(noNul, 'Must not contain NUL characters')
  .transform((s) => s.trim())
  .refine((s) => s.length >= 1, 'Must not be empty');

export const ResponseSchema = z
  .object({
    responseId: z
      .string()
      .regex(RESPONSE_ID_PATTERN, 'Must be 8–64 characters of A–Z, a–z, 0–9, _ and -')
      .openapi({description: 'Made by the client; one response per id and rating'}),
    score: z.number().int('Must be a whole number').openapi({description: "In the rating's scale"}),
    comment: comment
      .optional()
      .openapi({description: 'Trimmed, 1–commentMaxLength characters; when comment is always, or after-low and score ≤ lowThreshold'}),
    voter: voterField(),
    channel: channelField(),
    location: locationField('rating').optional(),
    lang: langField().optional(),
  })
  .openapi('Response', {description: 'Unknown properties are ignored.'});
export type RatingResponse = z.output<typeof ResponseSchema>;

export const CommentRequestSchema = z
  .object({
    comment: comment.openapi({description: 'Trimmed, 1–commentMaxLength characters'}),
    voter: voterField('The voter who gave the response'),
  })
  .openapi('CommentRequest');
export type CommentRequest = z.output<typeof CommentRequestSchema>;

export const RatingSchema = z
  .strictObject({
    id: z.string(),
    question: TextSchema,
    scale: z.enum(SCALES).openapi({description: 'smileys-4: 1–4, smileys-5 and stars-5: 1–5, nps: 0–10, thumbs: 0 (down) or 1 (up)'}),
    scores: z.strictObject({min: z.number().int(), max: z.number().int()}).openapi({description: 'The lowest and highest score of the scale'}),
    comment: z.enum(COMMENT_MODES),
    lowThreshold: z.number().int().optional().openapi({description: 'comment after-low: a score at or below it is low'}),
    commentMaxLength: z.number().int().min(1),
    timeZone: z.string().openapi({description: "The library's time zone (IANA): on the web and by QR code, one response per voter per day in it", example: 'Europe/Helsinki'}),
    status: statusField(),
    opensAt: dateTime().optional(),
    closesAt: dateTime().optional(),
  })
  .openapi('Rating');
export type RatingView = z.infer<typeof RatingSchema>;

export const ResponseReceiptSchema = z
  .strictObject({ratingId: z.string(), responseId: z.string(), score: z.number().int(), comment: z.string().optional()})
  .openapi('ResponseReceipt');
export type ResponseReceipt = z.infer<typeof ResponseReceiptSchema>;

export const SummaryFiguresSchema = z
  .strictObject({
    count: z.number().int().min(0),
    mean: z.number().nullable().openapi({description: 'null when count is 0'}),
    csat: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({description: 'Share of satisfied (the top two scores; 9–10 for nps; up for thumbs); null when count is 0'}),
    nps: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .nullable()
      .optional()
      .openapi({description: 'Scale nps only: % promoters (9–10) minus % detractors (0–6)'}),
  })
  .openapi('SummaryFigures');
export type SummaryFigures = z.infer<typeof SummaryFiguresSchema>;
const SummaryCellSchema = z.union([SummaryFiguresSchema, SuppressedSchema]).openapi('SummaryCell');

export const SummarySchema = z
  .strictObject({
    ...SummaryFiguresSchema.shape,
    distribution: z
      .record(z.string().regex(/^(0|[1-9][0-9]?)$/), z.number().int().min(0))
      .openapi({description: 'Responses per score; every score of the scale is present'}),
    byChannel: z
      .strictObject({web: SummaryCellSchema, qr: SummaryCellSchema, kiosk: SummaryCellSchema})
      .openapi({description: "A channel with fewer responses than the library's threshold (and the next smallest, when it alone is hidden) is {suppressed: true}"}),
    byLocation: z
      .record(z.string(), SummaryCellSchema)
      .openapi({description: "By branch id; branches with responses only; one with fewer responses than the library's threshold is {suppressed: true}"}),
  })
  .openapi('Summary');
export type Summary = z.infer<typeof SummarySchema>;

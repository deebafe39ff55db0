import {z} from 'zod';
import {pointer, validationProblem} from '../http/problem.js';
import {CHANNELS, ID_PATTERN, VOTER_PATTERN, type Channel, type PollStatus, type Text} from '../polls/schema.js';

export const SCALES = ['smileys-4', 'smileys-5', 'stars-5', 'nps', 'thumbs'] as const;
export type Scale = (typeof SCALES)[number];
export const COMMENT_MODES = ['off', 'always', 'after-low'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];
export type RatingStatus = PollStatus;

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
const voter = z.string().regex(VOTER_PATTERN, 'Must be 16–128 characters of A–Z, a–z, 0–9, _ and -');

export const ResponseSchema = z.object({
  responseId: z.string().regex(RESPONSE_ID_PATTERN, 'Must be 8–64 characters of A–Z, a–z, 0–9, _ and -'),
  score: z.number().int('Must be a whole number'),
  comment: comment.optional(),
  voter,
  channel: z.enum(CHANNELS),
  location: z.string().regex(ID_PATTERN, 'Not a known branch of this library').optional(),
});
export type RatingResponse = z.output<typeof ResponseSchema>;

export const CommentRequestSchema = z.object({comment, voter});
export type CommentRequest = z.output<typeof CommentRequestSchema>;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationProblem(result.error.issues.map((issue) => ({path: pointer(issue.path), message: issue.message})));
}

/** Validates a response's shape (not yet against the rating); throws a 400 validation problem. */
export const parseResponse = (input: unknown): RatingResponse => parse(ResponseSchema, input);
export const parseCommentRequest = (input: unknown): CommentRequest => parse(CommentRequestSchema, input);

export interface RatingView {
  id: string;
  question: Text;
  scale: Scale;
  comment: CommentMode;
  lowThreshold?: number;
  commentMaxLength: number;
  scores: {min: number; max: number};
  timeZone: string;
  status: RatingStatus;
  opensAt?: string;
  closesAt?: string;
}

export interface ResponseReceipt {
  ratingId: string;
  responseId: string;
  score: number;
  comment?: string;
}

export interface SummaryFigures {
  count: number;
  mean: number | null;
  csat: number | null;
  nps?: number | null;
}

export interface Summary extends SummaryFigures {
  distribution: Record<string, number>;
  byChannel: Record<Channel, SummaryFigures>;
  byLocation: Record<string, SummaryFigures>;
}

import {z} from 'zod';
import {pointer, validationProblem} from '../http/problem.js';

/** A multilingual text: language code to string, e.g. {fi: '…', sv: '…', en: '…'}. */
export type Text = Record<string, string>;

export const RESULTS_VISIBILITIES = ['after-vote', 'always', 'after-close', 'never'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number];
export const CHANNELS = ['web', 'qr', 'kiosk'] as const;
export type Channel = (typeof CHANNELS)[number];
export type PollStatus = 'open' | 'closed' | 'scheduled';

/** Ids of polls, options and branches: also what a path segment must look like before it reaches SQL. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const VOTER_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
export const OTHER_TEXT_MAX = 500;

const noNul = (s: string) => !s.includes('\u0000');

export const VoteSchema = z.object({
  optionIds: z.array(z.string().regex(ID_PATTERN, 'Not a known option id')).max(64),
  otherText: z
    .string()
    .max(OTHER_TEXT_MAX * 4)
    .refine(noNul, 'Must not contain NUL characters')
    .transform((s) => s.trim())
    .refine((s) => s.length >= 1, 'Must not be empty')
    .refine((s) => s.length <= OTHER_TEXT_MAX, `At most ${OTHER_TEXT_MAX} characters`)
    .optional(),
  voter: z.string().regex(VOTER_PATTERN, 'Must be 16–128 characters of A–Z, a–z, 0–9, _ and -'),
  channel: z.enum(CHANNELS),
  location: z.string().regex(ID_PATTERN, 'Not a known branch of this library').optional(),
});

export type Vote = z.output<typeof VoteSchema>;

/** Validates a vote's shape (not yet against the poll); throws a 400 validation problem. */
export function parseVote(input: unknown): Vote {
  const result = VoteSchema.safeParse(input);
  if (result.success) return result.data;
  throw validationProblem(result.error.issues.map((issue) => ({path: pointer(issue.path), message: issue.message})));
}

export interface Results {
  total: number;
  options: {id: string; count: number}[];
  otherCount: number;
}

export interface PollView {
  id: string;
  question: Text;
  options: {id: string; label: Text}[];
  maxChoices: number;
  allowOther: boolean;
  otherMaxLength: number;
  resultsVisibility: ResultsVisibility;
  status: PollStatus;
  opensAt?: string;
  closesAt?: string;
  results?: Results;
}

export interface VoteReceipt {
  pollId: string;
  optionIds: string[];
  otherText?: string;
  results?: Results;
}

import {z} from 'zod';
import {pointer, validationProblem, type FieldError} from '../http/problem.js';
import {CHANNELS, ID_PATTERN, VOTER_PATTERN, type Channel, type Text} from '../polls/schema.js';

export const MODERATIONS = ['pre', 'post'] as const;
export type Moderation = (typeof MODERATIONS)[number];
export const IDEA_STATUSES = ['new', 'under-consideration', 'planned', 'done', 'declined'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export const IDEA_STATES = ['pending', 'published', 'hidden', 'rejected'] as const;
export type IdeaState = (typeof IDEA_STATES)[number];
export const IDEA_SORTS = ['support', 'newest'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
export type BoxStatus = 'open' | 'closed' | 'scheduled';

export const IDEA_MIN_LENGTH = 10;
export const DEFAULT_MAX_LENGTH = 1000;
export const CONTACT_MAX = 200;
export const REASON_MAX = 500;
export const ANSWER_MAX = 4000;
export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 50;

// C0 controls other than tab and line feed; a lone UTF-16 surrogate.
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a patron's text cannot be stored as it is, or undefined. Markup, emoji, RTL marks are all fine. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'Must not contain NUL characters';
  if (CONTROL.test(value)) return 'Must not contain control characters other than line feed and tab';
  if (LONE_SURROGATE.test(value)) return 'Must be valid Unicode (no lone surrogates)';
  return undefined;
}

/** Length as a reader counts it, roughly: Unicode code points, not UTF-16 units. */
export const codePoints = (value: string) => [...value].length;

const cleanString = (max: number) =>
  z
    .string()
    .max(max * 2)
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({code: 'custom', message: problem});
    });

export const NewIdeaSchema = z.object({
  // Length against the box's maxLength is checked with the box; here only a hard ceiling.
  text: cleanString(4000).transform((s) => s.trim()),
  category: z.string().regex(ID_PATTERN, 'Not a category of this box').optional(),
  contact: cleanString(CONTACT_MAX)
    .transform((s) => s.trim())
    .refine((s) => codePoints(s) <= CONTACT_MAX, `At most ${CONTACT_MAX} characters`)
    .optional(),
  voter: z.string().regex(VOTER_PATTERN, 'Must be 16–128 characters of A–Z, a–z, 0–9, _ and -'),
  channel: z.enum(CHANNELS),
  location: z.string().regex(ID_PATTERN, 'Not a known branch of this library').optional(),
  formToken: z.string().max(256),
  website: z.union([z.literal(''), z.null()]).optional(),
});
export type NewIdea = z.output<typeof NewIdeaSchema>;

export const SupportSchema = z.object({
  voter: z.string().regex(VOTER_PATTERN, 'Must be 16–128 characters of A–Z, a–z, 0–9, _ and -'),
  supported: z.boolean().optional(),
});
export type Support = z.output<typeof SupportSchema>;

const TextSchema = z
  .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Not a language code'), cleanString(ANSWER_MAX).transform((s) => s.trim()))
  .refine((t) => Object.keys(t).length > 0, 'Give the text in at least one language')
  .refine((t) => Object.values(t).every((s) => s.length > 0 && codePoints(s) <= ANSWER_MAX), `1–${ANSWER_MAX} characters in each language`);

export const IdeaPatchSchema = z
  .object({
    category: z.string().regex(ID_PATTERN, 'Not a category of this box').nullable().optional(),
    status: z.enum(IDEA_STATUSES).optional(),
    answer: TextSchema.nullable().optional(),
  })
  .refine((p) => p.category !== undefined || p.status !== undefined || p.answer !== undefined, 'Give category, status or answer');
export type IdeaPatch = z.output<typeof IdeaPatchSchema>;

export const RejectSchema = z.object({
  reason: cleanString(REASON_MAX)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0 && codePoints(s) <= REASON_MAX, `1–${REASON_MAX} characters`),
});

export const MergeSchema = z.object({into: z.string().regex(ID_PATTERN, 'Not an idea id')});

/** Parses with a zod schema; throws a 400 validation problem with JSON Pointer paths. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationProblem(result.error.issues.map((issue) => ({path: pointer(issue.path), message: issue.message})));
}

/** Problems with an idea's text that depend on its box. */
export function checkIdeaText(text: string, maxLength: number): FieldError[] {
  const n = codePoints(text);
  if (n < IDEA_MIN_LENGTH) return [{path: '/text', message: `At least ${IDEA_MIN_LENGTH} characters`}];
  if (n > maxLength) return [{path: '/text', message: `At most ${maxLength} characters`}];
  return [];
}

export interface Category {
  id: string;
  label: Text;
}

export interface IdeaBoxView {
  id: string;
  topic: Text;
  description?: Text;
  categories: Category[];
  moderation: Moderation;
  maxLength: number;
  allowContact: boolean;
  status: BoxStatus;
  opensAt?: string;
  closesAt?: string;
  formToken: string;
  formMinAgeMs: number;
}

export interface IdeaView {
  id: string;
  text: string;
  category?: string;
  supports: number;
  status: IdeaStatus;
  answer?: Text;
  answeredAt?: string;
  createdAt: string;
  supported?: boolean;
  mergedInto?: string;
}

/** What moderators see: the public view plus moderation fields and the contact. */
export interface ModerationIdeaView extends IdeaView {
  boxId: string;
  state: IdeaState;
  contact?: string;
  rejectReason?: string;
  channel: Channel;
  location?: string;
}

export interface IdeaPage {
  ideas: IdeaView[];
  nextCursor: string | null;
  total: number;
}

export interface IdeaReceipt {
  idea: IdeaView;
  published: boolean;
}

export interface SupportState {
  ideaId: string;
  supports: number;
  supported: boolean;
}

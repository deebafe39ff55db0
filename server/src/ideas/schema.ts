import {z} from '@hono/zod-openapi';
import {channelField, CHANNELS, dateTime, ID_PATTERN, langField, locationField, statusField, TextSchema, voterField} from '../http/contract.js';
import type {FieldError} from '../http/problem.js';

export const MODERATIONS = ['pre', 'post'] as const;
export type Moderation = (typeof MODERATIONS)[number];
export const IDEA_STATUSES = ['new', 'under-consideration', 'planned', 'done', 'declined'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export const IDEA_STATES = ['pending', 'published', 'hidden', 'rejected'] as const;
export type IdeaState = (typeof IDEA_STATES)[number];
export const IDEA_SORTS = ['support', 'newest'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

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

export const NewIdeaSchema = z
  .object({
    // Length against the box's maxLength is checked with the box; here only a hard ceiling.
    text: cleanString(4000)
      .transform((s) => s.trim())
      .openapi({description: "Trimmed; 10 to the box's maxLength code points; no C0 controls but line feed and tab; no lone surrogates."}),
    category: z.string().regex(ID_PATTERN, 'Not a category of this box').optional().openapi({description: 'A category id of the box'}),
    contact: cleanString(CONTACT_MAX)
      .transform((s) => s.trim())
      .refine((s) => codePoints(s) <= CONTACT_MAX, `At most ${CONTACT_MAX} characters`)
      .optional()
      .openapi({description: 'Only when the box allows it; seen by moderators only'}),
    voter: voterField(),
    channel: channelField(),
    location: locationField('box').optional(),
    lang: langField().optional(),
    formToken: z.string().max(256).openapi({description: "The box's formToken"}),
    website: z.union([z.literal(''), z.null()]).optional().openapi({description: 'Honeypot: leave empty or absent'}),
  })
  .openapi('NewIdea', {description: 'Unknown properties are ignored.'});
export type NewIdea = z.output<typeof NewIdeaSchema>;

export const SupportSchema = z
  .object({voter: voterField(), supported: z.boolean().optional().openapi({description: 'false withdraws; true by default'})})
  .openapi('Support');
export type Support = z.output<typeof SupportSchema>;

const AnswerSchema = z
  .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Not a language code'), cleanString(ANSWER_MAX).transform((s) => s.trim()))
  .refine((t) => Object.keys(t).length > 0, 'Give the text in at least one language')
  .refine((t) => Object.values(t).every((s) => s.length > 0 && codePoints(s) <= ANSWER_MAX), `1–${ANSWER_MAX} characters in each language`);

export const IdeaPatchSchema = z
  .object({
    category: z.string().regex(ID_PATTERN, 'Not a category of this box').nullable().optional(),
    status: z.enum(IDEA_STATUSES).optional(),
    answer: AnswerSchema.nullable().optional(),
  })
  .refine((p) => p.category !== undefined || p.status !== undefined || p.answer !== undefined, 'Give category, status or answer')
  .openapi('IdeaPatch', {description: 'Set category, public status or the answer (null clears)'});
export type IdeaPatch = z.output<typeof IdeaPatchSchema>;

export const RejectSchema = z
  .object({
    reason: cleanString(REASON_MAX)
      .transform((s) => s.trim())
      .refine((s) => s.length > 0 && codePoints(s) <= REASON_MAX, `1–${REASON_MAX} characters`),
  })
  .openapi('Reject');

export const MergeSchema = z.object({into: z.string().regex(ID_PATTERN, 'Not an idea id')}).openapi('Merge');

/** Problems with an idea's text that depend on its box. */
export function checkIdeaText(text: string, maxLength: number): FieldError[] {
  const n = codePoints(text);
  if (n < IDEA_MIN_LENGTH) return [{path: '/text', message: `At least ${IDEA_MIN_LENGTH} characters`}];
  if (n > maxLength) return [{path: '/text', message: `At most ${maxLength} characters`}];
  return [];
}

export const CategorySchema = z.strictObject({id: z.string(), label: TextSchema});
export type Category = z.infer<typeof CategorySchema>;

export const IdeaBoxSchema = z
  .strictObject({
    id: z.string(),
    topic: TextSchema,
    description: TextSchema.optional(),
    categories: z.array(CategorySchema),
    moderation: z.enum(MODERATIONS),
    maxLength: z.number().int().min(IDEA_MIN_LENGTH),
    allowContact: z.boolean(),
    status: statusField(),
    opensAt: dateTime().optional(),
    closesAt: dateTime().optional(),
    formToken: z.string().openapi({description: 'Send it with the idea: valid from formMinAgeMs to 14 days after this response.'}),
    formMinAgeMs: z.number().int().min(0).openapi({description: 'How long after this response the form token is accepted (a bot speed bump)'}),
  })
  .openapi('IdeaBox');
export type IdeaBoxView = z.infer<typeof IdeaBoxSchema>;

const ideaShape = {
  id: z.string(),
  text: z.string().openapi({description: 'As the patron wrote it: render as text, never as markup.'}),
  lang: z.string().optional().openapi({
    description:
      "The language the text is in, as far as known: the patron's UI language when they sent it (NewIdea's lang), a BCP 47 tag. Absent when none was stored (older clients sent none). Mark the text with it (HTML lang) so a screen reader reads it in that language.",
    example: 'sv',
  }),
  category: z.string().optional(),
  supports: z.number().int().min(0),
  status: z.enum(IDEA_STATUSES),
  answer: TextSchema.optional(),
  answeredAt: dateTime().optional(),
  createdAt: dateTime(),
  supported: z.boolean().optional().openapi({description: 'Only when Kirjasto-Voter was sent'}),
  mergedInto: z.string().optional().openapi({description: 'The idea this one was merged into'}),
};

export const IdeaSchema = z.strictObject(ideaShape).openapi('Idea');
export type IdeaView = z.infer<typeof IdeaSchema>;

/** What moderators see: the public view plus moderation fields and the contact. */
export const ModerationIdeaSchema = z
  .strictObject({
    ...ideaShape,
    boxId: z.string(),
    state: z.enum(IDEA_STATES),
    contact: z.string().optional(),
    rejectReason: z.string().optional(),
    channel: z.enum(CHANNELS),
    location: z.string().optional(),
    showcasedAt: dateTime().optional().openapi({description: "When an editor put the idea and its answer on the library's public page (/t/{tenant}); absent: not there"}),
  })
  .openapi('ModerationIdea');
export type ModerationIdeaView = z.infer<typeof ModerationIdeaSchema>;

export const IdeaPageSchema = z
  .strictObject({ideas: z.array(IdeaSchema), nextCursor: z.string().nullable(), total: z.number().int().min(0)})
  .openapi('IdeaPage');
export type IdeaPage = z.infer<typeof IdeaPageSchema>;

export const ModerationPageSchema = z
  .strictObject({ideas: z.array(ModerationIdeaSchema), nextCursor: z.string().nullable()})
  .openapi('ModerationPage');

export const IdeaReceiptSchema = z
  .strictObject({idea: IdeaSchema, published: z.boolean().openapi({description: 'false: visible after moderation'})})
  .openapi('IdeaReceipt');
export type IdeaReceipt = z.infer<typeof IdeaReceiptSchema>;

export const SupportStateSchema = z
  .strictObject({ideaId: z.string(), supports: z.number().int().min(0), supported: z.boolean()})
  .openapi('SupportState');
export type SupportState = z.infer<typeof SupportStateSchema>;

import {z} from '@hono/zod-openapi';
import {channelField, dateTime, ID_PATTERN, langField, locationField, ResultsSchema, statusField, TextSchema, voterField} from '../http/contract.js';

export const RESULTS_VISIBILITIES = ['after-vote', 'always', 'after-close', 'never'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number];
export const OTHER_TEXT_MAX = 500;

const noNul = (s: string) => !s.includes('\u0000');

export const VoteSchema = z
  .object({
    optionIds: z.array(z.string().regex(ID_PATTERN, 'Not a known option id')).max(64),
    otherText: z
      .string()
      .max(OTHER_TEXT_MAX * 4)
      .refine(noNul, 'Must not contain NUL characters')
      .transform((s) => s.trim())
      .refine((s) => s.length >= 1, 'Must not be empty')
      .refine((s) => s.length <= OTHER_TEXT_MAX, `At most ${OTHER_TEXT_MAX} characters`)
      .optional()
      .openapi({description: `Only when the poll allows it; trimmed, 1–${OTHER_TEXT_MAX} characters; counts as one choice.`}),
    voter: voterField(),
    channel: channelField(),
    location: locationField('poll').optional(),
    lang: langField().optional(),
  })
  .openapi('Vote', {description: 'Unknown properties are ignored.'});
export type Vote = z.output<typeof VoteSchema>;

export {ResultsSchema, type Results} from '../http/contract.js';

export const PollSchema = z
  .strictObject({
    id: z.string(),
    question: TextSchema,
    options: z.array(z.strictObject({id: z.string(), label: TextSchema})),
    maxChoices: z.number().int().min(1),
    allowOther: z.boolean(),
    otherMaxLength: z.number().int().min(1).openapi({description: 'The longest "other" text a vote may carry'}),
    resultsVisibility: z.enum(RESULTS_VISIBILITIES),
    status: statusField(),
    opensAt: dateTime().optional(),
    closesAt: dateTime().optional(),
    results: ResultsSchema.optional().openapi({description: 'When everyone may see them'}),
  })
  .openapi('Poll');
export type PollView = z.infer<typeof PollSchema>;

export const VoteReceiptSchema = z
  .strictObject({
    pollId: z.string(),
    optionIds: z.array(z.string()),
    otherText: z.string().optional(),
    results: ResultsSchema.optional(),
  })
  .openapi('VoteReceipt');
export type VoteReceipt = z.infer<typeof VoteReceiptSchema>;

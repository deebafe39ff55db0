import {z} from '@hono/zod-openapi';
import {dateTime, TextSchema} from '../http/contract.js';
import {IDEA_STATUSES} from '../ideas/schema.js';
import {SCALES, SummaryFiguresSchema} from '../ratings/schema.js';

/** A cell under the library's threshold: no count, no mean, no share. */
export const SuppressedSchema = z
  .strictObject({suppressed: z.literal(true)})
  .openapi('Suppressed', {description: "Fewer answers than the library's threshold: too few answers to show (0 answers is a count of 0, not this)"});

const shareFigures = {count: z.number().int().min(0), share: z.number().min(0).max(1)};

export const PublicIdeaSchema = z
  .strictObject({
    id: z.string(),
    boxId: z.string(),
    topic: TextSchema,
    text: z.string().openapi({description: "The patron's idea, as published by a moderator"}),
    lang: z.string().nullable().openapi({description: 'The language the idea was written in, when known'}),
    status: z.enum(IDEA_STATUSES),
    answer: TextSchema.openapi({description: "The library's answer"}),
    answeredAt: dateTime(),
    showcasedAt: dateTime().openapi({description: 'When an editor put it on the public page'}),
    branch: z.string().nullable(),
  })
  .openapi('PublicIdea');

export const PublicPollSchema = z
  .strictObject({
    id: z.string(),
    question: TextSchema,
    closedAt: dateTime(),
    publishedAt: dateTime(),
    total: z.union([z.strictObject({count: z.number().int().min(0)}), SuppressedSchema]),
    results: z.array(
      z.union([
        z.strictObject({option: z.string(), label: TextSchema, ...shareFigures}),
        z.strictObject({option: z.string(), label: TextSchema, suppressed: z.literal(true)}),
      ]),
    ),
    other: z.union([z.strictObject(shareFigures), SuppressedSchema]).optional().openapi({description: 'How many chose "other" (never what they wrote); absent when the poll had no "other"'}),
  })
  .openapi('PublicPoll');

export const PublicRatingSchema = z
  .strictObject({
    id: z.string(),
    question: TextSchema,
    scale: z.enum(SCALES),
    publishedAt: dateTime(),
    months: z.array(z.string().regex(/^\d{4}-\d{2}$/)).openapi({description: "The months shown, oldest first, in the library's time zone"}),
    branches: z.array(
      z.strictObject({
        branch: z.string().nullable().openapi({description: 'null: answers given at no branch'}),
        name: TextSchema.nullable(),
        months: z.array(z.union([z.strictObject({month: z.string(), ...SummaryFiguresSchema.shape}), z.strictObject({month: z.string(), suppressed: z.literal(true)})])),
      }),
    ),
  })
  .openapi('PublicRating');

export const PublicContentSchema = z
  .strictObject({
    tenant: z.strictObject({id: z.string(), name: z.string()}),
    timeZone: z.string(),
    threshold: z.number().int().min(3).openapi({description: 'Cells with fewer answers than this are suppressed'}),
    updated: dateTime().nullable(),
    ideas: z.array(PublicIdeaSchema),
    polls: z.array(PublicPollSchema),
    ratings: z.array(PublicRatingSchema),
  })
  .openapi('PublicContent');

import {z} from '@hono/zod-openapi';
import {dateTime} from '../http/contract.js';

export const SurgeSchema = z
  .strictObject({
    enabled: z.boolean(),
    minAnswers: z.number().int().min(2).max(10_000).openapi({description: 'At least this many answers to one rating in the window (4)'}),
    windowMinutes: z.number().int().min(1).max(1440).openapi({description: 'The window, in minutes (15)'}),
    lowShare: z.number().gt(0).max(1).openapi({description: 'The share of them in the bottom two scores (NPS: 0–6; thumbs: down) that makes a surge (0.5)'}),
    cooldownMinutes: z.number().int().min(1).max(10_080).openapi({description: 'No second alert for the same rating and scope within this time (120)'}),
  })
  .openapi('SurgeSettings');

const recipients = z.array(z.email().max(254)).max(20).openapi({description: 'Email addresses that get the alerts (and, for the library, the digest)'});

export const BranchAlertSchema = z.strictObject({branch: z.string(), surge: SurgeSchema, recipients}).openapi('BranchAlertSettings');

export const AlertSettingsSchema = z
  .strictObject({
    surge: SurgeSchema,
    digest: z.strictObject({
      enabled: z.boolean(),
      lastWeek: z.iso.date().nullable().openapi({description: 'The Monday of the last week whose digest was sent (read only)'}),
    }),
    recipients,
    branches: z.array(BranchAlertSchema).openapi({description: 'Branches with alerts of their own, on their answers only'}),
  })
  .openapi('AlertSettings');

export const AlertSettingsInputSchema = z
  .strictObject({
    surge: SurgeSchema,
    digest: z.strictObject({enabled: z.boolean()}),
    recipients,
    branches: z.array(BranchAlertSchema).max(200).default([]),
  })
  .openapi('AlertSettingsInput');

export const WebhookSchema = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    createdAt: dateTime(),
  })
  .openapi('Webhook');

export const NewWebhookSchema = z
  .strictObject({
    url: z.url({protocol: /^https?$/, error: 'An http:// or https:// address'}).max(2000),
    description: z.string().trim().max(200).default(''),
    enabled: z.boolean().default(true),
  })
  .openapi('NewWebhook');

export const WebhookPatchSchema = z
  .strictObject({
    url: z.url({protocol: /^https?$/, error: 'An http:// or https:// address'}).max(2000).optional(),
    description: z.string().trim().max(200).optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('WebhookPatch');

export const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({description: 'The Standard Webhooks signing secret (whsec_…), shown this once'}),
}).openapi('CreatedWebhook');

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;

export const DeliverySchema = z
  .strictObject({
    id: z.string(),
    messageId: z.string().openapi({description: 'The webhook-id header; the same in every attempt'}),
    eventType: z.string().openapi({description: 'rating.low-surge, digest.weekly, alerts.test'}),
    channel: z.enum(['email', 'webhook']),
    target: z.string().openapi({description: 'The email address, or the webhook endpoint id'}),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: dateTime().nullable(),
    deliveredAt: dateTime().nullable(),
    createdAt: dateTime(),
  })
  .openapi('AlertDelivery');

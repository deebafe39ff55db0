import {z} from '@hono/zod-openapi';

/** A cell with too few answers to show: its figures are left out (suppress.ts). Shared by the reports and the public rating summary. */
export const SuppressedSchema = z
  .strictObject({suppressed: z.literal(true)})
  .openapi('Suppressed', {description: "Too few answers to show (fewer than the library's threshold); distinct from a count of 0"});

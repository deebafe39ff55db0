/**
 * Contract types of the public HTTP API, generated from the server's OpenAPI document
 * (`scripts/api-types.mjs` writes `src/generated/api.ts` in the build): never written by hand here.
 */
import type {components, operations} from '../generated/api.js';

/** The document's schemas by name. */
export type Schemas = components['schemas'];
/** The document's operations by operationId. */
export type Operations = operations;

/** A multilingual content string: language code to text, e.g. `{fi: '…', sv: '…', en: '…'}`. */
export type Text = Schemas['Text'];

export type Channel = Schemas['Vote']['channel'];
/** The UI language an answer was given in, sent with every write for the reports. */
export type AnswerLang = NonNullable<Schemas['Vote']['lang']>;

/** RFC 9457 problem details, as every API error is answered. */
export type Problem = Schemas['Problem'];

import type {Schemas} from '../shared/types.js';

export type Rating = Schemas['Rating'];
export type Scale = Rating['scale'];
export type CommentMode = Rating['comment'];
/** The `responseId` is made by the browser, so that a comment can follow a response still waiting in the outbox. */
export type RatingResponse = Schemas['Response'];
export type ResponseReceipt = Schemas['ResponseReceipt'];

import type {Operations, Schemas} from '../shared/types.js';

export type IdeaBox = Schemas['IdeaBox'];
export type Idea = Schemas['Idea'];
export type IdeaStatus = Idea['status'];
export type IdeaSort = NonNullable<NonNullable<Operations['listIdeas']['parameters']['query']>['sort']>;
export type IdeaPage = Schemas['IdeaPage'];
/** The honeypot `website` stays empty: people leave it so. */
export type NewIdea = Schemas['NewIdea'];
export type IdeaReceipt = Schemas['IdeaReceipt'];
export type SupportState = Schemas['SupportState'];

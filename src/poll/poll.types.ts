import type {Schemas} from '../shared/types.js';

export type Poll = Schemas['Poll'];
export type PollOption = Poll['options'][number];
export type ResultsVisibility = Poll['resultsVisibility'];
export type PollStatus = Poll['status'];
/** Number of voters in `total`; with several choices each, the option counts add up to more. */
export type Results = Schemas['Results'];
export type Vote = Schemas['Vote'];
export type VoteReceipt = Schemas['VoteReceipt'];

/** What one patron chose (the browser's own record, not a contract shape). */
export type Ballot = Pick<Vote, 'optionIds' | 'otherText'>;

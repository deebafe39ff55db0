import type {Channel, Text} from '../shared/types.js';

export type ResultsVisibility = 'after-vote' | 'always' | 'after-close' | 'never';
export type PollStatus = 'open' | 'closed' | 'scheduled';

export interface PollOption {
  id: string;
  label: Text;
}

export interface Results {
  /** Number of voters. With several choices each, the option counts add up to more. */
  total: number;
  options: {id: string; count: number}[];
  otherCount: number;
}

export interface Poll {
  id: string;
  question: Text;
  options: PollOption[];
  maxChoices: number;
  allowOther: boolean;
  resultsVisibility: ResultsVisibility;
  status: PollStatus;
  opensAt?: string;
  closesAt?: string;
  /** Present when the results are public for everyone. */
  results?: Results;
}

/** What one patron chose. */
export interface Ballot {
  optionIds: string[];
  otherText?: string;
}

export interface Vote extends Ballot {
  voter: string;
  channel: Channel;
  location?: string;
}

export interface VoteReceipt extends Ballot {
  pollId: string;
  results?: Results;
}

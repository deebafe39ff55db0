import type {Channel, Text} from '../shared/types.js';

export type Scale = 'smileys-4' | 'smileys-5' | 'stars-5' | 'nps' | 'thumbs';
export type CommentMode = 'off' | 'always' | 'after-low';

export interface Rating {
  id: string;
  question: Text;
  scale: Scale;
  comment: CommentMode;
  /** A score at or below this is low (with comment mode `after-low`). */
  lowThreshold?: number;
  commentMaxLength: number;
  status: 'open' | 'closed' | 'scheduled';
  opensAt?: string;
  closesAt?: string;
}

export interface RatingResponse {
  /** Made by the browser, so that a comment can follow a response still waiting in the outbox. */
  responseId: string;
  score: number;
  voter: string;
  channel: Channel;
  location?: string;
}

export interface ResponseReceipt {
  ratingId: string;
  responseId: string;
  score: number;
  comment?: string;
}

import type {Channel, Text} from '../shared/types.js';

export type IdeaStatus = 'new' | 'under-consideration' | 'planned' | 'done' | 'declined';
export type IdeaSort = 'support' | 'newest';

export interface IdeaBox {
  id: string;
  topic: Text;
  description?: Text;
  categories: {id: string; label: Text}[];
  moderation: 'pre' | 'post';
  maxLength: number;
  allowContact: boolean;
  status: 'open' | 'closed' | 'scheduled';
  opensAt?: string;
  closesAt?: string;
  /** Signed by the server when the form was shown; a submission must wait a moment before using it. */
  formToken: string;
}

export interface Idea {
  id: string;
  text: string;
  category?: string;
  supports: number;
  status: IdeaStatus;
  answer?: Text;
  answeredAt?: string;
  createdAt: string;
  /** Whether this browser's voter supports it (when the voter was sent). */
  supported?: boolean;
}

export interface IdeaPage {
  ideas: Idea[];
  nextCursor: string | null;
  total: number;
}

export interface NewIdea {
  text: string;
  category?: string;
  contact?: string;
  voter: string;
  channel: Channel;
  location?: string;
  formToken: string;
  /** The honeypot: people leave it empty. */
  website: '';
}

export interface IdeaReceipt {
  idea: Idea;
  published: boolean;
}

export interface SupportState {
  ideaId: string;
  supports: number;
  supported: boolean;
}

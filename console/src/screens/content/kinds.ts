import {msg} from '@lit/localize';
import type {Schemas, Text} from '../../api.js';

/**
 * What differs between polls, rating prompts and idea boxes for the shared list, editor and embed
 * screens: the API paths, the widget's tag and attribute, the words, and the editable fields.
 */
export type KindId = 'poll' | 'rating' | 'idea-box';
export type AdminPoll = Schemas['AdminPoll'];
export type AdminRating = Schemas['AdminRating'];
export type AdminIdeaBox = Schemas['AdminIdeaBox'];
export type AdminContent = AdminPoll | AdminRating | AdminIdeaBox;

/** The editor's working copy: the stored fields that a form edits (no counts, no status). */
export interface PollDraft {
  kind: 'poll';
  question: Text;
  options: {id?: string; label: Text}[];
  maxChoices: number;
  allowOther: boolean;
  resultsVisibility: AdminPoll['resultsVisibility'];
}
export interface RatingDraft {
  kind: 'rating';
  question: Text;
  scale: AdminRating['scale'];
  comment: AdminRating['comment'];
  lowThreshold: number | null;
  commentMaxLength: number;
}
export interface IdeaBoxDraft {
  kind: 'idea-box';
  topic: Text;
  description: Text;
  categories: {id?: string; label: Text}[];
  moderation: AdminIdeaBox['moderation'];
  maxLength: number;
  allowContact: boolean;
}
export type FormDraft = PollDraft | RatingDraft | IdeaBoxDraft;
export interface Draft {
  id: string;
  opensAt: string | null;
  closesAt: string | null;
  publishResults: boolean;
  form: FormDraft;
}

export interface Kind {
  id: KindId;
  /** The console path and the admin API path under the library: `polls`. */
  path: 'polls' | 'ratings' | 'idea-boxes';
  /** The list answer's key. */
  listKey: 'polls' | 'ratings' | 'ideaBoxes';
  tag: 'kirjasto-poll' | 'kirjasto-rating' | 'kirjasto-idea-box';
  attribute: 'poll' | 'rating' | 'box';
  /** The standalone page's and the poster's kind under /w/. */
  page: 'poll' | 'rating' | 'ideas';
  /** The public API path that serves the QR code: `/api/v1/{qr}/{id}/qr.svg`. */
  qr: 'polls' | 'ratings' | 'idea-boxes';
  plural: () => string;
  /** The main text's field: the question, or the idea box's topic. */
  title: (content: AdminContent | FormDraft) => Text;
  empty: () => FormDraft;
  fromStored: (content: AdminContent) => FormDraft;
}

const SCALE_RANGES: Record<AdminRating['scale'], {min: number; max: number}> = {
  'smileys-4': {min: 1, max: 4},
  'smileys-5': {min: 1, max: 5},
  'stars-5': {min: 1, max: 5},
  nps: {min: 0, max: 10},
  thumbs: {min: 0, max: 1},
};
export const scaleRange = (scale: AdminRating['scale']) => SCALE_RANGES[scale];

export const KINDS: Record<KindId, Kind> = {
  poll: {
    id: 'poll',
    path: 'polls',
    listKey: 'polls',
    tag: 'kirjasto-poll',
    attribute: 'poll',
    page: 'poll',
    qr: 'polls',
    plural: () => msg('Polls'),
    title: (c) => (c as AdminPoll).question,
    empty: () => ({kind: 'poll', question: {}, options: [{label: {}}, {label: {}}], maxChoices: 1, allowOther: false, resultsVisibility: 'after-vote'}),
    fromStored: (c) => {
      const p = c as AdminPoll;
      return {kind: 'poll', question: p.question, options: p.options.map((o) => ({id: o.id, label: o.label})), maxChoices: p.maxChoices, allowOther: p.allowOther, resultsVisibility: p.resultsVisibility};
    },
  },
  rating: {
    id: 'rating',
    path: 'ratings',
    listKey: 'ratings',
    tag: 'kirjasto-rating',
    attribute: 'rating',
    page: 'rating',
    qr: 'ratings',
    plural: () => msg('Rating prompts'),
    title: (c) => (c as AdminRating).question,
    empty: () => ({kind: 'rating', question: {}, scale: 'smileys-5', comment: 'off', lowThreshold: null, commentMaxLength: 500}),
    fromStored: (c) => {
      const r = c as AdminRating;
      return {kind: 'rating', question: r.question, scale: r.scale, comment: r.comment, lowThreshold: r.lowThreshold, commentMaxLength: r.commentMaxLength};
    },
  },
  'idea-box': {
    id: 'idea-box',
    path: 'idea-boxes',
    listKey: 'ideaBoxes',
    tag: 'kirjasto-idea-box',
    attribute: 'box',
    page: 'ideas',
    qr: 'idea-boxes',
    plural: () => msg('Idea boxes'),
    title: (c) => (c as AdminIdeaBox).topic,
    empty: () => ({kind: 'idea-box', topic: {}, description: {}, categories: [], moderation: 'pre', maxLength: 1000, allowContact: false}),
    fromStored: (c) => {
      const b = c as AdminIdeaBox;
      return {kind: 'idea-box', topic: b.topic, description: b.description ?? {}, categories: b.categories.map((x) => ({id: x.id, label: x.label})), moderation: b.moderation, maxLength: b.maxLength, allowContact: b.allowContact};
    },
  },
};

/** The request body of a create (`withId`) or a whole-form save: the form's fields and the schedule. */
export function requestBody(draft: Draft, create: boolean): Record<string, unknown> {
  const {kind, ...fields} = draft.form;
  const body: Record<string, unknown> = {...fields, publishResults: draft.publishResults, closesAt: draft.closesAt};
  if (draft.opensAt) body.opensAt = draft.opensAt;
  if (kind === 'idea-box') body.description = Object.keys(draft.form.description).length ? draft.form.description : null;
  if (kind === 'rating' && draft.form.comment !== 'after-low') body.lowThreshold = null;
  if (create && draft.id.trim()) body.id = draft.id.trim();
  if (create && body.closesAt === null) delete body.closesAt;
  return body;
}

/** A text in the console's language, else the first language it has. */
export function pickText(text: Text | null | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.fi ?? text.sv ?? text.en ?? Object.values(text)[0] ?? '';
}

export const statusLabel = (status: string) =>
  ({open: msg('Open'), scheduled: msg('Scheduled'), closed: msg('Closed')})[status] ?? status;

/** The library's time zone, from GET /tenants (read once per library). */
const zones = new Map<string, Promise<string>>();
export function libraryTimeZone(tenant: string, load: () => Promise<{tenants: {id: string; timeZone: string}[]}>): Promise<string> {
  let zone = zones.get(tenant);
  if (!zone) {
    zone = load().then((r) => r.tenants.find((t) => t.id === tenant)?.timeZone ?? 'Europe/Helsinki');
    zone.catch(() => zones.delete(tenant));
    zones.set(tenant, zone);
  }
  return zone;
}

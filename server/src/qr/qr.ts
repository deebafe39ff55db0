import QRCode from 'qrcode';
import type {Queryable} from '../db/db.js';
import {escapeHtml} from '../pages/html.js';
import type {Text} from '../http/contract.js';
import {findPoll} from '../polls/store.js';
import {findRating} from '../ratings/store.js';

/** What a QR code can point at: the standalone page of a poll, a rating or an idea box. */
export const QR_KINDS = ['poll', 'rating', 'ideas'] as const;
export type QrKind = (typeof QR_KINDS)[number];

export interface QrTarget {
  kind: QrKind;
  id: string;
  tenantId: string;
  /** The question (poll, rating) or topic (idea box). */
  title: Text;
}

export async function findQrTarget(q: Queryable, kind: QrKind, id: string): Promise<QrTarget | undefined> {
  if (kind === 'poll') {
    const poll = await findPoll(q, id);
    return poll && {kind, id, tenantId: poll.tenantId, title: poll.question};
  }
  if (kind === 'rating') {
    const rating = await findRating(q, id);
    return rating && {kind, id, tenantId: rating.tenantId, title: rating.question};
  }
  return findIdeaBox(q, id);
}

/** Idea boxes live in their own module and migration; read them by row so this works whatever else they hold. */
async function findIdeaBox(q: Queryable, id: string): Promise<QrTarget | undefined> {
  const [table] = await q.query<{name: string | null}>("select to_regclass('idea_boxes')::text as name");
  if (!table?.name) return undefined;
  const [row] = await q.query<{box: Record<string, unknown>}>('select to_jsonb(b) as box from idea_boxes b where b.id = $1', [id]);
  if (!row) return undefined;
  const box = row.box;
  const title = [box.topic, box.title, box.name, box.question].find((t) => t && typeof t === 'object') as Text | undefined;
  return {kind: 'ideas', id, tenantId: String(box.tenant_id), title: title ?? {en: id}};
}

/** The standalone page a QR code opens: `channel=qr`, and the branch the poster hangs in. */
export function qrTargetUrl(publicUrl: string, target: Pick<QrTarget, 'kind' | 'id'>, location?: string): string {
  const query = new URLSearchParams({channel: 'qr'});
  if (location) query.set('location', location);
  return `${publicUrl}/w/${target.kind}/${encodeURIComponent(target.id)}?${query}`;
}

/** An SVG QR code (error correction M, 4-module quiet zone) with the encoded URL as its title. */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, {type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: {dark: '#000000', light: '#ffffff'}});
  return svg.trim().replace(/^<svg([^>]*)>/, `<svg$1 role="img"><title>${escapeHtml(url)}</title>`);
}

export async function branchName(q: Queryable, tenantId: string, branchId: string): Promise<Text | undefined> {
  const [row] = await q.query<{name: Text}>('select name from branches where id = $1 and tenant_id = $2', [branchId, tenantId]);
  return row?.name;
}

import {Hono} from 'hono';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import type {AppEnv} from '../http/context.js';
import type {Channel} from '../http/contract.js';
import {pageLanguage} from '../pages/widget-page.js';
import {pageLang} from '../pages/lang.js';
import {notFoundPage, pageStyle} from '../pages/layout.js';
import {inEveryPageLang} from '../pages/lang.js';
import type {Secrets} from '../secrets.js';
import {QR_KINDS, type QrKind} from './qr.js';

/** Letters and digits a patron cannot mistake for one another when typing from a poster (no 0/o, 1/l/i). */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{6,12}$`);

export interface ShortTarget {
  tenantId: string;
  kind: QrKind;
  id: string;
  channel: Channel;
  branchId?: string;
}

const encode = (bytes: Buffer, length: number) => [...bytes.subarray(0, length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

const findCode = async (q: Queryable, t: ShortTarget) =>
  (
    await q.query<{code: string}>("select code from short_links where kind = $1 and target_id = $2 and channel = $3 and coalesce(branch_id, '') = $4", [
      t.kind,
      t.id,
      t.channel,
      t.branchId ?? '',
    ])
  )[0]?.code;

/**
 * The short code of a page with its channel and branch, made once and kept: the same poster printed
 * again shows the same address. Derived from a keyed hash, lengthened on the rare clash with another target.
 */
export async function shortCode(q: Queryable, secrets: Secrets, t: ShortTarget): Promise<string> {
  const known = await findCode(q, t);
  if (known) return known;
  const hash = await secrets.mac(`short-link:${t.kind}:${t.id}:${t.channel}:${t.branchId ?? ''}`);
  for (const length of [6, 8, 10, 12]) {
    await q.query(
      'insert into short_links (code, tenant_id, kind, target_id, channel, branch_id) values ($1, $2, $3, $4, $5, $6) on conflict do nothing',
      [encode(hash, length), t.tenantId, t.kind, t.id, t.channel, t.branchId ?? null],
    );
    const code = await findCode(q, t);
    if (code) return code;
  }
  throw new Error(`kirjasto: no free short code for ${t.kind} ${t.id}`);
}

/** The standalone page a short code stands for, with its channel and branch. */
export function shortTargetPath(t: Pick<ShortTarget, 'kind' | 'id' | 'channel' | 'branchId'>): string {
  const query = new URLSearchParams({channel: t.channel});
  if (t.branchId) query.set('location', t.branchId);
  return `/w/${t.kind}/${encodeURIComponent(t.id)}?${query}`;
}

const NOT_FOUND = inEveryPageLang({
  fi: 'Osoitetta ei löytynyt. Tarkista, että kirjoitit sen kuten julisteessa.',
  sv: 'Adressen hittades inte. Kontrollera att du skrev den som på affischen.',
  en: 'Address not found. Please check that you typed it as on the poster.',
});

/** /q/<code>: the typed address on a poster, redirecting to its page (any case, surrounding spaces ignored). */
export function shortLinks(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', pageLanguage());
  app.get('/:code', async (c) => {
    const code = decodeURIComponent(c.req.param('code')).trim().toLowerCase();
    const [row] = CODE_PATTERN.test(code)
      ? await deps.db.query<{kind: string; target_id: string; channel: Channel; branch_id: string | null}>(
          'select kind, target_id, channel, branch_id from short_links where code = $1',
          [code],
        )
      : [];
    if (!row || !(QR_KINDS as readonly string[]).includes(row.kind)) {
      const lang = pageLang(c);
      return notFoundPage(c, lang, NOT_FOUND[lang], pageStyle({controls: ''}));
    }
    const path = shortTargetPath({kind: row.kind as QrKind, id: row.target_id, channel: row.channel, branchId: row.branch_id ?? undefined});
    return c.redirect(path, 302);
  });
  return app;
}

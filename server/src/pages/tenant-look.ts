import type {Queryable} from '../db/db.js';

/** What a library's standalone pages and posters show of it: its name, accent colour, logo, language order. */
export interface TenantLook {
  name: string;
  /** A CSS hex colour (#rgb or #rrggbb), or undefined for the default blue. */
  accent?: string;
  /** An https: (or same-server /…) address of the logo image. */
  logoUrl?: string;
  /** The order in which content falls back when it lacks the reader's language. */
  contentLanguages: readonly string[];
}

/** A library that chose no languages (migration 007's empty `languages`) speaks these, in this order. */
export const DEFAULT_CONTENT_LANGUAGES = ['fi', 'sv', 'en'] as const;
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Only a safe colour and a safe image address reach the page: both are written into HTML and CSS. */
interface LookRow {
  name: string;
  brand_color: string | null;
  logo_url: string | null;
  /** The library's languages (migration 007), in its order; empty for the default. */
  languages: string[] | null;
}

export function lookOf(row: LookRow): TenantLook {
  const logo = row.logo_url?.trim();
  return {
    name: row.name,
    accent: row.brand_color && HEX_COLOUR.test(row.brand_color) ? row.brand_color : undefined,
    logoUrl: logo && (/^https:\/\/[^\s"'<>]+$/.test(logo) || /^\/[^/\s"'<>][^\s"'<>]*$/.test(logo)) ? logo : undefined,
    contentLanguages: row.languages?.length ? row.languages : DEFAULT_CONTENT_LANGUAGES,
  };
}

export async function tenantLook(q: Queryable, tenantId: string): Promise<TenantLook> {
  const [row] = await q.query<LookRow>(
    'select name, brand_color, logo_url, languages from tenants where id = $1',
    [tenantId],
  );
  return row ? lookOf(row) : {name: '', contentLanguages: DEFAULT_CONTENT_LANGUAGES};
}

/**
 * Black or white, whichever reads better on the accent (WCAG relative luminance), so that a library's
 * colour never makes its buttons unreadable.
 */
export function textOn(hex: string): '#000' | '#fff' {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000' : '#fff';
}

import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import {apiQuery, type ReportFilters} from './filters.js';
import type {ReportKind} from './types.js';

type Export = 'votes' | 'ratings' | 'ideas';
const OF_KIND: Record<ReportKind, {file: Export; param: string}> = {poll: {file: 'votes', param: 'poll'}, rating: {file: 'ratings', param: 'rating'}, 'idea-box': {file: 'ideas', param: 'box'}};

/** The address of an export with the report's filters: `…/exports/ratings.csv?rating=…&from=…&separator=semicolon`. */
export function exportHref(tenant: string, file: Export, filters: ReportFilters, extra: Record<string, string>): string {
  const query = new URLSearchParams({...extra, ...apiQuery(filters)});
  query.delete('bucket');
  return `/api/v1/admin/tenants/${encodeURIComponent(tenant)}/exports/${file}.csv?${query}`;
}

const fileName = (file: Export) => ({votes: msg('Poll votes'), ratings: msg('Rating answers'), ideas: msg('Ideas')})[file];

/**
 * Downloads of the answers behind the report, with the same filters: comma-separated (RFC 4180) and
 * semicolon-separated (what Finnish and Swedish spreadsheet defaults open). Contact details of ideas
 * only on a moderator's explicit choice, which the server audits.
 */
export function exportsPanel(opts: {
  tenant: string;
  kind: ReportKind | 'summary';
  id?: string;
  filters: ReportFilters;
  mayModerate: boolean;
  contacts: boolean;
  onContacts: (value: boolean) => void;
}) {
  const files: {file: Export; extra: Record<string, string>}[] =
    opts.kind === 'summary'
      ? (['votes', 'ratings', 'ideas'] as const).map((file) => ({file, extra: {}}))
      : [{file: OF_KIND[opts.kind].file, extra: {[OF_KIND[opts.kind].param]: opts.id!}}];
  const withIdeas = files.some((f) => f.file === 'ideas');
  return html`<section class="report-exports panel" aria-labelledby="report-exports">
    <h2 id="report-exports">${msg('Download the answers')}</h2>
    <p class="hint">${msg('CSV files with the filters above (without the grouping). Comments and other free text are in them for moderators only; a network address or a voter token never is.')}</p>
    ${withIdeas && opts.mayModerate
      ? html`<label class="check"
          ><input type="checkbox" .checked=${opts.contacts} @change=${(e: Event) => opts.onContacts((e.target as HTMLInputElement).checked)} />
          ${msg('Include contact details of ideas (the download is written to the audit log)')}</label
        >`
      : nothing}
    <ul class="export-links">
      ${files.map(({file, extra}) => {
        const base = file === 'ideas' && opts.contacts && opts.mayModerate ? {...extra, contacts: 'true'} : extra;
        return html`<li>
          <span class="export-name">${fileName(file)}</span>
          <a class="button secondary" download href=${exportHref(opts.tenant, file, opts.filters, base)}>${msg('CSV, comma-separated')}<span class="visually-hidden">: ${fileName(file)}</span></a>
          <a class="button secondary" download href=${exportHref(opts.tenant, file, opts.filters, {...base, separator: 'semicolon'})}
            >${msg('CSV, semicolon-separated (Excel in Finnish or Swedish)')}<span class="visually-hidden">: ${fileName(file)}</span></a
          >
        </li>`;
      })}
    </ul>
  </section>`;
}

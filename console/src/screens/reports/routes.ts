import {msg} from '@lit/localize';
import {html} from 'lit';
import type {Route} from '../../router.js';
import type {ReportKind} from './types.js';

const PATHS: Record<ReportKind, string> = {poll: 'polls', rating: 'ratings', 'idea-box': 'idea-boxes'};

/** The console address of a poll's, rating prompt's or idea box's report. */
export const reportPath = (tenant: string, kind: ReportKind, id: string) =>
  `/admin/t/${encodeURIComponent(tenant)}/${PATHS[kind]}/${encodeURIComponent(id)}/report`;

const itemRoute = (kind: ReportKind): Route => ({
  path: `/t/:tenant/${PATHS[kind]}/:id/report`,
  load: () => import('./report-screen.js'),
  render: ({id}, tenant) => html`<console-report .kind=${kind} .itemId=${id} .tenant=${tenant!} .query=${location.search}></console-report>`,
});

/** The reports: the library's summary (in the menu) and one per poll, rating prompt and idea box (linked from each). */
export const reportRoutes: Route[] = [
  {
    path: '/t/:tenant/reports',
    load: () => import('./report-screen.js'),
    render: (_, tenant) => html`<console-report .kind=${'summary'} .tenant=${tenant!} .query=${location.search}></console-report>`,
    nav: {label: () => msg('Reports'), order: 30},
  },
  itemRoute('poll'),
  itemRoute('rating'),
  itemRoute('idea-box'),
];

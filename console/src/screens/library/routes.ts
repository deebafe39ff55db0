import {msg} from '@lit/localize';
import {html} from 'lit';
import type {Route} from '../../router.js';

/**
 * The library screens: the start page, moderation, branches, settings and origins, users and
 * invitations, API tokens, the audit log, and the regional admin's list of libraries.
 */
export const libraryRoutes: Route[] = [
  {
    path: '/t/:tenant',
    load: () => import('./start.js'),
    render: (_, tenant) => html`<console-start .tenant=${tenant!}></console-start>`,
    nav: {label: () => msg('Start'), order: 0},
  },
  {
    path: '/t/:tenant/ideas',
    load: () => import('./moderation.js'),
    render: (_, tenant) => html`<console-moderation .tenant=${tenant!} .query=${location.search}></console-moderation>`,
    nav: {label: () => msg('Moderation'), order: 40},
  },
  {
    path: '/t/:tenant/branches',
    load: () => import('./branches.js'),
    render: (_, tenant) => html`<console-branches .tenant=${tenant!}></console-branches>`,
    nav: {label: () => msg('Branches'), order: 50},
  },
  {
    path: '/t/:tenant/settings',
    capability: 'manage',
    load: () => import('./settings.js'),
    render: (_, tenant) => html`<console-settings .tenant=${tenant!}></console-settings>`,
    nav: {label: () => msg('Settings'), order: 60},
  },
  {
    path: '/t/:tenant/users',
    capability: 'manage',
    load: () => import('./users.js'),
    render: (_, tenant) => html`<console-users .tenant=${tenant!}></console-users>`,
    nav: {label: () => msg('Users'), order: 70},
  },
  {
    path: '/t/:tenant/tokens',
    capability: 'manage',
    load: () => import('./tokens.js'),
    render: (_, tenant) => html`<console-tokens .tenant=${tenant!}></console-tokens>`,
    nav: {label: () => msg('API tokens'), order: 80},
  },
  {
    path: '/t/:tenant/kiosks',
    capability: 'manage',
    load: () => import('./kiosks.js'),
    render: (_, tenant) => html`<console-kiosks .tenant=${tenant!}></console-kiosks>`,
    nav: {label: () => msg('Kiosks'), order: 85},
  },
  {
    path: '/t/:tenant/audit-log',
    capability: 'audit',
    load: () => import('./audit-log.js'),
    render: (_, tenant) => html`<console-audit-log .tenant=${tenant!}></console-audit-log>`,
    nav: {label: () => msg('Audit log'), order: 90},
  },
  {
    path: '/t/:tenant/documents',
    capability: 'manage',
    load: () => import('./documents.js'),
    render: (_, tenant) => html`<console-documents .tenant=${tenant!}></console-documents>`,
    nav: {label: () => msg('Documents'), order: 65},
  },
  {
    path: '/t/:tenant/alerts',
    capability: 'moderate',
    load: () => import('./alerts.js'),
    render: (_, tenant) => html`<console-alerts .tenant=${tenant!}></console-alerts>`,
    nav: {label: () => msg('Alerts'), order: 85},
  },
  {
    path: '/t/:tenant/data-requests',
    capability: 'moderate',
    load: () => import('./data-requests.js'),
    render: (_, tenant) => html`<console-data-requests .tenant=${tenant!}></console-data-requests>`,
    nav: {label: () => msg('Requests to erase'), order: 45},
  },
  {
    path: '/libraries',
    load: () => import('./libraries-admin.js'),
    render: () => html`<console-all-libraries></console-all-libraries>`,
  },
];

import {html} from 'lit';
import {msg} from '@lit/localize';
import type {Route} from './router.js';
import {contentRoutes} from './screens/content/routes.js';
import {libraryRoutes} from './screens/library/routes.js';
import {reportRoutes} from './screens/reports/routes.js';

/**
 * Every screen of the console. The content screens (polls, ratings, idea boxes, their previews and
 * embeds) and the library screens (start page, moderation, branches, settings, users, tokens, audit
 * log, the regional admin's libraries) each keep their own list.
 */
const coreRoutes: Route[] = [
  {
    path: '/sign-in',
    public: true,
    load: () => import('./screens/sign-in.js'),
    render: () => html`<console-sign-in></console-sign-in>`,
  },
  {
    path: '/invitation/:token',
    public: true,
    load: () => import('./screens/invitation.js'),
    render: ({token}) => html`<console-invitation .token=${token}></console-invitation>`,
  },
  {
    path: '/',
    load: () => import('./screens/libraries.js'),
    render: () => html`<console-libraries></console-libraries>`,
  },
];

export const routes: Route[] = [...coreRoutes, ...contentRoutes, ...libraryRoutes, ...reportRoutes];

/** The library menu's links, in order. */
export const navRoutes = () =>
  routes.filter((r) => r.nav).sort((a, b) => a.nav!.order - b.nav!.order);

export const notFoundTitle = () => msg('Page not found');

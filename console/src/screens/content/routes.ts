import {msg} from '@lit/localize';
import {html} from 'lit';
import type {Route} from '../../router.js';
import {KINDS, type KindId} from './kinds.js';

const routesOf = (kind: KindId, order: number, label: () => string): Route[] => {
  const path = `/t/:tenant/${KINDS[kind].path}`;
  return [
    {
      path,
      nav: {label, order},
      load: () => import('./list.js'),
      render: (_, tenant) => html`<console-content-list .kind=${kind} .tenant=${tenant!}></console-content-list>`,
    },
    {
      path: `${path}/new`,
      capability: 'edit',
      load: () => import('./editor.js'),
      render: (_, tenant) =>
        html`<console-content-editor .kind=${kind} .tenant=${tenant!} .from=${new URLSearchParams(location.search).get('from') ?? ''}></console-content-editor>`,
    },
    {
      path: `${path}/:id/embed`,
      load: () => import('./embed.js'),
      render: ({id}, tenant) => html`<console-content-embed .kind=${kind} .itemId=${id} .tenant=${tenant!}></console-content-embed>`,
    },
    {
      path: `${path}/:id`,
      capability: 'edit',
      load: () => import('./editor.js'),
      render: ({id}, tenant) => html`<console-content-editor .kind=${kind} .itemId=${id} .tenant=${tenant!}></console-content-editor>`,
    },
  ];
};

/** The content screens: polls, rating prompts and idea boxes, with their editors, previews and embeds. */
export const contentRoutes: Route[] = [
  ...routesOf('poll', 20, () => msg('Polls')),
  ...routesOf('rating', 21, () => msg('Rating prompts')),
  ...routesOf('idea-box', 22, () => msg('Idea boxes')),
];

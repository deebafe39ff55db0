import type {Decorator, Preview} from '@storybook/web-components-vite';
import {html} from 'lit';
import {clearRememberedState} from '../stories/fake-api.js';

/** Every story starts fresh: no remembered votes, no voter token, no queued writes. */
const fresh: Decorator = (story) => {
  clearRememberedState();
  return story();
};

/** The UI language follows `<html lang>`, as on a library's page. */
const locale: Decorator = (story, {globals}) => {
  document.documentElement.lang = (globals.locale as string | undefined) ?? 'en';
  return story();
};

/** A light or dark page behind the story; stories pass the global on to the element's `theme`. */
const page: Decorator = (story, {globals, parameters}) => {
  const dark = (parameters.pageTheme ?? globals.theme) === 'dark';
  document.body.style.background = dark ? '#101418' : '#f6f7f9';
  document.body.style.color = dark ? '#eef1f4' : '#1b1f24';
  return html`<div style="padding: 1rem; font-family: system-ui, sans-serif">${story()}</div>`;
};

const preview: Preview = {
  decorators: [fresh, page, locale],
  globalTypes: {
    locale: {
      description: 'UI language (<html lang>)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          {value: 'en', title: 'English'},
          {value: 'fi', title: 'suomi'},
          {value: 'sv', title: 'svenska'},
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Page background and element theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          {value: 'light', title: 'Light'},
          {value: 'dark', title: 'Dark'},
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {locale: 'en', theme: 'light'},
  parameters: {
    layout: 'fullscreen',
    controls: {expanded: true},
    a11y: {test: 'error'},
  },
};

export default preview;

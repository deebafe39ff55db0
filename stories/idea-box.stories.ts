import type {Args, Decorator, Meta, StoryContext, StoryObj} from '@storybook/web-components-vite';
import {expect, userEvent, waitFor} from 'storybook/test';
import '../src/idea-box/define.js';
import {shadowOnceShown} from './play.js';
import {renderElement} from './render.js';
import type {Idea, IdeaBox} from '../src/idea-box/idea-box.types.js';
import {manyIdeas, renovationBox, renovationIdeas, withApi, type IdeaBoxScenario} from './fake-api.js';

/** The element from the story's args (attribute names, as in custom-elements.json). */
const renderIdeaBox = (args: Args, context: StoryContext) => renderElement('kirjasto-idea-box', args, context);

const withBox = (extra: Partial<IdeaBoxScenario> = {}, box: IdeaBox = renovationBox) => withApi({[box.id]: {box, ideas: renovationIdeas, ...extra}});

const meta = {
  title: 'Elements/kirjasto-idea-box',
  component: 'kirjasto-idea-box',
  tags: ['autodocs'],
  render: renderIdeaBox,
  args: {box: renovationBox.id, channel: 'web', location: 'central', 'heading-level': 2},
  // The one control the manifest cannot express: a heading level is 1 to 6.
  argTypes: {'heading-level': {control: {type: 'number', min: 1, max: 6}}},
  loaders: [withBox()],
  parameters: {
    docs: {
      description: {
        component:
          'Patrons propose, read and support ideas, and see the library\'s status and answer for each. Stories answer the HTTP API with canned data (`stories/fake-api.ts`); each starts with nothing remembered in localStorage.',
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

// --- Helpers -----------------------------------------------------------------------------------

/** The idea box's shadow root once the box and its first ideas are shown. */
const ready = (canvasElement: HTMLElement, selector = '[part="form"] textarea') =>
  shadowOnceShown(canvasElement, 'kirjasto-idea-box', selector);

const statusText = (root: ShadowRoot) => root.querySelector('[part="status"]')?.textContent ?? '';

/** Types an idea and presses Send; the element holds it about 3 s after the form appeared (a bot speed bump). */
async function proposeIdea(canvasElement: HTMLElement, expected: RegExp) {
  const root = await ready(canvasElement);
  await userEvent.type(root.querySelector('textarea')!, 'Lainattavia suksia ja lumikenkiä talveksi, kuten Rovaniemellä.');
  await userEvent.selectOptions(root.querySelector('select')!, 'collections');
  await userEvent.click(root.querySelector<HTMLButtonElement>('[part="form"] button[type="submit"]')!);
  await waitFor(() => expect(statusText(root)).toMatch(expected), {timeout: 8000});
}

const withLang =
  (lang: string): Decorator =>
  (story) => {
    document.documentElement.lang = lang;
    return story();
  };

// --- Stories -------------------------------------------------------------------------------------

/** An open, moderated box: the form, then ideas in every status, with the library's answers. */
export const List: Story = {name: 'List with statuses and answers'};

/** This browser already supports one idea: its button is pressed. */
export const Supported: Story = {
  loaders: [withBox({ideas: renovationIdeas.map((idea): Idea => (idea.id === 'idea-sunday' ? {...idea, supported: true} : idea))})],
};

/** No ideas yet. */
export const Empty: Story = {loaders: [withBox({ideas: []})]};

/** The box is on its way (the fake never answers). */
export const Loading: Story = {loaders: [withBox({box: 'pending', ideas: 'pending'})]};

/** The box id is unknown to the server. */
export const ErrorNotFound: Story = {name: 'Error (not found)', args: {box: 'no-such-box'}};

/** Pre-moderation: the idea is thanked for, and waits for a librarian before it is listed. */
export const PreModeration: Story = {
  name: 'Pre-moderation confirmation',
  play: async ({canvasElement}) => proposeIdea(canvasElement, /moderation/),
};

/** Post-moderation: the idea is published at once, at the top of the list. */
export const Published: Story = {
  name: 'Published confirmation',
  loaders: [withBox({}, {...renovationBox, moderation: 'post'})],
  play: async ({canvasElement}) => proposeIdea(canvasElement, /on the list/),
};

/** The connection drops as the idea is sent: it waits in the outbox. */
export const OfflineQueued: Story = {
  name: 'Offline, idea queued',
  loaders: [withBox({submit: 'unreachable'})],
  play: async ({canvasElement}) => proposeIdea(canvasElement, /saved/i),
};

/** The box no longer takes ideas; the ideas and answers stay readable. */
export const Closed: Story = {
  name: 'Closed box',
  loaders: [withBox({}, {...renovationBox, status: 'closed', closesAt: '2026-10-31T21:00:00Z'})],
};

/** More than one page: "Show more" loads the next ten and moves focus to the first new idea. */
export const ShowMore: Story = {
  name: 'Show more',
  loaders: [withBox({ideas: manyIdeas})],
  play: async ({canvasElement}) => {
    const root = await ready(canvasElement, 'button.more');
    await userEvent.click(root.querySelector<HTMLButtonElement>('button.more')!);
    await waitFor(() => expect(root.querySelectorAll('[part~="idea"]').length).toBe(manyIdeas.length));
  },
};

const longWord = 'kirjastonkäyttäjätoimikunnanpuheenjohtajaehdokas'.repeat(7).slice(0, 300);

/** Ideas meant to break things: all shown as inert text, the layout intact. */
export const HostileText: Story = {
  name: 'Hostile text',
  loaders: [
    withBox({
      ideas: [
        `<img src=x onerror="alert('xss')"><b>Bold?</b> <script>alert(1)</script>`,
        'Klikkaa tästä: javascript:alert(document.cookie) tai [linkki](javascript:alert(1))',
        longWord,
        'Parempi valaistus \u202Ekirjaston sisäänkäynnille, kiitos',
        'Perheille lisää tilaa 👨‍👩‍👧‍👦 ja 🧑🏽‍🦯 esteetön reitti, 🏳️‍🌈 satutunti kesäkuussa 👩🏻‍💻',
        '{{constructor.constructor("alert(1)")()}} ${alert(1)} %s%s%n',
      ].map((text, index) => ({id: `hostile-${index}`, text, supports: 6 - index, status: 'new', createdAt: '2026-11-20T10:00:00Z'})),
    }),
  ],
  play: async ({canvasElement}) => {
    const root = await ready(canvasElement, '[part~="idea"]');
    await expect(root.querySelector('img, script, a[href^="javascript"], b')).toBeNull();
  },
};

/** `theme="dark"` on a dark page. */
export const Dark: Story = {
  name: 'Dark theme',
  args: {theme: 'dark'},
  parameters: {pageTheme: 'dark'},
};

/** `<html lang="fi">`: UI strings from the Finnish XLIFF, topic and answers in Finnish. */
export const Finnish: Story = {
  name: 'Language: Finnish',
  tags: ['!autodocs'],
  decorators: [withLang('fi')],
};

/** `<html lang="sv">`: the library's texts in Swedish; patrons' ideas stay in the language they were written in. */
export const Swedish: Story = {
  name: 'Language: Swedish',
  tags: ['!autodocs'],
  decorators: [withLang('sv')],
};

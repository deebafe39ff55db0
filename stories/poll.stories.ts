import type {Args, Decorator, Meta, StoryContext, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {expect, userEvent, waitFor} from 'storybook/test';
import '../src/poll/define.js';
import {shadowOnceShown} from './play.js';
import {renderElement} from './render.js';
import {multiPoll, multiResults, problem, singlePoll, singleResults, withApi, type Scenario} from './fake-api.js';

/** The element from the story's args (attribute names, as in custom-elements.json). */
const renderPoll = (args: Args, context: StoryContext) => renderElement('kirjasto-poll', args, context);

const meta = {
  title: 'Elements/kirjasto-poll',
  component: 'kirjasto-poll',
  tags: ['autodocs'],
  render: renderPoll,
  args: {poll: singlePoll.id, channel: 'web'},
  loaders: [withApi({[singlePoll.id]: {poll: singlePoll, results: singleResults}})],
  parameters: {
    docs: {
      description: {
        component:
          'A single or multiple choice poll. Stories answer the HTTP API with canned data (`stories/fake-api.ts`); each starts with nothing remembered in localStorage.',
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

// --- Helpers for play functions ----------------------------------------------------------------

/** The poll's shadow root once its vote form is interactive. */
const readyForm = (canvasElement: HTMLElement) => shadowOnceShown(canvasElement, 'kirjasto-poll', 'form input:not([disabled])');

/** Ticks the options at these indexes (in the form's order) and presses Vote. */
async function vote(canvasElement: HTMLElement, indexes: number[], otherText?: string): Promise<ShadowRoot> {
  const root = await readyForm(canvasElement);
  const inputs = [...root.querySelectorAll<HTMLInputElement>('form input[name="choice"]')];
  for (const index of indexes) await userEvent.click(inputs[index]!);
  if (otherText !== undefined) {
    await userEvent.click(inputs[inputs.length - 1]!);
    await waitFor(() => expect(root.querySelector('.other input')).toBeTruthy());
    await userEvent.type(root.querySelector<HTMLInputElement>('.other input')!, otherText);
  }
  await userEvent.click(root.querySelector<HTMLButtonElement>('button[type="submit"]')!);
  return root;
}

const statusText = (root: ShadowRoot) => root.querySelector('[part="status"]')?.textContent ?? '';

const withLang =
  (lang: string): Decorator =>
  (story) => {
    document.documentElement.lang = lang;
    return story();
  };

const single = (extra: Partial<Scenario[string]> = {}, poll = singlePoll) => withApi({[poll.id]: {poll, results: singleResults, ...extra}});

// --- Stories -------------------------------------------------------------------------------------

/** An open poll, one choice. */
export const Open: Story = {};

/** Up to three choices plus the patron's own answer; the fourth box is disabled once three are ticked. */
export const MultipleChoiceWithOther: Story = {
  name: 'Multiple choice with "other"',
  args: {poll: multiPoll.id},
  loaders: [withApi({[multiPoll.id]: {poll: multiPoll, results: multiResults}})],
  play: async ({canvasElement}) => {
    const root = await readyForm(canvasElement);
    const inputs = [...root.querySelectorAll<HTMLInputElement>('form input[name="choice"]')];
    await userEvent.click(inputs[0]!);
    await userEvent.click(inputs[3]!);
    await userEvent.click(inputs[inputs.length - 1]!);
    await waitFor(() => expect(root.querySelector('.other input')).toBeTruthy());
    await userEvent.type(root.querySelector<HTMLInputElement>('.other input')!, 'Sewing machines');
    await expect(inputs[1]!.disabled).toBe(true);
  },
};

/** The vote was sent and the server has not answered yet: the button says so and keeps focus (aria-disabled, not disabled). */
export const Submitting: Story = {
  loaders: [single({vote: 'pending'})],
  play: async ({canvasElement}) => {
    const root = await vote(canvasElement, [1]);
    await waitFor(() => expect(root.querySelector('button[type="submit"]')?.getAttribute('aria-disabled')).toBe('true'));
  },
};

/** After voting: results with the patron's choice marked, and a thank-you in the live region. */
export const VotedWithResults: Story = {
  name: 'Voted, with results',
  play: async ({canvasElement}) => {
    const root = await vote(canvasElement, [1]);
    await waitFor(() => expect(root.querySelector('[part="results"]')).toBeTruthy());
    await expect(statusText(root)).toContain('Thank you');
  },
};

/** A closed poll whose results are public. */
export const ClosedWithResults: Story = {
  name: 'Closed, with results',
  loaders: [
    single({}, {...singlePoll, status: 'closed', resultsVisibility: 'after-close', closesAt: '2024-05-31T20:00:00Z', results: singleResults}),
  ],
};

/** Not open yet: says when it opens. */
export const Scheduled: Story = {
  name: 'Scheduled (not yet open)',
  loaders: [single({}, {...singlePoll, status: 'scheduled', opensAt: '2031-03-01T07:00:00Z'})],
};

/** The library keeps the results to itself: voting shows a thank-you and no bars. */
export const ResultsNeverPublished: Story = {
  name: 'Results never published',
  loaders: [single({results: problem('results-hidden', 403, 'Results are not shown')}, {...singlePoll, resultsVisibility: 'never'})],
  play: async ({canvasElement}) => {
    const root = await vote(canvasElement, [0]);
    await waitFor(() => expect(statusText(root)).toContain('Thank you'));
  },
};

/** The poll is on its way (the fake never answers). */
export const Loading: Story = {
  loaders: [withApi({[singlePoll.id]: {poll: 'pending'}})],
};

/** The poll id is unknown to the server. */
export const ErrorNotFound: Story = {
  name: 'Error (not found)',
  args: {poll: 'no-such-poll'},
};

/** The server cannot be reached (three attempts fail); "Try again" then succeeds. */
export const ErrorUnreachable: Story = {
  name: 'Error (unreachable, with retry)',
  loaders: [single({failFirst: 3})],
  play: async ({canvasElement}) => {
    const el = canvasElement.querySelector('kirjasto-poll')!;
    await waitFor(() => expect(el.shadowRoot?.querySelector('[role="alert"]')).toBeTruthy(), {timeout: 5000});
  },
};

/** The vote is refused with 429 and a Retry-After. */
export const RateLimited: Story = {
  name: 'Rate limited',
  loaders: [single({vote: problem('rate-limited', 429, 'Too many requests', {'Retry-After': '30'})})],
  play: async ({canvasElement}) => {
    await vote(canvasElement, [2]);
  },
};

/** The connection drops as the patron votes: the vote waits in the outbox. */
export const OfflineQueued: Story = {
  name: 'Offline, vote queued',
  loaders: [single({vote: 'unreachable'})],
  play: async ({canvasElement}) => {
    const root = await vote(canvasElement, [0]);
    await waitFor(() => expect(statusText(root)).toMatch(/saved/i), {timeout: 5000});
  },
};

/** `theme="dark"` on a dark page. */
export const DarkTheme: Story = {
  name: 'Dark theme',
  args: {theme: 'dark'},
  parameters: {pageTheme: 'dark'},
};

/** Dark, after voting: results bars on the dark surface. */
export const DarkThemeResults: Story = {
  name: 'Dark theme, results',
  args: {theme: 'dark'},
  parameters: {pageTheme: 'dark'},
  play: VotedWithResults.play,
};

/** `<html lang="fi">`: UI strings from the Finnish XLIFF, content from the poll's `fi` texts. */
export const Finnish: Story = {
  name: 'Language: Finnish',
  tags: ['!autodocs'],
  args: {poll: multiPoll.id},
  loaders: [withApi({[multiPoll.id]: {poll: multiPoll, results: multiResults}})],
  decorators: [withLang('fi')],
};

/** `<html lang="sv">`. */
export const Swedish: Story = {
  name: 'Language: Swedish',
  tags: ['!autodocs'],
  args: {poll: multiPoll.id},
  loaders: [withApi({[multiPoll.id]: {poll: multiPoll, results: multiResults}})],
  decorators: [withLang('sv')],
};

/** `<html lang="en">`. */
export const English: Story = {
  name: 'Language: English',
  tags: ['!autodocs'],
  args: {poll: multiPoll.id},
  loaders: [withApi({[multiPoll.id]: {poll: multiPoll, results: multiResults}})],
  decorators: [withLang('en')],
};

/** A designer's overrides on a wrapper: the custom properties inherit into the shadow DOM. */
export const Theming: Story = {
  loaders: [
    withApi({
      [singlePoll.id]: {poll: singlePoll, results: singleResults},
      closed: {poll: {...singlePoll, id: 'closed', status: 'closed', resultsVisibility: 'always', results: singleResults}},
    }),
  ],
  render: (args, context) => html`<div
    style="--kirjasto-accent: #7a1f5c; --kirjasto-radius: 0; --kirjasto-font: 17px/1.6 Georgia, 'DejaVu Serif', serif; display: grid; gap: 1rem"
  >
    ${renderPoll(args, context)} ${renderPoll({...args, poll: 'closed'}, context)}
  </div>`,
};

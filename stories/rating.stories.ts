import type {Args, Decorator, Meta, StoryContext, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {expect, userEvent, waitFor} from 'storybook/test';
import '../src/rating/define.js';
import {shadowOnceShown} from './play.js';
import {renderElement} from './render.js';
import type {Rating, Scale} from '../src/rating/rating.types.js';
import {eventRating, kioskRating, npsRating, scaleScores, visitRating, withApi, type RatingScenario} from './fake-api.js';

/** The element from the story's args (attribute names, as in custom-elements.json). */
const renderRating = (args: Args, context: StoryContext) => renderElement('kirjasto-rating', args, context);

/** A kiosk is a whole screen: the stories show it in a 1024×600 box, a common wall-mounted tablet. */
function renderKiosk(args: Args, context: StoryContext) {
  return html`<div style="inline-size: 1024px; block-size: 600px; border: 8px solid #2a2f36; border-radius: 12px; overflow: hidden; box-sizing: content-box">
    ${renderRating(args, context)}
  </div>`;
}

const meta = {
  title: 'Elements/kirjasto-rating',
  component: 'kirjasto-rating',
  tags: ['autodocs'],
  render: renderRating,
  args: {rating: visitRating.id, location: 'central', 'show-labels': false, kiosk: false},
  loaders: [withApi({[visitRating.id]: {rating: visitRating}})],
  parameters: {
    docs: {
      description: {
        component:
          'A one-tap satisfaction rating. Stories answer the HTTP API with canned data (`stories/fake-api.ts`); each starts with nothing remembered in localStorage.',
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

// --- Helpers -----------------------------------------------------------------------------------

/** The rating's shadow root once its score buttons are shown. */
const readyScale = (canvasElement: HTMLElement) => shadowOnceShown(canvasElement, 'kirjasto-rating', '[part~="score"]');

/** Taps the score button at this index (lowest first). */
async function tap(canvasElement: HTMLElement, index: number): Promise<ShadowRoot> {
  const root = await readyScale(canvasElement);
  await userEvent.click(root.querySelectorAll<HTMLButtonElement>('[part~="score"]')[index]!);
  return root;
}

const statusText = (root: ShadowRoot) => root.querySelector('[part="status"]')?.textContent ?? '';

const withLang =
  (lang: string): Decorator =>
  (story) => {
    document.documentElement.lang = lang;
    return story();
  };

const withRating = (rating: Rating, extra: Partial<RatingScenario> = {}) => withApi({[rating.id]: {rating, ...extra}});
const scaled = (scale: Scale, extra: Partial<Rating> = {}): Rating => ({...visitRating, scale, scores: scaleScores[scale], ...extra});

/** The element keeps "answered today" under this key (see rating.ts `memoryKey`). */
const answeredToday: Decorator = (story, {loaded, args}) => {
  localStorage.setItem(`kirjasto.rated.${loaded.api as string}|${args.rating}`, new Date().toISOString().slice(0, 10));
  return story();
};

// --- Scales ------------------------------------------------------------------------------------

/** Five faces from very dissatisfied to very satisfied. */
export const Smileys5: Story = {name: 'Scale: smileys-5'};

/** Four faces: no neutral middle. */
export const Smileys4: Story = {name: 'Scale: smileys-4', loaders: [withRating(scaled('smileys-4'))]};

/** Five stars; a star and those before it light up under the pointer or keyboard focus. */
export const Stars5: Story = {name: 'Scale: stars-5', loaders: [withRating(scaled('stars-5'))]};

/** Net Promoter Score, 0–10, with the ends explained. */
export const Nps: Story = {name: 'Scale: NPS', args: {rating: npsRating.id}, loaders: [withRating(npsRating)]};

/** Thumbs up or down, e.g. from a QR code at the door of an event. */
export const Thumbs: Story = {name: 'Scale: thumbs', args: {rating: eventRating.id, channel: 'qr'}, loaders: [withRating(eventRating)]};

/** `show-labels`: each face's name under it, for patrons who read faces less easily. */
export const WithLabels: Story = {name: 'With visible labels', args: {'show-labels': true}};

/** A 320 px phone: the faces shrink to stay in one row, the NPS scale takes two rows of 6 and 5. */
export const Phone320: Story = {
  name: 'Phone, 320 px (NPS)',
  args: {rating: npsRating.id},
  loaders: [withRating(npsRating)],
  render: (args, context) => html`<div style="inline-size: 288px">${renderRating(args, context)}</div>`,
};

// --- Answering ---------------------------------------------------------------------------------

/** `comment: after-low`: the lowest face asks for an optional comment. */
export const CommentAfterLow: Story = {
  name: 'Comment after a low score',
  loaders: [withRating(scaled('smileys-5', {comment: 'after-low', lowThreshold: 2}))],
  play: async ({canvasElement}) => {
    const root = await tap(canvasElement, 0);
    await waitFor(() => expect(root.querySelector('[part="comment"] textarea')).toBeTruthy());
  },
};

/** One tap, and thanks. */
export const ThankYou: Story = {
  name: 'Thank you',
  play: async ({canvasElement}) => {
    const root = await tap(canvasElement, 3);
    await waitFor(() => expect(statusText(root)).toContain('Thank you'));
  },
};

/** This browser already answered today: the element says so instead of asking again. */
export const AlreadyAnswered: Story = {
  name: 'Already answered today',
  decorators: [answeredToday],
};

/** The connection drops as the patron taps: the answer waits in the outbox. */
export const OfflineQueued: Story = {
  name: 'Offline, answer queued',
  loaders: [withRating(visitRating, {respond: 'unreachable'})],
  play: async ({canvasElement}) => {
    const root = await tap(canvasElement, 4);
    await waitFor(() => expect(statusText(root)).toMatch(/saved/i), {timeout: 5000});
  },
};

/** The prompt is on its way (the fake never answers). */
export const Loading: Story = {loaders: [withApi({[visitRating.id]: {rating: 'pending'}})]};

/** The rating id is unknown to the server. */
export const ErrorNotFound: Story = {name: 'Error (not found)', args: {rating: 'no-such-rating'}};

/** The survey has ended. */
export const Closed: Story = {loaders: [withRating({...visitRating, status: 'closed', closesAt: '2026-06-30T21:00:00Z'})]};

// --- Kiosk -------------------------------------------------------------------------------------

const kioskArgs: Args = {rating: kioskRating.id, kiosk: true, location: 'central'};
const kioskApi = (extra: Partial<RatingScenario> = {}) => withRating(kioskRating, {pin: '2468', ...extra});

/** `kiosk`: large targets and labels, centred on the whole screen. */
export const Kiosk: Story = {
  args: {...kioskArgs, 'reset-after': 8},
  loaders: [kioskApi()],
  render: renderKiosk,
};

/** After a tap: the thank-you screen (it stays a minute here; a real kiosk resets after `reset-after`). */
export const KioskThankYou: Story = {
  name: 'Kiosk thank-you',
  args: {...kioskArgs, 'reset-after': 60},
  loaders: [kioskApi()],
  render: renderKiosk,
  play: async ({canvasElement}) => {
    const root = await tap(canvasElement, 3);
    await waitFor(() => expect(statusText(root)).toContain('Thank you'));
  },
};

/** `attract-after="1"`: after a second untouched, the screen invites the next patron. */
export const KioskAttract: Story = {
  name: 'Kiosk attract',
  args: {...kioskArgs, 'attract-after': 1},
  loaders: [kioskApi()],
  render: renderKiosk,
  play: async ({canvasElement}) => {
    const root = await readyScale(canvasElement);
    await waitFor(() => expect(root.querySelector('.attract')).toBeTruthy(), {timeout: 4000});
  },
};

/** NPS on a kiosk: one row across the screen, its end labels at the ends. */
export const KioskNps: Story = {
  name: 'Kiosk NPS',
  args: {...kioskArgs, rating: npsRating.id},
  loaders: [withRating(npsRating, {pin: '2468'})],
  render: renderKiosk,
};

/** `comment-time="4"`: before the comment form resets, a notice with "More time" (WCAG 2.2.1). */
export const KioskMoreTime: Story = {
  name: 'Kiosk comment: more time',
  args: {...kioskArgs, rating: visitRating.id, 'comment-time': 4},
  loaders: [withRating(scaled('smileys-5', {comment: 'after-low', lowThreshold: 2}), {pin: '2468'})],
  render: renderKiosk,
  play: async ({canvasElement}) => {
    const el = canvasElement.querySelector('kirjasto-rating')!;
    await waitFor(() => expect(el.shadowRoot?.querySelector('.staff-corner')).toBeTruthy(), {timeout: 5000});
    const root = await tap(canvasElement, 0);
    await waitFor(() => expect(root.querySelector('.time-warning[role="alert"] button')).toBeTruthy(), {timeout: 5000});
    await userEvent.click(root.querySelector<HTMLButtonElement>('.time-warning button')!);
    await waitFor(() => expect(root.querySelector('.time-warning')).toBeNull());
    expect(root.querySelector('textarea')).toBeTruthy();
  },
};

/** Staff activate the hidden corner from a keyboard (a press-and-hold on the touch screen): the PIN dialog. */
export const KioskStaffPin: Story = {
  name: 'Kiosk staff PIN dialog',
  args: kioskArgs,
  loaders: [kioskApi()],
  render: renderKiosk,
  play: async ({canvasElement}) => {
    const el = canvasElement.querySelector('kirjasto-rating')!;
    await waitFor(() => expect(el.shadowRoot?.querySelector('.staff-corner')).toBeTruthy(), {timeout: 5000});
    const corner = el.shadowRoot!.querySelector<HTMLButtonElement>('.staff-corner')!;
    corner.focus();
    corner.click(); // detail 0, as a keyboard activation gives
    await waitFor(() => expect(el.shadowRoot?.querySelector('dialog[open]')).toBeTruthy());
  },
};

/** Three answers taken with the network down wait in the outbox; the kiosk shows staff how many. */
export const KioskQueue: Story = {
  name: 'Kiosk with answers waiting',
  args: {...kioskArgs, 'reset-after': 1, cooldown: 0},
  loaders: [kioskApi({respond: 'unreachable'})],
  render: renderKiosk,
  play: async ({canvasElement}) => {
    for (const index of [3, 2, 3]) {
      const root = await tap(canvasElement, index);
      // The thank-you screen replaces the scale until the kiosk resets for the next patron.
      await waitFor(() => expect(root.querySelector('[part~="score"]')).toBeNull(), {timeout: 5000});
    }
    const el = canvasElement.querySelector('kirjasto-rating')!;
    await waitFor(() => expect(el.shadowRoot?.querySelector('[part="queue"]')?.textContent).toContain('3'), {timeout: 8000});
  },
};

// --- Theme and language ------------------------------------------------------------------------

/** `theme="dark"` on a dark page, with labels. */
export const Dark: Story = {
  name: 'Dark theme',
  args: {theme: 'dark', 'show-labels': true},
  parameters: {pageTheme: 'dark'},
};

/** `<html lang="fi">`: UI strings from the Finnish XLIFF, the question in Finnish. */
export const Finnish: Story = {
  name: 'Language: Finnish',
  tags: ['!autodocs'],
  args: {'show-labels': true},
  decorators: [withLang('fi')],
};

/** `<html lang="sv">`. */
export const Swedish: Story = {
  name: 'Language: Swedish',
  tags: ['!autodocs'],
  args: {rating: npsRating.id},
  loaders: [withRating(npsRating)],
  decorators: [withLang('sv')],
};

// Every flow of every element walked by keyboard: after each step, focus is still inside the
// element (never on <body>), on the control, heading or message the patron needs next.
import {expect} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/idea-box/define.js';
import '../../src/poll/define.js';
import '../../src/rating/define.js';
import {$, mount, newPatron, servers, unreachableApi, until} from './helpers.js';

/** The element focus really is on, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Focus is on something inside `el`'s shadow root; returns that element. */
async function focusInside(el: HTMLElement & {updateComplete: Promise<unknown>}, step: string): Promise<Element> {
  await el.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const active = deepActive();
  expect(active && active !== el && el.shadowRoot!.contains(active), `focus inside the element after ${step} (it is on ${active?.outerHTML.slice(0, 60)})`).to.equal(true);
  return active!;
}

const press = (key: string) => sendKeys({press: key});
const status = (el: Element) => $(el, '[part="status"]')!.textContent!.trim();
type Lit = HTMLElement & {updateComplete: Promise<unknown>};

/** Tabs from a button placed before the element into its first focusable control. */
async function tabInto(el: Lit): Promise<Element> {
  const before = document.createElement('button');
  before.textContent = 'before';
  el.before(before);
  before.focus();
  await press('Tab');
  return focusInside(el, 'tabbing in');
}

describe('focus stays inside every element', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
  });

  it('rating: a low score, a comment typed and sent, then the thank-you', async () => {
    const el = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="demo-rating"></kirjasto-rating>`);
    await tabInto(el);
    await press('Enter');
    expect((await focusInside(el, 'the low score')).localName).to.equal('textarea');
    await sendKeys({type: 'Hyllyt sekaisin.'});
    await press('Tab');
    expect((await focusInside(el, 'tabbing to Send')).textContent).to.equal('Send');
    await press('Enter');
    await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
    expect((await focusInside(el, 'sending the comment')).getAttribute('part')).to.equal('question');
  });

  it('rating: a low score, the comment skipped', async () => {
    const el = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="demo-rating"></kirjasto-rating>`);
    await tabInto(el);
    await press('Enter');
    await focusInside(el, 'the low score');
    await press('Tab');
    await press('Tab');
    expect((await focusInside(el, 'tabbing to No, thanks')).textContent).to.equal('No, thanks');
    await press('Enter');
    await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
    expect((await focusInside(el, 'skipping the comment')).getAttribute('part')).to.equal('question');
  });

  it('rating: stars and NPS answered with the keyboard', async () => {
    for (const id of ['demo-stars', 'demo-nps']) {
      newPatron();
      const el = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="${id}"></kirjasto-rating>`);
      await tabInto(el);
      await press('End');
      await focusInside(el, `End on ${id}`);
      await press('Enter');
      await focusInside(el, `answering ${id}`);
      if ($(el, 'textarea')) {
        await press('Tab');
        await press('Tab');
        await press('Enter');
      }
      await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
      await focusInside(el, `the thank-you of ${id}`);
      el.remove();
    }
  });

  it('kiosk: the thank-you and the reset to the question for the next patron', async () => {
    const el = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="demo-rating" kiosk reset-after="0.5" cooldown="0"></kirjasto-rating>`);
    await tabInto(el);
    await press('End');
    await press('Enter');
    await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
    expect((await focusInside(el, 'the kiosk answer')).getAttribute('part')).to.equal('status');
    await until(() => $(el, '[part~="score"]'), 'back to the question');
    expect((await focusInside(el, 'the kiosk reset')).getAttribute('part')).to.equal('question');
  });

  it('poll: an empty vote, a choice, the vote and the results', async () => {
    const el = await mount<Lit>(`<kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll>`);
    await tabInto(el);
    const first = deepActive();
    let sawBody = false;
    const watch = () => (sawBody ||= deepActive() === document.body);
    el.addEventListener('focusout', () => queueMicrotask(watch));
    await press('Space');
    await press('Enter');
    await until(() => status(el).startsWith('Thank you for your vote!'), 'voted');
    expect((await focusInside(el, 'voting')).getAttribute('part')).to.equal('question');
    expect(first?.localName).to.equal('input');
    expect(sawBody, 'focus never passed through <body> while sending').to.equal(false);
  });

  it('poll and rating: Try again after a failed load', async () => {
    for (const markup of [
      `<kirjasto-poll api="${unreachableApi}" poll="demo-poll"></kirjasto-poll>`,
      `<kirjasto-rating api="${unreachableApi}" rating="demo-rating"></kirjasto-rating>`,
      `<kirjasto-idea-box api="${unreachableApi}" box="demo-ideas"></kirjasto-idea-box>`,
    ]) {
      const el = await mount<Lit>(markup);
      await until(() => $(el, '[role="alert"]'), 'error shown', 30_000);
      await tabInto(el);
      await press('Enter');
      await focusInside(el, `Try again in ${el.localName}`);
      await until(() => !$(el, '[aria-busy="true"]') && $(el, '[role="alert"]'), 'error shown again', 30_000);
      await focusInside(el, `the second failure in ${el.localName}`);
      el.remove();
    }
  });

  it('idea box: a too-short idea, then a valid one sent', async () => {
    const el = await mount<Lit>(`<kirjasto-idea-box api="${servers.offline}" box="demo-ideas"></kirjasto-idea-box>`);
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({type: 'Lyhyt'});
    await press('Tab');
    await focusInside(el, 'tabbing past the text');
    while (deepActive()?.localName !== 'button') await press('Tab');
    await press('Enter');
    expect((await focusInside(el, 'the refused short idea')).localName).to.equal('textarea');
    await sendKeys({type: ' idea: lisää lukutuoleja.'});
    while (deepActive()?.localName !== 'button') await press('Tab');
    let sawBody = false;
    el.addEventListener('focusout', () => queueMicrotask(() => (sawBody ||= deepActive() === document.body)));
    await press('Enter');
    await until(() => status(el).startsWith('Thank you!'), 'idea sent');
    await focusInside(el, 'sending the idea');
    expect(sawBody, 'focus never passed through <body> while sending').to.equal(false);
  });

  it('idea box: supporting an idea and showing more keep focus in the list', async () => {
    const el = await mount<Lit>(`<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`);
    await until(() => $(el, '[part~="support"]'), 'ideas listed');
    $<HTMLButtonElement>(el, '[part~="support"]')!.focus();
    await press('Enter');
    await until(() => $(el, '[part~="support"][aria-pressed="true"]'), 'supported');
    await focusInside(el, 'supporting');
    const more = $<HTMLButtonElement>(el, '.more');
    if (more) {
      more.focus();
      await press('Enter');
      await until(() => !$(el, '.more[disabled]'), 'more loaded');
      await focusInside(el, 'showing more');
    }
    for (const sort of ['Newest', 'Most supported']) {
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.sort button')].find((b) => b.textContent === sort)!.focus();
      await press('Enter');
      await until(() => !$(el, '[part="ideas"][aria-busy="true"]'), 'sorted');
      await focusInside(el, `sorting by ${sort}`);
    }
  });
});

// What a patron sees on a phone and on a kiosk screen, measured in the browser: rows, ends, target sizes.
import {expect} from '@open-wc/testing';
import {sendKeys, setViewport} from '@web/test-runner-commands';
import '../../src/idea-box/define.js';
import '../../src/poll/define.js';
import '../../src/rating/define.js';
import {$, $$, mount, newPatron, servers, until} from './helpers.js';

type Lit = HTMLElement & {updateComplete: Promise<unknown>};
const box = (el: Element) => el.getBoundingClientRect();
const scores = (el: Element) => $$(el, '[part~="score"]');

/** The tops of the buttons' rows, one per row, and how many buttons each holds. */
function rows(buttons: Element[]): number[] {
  const byTop = new Map<number, number>();
  for (const button of buttons) {
    const top = Math.round(box(button).top);
    byTop.set(top, (byTop.get(top) ?? 0) + 1);
  }
  return [...byTop.entries()].sort(([a], [b]) => a - b).map(([, count]) => count);
}

/** Every visible control the patron can touch, with its size. */
function targets(el: Element): {name: string; width: number; height: number}[] {
  return $$(el, 'button, input, select, textarea, a[href]')
    .filter((target) => target.getClientRects().length && getComputedStyle(target).opacity !== '0')
    .map((target) => ({name: `${target.localName} ${target.getAttribute('aria-label') ?? target.textContent?.trim().slice(0, 20)}`, width: box(target).width, height: box(target).height}));
}

function expectTargetsAtLeast(el: Element, size: number): void {
  const small = targets(el).filter((t) => t.width < size - 0.5 || t.height < size - 0.5);
  expect(small, `targets smaller than ${size} px`).to.deep.equal([]);
}

/** Nothing sticks out of the element or the screen sideways. */
function expectNoOverflow(el: Element): void {
  const outer = box(el);
  expect(outer.right, 'element inside the screen').to.be.at.most(document.documentElement.clientWidth + 0.5);
  for (const child of $$(el, '[part~="score"], .ends span, button, textarea, input, select')) {
    if (!child.getClientRects().length) continue;
    expect(box(child).right, `${child.localName} inside the element`).to.be.at.most(outer.right + 0.5);
  }
}

function expectEndsAtEnds(el: Element): void {
  const [low, high] = $$(el, '.ends span');
  const scale = box($(el, '[part~="scale"]')!);
  expect(Math.abs(box(low!).left - scale.left), 'the "0" label at the start of the scale').to.be.below(2);
  expect(Math.abs(box(high!).right - scale.right), 'the "10" label at the end of the scale').to.be.below(2);
  expect(box(low!).right, 'the end labels apart').to.be.below(box(high!).left);
}

describe('layout on phones', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
  });
  after(() => setViewport({width: 800, height: 600}));

  for (const width of [320, 360]) {
    it(`fits five smileys and five stars in one row, and NPS in 6 + 5 with its end labels at the ends, at ${width} px`, async () => {
      await setViewport({width, height: 740});
      for (const [id, extra] of [
        ['demo-rating', ''],
        ['demo-rating', 'show-labels'],
        ['demo-stars', ''],
      ]) {
        const el = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="${id}" ${extra}></kirjasto-rating>`);
        expect(rows(scores(el)), `${id} ${extra} in one row`).to.deep.equal([5]);
        expectTargetsAtLeast(el, 24);
        expectNoOverflow(el);
        el.remove();
      }
      const nps = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="demo-nps"></kirjasto-rating>`);
      expect(rows(scores(nps)), 'NPS in two balanced rows').to.deep.equal([6, 5]);
      expectEndsAtEnds(nps);
      expectTargetsAtLeast(nps, 24);
      expectNoOverflow(nps);
    });

    it(`keeps the poll's and the idea box's targets at 24 px or more, inside the screen, at ${width} px`, async () => {
      await setViewport({width, height: 740});
      for (const markup of [
        `<kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll>`,
        `<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`,
      ]) {
        const el = await mount<Lit>(markup);
        await until(() => !$(el, '[aria-busy="true"]'), 'loaded');
        expectTargetsAtLeast(el, 24);
        expectNoOverflow(el);
        el.remove();
      }
    });
  }

  it('puts NPS in one row with its labels at the ends where it fits', async () => {
    await setViewport({width: 800, height: 600});
    const nps = await mount<Lit>(`<kirjasto-rating api="${servers.api}" rating="demo-nps"></kirjasto-rating>`);
    expect(rows(scores(nps))).to.deep.equal([11]);
    expectEndsAtEnds(nps);
  });

  it("clears the idea form's error once the text is long enough", async () => {
    const el = await mount<Lit>(`<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`);
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.focus();
    await sendKeys({type: 'Lyhyt'});
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => $(el, 'form [role="alert"]'), 'too short');
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    await sendKeys({type: ' ja'});
    await el.updateComplete;
    expect($(el, 'form [role="alert"]'), 'still too short: the error stays').to.exist;
    await sendKeys({type: ' pitkä'});
    await el.updateComplete;
    expect($(el, 'form [role="alert"]'), 'long enough: the error is gone').to.equal(null);
    expect(textarea.getAttribute('aria-invalid')).to.equal('false');
  });
});

describe('layout on a kiosk screen', () => {
  let frame: HTMLElement;
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
    frame = document.createElement('div');
    frame.style.cssText = 'position: fixed; inset: 0 0 5rem 0; display: flex';
    document.body.append(frame);
  });
  afterEach(() => frame.remove());
  after(() => setViewport({width: 800, height: 600}));

  const kiosk = async (id: string): Promise<Lit> => {
    const el = document.createElement('kirjasto-rating') as Lit;
    for (const [name, value] of Object.entries({api: servers.api, rating: id, kiosk: '', style: 'flex: 1'})) el.setAttribute(name, value);
    frame.append(el);
    await until(() => scores(el).length && $(el, '.staff-corner'), 'kiosk shown');
    await el.updateComplete;
    return el;
  };

  for (const [width, height] of [
    [1280, 800],
    [1080, 1920],
  ] as const) {
    it(`fills the width with large faces and readable labels at ${width}×${height}`, async () => {
      await setViewport({width, height});
      const el = await kiosk('demo-rating');
      const scale = box($(el, '[part~="scale"]')!);
      expect(rows(scores(el))).to.deep.equal([5]);
      expect(scale.width / width, 'the scale spans most of the width').to.be.above(0.8);
      const face = box(el.shadowRoot!.querySelector('[part~="score"] svg')!);
      expect(face.width, 'faces at least 150 px').to.be.at.least(150);
      const label = $(el, '.label')!;
      expect(parseFloat(getComputedStyle(label).fontSize), 'labels readable from two metres').to.be.at.least(24);
      expect(scale.bottom, 'the scale on the screen').to.be.at.most(height);
      expectTargetsAtLeast(el, 44);
    });

    it(`keeps the NPS end labels at the ends at ${width}×${height}`, async () => {
      await setViewport({width, height});
      const el = await kiosk('demo-nps');
      expect(rows(scores(el))).to.deep.equal([11]);
      expect(box($(el, '[part~="scale"]')!).width / width).to.be.above(0.8);
      expectEndsAtEnds(el);
      expect(parseFloat(getComputedStyle($(el, '.ends')!).fontSize)).to.be.at.least(24);
      expectTargetsAtLeast(el, 44);
    });
  }

  it('sizes the PIN dialog for a finger', async () => {
    await setViewport({width: 1280, height: 800});
    const el = await kiosk('demo-rating');
    $<HTMLButtonElement>(el, '.staff-corner')!.click();
    await until(() => $<HTMLDialogElement>(el, 'dialog')?.open, 'PIN dialog open');
    const dialog = $(el, 'dialog')!;
    expect(box(dialog).width, 'dialog wide enough to hit').to.be.at.least(400);
    for (const control of $$(el, 'dialog input, dialog button')) {
      expect(box(control).height, `${control.localName} tall enough for a finger`).to.be.at.least(52);
    }
    expect(parseFloat(getComputedStyle($(el, 'dialog input')!).fontSize), 'PIN digits large').to.be.at.least(28);
  });
});

import {expect, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/rating/define.js';
import type {KirjastoRating} from '../../src/rating/rating.js';
import {$, $$, backOnline, changeQueued, controlServer, mount, newPatron, servers, unreachableApi, until, visibleText, whileDown} from './helpers.js';

const rating = (id: string, extra = '', api = servers.api) =>
  mount<KirjastoRating>(`<kirjasto-rating api="${api}" rating="${id}" ${extra}></kirjasto-rating>`);
const status = (el: Element) => $(el, '[part="status"]')!.textContent!.trim();
const scores = (el: Element) => $$<HTMLButtonElement>(el, '[part~="score"]');

async function summary(api: string, id: string): Promise<{count: number; byChannel: Record<string, {count: number}>}> {
  return (await fetch(`${api}/api/v1/ratings/${id}/summary`)).json();
}

describe('<kirjasto-rating>', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
  });

  it('is accessible on the scale, the comment step and the thank-you', async () => {
    const el = await rating('demo-rating');
    await expect(el).to.be.accessible();
    scores(el)[0]!.click();
    await until(() => $(el, 'textarea'), 'comment offered after a low score');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.comment button.secondary')!.click();
    await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
    await expect(el).to.be.accessible();
  });

  it('names every face for screen readers and moves between them with arrow keys, in a group named by the question', async () => {
    const el = await rating('demo-rating');
    expect(scores(el).map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Very dissatisfied',
      'Dissatisfied',
      'Neutral',
      'Satisfied',
      'Very satisfied',
    ]);
    expect($(el, '[role="group"]')!.getAttribute('aria-labelledby')).to.equal('question');
    expect(scores(el).map((b) => b.tabIndex)).to.deep.equal([0, -1, -1, -1, -1]);
    scores(el)[0]!.focus();
    await sendKeys({press: 'ArrowRight'});
    await sendKeys({press: 'ArrowRight'});
    await sendKeys({press: 'ArrowRight'});
    await sendKeys({press: 'ArrowLeft'});
    expect(el.shadowRoot!.activeElement).to.equal(scores(el)[2]);
    await sendKeys({press: 'End'});
    expect(el.shadowRoot!.activeElement).to.equal(scores(el)[4]);
    expect(scores(el)[4]!.tabIndex).to.equal(0);
  });

  it('sends the score with one key press and thanks the patron', async () => {
    const before = await summary(servers.api, 'demo-rating');
    const el = await rating('demo-rating');
    const submitted = oneEvent(el, 'kirjasto-submit');
    scores(el)[0]!.focus();
    await sendKeys({press: 'End'});
    await sendKeys({press: 'Enter'});
    const {detail} = await submitted;
    await el.updateComplete;
    expect(detail).to.include({rating: 'demo-rating', score: 5, queued: false});
    expect(status(el)).to.equal('Thank you for your feedback!');
    expect($(el, 'textarea'), 'no comment after a high score').to.equal(null);
    const after = await summary(servers.api, 'demo-rating');
    expect(after.count).to.equal(before.count + 1);
    expect(after.byChannel.web!.count).to.equal(before.byChannel.web!.count + 1);
  });

  it('offers a comment after a low score and sends it after the score', async () => {
    const el = await rating('demo-rating', 'location="demo-village"');
    scores(el)[1]!.click();
    await until(() => $(el, 'textarea'), 'comment offered');
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({type: 'Hyllyt olivat sekaisin.'});
    const commented = oneEvent(el, 'kirjasto-submit');
    $<HTMLButtonElement>(el, '.comment button[type="submit"]')!.click();
    const {detail} = await commented;
    await el.updateComplete;
    expect(detail).to.include({score: 2, comment: 'Hyllyt olivat sekaisin.', queued: false});
    expect(status(el)).to.equal('Thank you for your feedback!');
  });

  it('remembers a web answer for the day', async () => {
    const el = await rating('demo-stars');
    scores(el)[3]!.click();
    await until(() => status(el).startsWith('Thank you'), 'thanked');
    el.remove();
    const again = await rating('demo-stars');
    expect(status(again)).to.equal('Thank you for your feedback!');
    expect(scores(again)).to.have.length(0);
  });

  it('shows every scale with its own labels', async () => {
    const stars = await rating('demo-stars');
    expect(scores(stars).map((b) => b.getAttribute('aria-label'))).to.deep.equal(['1 star', '2 stars', '3 stars', '4 stars', '5 stars']);
    const nps = await rating('demo-nps');
    expect(scores(nps).map((b) => b.textContent!.trim())).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(visibleText(nps)).to.include('0 = not at all likely');
    await expect(nps).to.be.accessible();
    const thumbs = await rating('demo-thumbs', 'show-labels');
    expect(scores(thumbs).map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Thumbs down', 'Thumbs up']);
    expect(visibleText(thumbs)).to.include('Thumbs up');
    await expect(thumbs).to.be.accessible();
  });

  it('shows a clear error with a retry on the web, and a quiet wait on a kiosk', async () => {
    const web = await rating('no-such-rating');
    expect($(web, '[role="alert"]')!.textContent).to.equal('This could not be found. It may have been removed.');
    expect($(web, 'button')!.textContent).to.equal('Try again');
    await expect(web).to.be.accessible();
    const kiosk = await mount<KirjastoRating>(`<kirjasto-rating kiosk api="${unreachableApi}" rating="demo-rating"></kirjasto-rating>`).catch(() => undefined);
    const el = kiosk ?? document.querySelector('kirjasto-rating[kiosk]')!;
    await until(() => visibleText(el).includes('One moment'), 'kiosk waits');
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('is accessible while loading', async () => {
    const el = document.createElement('kirjasto-rating');
    el.setAttribute('api', servers.api);
    el.setAttribute('rating', 'demo-rating');
    document.body.append(el);
    await el.updateComplete;
    expect($(el, '[aria-busy="true"]')).to.exist;
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('fires no event when its rating is changed from code', async () => {
    const el = await rating('demo-rating');
    const events: string[] = [];
    for (const name of ['kirjasto-submit', 'kirjasto-error']) el.addEventListener(name, () => events.push(name));
    el.rating = 'demo-stars';
    await until(() => scores(el)[0]?.getAttribute('aria-label') === '1 star', 'switched rating');
    expect(events).to.deep.equal([]);
  });

  describe("on the library's day", () => {
    const realNow = Date.now;
    afterEach(() => (Date.now = realNow));

    /** The next midnight in Helsinki after `now`, found minute by minute from the zone's wall clock. */
    function nextHelsinkiMidnight(now: number): number {
      const clock = new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/Helsinki', hourCycle: 'h23', hour: '2-digit', minute: '2-digit'});
      let t = Math.ceil(now / 60_000) * 60_000;
      while (clock.format(t) !== '00:00') t += 60_000;
      return t;
    }
    const setClock = (at: number) => {
      const offset = at - realNow();
      Date.now = () => realNow() + offset;
    };

    it('offers the question again when the day turns while the page stays open', async () => {
      setClock(nextHelsinkiMidnight(realNow()) - 1500);
      const el = await rating('demo-stars');
      scores(el)[3]!.click();
      await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
      expect(scores(el)).to.have.length(0);
      await until(() => scores(el).length === 5, 'the question is back after midnight', 10_000);
    });

    it("counts a day from the library's midnight, not from UTC's", async () => {
      const midnight = nextHelsinkiMidnight(realNow());
      // 23:00 and 00:30 in Helsinki fall on the same UTC day.
      setClock(midnight - 60 * 60_000);
      const el = await rating('demo-thumbs');
      scores(el)[1]!.click();
      await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
      el.remove();
      setClock(midnight + 30 * 60_000);
      const later = await rating('demo-thumbs');
      expect(scores(later), 'a new day in the library').to.have.length(2);
    });
  });

  it('tells the patron when an answer saved on the device is refused later, and asks again', async () => {
    const el = await rating('demo-rating', '', servers.offline);
    await whileDown('offline', async () => {
      scores(el)[4]!.click();
      await until(() => status(el) === 'Thank you for your feedback! Saved on this device. It will be sent when the connection returns.', 'kept on the device');
      await expect(el).to.be.accessible();
      // The prompt changed meanwhile: the server will refuse the score.
      changeQueued((response) => ({...response, score: 99}));
    });
    backOnline();
    await until(() => $(el, '[role="alert"]'), 'the refusal is shown', 20_000);
    expect($(el, '[role="alert"]')!.textContent).to.equal(
      'Your answer saved on this device was not accepted. Your answer could not be accepted. Check it and try again.',
    );
    expect(status(el)).to.equal('');
    expect(scores(el), 'the question is offered again').to.have.length(5);
    await expect(el).to.be.accessible();
  });

  describe('in kiosk mode', () => {
    // A registered kiosk, as the staff unlock leaves it: without its token the answers count as web.
    beforeEach(async () => {
      for (const api of [servers.api, servers.restartable]) {
        const unlocked = await fetch(`${api}/api/v1/kiosk/unlock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: 'demo-rating', pin: '2468'})});
        const {kioskToken} = (await unlocked.json()) as {kioskToken: string};
        const kiosks = JSON.parse(localStorage.getItem('kirjasto.kiosk') ?? '{}') as object;
        localStorage.setItem('kirjasto.kiosk', JSON.stringify({...kiosks, [new URL(api).origin]: {'Kirjasto-Kiosk': kioskToken}}));
      }
    });
    const kiosk = (extra = '', api = servers.api) =>
      rating('demo-rating', `kiosk location="demo-central" reset-after="1" cooldown="1.5" ${extra}`, api);

    it('is accessible with large labelled targets', async () => {
      const el = await kiosk();
      await expect(el).to.be.accessible();
      for (const button of scores(el)) expect(button.getBoundingClientRect().height).to.be.at.least(44);
      expect(visibleText(el)).to.include('Very satisfied');
    });

    it('warns before the comment form resets, and gives more time when asked (WCAG 2.2.1)', async () => {
      const el = await kiosk('comment-time="3"');
      const resets: Event[] = [];
      el.addEventListener('kirjasto-kiosk-reset', (event) => resets.push(event));
      await until(() => $(el, '.staff-corner'), 'kiosk parts loaded');
      scores(el)[0]!.click();
      await until(() => $(el, 'textarea'), 'comment offered');
      expect($(el, '.time-warning'), 'no warning at first').to.equal(null);
      await until(() => $(el, '.time-warning'), 'warned before the reset', 3000);
      const warning = $(el, '.time-warning')!;
      expect(warning.getAttribute('role'), 'the warning is announced').to.equal('alert');
      expect(warning.textContent).to.include('The screen will start over in');
      const more = $<HTMLButtonElement>(el, '.time-warning button')!;
      expect(more.textContent!.trim()).to.equal('More time');
      expect(more.getBoundingClientRect().height).to.be.at.least(44);
      more.focus();
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect($(el, '.time-warning'), 'warning gone').to.equal(null);
      expect(el.shadowRoot!.activeElement, 'back in the comment').to.equal($(el, 'textarea'));
      // The form stays past the first deadline, and the warning comes again before the new one.
      await new Promise((resolve) => setTimeout(resolve, 1800));
      expect($(el, 'textarea'), 'still writing').to.exist;
      expect(resets).to.have.length(0);
      await until(() => scores(el).length === 5, 'reset at last', 5000);
      expect(resets).to.have.length(1);
      expect((resets[0] as CustomEvent).detail).to.deep.equal({ratingId: 'demo-rating'});
    });

    it('thanks, resets itself for the next patron and ignores mashing', async () => {
      const before = await summary(servers.api, 'demo-rating');
      const el = await kiosk();
      scores(el)[4]!.click();
      await until(() => status(el) === 'Thank you for your feedback!', 'thanked');
      expect(scores(el)).to.have.length(0);
      await until(() => scores(el).length === 5, 'back to the question', 5000);
      // Right after the reset the cool-down is still running: a mashed tap is ignored.
      scores(el)[4]!.click();
      await el.updateComplete;
      expect(scores(el)).to.have.length(5);
      // Once the cool-down is over, a tap counts again.
      await until(() => {
        scores(el)[3]?.click();
        return status(el).startsWith('Thank you');
      }, 'second patron thanked');
      await until(async () => (await summary(servers.api, 'demo-rating')).count === before.count + 2, 'two answers stored');
      const after = await summary(servers.api, 'demo-rating');
      expect(after.byChannel.kiosk!.count).to.equal(before.byChannel.kiosk!.count + 2);
    });

    it('lets staff out only with the PIN', async () => {
      const el = await kiosk();
      await until(() => $(el, '.staff-corner'), 'kiosk parts loaded');
      const corner = $<HTMLButtonElement>(el, '.staff-corner')!;
      corner.focus();
      await sendKeys({press: 'Enter'});
      await until(() => $<HTMLDialogElement>(el, 'dialog')?.open, 'PIN dialog open');
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, 'dialog input')!.focus();
      await sendKeys({type: '0000'});
      await sendKeys({press: 'Enter'});
      await until(() => $(el, 'dialog [role="alert"]')?.textContent === 'Wrong PIN.', 'wrong PIN refused');
      const exited = oneEvent(el, 'kirjasto-kiosk-exit');
      $<HTMLInputElement>(el, 'dialog input')!.focus();
      await sendKeys({type: '2468'});
      await sendKeys({press: 'Enter'});
      expect((await exited).detail).to.deep.equal({ratingId: 'demo-rating', rating: 'demo-rating'});
    });

    it('keeps every tap while the server is down and stores each exactly once when it is back', async () => {
      const api = servers.restartable;
      const before = await summary(api, 'demo-rating');
      const el = await rating('demo-rating', 'kiosk location="demo-central" reset-after="0.2" cooldown="0"', api);
      await controlServer('restartable', 'stop');
      const taps = 4;
      for (let i = 0; i < taps; i++) {
        await until(() => scores(el).length === 5, 'question shown');
        scores(el)[3 + (i % 2)]!.click();
        await until(() => status(el) === 'Thank you for your feedback!', 'thanked without an error');
      }
      await until(() => $(el, '[part="queue"]')?.textContent === `${taps} waiting to be sent`, 'staff sees the queue', 20_000);
      expect($(el, '[role="alert"]')).to.equal(null);
      await controlServer('restartable', 'start');
      window.dispatchEvent(new Event('online'));
      await until(() => !$(el, '[part="queue"]'), 'queue delivered', 20_000);
      const after = await summary(api, 'demo-rating');
      expect(after.count).to.equal(before.count + taps);
    });
  });
});

import {expect, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/poll/define.js';
import {upgradeLinks} from '../../src/shared/enhance.js';
import {newIdempotencyKey, randomToken, voterToken} from '../../src/shared/voter.js';
import type {KirjastoPoll} from '../../src/poll/poll.js';
import {$, $$, controlServer, mount, newPatron, serverResults, servers, unreachableApi, until, visibleText} from './helpers.js';

const poll = (id: string, extra = '', api = servers.api) => mount<KirjastoPoll>(`<kirjasto-poll api="${api}" poll="${id}" ${extra}></kirjasto-poll>`);
const status = (el: Element) => $(el, '[role="status"]')!.textContent!.trim();
const checkedIds = (el: Element) => $$<HTMLInputElement>(el, 'input:checked').map((input) => input.value);

describe('<kirjasto-poll>', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
  });

  it('is accessible while loading, open and after voting', async () => {
    const loading = document.createElement('kirjasto-poll');
    loading.setAttribute('api', servers.api);
    loading.setAttribute('poll', 'demo-poll');
    document.body.append(loading);
    await loading.updateComplete;
    await expect(loading).to.be.accessible();
    loading.remove();

    const el = await poll('demo-poll');
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, 'input')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until(() => $(el, '[part="results"]'), 'results shown');
    await expect(el).to.be.accessible();
  });

  it('votes with the keyboard alone and announces the results', async () => {
    const el = await poll('demo-poll');
    const submitted = oneEvent(el, 'kirjasto-submit');
    $<HTMLInputElement>(el, 'input')!.focus();
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'ArrowDown'});
    expect(checkedIds(el)).to.have.length(1);
    const chosen = checkedIds(el)[0];
    await sendKeys({press: 'Enter'});
    const {detail} = await submitted;
    await el.updateComplete;
    expect(detail).to.include({poll: 'demo-poll', queued: false});
    expect(detail.optionIds).to.deep.equal([chosen]);
    await until(() => $(el, '[part="results"]'), 'results shown');
    expect(status(el)).to.match(/^Thank you for your vote! Results: .+ \d+\s?%/);
    expect($(el, '[role="status"]')!.closest('[aria-live], [role="status"]')).to.exist;
    expect(visibleText(el)).to.include('(your choice)');
  });

  it('enforces the maximum number of choices', async () => {
    const el = await poll('demo-poll-multi');
    const boxes = $$<HTMLInputElement>(el, 'input[type="checkbox"]');
    expect(visibleText(el)).to.include('Choose up to 2.');
    boxes[0]!.focus();
    await sendKeys({press: 'Space'});
    await sendKeys({press: 'Tab'});
    await sendKeys({press: 'Space'});
    await el.updateComplete;
    expect(checkedIds(el)).to.have.length(2);
    expect(boxes[2]!.disabled).to.equal(true);
    boxes[2]!.click();
    await el.updateComplete;
    expect(checkedIds(el)).to.have.length(2);
    expect(visibleText(el)).to.include('That is the most you can choose.');
  });

  it('sends an "other" answer and shows it counted', async () => {
    const before = await serverResults(servers.api, 'demo-poll-multi');
    const el = await poll('demo-poll-multi');
    const other = $$<HTMLInputElement>(el, 'input[type="checkbox"]').at(-1)!;
    other.click();
    await el.updateComplete;
    const text = $<HTMLInputElement>(el, '.other input')!;
    text.focus();
    await sendKeys({type: 'Lukupiiri aikuisille'});
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until(() => $(el, '[part="results"]'), 'results shown');
    const after = await serverResults(servers.api, 'demo-poll-multi');
    expect(after.total).to.equal(before.total + 1);
  });

  it('asks for a choice instead of sending an empty vote', async () => {
    const el = await poll('demo-poll');
    let sent = false;
    el.addEventListener('kirjasto-submit', () => (sent = true));
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    expect($(el, '[role="alert"]')!.textContent).to.equal('Choose an option first.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'input'));
    expect(sent).to.equal(false);
  });

  it('sends a double-clicked vote once', async () => {
    const before = await serverResults(servers.api, 'demo-poll-multi');
    const el = await poll('demo-poll-multi');
    $<HTMLInputElement>(el, 'input')!.click();
    await el.updateComplete;
    const button = $<HTMLButtonElement>(el, 'button[type="submit"]')!;
    button.click();
    button.click();
    await until(() => $(el, '[part="results"]'), 'results shown');
    expect((await serverResults(servers.api, 'demo-poll-multi')).total).to.equal(before.total + 1);
  });

  it('keeps two instances of one poll in step', async () => {
    const wrapper = await mount<HTMLElement>(`<div>
      <kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll>
      <kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll></div>`);
    const [first, second] = [...wrapper.querySelectorAll('kirjasto-poll')] as KirjastoPoll[];
    await until(() => $(second!, 'form') && $(first!, 'form'), 'both loaded');
    $<HTMLInputElement>(first!, 'input')!.click();
    $<HTMLButtonElement>(first!, 'button[type="submit"]')!.click();
    await until(() => $(second!, '[part="results"]'), 'second instance shows results');
    expect($(second!, 'form')).to.equal(null);
  });

  it('remembers the vote after a reload and shows the results again', async () => {
    const el = await poll('demo-poll');
    $<HTMLInputElement>(el, 'input')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until(() => $(el, '[part="results"]'), 'results shown');
    el.remove();
    // A new page load: a fresh model reads the remembered vote and asks the server for results.
    const {pollModel} = await import('../../src/poll/poll-store.js');
    await pollModel(servers.api, 'demo-poll').remote.load(true);
    const again = await poll('demo-poll');
    expect($(again, 'form')).to.equal(null);
    expect($(again, '[part="results"]')).to.exist;
  });

  it('shows a closed poll with its results, and an upcoming one with its opening date', async () => {
    const closed = await poll('demo-poll-closed');
    expect(visibleText(closed)).to.include('This has closed.');
    expect($(closed, '[part="results"]')).to.exist;
    expect($(closed, 'form')).to.equal(null);
    await expect(closed).to.be.accessible();

    const upcoming = await poll('demo-poll-upcoming');
    expect(visibleText(upcoming)).to.match(/This opens on .+\d{4}/);
    await expect(upcoming).to.be.accessible();
  });

  it('says when results are not published', async () => {
    const el = await poll('demo-poll-hidden');
    $<HTMLInputElement>(el, 'input')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until(() => status(el).startsWith('Thank you'), 'thanked');
    expect(visibleText(el)).to.include('The results of this poll are not published.');
    expect($(el, '[part="results"]')).to.equal(null);
  });

  it('shows a clear error with a retry for an unknown poll', async () => {
    const el = document.createElement('kirjasto-poll');
    el.setAttribute('api', servers.api);
    el.setAttribute('poll', 'no-such-poll');
    const failed = oneEvent(el, 'kirjasto-error');
    document.body.append(el);
    const {detail} = await failed;
    expect(detail).to.include({type: 'not-found', status: 404});
    await el.updateComplete;
    expect($(el, '[role="alert"]')!.textContent).to.equal('This could not be found. It may have been removed.');
    expect($(el, 'button')!.textContent).to.equal('Try again');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('offers a retry when the server cannot be reached, and recovers', async () => {
    const el = await poll('demo-poll', '', unreachableApi);
    expect($(el, '[role="alert"]')!.textContent).to.equal('No connection to the server. Try again.');
    await expect(el).to.be.accessible();
    el.api = servers.api;
    await until(() => $(el, 'form'), 'loaded from the reachable server');
  });

  it('keeps a vote made offline and sends it, once, when the server is back', async () => {
    const before = await serverResults(servers.limited, 'demo-poll-multi');
    const el = await poll('demo-poll-multi', '', servers.limited);
    await controlServer('limited', 'stop');
    const submitted = oneEvent(el, 'kirjasto-submit');
    $<HTMLInputElement>(el, 'input')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    expect((await submitted).detail.queued).to.equal(true);
    await until(() => status(el) === 'Saved on this device. It will be sent when the connection returns.', 'queued message');
    expect($(el, '[role="alert"]')).to.equal(null);
    await expect(el).to.be.accessible();
    await controlServer('limited', 'start');
    await until(() => $(el, '[part="results"]'), 'delivered and results shown', 20_000);
    expect(status(el)).to.match(/^Thank you for your vote!/);
    expect((await serverResults(servers.limited, 'demo-poll-multi')).total).to.equal(before.total + 1);
  });

  it('keeps a vote the server asked to slow down, and says when reading is refused', async () => {
    // The limited server takes two writes a minute from one patron (voter token and address together).
    // This patron has sent two already (a web rating once a day: the second is refused, but counted).
    newPatron();
    for (let i = 0; i < 2; i++) {
      await fetch(`${servers.limited}/api/v1/ratings/demo-rating/responses`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Idempotency-Key': newIdempotencyKey()},
        body: JSON.stringify({responseId: randomToken(), score: 4, voter: voterToken(), channel: 'web'}),
      });
    }
    const slowed = await poll('demo-poll-multi', '', servers.limited);
    $<HTMLInputElement>(slowed, 'input')!.click();
    $<HTMLButtonElement>(slowed, 'button[type="submit"]')!.click();
    await until(() => $(slowed, '[part="results"]') || status(slowed).startsWith('Saved'), 'answered');
    expect(status(slowed)).to.equal('Saved on this device. It will be sent in a moment.');
    expect($(slowed, '[role="alert"]')).to.equal(null);
    await expect(slowed).to.be.accessible();

    let refused: HTMLElement | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const el = await mount<KirjastoPoll>(`<kirjasto-poll api="${servers.limited}" poll="demo-poll-upcoming-${i}"></kirjasto-poll>`);
      if ($(el, '[role="alert"]')?.textContent?.startsWith('Too many attempts')) refused = el;
    }
    expect(refused, 'a read was refused').to.exist;
    expect($(refused!, '[role="alert"]')!.textContent).to.match(/^Too many attempts from this network\. Try again in \d+ s\.$/);
    expect($(refused!, 'button')!.textContent).to.equal('Try again');
    await expect(refused!).to.be.accessible();
    await controlServer('limited', 'stop');
    await controlServer('limited', 'start');
  });

  it('re-renders in the language of <html lang>', async () => {
    const el = await poll('demo-poll');
    expect($(el, 'button[type="submit"]')!.textContent).to.equal('Vote');
    document.documentElement.lang = 'fi';
    await until(() => $(el, 'button[type="submit"]')!.textContent === 'Äänestä', 'Finnish UI');
    expect($(el, 'legend')!.textContent).to.match(/kirjasto/i);
    document.documentElement.lang = 'sv';
    await until(() => $(el, 'button[type="submit"]')!.textContent === 'Rösta', 'Swedish UI');
  });

  it('shows content in the nearest [lang], falling back through fi, sv, en', async () => {
    const wrapper = await mount<HTMLElement>(`<div lang="sv"><kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll></div>`);
    const el = wrapper.querySelector('kirjasto-poll')!;
    await until(() => $(el, 'legend'), 'loaded');
    expect($(el, 'legend span')!.getAttribute('lang')).to.equal('sv');
    const german = await mount<HTMLElement>(`<div lang="de"><kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll></div>`);
    const fallback = german.querySelector('kirjasto-poll')!;
    await until(() => $(fallback, 'legend'), 'loaded');
    expect(['fi', 'en']).to.include($(fallback, 'legend span')!.getAttribute('lang'));
  });

  it('upgrades a marked link to the standalone page into the element', async () => {
    const wrapper = await mount<HTMLElement>(`<p><a data-kirjasto href="${servers.api}/w/poll/demo-poll?channel=qr&location=demo-central">Vastaa kyselyyn</a></p>`);
    upgradeLinks(wrapper);
    const el = wrapper.querySelector('kirjasto-poll')!;
    expect(el).to.exist;
    expect(el.getAttribute('poll')).to.equal('demo-poll');
    expect(el.getAttribute('api')).to.equal(servers.api);
    expect(el.getAttribute('channel')).to.equal('qr');
    expect(el.getAttribute('location')).to.equal('demo-central');
    expect(el.querySelector('a')!.textContent).to.equal('Vastaa kyselyyn');
    await until(() => $(el, 'form'), 'upgraded element loaded');
  });

  it('fires no event when its poll is changed from code', async () => {
    const el = await poll('demo-poll');
    const events: string[] = [];
    for (const name of ['kirjasto-submit', 'kirjasto-error']) el.addEventListener(name, () => events.push(name));
    el.poll = 'demo-poll-multi';
    await until(() => $(el, 'input[type="checkbox"]'), 'switched poll');
    expect(events).to.deep.equal([]);
  });
});

import {expect} from '@open-wc/testing';
import '../../src/poll/define.js';
import {$, $$, newPatron, servers, until} from './helpers.js';

/** Uses up the current slice of time (8 ms): elements connected after this load in a later one. */
function spendSlice(): void {
  const end = performance.now() + 20;
  while (performance.now() < end) {
    // busy, as fifty upgrades in one task would be
  }
}

const makePoll = (id: string) => {
  const el = document.createElement('kirjasto-poll');
  el.setAttribute('api', servers.api);
  el.setAttribute('poll', id);
  return el;
};

describe('many elements connected in one task', () => {
  const originalFetch = window.fetch;
  let requested: string[];
  /** The abort signal of each poll's request; `demo-poll-multi`'s answer is held back 500 ms. */
  let signals: Map<string, AbortSignal>;
  let box: HTMLElement;

  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
    requested = [];
    signals = new Map();
    window.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      requested.push(url);
      const id = /\/polls\/([^/]+)$/.exec(url)?.[1];
      if (id && init?.signal) signals.set(id, init.signal);
      if (id === 'demo-poll-multi') await new Promise((resolve) => setTimeout(resolve, 500));
      return originalFetch(input, init);
    };
    box = document.createElement('div');
    document.body.append(box);
  });

  afterEach(() => {
    window.fetch = originalFetch;
    box.remove();
  });

  it('all load, those whose turn came in a later slice of time too', async () => {
    const first = makePoll('demo-poll');
    box.append(first);
    spendSlice();
    const rest = Array.from({length: 49}, (_, i) => makePoll(i % 2 ? 'demo-poll' : 'demo-poll-multi'));
    box.append(...rest);
    // Those past the slice connect in a later one, shadow root and all: upgrading them costs little.
    expect(rest.some((el) => el.shadowRoot), 'a shadow root before its turn').to.equal(false);
    await until(() => [first, ...rest].every((el) => $(el, 'form input:enabled')), 'every poll shows its form');
    expect($$(rest[0]!, 'input[type="checkbox"]').length).to.be.above(0);
    expect($$(rest[1]!, 'input[type="radio"]').length).to.be.above(0);
    // One request per poll shown, however many elements show it.
    expect(requested.filter((url) => /\/polls\/demo-poll$/.test(url))).to.have.length(1);
    expect(requested.filter((url) => /\/polls\/demo-poll-multi$/.test(url))).to.have.length(1);
  });

  it('an element removed before its turn to load starts no request and shows no content', async () => {
    const first = makePoll('demo-poll');
    box.append(first);
    spendSlice();
    const removed = makePoll('demo-poll-closed');
    box.append(removed);
    removed.remove();
    await until(() => $(first, 'form input:enabled'), 'the first poll shows its form');
    // Several tasks later, past any slice the removed element's connect could have waited for.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requested.some((url) => url.includes('demo-poll-closed')), 'no request for the removed poll').to.equal(false);
    expect(removed.shadowRoot, 'never connected: no shadow root, no content').to.equal(null);
  });

  it('an element moved while waiting for its turn counts once: leaving aborts its load', async () => {
    const first = makePoll('demo-poll');
    box.append(first);
    spendSlice();
    const moved = makePoll('demo-poll-multi');
    box.append(moved);
    moved.remove();
    box.prepend(moved);
    await until(() => signals.has('demo-poll-multi'), 'the poll moved requests its content');
    expect(requested.filter((url) => url.includes('demo-poll-multi'))).to.have.length(1);
    // Its only user leaves while the (slowed) request is on its way: the request is aborted. Had the
    // element been counted twice, one user would remain and the request would go on.
    moved.remove();
    expect(signals.get('demo-poll-multi')!.aborted, 'request aborted').to.equal(true);
  });
});

import {expect} from '@open-wc/testing';
import '../../src/poll/define.js';
import '../../src/rating/define.js';
import type {KirjastoPoll} from '../../src/poll/poll.js';
import {$, backOnline, changeQueued, countStoredWrites, mount, newPatron, openTab, queuedWrites, servers, until, whileDown} from './helpers.js';

const api = servers.offline;
const status = (el: Element) => $(el, '[part="status"]')?.textContent?.trim() ?? '';

async function voteIn(el: Element): Promise<void> {
  $<HTMLInputElement>(el, 'input')!.click();
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await until(() => status(el).startsWith('Saved on this device'), 'vote kept on the device');
}

describe('the outbox', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
  });

  it('sends a write queued while two tabs are open once, and both tabs show its outcome', async () => {
    const tab = await openTab('/src/poll/define.ts');
    tab.document.body.innerHTML = `<kirjasto-poll api="${api}" poll="demo-poll-multi"></kirjasto-poll>`;
    const other = tab.document.querySelector('kirjasto-poll')!;
    const el = await mount<KirjastoPoll>(`<kirjasto-poll api="${api}" poll="demo-poll-multi"></kirjasto-poll>`);
    await until(() => $(other, 'form'), 'the poll is shown in the second tab');
    const stored: string[] = [];
    countStoredWrites(window, stored);
    countStoredWrites(tab, stored);
    await whileDown('offline', () => voteIn(el));
    const [queued] = queuedWrites();
    backOnline(window);
    backOnline(tab);
    await until(() => $(el, '[part="results"]') && $(other, '[part="results"]'), 'both tabs show the results', 20_000);
    // Both tabs asked to deliver; once both have had their turn, count what reached the server.
    await navigator.locks.request('kirjasto-outbox', () => undefined);
    expect(stored.filter((key) => key === queued!.key)).to.have.length(1);
    tab.close();
  });

  it('leaves a poll votable, with a message, when its queued vote is refused while the poll is not shown', async () => {
    const tab = await openTab('/src/poll/define.ts');
    tab.document.body.innerHTML = `<kirjasto-poll api="${api}" poll="demo-poll"></kirjasto-poll>`;
    const other = tab.document.querySelector('kirjasto-poll')!;
    await until(() => $(other, 'form'), 'the poll is shown in the other page');
    await whileDown('offline', async () => {
      await voteIn(other);
      tab.close();
      // Meanwhile the library removed the option: the server will refuse the vote.
      changeQueued((vote) => ({...vote, optionIds: ['an-option-since-removed']}));
    });
    // A page that shows only a rating delivers what waits.
    await mount(`<kirjasto-rating api="${api}" rating="demo-stars"></kirjasto-rating>`);
    backOnline();
    await until(() => queuedWrites().length === 0, 'the vote was settled', 20_000);

    const el = await mount<KirjastoPoll>(`<kirjasto-poll api="${api}" poll="demo-poll"></kirjasto-poll>`);
    expect($(el, 'form'), 'the poll takes a vote again').to.exist;
    expect($(el, '[role="alert"]')!.textContent).to.equal(
      'Your answer saved on this device was not accepted. Your answer could not be accepted. Check it and try again.',
    );
    await expect(el).to.be.accessible();
  });
});

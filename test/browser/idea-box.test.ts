import {expect, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/idea-box/define.js';
import type {KirjastoIdeaBox} from '../../src/idea-box/idea-box.js';
import {voterToken} from '../../src/shared/voter.js';
import {$, $$, backOnline, changeQueued, moderate, mount, newPatron, servers, unreachableApi, until, visibleText, whileDown} from './helpers.js';

const ideaBox = (extra = '', id = 'demo-ideas') => mount<KirjastoIdeaBox>(`<kirjasto-idea-box api="${servers.api}" box="${id}" ${extra}></kirjasto-idea-box>`);
const status = (el: Element) => $(el, '[part="status"]')!.textContent!.trim();
const ideaTexts = (el: Element) => $$(el, '.idea-text').map((p) => p.textContent);
const listed = (el: Element) => until(() => $$(el, '[part~="idea"]').length > 0, 'ideas listed');

async function typeIdea(el: Element, text: string): Promise<void> {
  $<HTMLTextAreaElement>(el, 'textarea')!.focus();
  await sendKeys({type: text});
}

describe('<kirjasto-idea-box>', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'en';
  });

  it('is accessible with its form and list, and while loading', async () => {
    const loading = document.createElement('kirjasto-idea-box');
    loading.setAttribute('api', servers.api);
    loading.setAttribute('box', 'demo-ideas');
    document.body.append(loading);
    await loading.updateComplete;
    await expect(loading).to.be.accessible();
    loading.remove();
    const el = await ideaBox();
    await listed(el);
    await expect(el).to.be.accessible();
  });

  it('shows each idea with its status and the library\'s answer', async () => {
    const el = await ideaBox();
    await listed(el);
    const badges = $$(el, '[part~="badge"]').map((b) => b.textContent);
    for (const label of ['Planned', 'Done', 'Under consideration', 'Not going ahead']) expect(badges).to.include(label);
    expect($$(el, '[part~="answer"]').length).to.be.greaterThan(0);
    expect(visibleText(el)).to.include("Library's answer:");
    const counts = $$(el, '.supports').map((s) => Number(s.textContent));
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a), 'most supported first');
  });

  it('sends an idea typed with the keyboard and shows it on the list', async () => {
    const el = await ideaBox();
    await listed(el);
    const text = `Lukupiiri senioreille keskiviikkoisin ${Date.now()}`;
    await typeIdea(el, text);
    await until(() => new RegExp(`^${[...text].length} / \\d+ characters$`).test($(el, '#count')!.textContent!), 'live character count');
    await sendKeys({press: 'Tab'});
    await sendKeys({press: 'ArrowDown'});
    const submitted = oneEvent(el, 'kirjasto-submit');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.focus();
    await sendKeys({press: 'Enter'});
    const {detail} = await submitted;
    await el.updateComplete;
    expect(detail).to.include({box: 'demo-ideas', action: 'idea', queued: false});
    expect(status(el)).to.equal('Thank you! Your idea is now on the list.');
    expect(ideaTexts(el)).to.include(text);
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
  });

  it('marks an idea\'s text with the language it was sent in, as sent and as listed by the server', async () => {
    const el = await ideaBox();
    await listed(el);
    const text = `A reading circle in English on Mondays ${Date.now()}`;
    await typeIdea(el, text);
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => ideaTexts(el).includes(text), 'idea listed');
    const shown = (root: Element) => $$(root, '.idea-text').find((p) => p.textContent === text);
    expect(shown(el)!.getAttribute('lang'), 'sent from an English page').to.equal('en');
    el.remove();
    const {ideaBoxModel} = await import('../../src/idea-box/idea-box-store.js');
    await ideaBoxModel(servers.api, 'demo-ideas').load('newest', true);
    const again = await ideaBox();
    await until(() => shown(again), 'listed again');
    expect(shown(again)!.getAttribute('lang'), 'as the server lists it').to.equal('en');
    // Each idea in its own language, whatever the page's: the demo's Swedish idea on this English page.
    const swedish = $$(again, '.idea-text').find((p) => p.textContent!.startsWith('Fler böcker och tidningar på svenska'));
    expect(swedish?.getAttribute('lang'), 'an idea sent in Swedish').to.equal('sv');
    // Off the list again: the tests after this one find their own ideas on the first page by support.
    const id = shown(again)!.closest('[data-idea]')!.getAttribute('data-idea');
    expect((await moderate('POST', `/api/v1/admin/ideas/${id}/hide`, {})).status).to.equal(200);
  });

  it('invites the first idea in an empty box, and says when a sent idea waits for moderation', async () => {
    const el = await ideaBox('', 'demo-ideas-village');
    await until(() => visibleText(el).includes('No ideas yet. Yours could be the first!'), 'empty state');
    await expect(el).to.be.accessible();
    await typeIdea(el, 'Iltasatutunti lapsille kerran kuussa');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => status(el) === 'Thank you! Your idea will be visible after moderation.', 'moderation promised');
    expect($$(el, '[part~="idea"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('asks for a longer idea instead of sending a few characters', async () => {
    const el = await ideaBox();
    let sent = false;
    el.addEventListener('kirjasto-submit', () => (sent = true));
    await typeIdea(el, 'lyhyt');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await el.updateComplete;
    expect($(el, 'form [role="alert"]')!.textContent).to.equal('Write at least 10 characters.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
    expect(sent).to.equal(false);
  });

  it('supports an idea once, shows it pressed, and withdraws', async () => {
    const el = await ideaBox();
    await listed(el);
    const button = () => $$<HTMLButtonElement>(el, '[part~="support"]')[1]!;
    const count = () => Number(button().querySelector('.supports')!.textContent);
    const before = count();
    expect(button().getAttribute('aria-pressed')).to.equal('false');
    const ideaId = button().closest('[data-idea]')!.getAttribute('data-idea')!;
    button().click();
    await until(() => button().getAttribute('aria-pressed') === 'true', 'pressed');
    button().click();
    button().click();
    await until(async () => {
      const page = await (await fetch(`${servers.api}/api/v1/idea-boxes/demo-ideas/ideas?limit=50`, {headers: {'Kirjasto-Voter': voterToken()}})).json();
      const idea = page.ideas.find((i: {id: string}) => i.id === ideaId);
      return idea.supported === true && idea.supports === before + 1;
    }, 'the server counts one support');
    expect(count()).to.equal(before + 1);
    button().click();
    await until(() => button().getAttribute('aria-pressed') === 'false' && count() === before, 'withdrawn');
  });

  it('switches the order and shows more ideas, moving focus to the first new one', async () => {
    const el = await ideaBox();
    await listed(el);
    const newest = $$<HTMLButtonElement>(el, '.sort button')[1]!;
    newest.click();
    await until(() => newest.getAttribute('aria-pressed') === 'true' && $$(el, '[part~="idea"]').length > 0, 'newest first');
    const dates = $$(el, '[part~="idea"]').map((li) => li.getAttribute('data-idea'));
    expect(dates.length).to.be.greaterThan(0);
    const more = $<HTMLButtonElement>(el, 'button.more');
    if (!more) return; // fewer ideas than one page: nothing more to show
    const shown = $$(el, '[part~="idea"]').length;
    more.click();
    await until(() => $$(el, '[part~="idea"]').length > shown, 'more ideas');
    expect(el.shadowRoot!.activeElement).to.equal($$(el, '[part~="idea"]')[shown]);
  });

  it('shows patrons what the library decided', async () => {
    const el = await ideaBox('', 'demo-ideas');
    await listed(el);
    const text = `Pyöräparkki pääsisäänkäynnin viereen ${Date.now()}`;
    await typeIdea(el, text);
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => ideaTexts(el).includes(text), 'idea listed');
    const id = $$(el, '[part~="idea"]').find((li) => li.querySelector('.idea-text')!.textContent === text)!.getAttribute('data-idea');
    const answer = {fi: 'Pyöräparkki rakennetaan keväällä.', sv: 'Cykelparkeringen byggs i vår.', en: 'The bike park will be built in spring.'};
    const changed = await moderate('PATCH', `/api/v1/admin/ideas/${id}`, {status: 'planned', answer});
    expect(changed.status).to.equal(200);
    el.remove();
    const {ideaBoxModel} = await import('../../src/idea-box/idea-box-store.js');
    await ideaBoxModel(servers.api, 'demo-ideas').load('support', true);
    const again = await ideaBox();
    await listed(again);
    const item = $$(again, '[part~="idea"]').find((li) => li.getAttribute('data-idea') === id);
    expect(item, 'the idea is still listed').to.exist;
    expect(item!.querySelector('[part~="badge"]')!.textContent).to.equal('Planned');
    expect(item!.querySelector('[part~="answer"]')!.textContent).to.include('The bike park will be built in spring.');
  });

  it('renders hostile text inert, as text, without breaking the page', async () => {
    const hostile: {name: string; text: string; expect: string}[] = await (await fetch(new URL('../fixtures/hostile-ideas.json', import.meta.url))).json();
    // The offline test server issues form tokens usable at once: no waiting out the minimum age.
    const api = servers.offline;
    const box = await (await fetch(`${api}/api/v1/idea-boxes/demo-ideas`)).json();
    const stored: string[] = [];
    for (const [i, item] of hostile.entries()) {
      const response = await fetch(`${api}/api/v1/idea-boxes/demo-ideas/ideas`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Idempotency-Key': `hostile-${Date.now()}-${i}`},
        body: JSON.stringify({text: item.text, voter: voterToken(), channel: 'web', formToken: box.formToken, website: ''}),
      });
      expect(response.status, item.name).to.equal(item.expect === 'stored' ? 201 : 400);
      if (response.ok) stored.push((await response.json()).idea.text);
    }
    const wrapper = await mount<HTMLElement>(`<div style="inline-size: 320px"><kirjasto-idea-box api="${api}" box="demo-ideas"></kirjasto-idea-box></div>`);
    const el = wrapper.querySelector('kirjasto-idea-box')!;
    await until(() => $$(el, '[part~="idea"]').length > 0, 'listed');
    $$<HTMLButtonElement>(el, '.sort button')[1]!.click();
    await el.updateComplete;
    await until(() => $(el, '.ideas')!.getAttribute('aria-busy') === 'false', 'newest first');
    for (let i = 0; i < 5 && $(el, 'button.more'); i++) {
      const shown = $$(el, '[part~="idea"]').length;
      $<HTMLButtonElement>(el, 'button.more')!.click();
      await until(() => $$(el, '[part~="idea"]').length > shown, 'more');
    }
    const texts = ideaTexts(el);
    for (const text of stored) expect(texts, 'shown exactly as sent').to.include(text);
    for (const p of $$(el, '.idea-text')) expect(p.children.length, 'no markup inside an idea').to.equal(0);
    expect((window as unknown as {__pwned?: boolean}).__pwned).to.equal(undefined);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    for (const li of $$(el, '[part~="idea"]')) expect(li.scrollWidth, 'nothing overflows').to.be.at.most(li.clientWidth + 1);
    await expect(el).to.be.accessible();
    wrapper.remove();
  });
  it('shows a clear error with a retry for an unknown box, and when the server cannot be reached', async () => {
    const missing = await ideaBox('', 'no-such-box');
    expect($(missing, '[role="alert"]')!.textContent).to.equal('This could not be found. It may have been removed.');
    expect($(missing, 'button')!.textContent).to.equal('Try again');
    await expect(missing).to.be.accessible();
    const offline = await mount<KirjastoIdeaBox>(`<kirjasto-idea-box api="${unreachableApi}" box="demo-ideas"></kirjasto-idea-box>`);
    expect($(offline, '[role="alert"]')!.textContent).to.equal('No connection to the server. Try again.');
    await expect(offline).to.be.accessible();
  });

  it('fires no event when its box is changed from code', async () => {
    const el = await ideaBox();
    const events: string[] = [];
    for (const name of ['kirjasto-submit', 'kirjasto-error']) el.addEventListener(name, () => events.push(name));
    el.box = 'demo-ideas-village';
    await until(() => visibleText(el).includes('No ideas yet'), 'switched box');
    expect(events).to.deep.equal([]);
  });

  describe('with writes that waited on the device', () => {
    const offlineBox = (id = 'demo-ideas') => mount<KirjastoIdeaBox>(`<kirjasto-idea-box api="${servers.offline}" box="${id}"></kirjasto-idea-box>`);

    it('keeps an idea sent offline, then gives it back with a fresh form when the server refuses it', async () => {
      const el = await offlineBox();
      await listed(el);
      const text = `Lainattavia soittimia nuorille ${Date.now()}`;
      const boxLoads: string[] = [];
      const original = window.fetch;
      window.fetch = (input, init) => {
        if (String(input).endsWith('/api/v1/idea-boxes/demo-ideas')) boxLoads.push(String(input));
        return original(input, init);
      };
      try {
        await whileDown('offline', async () => {
          await typeIdea(el, text);
          $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
          await until(() => status(el) === 'Saved on this device. It will be sent when the connection returns.', 'idea kept on the device');
          expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
          await expect(el).to.be.accessible();
          // Days pass: the form token it carries expires.
          changeQueued((idea) => ({...idea, formToken: `${(Date.now() - 20 * 86_400_000).toString(36)}.${'A'.repeat(24)}`}));
        });
        backOnline();
        await until(() => $(el, 'form [role="alert"]'), 'the refusal is shown', 20_000);
        expect($(el, 'form [role="alert"]')!.textContent).to.match(/^Your answer saved on this device was not accepted\. /);
        expect($<HTMLTextAreaElement>(el, 'textarea')!.value, 'the text is back in the form').to.equal(text);
        await until(() => boxLoads.length > 0, 'a fresh form token was fetched');
        await expect(el).to.be.accessible();
      } finally {
        window.fetch = original;
      }
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await until(() => status(el) === 'Thank you! Your idea is now on the list.', 'sent again with the fresh token');
      expect(ideaTexts(el)).to.include(text);
    });

    it('takes back a support that waited on the device when its idea was hidden meanwhile', async () => {
      const el = await offlineBox();
      await listed(el);
      const idea = $$(el, '[part~="idea"]').at(-1)!;
      const id = idea.getAttribute('data-idea')!;
      const button = () => $(el, `[data-idea="${id}"] [part~="support"]`);
      const before = Number(button()!.querySelector('.supports')!.textContent);
      expect((await moderate('POST', `/api/v1/admin/ideas/${id}/hide`, {}, 'offline')).status).to.equal(200);
      await whileDown('offline', async () => {
        button()!.click();
        await until(() => button()?.getAttribute('aria-pressed') === 'true', 'pressed at once');
      });
      backOnline();
      await until(() => $(el, '[role="alert"]'), 'the refusal is shown', 20_000);
      expect($(el, '[role="alert"]')!.textContent).to.equal('Your answer saved on this device was not accepted. This could not be found. It may have been removed.');
      await until(() => !button() || (button()!.getAttribute('aria-pressed') === 'false' && Number(button()!.querySelector('.supports')!.textContent) === before), 'no longer counted as supported');
      await expect(el).to.be.accessible();
    });
  });
});

// Northern Sami (se) and plain Finnish (fi-x-selko): the UI strings that have a vetted source or a
// selkokieli version show in them; every other string shows in Finnish, never in English.
import {expect} from '@open-wc/testing';
import '../../src/poll/define.js';
import '../../src/idea-box/define.js';
import '../../src/rating/define.js';
import {templates as samiStrings} from '../../src/generated/locales/all/se.js';
import {contentLanguages} from '../../src/shared/config.js';
import {uiLocale, uiLocaleFor} from '../../src/shared/i18n.js';
import {$, $$, mount, newPatron, servers, unreachableApi, until, visibleText} from './helpers.js';

const status = (el: Element) => $(el, '[role="status"]')?.textContent?.trim() ?? '';
const submit = (el: Element) => $<HTMLButtonElement>(el, 'button[type="submit"]')!;
/**
 * English UI strings of the poll and idea box that must never show on a Sami or plain-Finnish page (the
 * demo content has English texts of its own, which content-language rules may pick).
 */
const ENGLISH = /\b(Vote|Choose an option|Results:|Thank you for your vote|Newest|Most supported|Send idea|Your idea|Category|No connection|Try again)\b/;

/** The Sami UI strings (those without placeholders): all a Sami locale module holds are translations. */
const SAMI = Object.values(samiStrings).filter((t): t is string => typeof t === 'string');
const isSami = (text: string) => SAMI.some((t) => text === t || text.startsWith(`${t} `));

/**
 * Each text of an element's shadow root with the language it is marked in: that of its nearest `lang`
 * in the shadow root, `undefined` where it would take the page's.
 */
function textLangs(el: Element): {text: string; lang: string | undefined; in: Element}[] {
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  const found: {text: string; lang: string | undefined; in: Element}[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent!.replace(/\s+/g, ' ').trim();
    const parent = node.parentElement!;
    if (text && !parent.closest('style')) found.push({text, lang: parent.closest<HTMLElement>('[lang]')?.lang, in: parent});
  }
  return found;
}

/**
 * On a Sami page (the demo content has no Sami, so content shows in Finnish), every text says its own
 * language: the Sami UI strings `se`, everything else (the Finnish ones and the Finnish content) `fi`,
 * but the patrons' ideas, which are in the language each was sent in.
 */
function expectEachTextMarked(el: Element, shows: string[]): void {
  const texts = textLangs(el);
  for (const {text, lang, in: parent} of texts) {
    const expected = parent.closest('.idea-text') ? parent.closest('.idea-text')!.getAttribute('lang') : isSami(text) ? 'se' : 'fi';
    expect(lang, `the language of "${text}"`).to.equal(expected);
  }
  for (const sami of shows) expect(texts.filter(({text}) => text.startsWith(sami)).map(({lang}) => lang), `"${sami}" shown, marked`).to.deep.equal(['se']);
}

async function mountIn(lang: string, markup: string, shows: string) {
  document.documentElement.lang = lang;
  const el = await mount(markup);
  // The locale module loads after the first render; wait until it is active and the page's language shows.
  await until(() => uiLocale() === lang, `the ${lang} UI locale loaded`);
  await until(() => visibleText(el).includes(shows), `"${shows}" on a lang="${lang}" page: ${visibleText(el)}`);
  return el;
}

describe('UI languages', () => {
  beforeEach(() => newPatron());
  after(() => {
    document.documentElement.lang = 'en';
  });

  it('shows Northern Sami where a string is sourced and Finnish elsewhere on a lang="se" page', async () => {
    const poll = await mountIn('se', `<kirjasto-poll api="${servers.api}" poll="demo-poll-multi"></kirjasto-poll>`, 'Äänestä');
    expect(submit(poll).textContent!.trim()).to.equal('Äänestä');
    submit(poll).click();
    await until(() => status(poll) || $(poll, '[role="alert"]'), 'a message for an empty vote');
    expect(visibleText(poll)).to.include('Valitse ensin vaihtoehto.');

    $$<HTMLInputElement>(poll, 'input[type="checkbox"]')[0]!.click();
    submit(poll).click();
    await until(() => $(poll, '[part="results"]'), 'results shown');
    expect(status(poll)).to.match(/^Giitu, du jietna lea registrerejuvvon. Bohtosat: .+/);
    // Chromium's ICU has no Sami number formats: percentages come out Finnish ("40 %"), not American ("40%").
    expect(status(poll)).to.match(/\d\s%/);
    expect(visibleText(poll)).to.include('Eará');
    expect(visibleText(poll)).not.to.match(ENGLISH);
    await expect(poll).to.be.accessible();

    const box = await mountIn('se', `<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`, 'Lähetä idea');
    expect(visibleText(box)).to.include('Ođđaseamos');
    expect(visibleText(box)).to.include('Kategoriija (eaktodáhtolaš)');
    expect(visibleText(box)).to.include('Eniten kannatettu');
    expect(visibleText(box)).not.to.match(ENGLISH);

    const offline = await mountIn('se', `<kirjasto-poll api="${unreachableApi}" poll="demo-poll"></kirjasto-poll>`, 'Ii čatnašuvvan.');
    expect($(offline, 'button')!.textContent!.trim()).to.equal('Geahččal ođđasit');
  });

  it('marks each text of a lang="se" page with its language: the Sami strings se, the Finnish ones and the content fi', async () => {
    const poll = await mountIn('se', `<kirjasto-poll api="${servers.api}" poll="demo-poll-multi"></kirjasto-poll>`, 'Äänestä');
    expectEachTextMarked(poll, []);
    $$<HTMLInputElement>(poll, 'input[type="checkbox"]')[0]!.click();
    submit(poll).click();
    await until(() => $(poll, '[part="results"]') && status(poll), 'results shown');
    expectEachTextMarked(poll, ['Giitu, du jietna lea registrerejuvvon. Bohtosat:', 'Eará']);
    await expect(poll).to.be.accessible();

    const box = await mountIn('se', `<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`, 'Lähetä idea');
    await until(() => $$(box, '[part~="idea"]').length, 'ideas shown');
    expectEachTextMarked(box, ['Kategoriija (eaktodáhtolaš)', 'Ođđaseamos']);

    const rating = await mountIn('se', `<kirjasto-rating api="${servers.api}" rating="demo-rating"></kirjasto-rating>`, '');
    await until(() => $$(rating, '[part~="score"]').length, 'scale shown');
    $<HTMLButtonElement>(rating, '[part~="score"]')!.click();
    await until(() => $(rating, 'textarea'), 'comment offered after a low score');
    expectEachTextMarked(rating, ['Sádde']);

    const offline = await mountIn('se', `<kirjasto-poll api="${unreachableApi}" poll="demo-poll"></kirjasto-poll>`, 'Ii čatnašuvvan.');
    expectEachTextMarked(offline, ['Ii čatnašuvvan.', 'Geahččal ođđasit']);
    await expect(offline).to.be.accessible();
  });

  it('marks its strings with the UI language on a page in a language it has no UI in', async () => {
    document.documentElement.lang = 'de';
    const box = await mount(`<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`);
    await until(() => uiLocale() === 'en' && visibleText(box).includes('Send idea'), 'English on a German page');
    expect($(box, '[part~="submit"]')!.matches(':lang(en)'), 'the button says it is in English').to.equal(true);
  });

  it('shows plain Finnish on a lang="fi-x-selko" page, and Finnish where no plain version is written', async () => {
    const poll = await mountIn('fi-x-selko', `<kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll>`, 'Äänestä');
    expect(submit(poll).textContent!.trim()).to.equal('Äänestä');
    submit(poll).click();
    await until(() => visibleText(poll).includes('Valitse ensin vastaus.'), 'the plain-Finnish message for an empty vote');
    $$<HTMLInputElement>(poll, 'input[type="radio"]')[0]!.click();
    submit(poll).click();
    await until(() => $(poll, '[part="results"]'), 'results shown');
    expect(status(poll)).to.match(/^Kiitos, että äänestit! Tulokset: /);
    await expect(poll).to.be.accessible();
  });

  it('maps language tags to UI locales and keeps the plain-Finnish content texts before the Finnish ones', () => {
    expect(uiLocaleFor('se')).to.equal('se');
    expect(uiLocaleFor('se-FI')).to.equal('se');
    expect(uiLocaleFor('sme')).to.equal('se');
    expect(uiLocaleFor('fi-x-selko')).to.equal('fi-x-selko');
    expect(uiLocaleFor('FI-X-SELKO')).to.equal('fi-x-selko');
    expect(uiLocaleFor('fi-FI')).to.equal('fi');
    expect(uiLocaleFor('smn')).to.equal('fi');
    expect(uiLocaleFor('de')).to.equal('en');

    const plain = document.createElement('div');
    plain.lang = 'fi-x-selko';
    document.body.append(plain);
    expect(contentLanguages(plain).slice(0, 2)).to.deep.equal(['fi-x-selko', 'fi']);
    plain.lang = 'se';
    expect(contentLanguages(plain)[0]).to.equal('se');
    expect(contentLanguages(plain)).to.include.members(['fi', 'sv', 'en']);
    plain.remove();
  });
});

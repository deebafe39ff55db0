import {expect} from '@open-wc/testing';
import '../../src/idea-box/define.js';
import '../../src/poll/define.js';
import {$, $$, mount, newPatron, servers, until} from './helpers.js';

// A page in Northern Sami: the demo content has no Sami, so it falls back to Finnish, which Sami readers
// in Finland read (before the browser's language), and must say which language each text really is in.
const fallback = 'fi';
describe('content in a language the page is not in', () => {
  beforeEach(() => {
    newPatron();
    document.documentElement.lang = 'se';
  });
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('labels the poll question and options with the language they are in', async () => {
    const el = await mount(`<kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll>`);
    await until(() => $$(el, 'input[type="radio"]').length > 0, 'options shown');
    const labelled = $$(el, 'span[lang]').map((span) => span.getAttribute('lang'));
    expect(labelled.length).to.be.greaterThan(1);
    expect(labelled).to.deep.equal(labelled.map(() => fallback));
  });

  it('labels the idea box categories with the language they are in', async () => {
    const el = await mount(`<kirjasto-idea-box api="${servers.api}" box="demo-ideas"></kirjasto-idea-box>`);
    await until(() => $$(el, 'select option').length > 1, 'categories shown');
    const options = $$(el, 'select option').slice(1);
    expect(options.map((o) => o.getAttribute('lang'))).to.deep.equal(options.map(() => fallback));
    expect($(el, 'select option')!.hasAttribute('lang')).to.equal(false); // "No category" is the UI's own words
  });
});

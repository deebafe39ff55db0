// A host app that uses @lit/localize itself configures it before our elements are registered.
import {configureLocalization} from '@lit/localize';
import {expect} from '@open-wc/testing';
import {$, mount, newPatron, servers, until} from './helpers.js';

configureLocalization({sourceLocale: 'en', targetLocales: ['fi'], loadLocale: async () => ({templates: {}})});

describe('in a page whose app configured @lit/localize first', () => {
  beforeEach(() => newPatron());

  it('registers the elements, which work with their source strings (Finnish)', async () => {
    document.documentElement.lang = 'fi';
    await import('../../src/poll/define.js');
    await import('../../src/rating/define.js');
    await import('../../src/idea-box/define.js');
    expect(customElements.get('kirjasto-poll')).to.exist;
    const el = await mount(`<kirjasto-poll api="${servers.api}" poll="demo-poll"></kirjasto-poll>`);
    expect($(el, 'button[type="submit"]')!.textContent).to.equal('Äänestä');
    $<HTMLInputElement>(el, 'input')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until(() => $(el, '[part="results"]'), 'voted');
    await expect(el).to.be.accessible();
  });
});

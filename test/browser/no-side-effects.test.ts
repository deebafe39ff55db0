import {expect} from '@open-wc/testing';

// Only calls made by our code or its libraries count, not the test runner's own.
const ours = () => /\/src\/|\/node_modules\/(lit|lit-html|lit-element|@lit|nanostores)\//.test(new Error().stack ?? '');

function record<T extends object>(target: T, name: keyof T & string, calls: string[]): () => void {
  const original = target[name] as (...args: unknown[]) => unknown;
  (target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    if (ours()) calls.push(`${name}(${String(args[0]).slice(0, 40)})`);
    return original.apply(this, args);
  };
  return () => ((target as Record<string, unknown>)[name] = original);
}

describe('importing kirjasto-widgets (the classes)', () => {
  it('registers nothing and starts nothing: no element, listener, timer or localization', async () => {
    localStorage.clear();
    const calls: string[] = [];
    const restore = [
      record(window, 'addEventListener', calls),
      record(document, 'addEventListener', calls),
      record(window, 'setTimeout', calls),
      record(window, 'setInterval', calls),
      record(customElements, 'define', calls),
    ];
    let widgets: typeof import('../../src/index.js');
    try {
      widgets = await import('../../src/index.js');
    } finally {
      for (const undo of restore) undo();
    }
    expect(calls).to.deep.equal([]);
    expect(widgets.KirjastoPoll).to.be.a('function');
    for (const tag of ['kirjasto-poll', 'kirjasto-rating', 'kirjasto-idea-box']) expect(customElements.get(tag), tag).to.equal(undefined);
    expect(localStorage.getItem('kirjasto.voter'), 'no voter token made').to.equal(null);
    // @lit/localize is still unconfigured: the host page may set it up itself.
    const {configureLocalization} = await import('@lit/localize');
    expect(() => configureLocalization({sourceLocale: 'en', targetLocales: [], loadLocale: async () => ({templates: {}})})).not.to.throw();
  });
});

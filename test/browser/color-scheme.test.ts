// Light or dark follows the host page, in a browser that prefers dark: a page that declares no
// `color-scheme` gets the light widgets, one that declares it gets what it declares, `theme` pins it.
import {expect} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import '../../src/poll/define.js';
import {$, mount, newPatron, servers} from './helpers.js';

const light = 'rgb(255, 255, 255)';
const dark = 'rgb(27, 31, 36)';
const surface = async (theme = '') => {
  const el = await mount<HTMLElement>(`<kirjasto-poll api="${servers.api}" poll="demo-poll" ${theme}></kirjasto-poll>`);
  const background = getComputedStyle($(el, '[part~="base"]')!).backgroundColor;
  el.remove();
  return background;
};

describe('colour scheme', () => {
  beforeEach(async () => {
    newPatron();
    await emulateMedia({colorScheme: 'dark'});
  });
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await emulateMedia({colorScheme: 'light'});
  });

  it('is light on a page that declares no color-scheme, even in a dark-mode browser', async () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    expect(await surface()).to.equal(light);
  });

  it('follows a page that declares color-scheme: light dark, or dark', async () => {
    document.documentElement.style.colorScheme = 'light dark';
    expect(await surface()).to.equal(dark);
    document.documentElement.style.colorScheme = 'dark';
    expect(await surface()).to.equal(dark);
    await emulateMedia({colorScheme: 'light'});
    expect(await surface(), 'dark, as the page says, in a light-mode browser').to.equal(dark);
    document.documentElement.style.colorScheme = 'light dark';
    expect(await surface()).to.equal(light);
  });

  it('is pinned by the theme attribute whatever the page says', async () => {
    expect(await surface('theme="dark"')).to.equal(dark);
    document.documentElement.style.colorScheme = 'dark';
    expect(await surface('theme="light"')).to.equal(light);
  });

  it('keeps the demo news page light in a dark-mode browser', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/demo/news.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
    const page = frame.contentDocument!;
    expect(getComputedStyle(page.body).colorScheme).to.equal('normal');
    expect(getComputedStyle(page.body).backgroundColor).not.to.equal('rgb(0, 0, 0)');
    frame.remove();
  });
});

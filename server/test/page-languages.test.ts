import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {TextSchema} from '../src/http/contract.js';
import {libraryLanguages} from '../src/pages/lang.js';
import {insertPoll} from '../src/polls/store.js';
import {setUp, STORES} from './helpers.js';

// Words only English pages have: a Sami or plain-Finnish page falls back to Finnish, never to these.
const ENGLISH = /\b(Vote|Send idea|Your idea|Results|Back to the|Thank you for your)\b/;

describe.each(STORES)('standalone pages in Northern Sami and plain Finnish on $name', (kind) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${env.url}${path}`, {headers});
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    env = await setUp(kind);
  });
  afterAll(() => env?.tearDown());

  it('shows ?lang=se pages in Sami where a word is sourced and in Finnish elsewhere', async () => {
    const poll = await page('/w/poll/demo-poll-multi?lang=se');
    // Most of a Sami page's words are still Finnish, and Finnish is never labelled Sami (issue 12).
    expect(poll).toMatch(/^<!doctype html>\n<html lang="fi">/);
    expect(poll).toContain('Äänestä');
    expect(poll).toContain('Valitse enintään 2 vaihtoehtoa.');
    expect(poll).not.toMatch(ENGLISH);
    const thanks = await page('/w/poll/demo-poll-multi?voted=1&lang=se');
    expect(thanks).toContain('<h2><span lang="se">Bohtosat</span> · ');
    expect(thanks).toContain('Giitu, du jietna lea registrerejuvvon.');
    expect(thanks).not.toMatch(ENGLISH);

    const ideas = await page('/w/ideas/demo-ideas?lang=se');
    expect(ideas).toMatch(/<html lang="fi">/);
    expect(ideas).toContain('Geargan');
    expect(ideas).toContain('Ođđa');
    expect(ideas).toContain('Harkinnassa');
    expect(ideas).toContain('Lähetä idea');
    expect(ideas).not.toMatch(ENGLISH);

    const rating = await page('/w/rating/demo-rating?lang=se');
    expect(rating).toContain('Sádde');
    expect(rating).not.toMatch(ENGLISH);
  });

  it("labels the kiosk's Finnish stand-in words on its Sami page, which stays lang=se for the widget on it (WCAG 3.1.2)", async () => {
    const kiosk = await page('/kiosk/demo-rating?lang=se');
    expect(kiosk).toMatch(/^<!doctype html>\n<html lang="se">/);
    expect(kiosk).toContain('<h2 id="kiosk-staff-title"><span lang="fi">Henkilökunta</span></h2>');
    expect(kiosk).toContain('<dt><span lang="fi">Lähettämättä jonossa</span></dt>');
    expect(kiosk).toContain('data-action="reload"><span lang="fi">Lataa uudelleen</span></button>');
    expect(kiosk).toMatch(/<p id="kiosk-unregistered" role="alert" hidden><span lang="fi">Tätä kioskia/);
    expect(kiosk).toContain('<nav aria-label="Giella">'); // a Sami word, in a Sami page
    expect(await page('/kiosk/demo-rating?lang=fi')).not.toContain('<span lang="fi">');
  });

  it('labels each Sami word of a Sami page, whose other words and so the page are Finnish, and content in another language with its own (WCAG 3.1.2)', async () => {
    const samiSpans = (html: string) => [...html.matchAll(/<span lang="se">([^<]*)<\/span>/g)].map((m) => m[1]);
    const thanks = await page('/w/poll/demo-poll-multi?voted=1&lang=se');
    expect(thanks).toContain('<p role="status"><span lang="se">Giitu, du jietna lea registrerejuvvon.</span></p>');
    expect(samiSpans(thanks)).toEqual(['Giitu, du jietna lea registrerejuvvon.', 'Bohtosat']);
    const rating = await page('/w/rating/demo-rating?lang=se');
    expect(rating).toContain('<button type="submit"><span lang="se">Sádde</span></button>');
    expect(samiSpans(await page('/w/ideas/demo-ideas?lang=se'))).toEqual(expect.arrayContaining(['Geargan', 'Ođđa']));
    // Finnish words are never labelled Sami
    const poll = await page('/w/poll/demo-poll-multi?lang=se');
    expect(samiSpans(poll)).toEqual([]);
    expect(poll).toContain('<button type="submit">Äänestä</button>');
    // the same words on a Finnish page carry no label of their own
    expect(await page('/w/poll/demo-poll-multi?voted=1&lang=fi')).not.toContain('lang="se"');

    // a question only in Finnish: unlabelled on the Sami page (Finnish like the page), labelled elsewhere; one only in Swedish: labelled on the Sami page
    const yesterday = new Date(Date.now() - 86_400_000);
    await insertPoll(env.store.db, {id: 'lang-fi-only', tenantId: 'demo', question: {fi: 'Vain suomeksi?'}, options: [{id: 'a', label: {fi: 'Kyllä'}}], opensAt: yesterday});
    await insertPoll(env.store.db, {id: 'lang-sv-only', tenantId: 'demo', question: {sv: 'Bara på svenska?'}, options: [{id: 'a', label: {sv: 'Ja'}}], opensAt: yesterday});
    await insertPoll(env.store.db, {id: 'lang-later', tenantId: 'demo', question: {fi: 'Myöhemmin?'}, options: [{id: 'a', label: {fi: 'Kyllä'}}], opensAt: new Date('2030-12-15T10:00:00Z')});
    await expect.poll(() => page('/w/poll/lang-fi-only?lang=se')).toContain('<legend><h1>Vain suomeksi?</h1></legend>');
    expect(await page('/w/poll/lang-fi-only?lang=se')).toMatch(/<input type="radio" name="optionIds" value="a"> Kyllä<\/label>/);
    expect(await page('/w/poll/lang-fi-only?lang=sv')).toContain('<legend><h1><span lang="fi">Vain suomeksi?</span></h1></legend>');
    expect(await page('/w/poll/lang-fi-only?lang=fi-x-selko')).toContain('<legend><h1><span lang="fi">Vain suomeksi?</span></h1></legend>');
    expect(await page('/w/poll/lang-sv-only?lang=se')).toContain('<legend><h1><span lang="sv">Bara på svenska?</span></h1></legend>');
    expect(await page('/w/poll/lang-sv-only?lang=se')).toContain('<span lang="sv">Ja</span>');
    // a date in a Finnish sentence is a Finnish date on a Sami page
    const later = await page('/w/poll/lang-later?lang=se');
    expect(later).toContain('Tämä kysely avautuu 15. joulukuuta 2030');
    expect(later).not.toContain('juovlamánnu');
  });

  it('takes Northern Sami from Accept-Language too', async () => {
    const ideas = await page('/w/ideas/demo-ideas', {'Accept-Language': 'se-FI,se;q=0.9,en;q=0.5'});
    expect(ideas).toMatch(/<html lang="fi">/);
    expect(ideas).toContain('Geargan');
  });

  it('shows ?lang=fi-x-selko pages in plain Finnish, with the Finnish question when it has no plain version', async () => {
    const poll = await page('/w/poll/demo-poll-multi?lang=fi-x-selko');
    expect(poll).toContain('Voit valita enintään 2 vastausta.');
    expect(poll).toContain('Muu vastaus. Kirjoita se tähän.');
    const ideas = await page('/w/ideas/demo-ideas?lang=fi-x-selko');
    expect(ideas).toMatch(/<html lang="fi-x-selko">/);
    expect(ideas).toContain('Kirjasto miettii tätä');
    expect(ideas).toContain('Sähköposti tai puhelinnumero (ei pakollinen)');
    expect(ideas).toContain('Lähetä idea');
    expect(ideas).not.toContain('Harkinnassa');
    expect(ideas).not.toMatch(ENGLISH);

    const standard = await page('/w/poll/demo-poll?lang=fi');
    const plain = await page('/w/poll/demo-poll?lang=fi-x-selko');
    const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1];
    expect(title(plain)).toBe(title(standard));
  });

  it('shows a plain-Finnish content text on a fi-x-selko page and the Finnish one elsewhere', async () => {
    await env.store.db.query(`update polls set question = question || '{"fi-x-selko": "Mitä haluat kirjastoon?"}'::jsonb where id = 'demo-poll'`);
    // The change reaches the server's content cache through NOTIFY, a moment after the commit.
    await expect.poll(() => page('/w/poll/demo-poll?lang=fi-x-selko')).toContain('<title>Mitä haluat kirjastoon?</title>');
    expect(await page('/w/poll/demo-poll?lang=fi')).not.toContain('Mitä haluat kirjastoon?');
    expect(await page('/w/poll/demo-poll?lang=se')).not.toContain('Mitä haluat kirjastoon?');
  });

  it('prints a plain-Finnish poster when asked, and fi, sv and en by default', async () => {
    const plain = await page('/w/poll/demo-poll/poster?lang=fi-x-selko');
    expect(plain).toMatch(/<html lang="fi-x-selko">/);
    expect(plain).toContain('Kuvaa QR-koodi puhelimen kameralla');
    const standard = await page('/w/poll/demo-poll/poster');
    expect(standard).toContain('Skannaa QR-koodi puhelimesi kameralla');
    expect(standard).not.toContain('lang="fi-x-selko"');
    expect(standard).not.toContain('lang="se"');
  });

  it('accepts plain-Finnish and Sami keys in content texts', () => {
    expect(TextSchema.safeParse({fi: 'Kysymys', 'fi-x-selko': 'Helppo kysymys', se: 'Gažaldat'}).success).toBe(true);
    expect(TextSchema.safeParse({'fi-x-': 'x'}).success).toBe(false);
    expect(TextSchema.safeParse({'x-selko': 'x'}).success).toBe(false);
  });

  it('offers Sami and plain Finnish on the kiosk only when the library turned them on', async () => {
    expect(await libraryLanguages(env.store.db, 'demo')).toEqual(['fi', 'sv', 'en']);
    const before = await page('/kiosk/demo-rating');
    expect(before).not.toContain('Davvisámegiella');
    expect(before).not.toContain('Selkosuomi');

    await env.store.db.query(`update tenants set languages = '{fi,fi-x-selko,sv,se}' where id = 'demo'`);
    expect(await libraryLanguages(env.store.db, 'demo')).toEqual(['fi', 'fi-x-selko', 'sv', 'se']);
    const after = await page('/kiosk/demo-rating?lang=se');
    expect(after).toMatch(/<html lang="se">/);
    expect(after).toContain('<nav aria-label="Giella">');
    expect(after).toContain('<button type="button" data-lang="se" lang="se" aria-pressed="true">Davvisámegiella</button>');
    expect(after).toContain('<button type="button" data-lang="fi-x-selko" lang="fi-x-selko" aria-pressed="false">Selkosuomi</button>');
    expect(after).not.toContain('data-lang="en"');
    await env.store.db.query(`update tenants set languages = '{}' where id = 'demo'`);
  });
});

import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ADMIN_EMAIL, demoEmail, json, setUpAdmin, signIn, type Staff} from './admin-helpers.js';
import {expectProblem, STORES} from './helpers.js';

interface Settings {
  id: string;
  name: Record<string, string>;
  defaultLanguage: string;
  languages: string[];
  timeZone: string;
  brandColor: string | null;
  logoUrl: string | null;
  allowedOrigins: string[];
}

describe.each(STORES)('tenant settings ($name)', (kind) => {
  let env: Awaited<ReturnType<typeof setUpAdmin>>;
  let owner: Staff;
  let editor: Staff;
  const read = async (who: Staff = owner) => {
    const response = await who.call('GET', 'tenants/demo');
    return {settings: await json<Settings>(response, 200), etag: response.headers.get('etag')!};
  };
  beforeAll(async () => {
    env = await setUpAdmin(kind);
    owner = await signIn(env.url, demoEmail('owner'));
    editor = await signIn(env.url, demoEmail('editor'));
  });
  afterAll(() => env?.tearDown());

  it('reads the settings with their defaults and ETag, for every member of the library', async () => {
    const {settings, etag} = await read();
    expect(settings).toMatchObject({id: 'demo', defaultLanguage: 'fi', languages: ['fi', 'sv', 'en'], timeZone: 'Europe/Helsinki', brandColor: null, logoUrl: null});
    expect(Object.keys(settings.name)).toEqual(['fi']);
    expect(etag).toMatch(/^"v\d+"$/);
    expect((await read(editor)).settings).toEqual(settings);
    // The same version as the allowed origins'.
    expect((await owner.call('GET', 'tenants/demo/origins')).headers.get('etag')).toBe(etag);
  });

  it('saves names, languages, time zone, colour, logo and origins with If-Match, audited', async () => {
    const {etag} = await read();
    await expectProblem(await owner.call('PATCH', 'tenants/demo', {timeZone: 'Europe/Stockholm'}), 428, 'precondition-required');
    const patch = {
      name: {fi: 'Demokirjasto', sv: 'Demobiblioteket', en: 'Demo Library'},
      defaultLanguage: 'sv',
      languages: ['sv', 'fi', 'en'],
      timeZone: 'Europe/Stockholm',
      brandColor: '#0B5',
      logoUrl: 'https://www.example.fi/logo.svg',
      allowedOrigins: ['https://www.example.fi', 'https://www.example.fi'],
      retention: {freeTextMonths: 12},
      smallNumbers: {reportThreshold: 7},
    };
    const response = await owner.call('PATCH', 'tenants/demo', patch, {'If-Match': etag});
    const saved = await json<Settings>(response, 200);
    expect(saved).toEqual({
      ...patch,
      id: 'demo',
      brandColor: '#00bb55',
      allowedOrigins: ['https://www.example.fi'],
      // A part of retention or of the small-number rule changes only what it names.
      retention: {freeTextMonths: 12, contactMonths: 12, answeredContactDays: 90, rawMonths: 24},
      smallNumbers: {reportThreshold: 7, freeTextThreshold: 10},
    });
    expect(response.headers.get('etag')).not.toBe(etag);
    expect((await read()).settings).toEqual(saved);
    // The one-string name everywhere else follows the default language.
    const tenants = await json<{tenants: {id: string; name: string}[]}>(await owner.call('GET', 'tenants'), 200);
    expect(tenants.tenants.find((t) => t.id === 'demo')?.name).toBe('Demobiblioteket');
    const log = await json<{entries: {kind: string; action: string; actor: string; before: Settings; after: Settings}[]}>(await owner.call('GET', 'tenants/demo/audit-log?kind=tenant'), 200);
    expect(log.entries[0]).toMatchObject({kind: 'tenant', action: 'update', actor: demoEmail('owner'), before: {timeZone: 'Europe/Helsinki'}, after: {timeZone: 'Europe/Stockholm'}});
    // A colleague still holding the old ETag gets a conflict.
    await expectProblem(await owner.call('PATCH', 'tenants/demo', {brandColor: null}, {'If-Match': etag}), 412, 'precondition-failed');
    // Clearing the colour and the logo.
    const cleared = await json<Settings>(await owner.call('PATCH', 'tenants/demo', {brandColor: null, logoUrl: null, timeZone: 'europe/helsinki'}, {'If-Match': response.headers.get('etag')!}), 200);
    expect(cleared).toMatchObject({brandColor: null, logoUrl: null, timeZone: 'Europe/Helsinki'});
  });

  it('refuses a time zone that is not IANA, a colour that is not CSS hex, a logo that is not https, and repeated languages', async () => {
    const {etag} = await read();
    const refused = async (body: Record<string, unknown>, path: string) => {
      const problem = await expectProblem(await owner.call('PATCH', 'tenants/demo', body, {'If-Match': etag}), 400, 'validation');
      expect(problem.errors?.[0]?.path, JSON.stringify(body)).toBe(path);
    };
    await refused({timeZone: 'Mars/Olympus_Mons'}, '/timeZone');
    await refused({timeZone: 'Helsinki'}, '/timeZone');
    for (const colour of ['red', '#12345', '#ggg', '0b5cad', '#0b5cad80', 'rgb(0,0,0)']) await refused({brandColor: colour}, '/brandColor');
    for (const url of ['http://www.example.fi/logo.svg', 'javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'logo.svg']) await refused({logoUrl: url}, '/logoUrl');
    await refused({languages: ['fi', 'fi']}, '/languages');
    await refused({languages: []}, '/languages');
    await refused({defaultLanguage: 'de'}, '/defaultLanguage');
    await refused({name: {fi: '  '}}, '/name');
    await refused({allowedOrigins: ['https://www.example.fi/path']}, '/allowedOrigins/0');
    // Contacts go after 12 months at the latest, and no cell of fewer than 3 answers is ever shown.
    await refused({retention: {contactMonths: 13}}, '/retention/contactMonths');
    await refused({retention: {rawMonths: 0}}, '/retention/rawMonths');
    await refused({smallNumbers: {reportThreshold: 2}}, '/smallNumbers/reportThreshold');
    expect((await read()).etag).toBe(etag); // nothing was saved
  });

  it('lets only owners and the regional admin change them', async () => {
    const {etag} = await read();
    await expectProblem(await editor.call('PATCH', 'tenants/demo', {timeZone: 'Europe/Helsinki'}, {'If-Match': etag}), 403, 'forbidden');
    const admin = await signIn(env.url, ADMIN_EMAIL);
    expect((await admin.call('PATCH', 'tenants/demo', {timeZone: 'Europe/Helsinki'}, {'If-Match': etag})).status).toBe(200);
    await expectProblem(await owner.call('GET', 'tenants/other'), 403, 'forbidden');
  });
});

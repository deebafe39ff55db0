// The kiosk's service worker (scope /kiosk/): the page, the widget bundle and the rating stay available
// offline. POSTs are never touched: <kirjasto-rating>'s outbox keeps unsent responses and retries them.
// The server puts KIOSK_BUILD ({id, files}: the widget chunks of this build) in front of this file.
/* global KIOSK_BUILD */
const VERSION = `kirjasto-kiosk-v3-${KIOSK_BUILD.id}`;
const page = new URL(self.location.href).searchParams.get('page');
const kioskPage = page && page.startsWith('/kiosk/') ? page : undefined;
// The rating the page shows, so that the first load already has it for an offline reload.
const ratingId = kioskPage && /^\/kiosk\/([^/?#]+)/.exec(kioskPage)?.[1];
const PRECACHE = [
  '/kirjasto-all.js',
  '/kiosk/kiosk.js',
  ...KIOSK_BUILD.files,
  ...(kioskPage ? [kioskPage] : []),
  ...(ratingId ? [`/api/v1/ratings/${ratingId}`] : []),
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(VERSION);
      // One missing file must not keep the others out of the cache.
      await Promise.all(PRECACHE.map((url) => cache.add(new Request(url, {cache: 'reload'})).catch(() => {})));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== VERSION) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, fallbackIgnoringSearch) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // ignoreVary: the precached copy was fetched by the worker, without the page's request headers.
    const cached = (await cache.match(request, {ignoreVary: true})) ?? (fallbackIgnoringSearch ? await cache.match(request, {ignoreSearch: true, ignoreVary: true}) : undefined);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(request, {ignoreVary: true});
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, true));
  else if (url.pathname.startsWith('/api/v1/ratings/')) event.respondWith(networkFirst(request, false));
  else if (url.pathname.startsWith('/kirjasto/')) event.respondWith(cacheFirst(request)); // hashed names never change
  else if (url.pathname === '/kirjasto-all.js' || url.pathname === '/kiosk/kiosk.js') event.respondWith(networkFirst(request, false));
});

// The kiosk's service worker (scope /kiosk/): the page, the widget bundle and the rating stay available
// offline. POSTs are never touched: <kirjasto-rating>'s outbox keeps unsent responses and retries them.
const VERSION = 'kirjasto-kiosk-v2';
const page = new URL(self.location.href).searchParams.get('page');
const PRECACHE = ['/kirjasto-all.js', '/kiosk/kiosk.js', ...(page && page.startsWith('/kiosk/') ? [page] : [])];

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
    const cached = (await cache.match(request)) ?? (fallbackIgnoringSearch ? await cache.match(request, {ignoreSearch: true}) : undefined);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(request);
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

// The kiosk page's behaviour: language buttons, full screen on the first tap, the service worker that
// keeps the page working offline, and the staff panel shown when <kirjasto-rating> is unlocked.
const OUTBOX_KEY = 'kirjasto.outbox';
// Written by <kirjasto-rating> when staff unlock it with the PIN (src/rating/staff-unlock.ts):
// the header a registered kiosk sends, per API origin.
const KIOSK_KEY = 'kirjasto.kiosk';
const root = document.documentElement;
const staff = document.getElementById('kiosk-staff');

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage can be off in a locked-down browser
  }
}

function setLang(lang) {
  root.lang = lang;
  for (const button of document.querySelectorAll('button[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

// The library's language, as the server wrote it into the page: every patron starts in it, and a
// patron's pick lasts until the screen resets for the next one (never remembered across patrons).
const libraryLang = root.lang;
setLang(libraryLang);

for (const button of document.querySelectorAll('button[data-lang]')) {
  button.addEventListener('click', () => setLang(button.dataset.lang));
}
document.addEventListener('kirjasto-kiosk-reset', () => {
  if (root.lang !== libraryLang) setLang(libraryLang);
});

// Browsers allow full screen only from a user gesture: the first tap anywhere.
document.addEventListener(
  'pointerdown',
  () => {
    if (document.fullscreenEnabled && !document.fullscreenElement) root.requestFullscreen().catch(() => {});
  },
  {once: true},
);

if ('serviceWorker' in navigator) {
  const page = location.pathname + location.search;
  navigator.serviceWorker.register(`/kiosk-sw.js?page=${encodeURIComponent(page)}`, {scope: '/kiosk/'}).catch(() => {});
}

function pendingCount() {
  try {
    const queue = JSON.parse(stored(OUTBOX_KEY) ?? '[]');
    return Array.isArray(queue) ? queue.length : 0;
  } catch {
    return 0;
  }
}

function showStaffPanel() {
  if (!staff) return;
  staff.querySelector('[data-pending]').textContent = String(pendingCount());
  if (!staff.open) staff.showModal();
}

document.addEventListener('kirjasto-kiosk-exit', showStaffPanel);
window.addEventListener('storage', (event) => {
  if (event.key === OUTBOX_KEY && staff?.open) staff.querySelector('[data-pending]').textContent = String(pendingCount());
});

staff?.querySelector('[data-action="reload"]').addEventListener('click', () => location.reload());
staff?.querySelector('[data-action="leave-full-screen"]').addEventListener('click', () => {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
});
staff?.querySelector('[data-action="back"]').addEventListener('click', () => {
  staff.close();
  if (document.fullscreenEnabled && !document.fullscreenElement) root.requestFullscreen().catch(() => {});
});

// A kiosk without a valid kiosk token counts as web (one answer a day per device): staff are asked
// to register it (unlock with the PIN) instead of it degrading silently. Checked at start, after an
// unlock, and at most once a minute when the screen resets for the next patron.
const unregistered = document.getElementById('kiosk-unregistered');
const ratingId = document.querySelector('kirjasto-rating')?.getAttribute('rating');
let checkedAt = 0;

function kioskToken() {
  try {
    const token = JSON.parse(stored(KIOSK_KEY) ?? '{}')[location.origin]?.['Kirjasto-Kiosk'];
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

async function checkRegistration(force) {
  if (!unregistered || !ratingId) return;
  const token = kioskToken();
  if (!token) {
    unregistered.hidden = false;
    return;
  }
  if (!force && Date.now() - checkedAt < 60_000) return;
  checkedAt = Date.now();
  try {
    const response = await fetch(`/api/v1/kiosk/device?rating=${encodeURIComponent(ratingId)}`, {headers: {'Kirjasto-Kiosk': token}, cache: 'no-store'});
    if (response.ok) unregistered.hidden = true;
    else if (response.status === 404) unregistered.hidden = false;
  } catch {
    // offline: what was known stays
  }
}

void checkRegistration(true);
document.addEventListener('kirjasto-kiosk-exit', () => void checkRegistration(true));
document.addEventListener('kirjasto-kiosk-reset', () => void checkRegistration(false));

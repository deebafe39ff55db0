// The site's own language switch changes <html lang>; the widgets follow it live.
const button = document.getElementById('lang-switch');
const labels = {fi: 'På svenska', sv: 'Suomeksi'};

function apply(lang) {
  document.documentElement.lang = lang;
  button.textContent = labels[lang];
  button.dataset.next = lang === 'fi' ? 'sv' : 'fi';
  for (const el of document.querySelectorAll('[data-fi]')) el.textContent = el.dataset[lang];
}

button?.addEventListener('click', () => apply(button.dataset.next));
const requested = new URLSearchParams(location.search).get('lang');
if (requested === 'sv' || requested === 'fi') apply(requested);

// The patron's own page /my: what this browser sent, read with this origin's voter token (the key the
// widgets keep in localStorage, src/shared/voter.ts). The token goes in a body or a header, never a URL.
const VOTER_KEY = 'kirjasto.voter';
const VOTER_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

const root = document.getElementById('mine');
const status = document.getElementById('mine-status');
const words = JSON.parse(root.dataset.words);
const lang = root.dataset.lang;
const dateFormat = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeStyle: 'short'});

const readToken = () => {
  try {
    const token = localStorage.getItem(VOTER_KEY);
    return token && VOTER_PATTERN.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
};

/** A content text in the page's language, else Finnish, Swedish, English, else any. */
const pick = (text) => text?.[lang] ?? text?.fi ?? text?.sv ?? text?.en ?? Object.values(text ?? {})[0] ?? '';

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
};

function say(message) {
  status.textContent = message;
}

/** A browser set up as a library's kiosk is everyone's: what it sent is nobody's to see here. */
const isKiosk = () => {
  try {
    return localStorage.getItem('kirjasto.kiosk') !== null;
  } catch {
    return false;
  }
};

async function load() {
  const token = readToken();
  root.replaceChildren();
  if (isKiosk()) return say(words.kiosk);
  if (!token) return say(words.nothing);
  say(words.loading);
  let body;
  try {
    const response = await fetch('/api/v1/mine', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({voter: token})});
    if (!response.ok) throw new Error(String(response.status));
    body = await response.json();
  } catch {
    say(words.failed);
    root.append(el('button', {type: 'button', textContent: words.retry, onclick: load}));
    return;
  }
  if (body.libraries.length === 0) return say(words.nothing);
  say('');
  for (const library of body.libraries) {
    const section = el('section', {}, el('h2', {textContent: library.name}));
    const group = (title, kind, items, describe) => {
      if (items.length === 0) return;
      const list = el('ul', {className: 'mine-list'});
      for (const item of items) {
        const parts = describe(item).filter(Boolean);
        const li = el('li', {}, ...parts, el('p', {className: 'note', textContent: `${words.sent} ${dateFormat.format(new Date(item.at))}`}));
        const button = el('button', {type: 'button', textContent: words.delete});
        // Each button says what it deletes: two ideas in one box differ by their words.
        const what = parts.map((p) => p.textContent).join(': ');
        button.setAttribute('aria-label', `${words.delete}: ${what.length > 120 ? `${what.slice(0, 119)}…` : what}`);
        button.onclick = () => remove(kind, item.id, li, token);
        li.append(button);
        list.append(li);
      }
      section.append(el('h3', {textContent: title}), list);
    };
    group(words.votes, 'votes', library.votes, (v) => [
      el('p', {}, el('strong', {textContent: pick(v.poll.question)})),
      el('p', {textContent: v.options.map(pick).join(', ')}),
      v.otherText !== null ? el('p', {textContent: `${words.other}: ${v.otherText}`}) : undefined,
    ]);
    group(words.ratings, 'ratings', library.ratings, (r) => [
      el('p', {}, el('strong', {textContent: pick(r.rating.question)})),
      el('p', {textContent: `${words.score}: ${r.score}`}),
      r.comment !== null ? el('p', {textContent: `${words.comment}: ${r.comment}`}) : undefined,
    ]);
    group(words.ideas, 'ideas', library.ideas, (i) => [el('p', {}, el('strong', {textContent: pick(i.box.topic)})), el('p', {textContent: i.text})]);
    group(words.supports, 'supports', library.supports, (s) => [el('p', {}, el('strong', {textContent: pick(s.box.topic)})), el('p', {textContent: s.text})]);
    root.append(section);
  }
}

async function remove(kind, id, item, token) {
  if (!window.confirm(words.confirm)) return;
  try {
    const response = await fetch(`/api/v1/mine/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`, {method: 'DELETE', headers: {'Kirjasto-Voter': token}});
    if (!response.ok && response.status !== 404) throw new Error(String(response.status));
  } catch {
    return say(words.failed);
  }
  const list = item.parentElement;
  item.remove();
  say(words.deleted);
  if (list && list.children.length === 0) {
    list.previousElementSibling?.remove();
    list.remove();
  }
  // Keyboard focus stays on the page, on the status, instead of falling to <body> with the removed button.
  status.tabIndex = -1;
  status.focus();
}

load();

// The denominator of the page ratios: the least a poll element can do. No library: one fetch, then
// radio buttons (checkboxes for a multiple choice) into a shadow root with innerHTML; a vote is one
// POST, and the results it answers are rendered as bars with percentages and counts the same way.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]);
const pick = (text) => text.en ?? text.fi ?? Object.values(text)[0] ?? '';
const token = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18)))).replace(/[+/=]/g, 'x');

class VanillaPoll extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({mode: 'open'});
    const url = `${this.getAttribute('api')}/api/v1/polls/${encodeURIComponent(this.getAttribute('poll'))}`;
    const voter = token();
    root.innerHTML = '<p>Loading…</p>';
    fetch(url, {credentials: 'omit'})
      .then((r) => r.json())
      .then((poll) => {
        const type = poll.maxChoices > 1 ? 'checkbox' : 'radio';
        const options = poll.options
          .map((o) => `<label><input type="${type}" name="choice" value="${esc(o.id)}"> ${esc(pick(o.label))}</label>`)
          .join('');
        root.innerHTML = `<form><fieldset><legend>${esc(pick(poll.question))}</legend>${options}</fieldset><button>Vote</button></form>`;
        root.querySelector('form').addEventListener('submit', (event) => {
          event.preventDefault();
          const optionIds = [...root.querySelectorAll('input:checked')].map((input) => input.value);
          fetch(`${url}/votes`, {
            method: 'POST',
            credentials: 'omit',
            headers: {'Content-Type': 'application/json', 'Idempotency-Key': token()},
            body: JSON.stringify({optionIds, voter, channel: 'web'}),
          })
            .then((r) => r.json())
            .then(({results}) => {
              const counts = new Map(results.options.map((o) => [o.id, o.count]));
              const rows = poll.options.map((o) => {
                const share = results.total ? (counts.get(o.id) ?? 0) / results.total : 0;
                return `<li>${esc(pick(o.label))} ${Math.round(share * 100)} % · ${counts.get(o.id) ?? 0}<progress max="1" value="${share}"></progress></li>`;
              });
              root.innerHTML = `<p>${esc(pick(poll.question))}</p><ul class="results">${rows.join('')}</ul><p>Total: ${results.total}</p>`;
            });
        });
      });
  }
}
customElements.define('vanilla-poll', VanillaPoll);

// The denominator of the startup ratio: the least a poll element can do. No library: one fetch,
// then radio buttons into a shadow root with innerHTML.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]);
const pick = (text) => text.en ?? text.fi ?? Object.values(text)[0] ?? '';

class VanillaPoll extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({mode: 'open'});
    root.innerHTML = '<p>Loading…</p>';
    fetch(`${this.getAttribute('api')}/api/v1/polls/${encodeURIComponent(this.getAttribute('poll'))}`, {credentials: 'omit'})
      .then((r) => r.json())
      .then((poll) => {
        const options = poll.options
          .map((o) => `<label><input type="radio" name="choice" value="${esc(o.id)}"> ${esc(pick(o.label))}</label>`)
          .join('');
        root.innerHTML = `<form><fieldset><legend>${esc(pick(poll.question))}</legend>${options}</fieldset><button>Vote</button></form>`;
      });
  }
}
customElements.define('vanilla-poll', VanillaPoll);

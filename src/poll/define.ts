import {setupPage} from '../generated/locales/poll/setup.js';
import {KirjastoPoll} from './poll.js';

export {KirjastoPoll};

setupPage();
// Guarded, so that a page that loads the script twice (two CMS blocks) keeps working.
if (!customElements.get('kirjasto-poll')) customElements.define('kirjasto-poll', KirjastoPoll);

declare global {
  interface HTMLElementTagNameMap {
    'kirjasto-poll': KirjastoPoll;
  }
}

import {setupPage} from '../generated/locales/idea-box/setup.js';
import {KirjastoIdeaBox} from './idea-box.js';

export {KirjastoIdeaBox};

setupPage();
// Guarded, so that a page that loads the script twice keeps working.
if (!customElements.get('kirjasto-idea-box')) customElements.define('kirjasto-idea-box', KirjastoIdeaBox);

declare global {
  interface HTMLElementTagNameMap {
    'kirjasto-idea-box': KirjastoIdeaBox;
  }
}

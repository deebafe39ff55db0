import {setupPage} from '../generated/locales/rating/setup.js';
import {KirjastoRating} from './rating.js';

export {KirjastoRating};

setupPage();
// Guarded, so that a page that loads the script twice keeps working.
if (!customElements.get('kirjasto-rating')) customElements.define('kirjasto-rating', KirjastoRating);

declare global {
  interface HTMLElementTagNameMap {
    'kirjasto-rating': KirjastoRating;
  }
}

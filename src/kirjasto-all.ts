/**
 * The single-file script-tag bundle: `<script type="module" src="https://server/kirjasto-all.js">`
 * registers every element at once and upgrades links marked `data-kirjasto` to them. Only the UI
 * languages (one file each, with every element's strings), the kiosk and the link upgrade load lazily.
 */
// First, before anything else is evaluated: the content of the elements in the page starts loading.
import './shared/prefetch.js';
// Then every element's strings in one module per language (the elements' own setup is then not needed).
import './kirjasto-all-strings.js';
import {KirjastoIdeaBox} from './idea-box/idea-box.js';
import {KirjastoPoll} from './poll/poll.js';
import {KirjastoRating} from './rating/rating.js';

const elements = {'kirjasto-poll': KirjastoPoll, 'kirjasto-rating': KirjastoRating, 'kirjasto-idea-box': KirjastoIdeaBox};

// Defined one task after this file is evaluated: defining upgrades every element already on the page
// (fifty take a while on a slow phone), and input and painting can come between the two tasks.
// Guarded, so that a page that loads the script twice (two CMS blocks) keeps working.
setTimeout(() => {
  for (const [tag, element] of Object.entries(elements)) if (!customElements.get(tag)) customElements.define(tag, element);
});

// Only pages with marked links load the code that upgrades them.
const upgrade = () => {
  if (document.querySelector('a[data-kirjasto]')) void import('./shared/enhance.js').then(({upgradeLinks}) => upgradeLinks());
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgrade);
else upgrade();

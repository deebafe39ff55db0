/**
 * The single-file script-tag bundle: `<script type="module" src="https://server/kirjasto-all.js">`
 * registers every element at once and upgrades links marked `data-kirjasto` to them. Only the UI
 * languages (one file each, with every element's strings), the kiosk and the link upgrade load lazily.
 */
// First: every element's strings in one module per language, registered before each element's own.
import './kirjasto-all-strings.js';
import './poll/define.js';
import './rating/define.js';
import './idea-box/define.js';

// Only pages with marked links load the code that upgrades them.
const upgrade = () => {
  if (document.querySelector('a[data-kirjasto]')) void import('./shared/enhance.js').then(({upgradeLinks}) => upgradeLinks());
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgrade);
else upgrade();

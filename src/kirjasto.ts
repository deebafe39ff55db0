/**
 * The script-tag bundle: `<script type="module" src="https://server/kirjasto.js">` registers every
 * element and upgrades links marked `data-kirjasto` to them.
 */
import './poll/define.js';
import './rating/define.js';
import './idea-box/define.js';

// Only pages with marked links load the code that upgrades them.
const upgrade = () => {
  if (document.querySelector('a[data-kirjasto]')) void import('./shared/enhance.js').then(({upgradeLinks}) => upgradeLinks());
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgrade);
else upgrade();

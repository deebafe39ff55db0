/**
 * The script-tag bundle: `<script type="module" src="https://server/kirjasto.js">` registers every
 * element and upgrades marked links to them.
 */
import './poll/define.js';
import './rating/define.js';
import './idea-box/define.js';
import {upgradeLinks} from './shared/enhance.js';

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => upgradeLinks());
else upgradeLinks();

export {upgradeLinks};

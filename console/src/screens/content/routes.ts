import type {Route} from '../../router.js';

/** The content screens: polls, rating prompts and idea boxes, with their editors, previews and embeds. */
export const contentRoutes: Route[] = [];

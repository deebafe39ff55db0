import type {Route} from '../../router.js';

/**
 * The library screens: the start page, moderation, branches, settings and origins, users and
 * invitations, API tokens, the audit log, and the regional admin's list of libraries.
 */
export const libraryRoutes: Route[] = [];

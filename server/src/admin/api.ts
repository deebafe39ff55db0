import type {AppDeps} from '../deps.js';
import {apiApp} from '../http/contract.js';
import type {AdminEnv} from '../auth/principal.js';
import {exportApi} from '../exports/routes.js';
import {moderationApi} from '../ideas/moderation.js';
import {auditApi} from './audit.js';
import {branchApi} from './branches.js';
import {ideaBoxAdminApi} from './idea-boxes.js';
import {oidcApi} from './oidc.js';
import {overviewApi} from './overview.js';
import {pollAdminApi} from './polls.js';
import {ratingAdminApi} from './ratings.js';
import {sessionApi} from './session.js';
import {tenantApi} from './tenants.js';
import {tokenApi} from './tokens.js';
import {userApi} from './users.js';
import {alertApi} from '../alerts/api.js';
import {reportsApi} from '../reports/api.js';
import {kioskAdminApi} from '../kiosk/admin.js';
import {dataRequestsApi} from '../requests/admin.js';

/** The admin API, mounted at /api/v1/admin: the session and libraries at the top, everything of one library under tenants/{tenant}/. */
export function adminApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.route('/', sessionApi(deps));
  app.route('/', tenantApi(deps));
  app.route('/', userApi(deps));
  app.route('/', branchApi(deps));
  app.route('/', pollAdminApi(deps));
  app.route('/', ratingAdminApi(deps));
  app.route('/', ideaBoxAdminApi(deps));
  app.route('/', moderationApi(deps));
  app.route('/', tokenApi(deps));
  app.route('/', oidcApi(deps));
  app.route('/', auditApi(deps));
  app.route('/', overviewApi(deps));
  app.route('/', alertApi(deps));
  app.route('/', reportsApi(deps));
  app.route('/', kioskAdminApi(deps));
  app.route('/', exportApi(deps));
  app.route('/', dataRequestsApi(deps));
  return app;
}

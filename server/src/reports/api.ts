import type {AdminEnv} from '../auth/principal.js';
import type {AppDeps} from '../deps.js';
import {apiApp} from '../http/contract.js';
import {commentsApi} from './comments.js';
import {ideaBoxReportApi} from './idea-boxes.js';
import {pollReportApi} from './polls.js';
import {ratingReportApi} from './ratings.js';
import {summaryReportApi} from './summary.js';

/** The reports of issue 10, under /api/v1/admin/tenants/{tenant}/reports/: aggregates for every staff role, free text for moderators. */
export function reportsApi(deps: AppDeps) {
  const app = apiApp<AdminEnv>();
  app.route('/', ratingReportApi(deps));
  app.route('/', pollReportApi(deps));
  app.route('/', ideaBoxReportApi(deps));
  app.route('/', summaryReportApi(deps));
  app.route('/', commentsApi(deps));
  return app;
}

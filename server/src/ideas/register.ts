import type {Hono} from 'hono';
import type {AppDeps} from '../app.js';
import {registerIdeaModeration} from './moderation.js';
import {registerIdeaPages} from './page.js';
import {registerIdeaApi} from './routes.js';
import {IdeaLimiter} from './submit.js';

/** Idea boxes: the public API, the moderation API and the standalone page, sharing one idea limiter. */
export function registerIdeas(app: Hono, deps: AppDeps): void {
  const limiter = new IdeaLimiter(deps.config.rateLimitIdeas);
  registerIdeaApi(app, deps, limiter);
  registerIdeaModeration(app, deps);
  registerIdeaPages(app, deps, limiter);
}

import {RateLimiterRes, type RateLimiterAbstract} from 'rate-limiter-flexible';
import type {Counting} from '../counting/counts.js';
import type {Db} from '../db/db.js';
import {idempotent, requestHash, type StoredResponse} from '../http/idempotency.js';
import {Problem, validationProblem, type FieldError} from '../http/problem.js';
import {ADDRESS_CEILING_FACTOR, limitedProblem, limiter, type LimitStore} from '../http/rate-limit.js';
import {assertOpen} from '../schedule.js';
import type {Secrets} from '../secrets.js';
import {isBranchOf} from '../tenants/store.js';
import {checkFormToken} from './form-token.js';
import {checkIdeaText, type IdeaReceipt, type NewIdea, type Support, type SupportState} from './schema.js';
import {findIdea, ideaView, insertIdea, isPublic, setSupport, supportCount, type IdeaBoxRecord} from './store.js';
import type {KioskDevice} from '../http/context.js';
import {answerChannel} from '../kiosk/devices.js';

/** Ideas per patron (voter token and address) per window, on top of the general write limit; counted where the other limits are (Redis when REDIS_URL is set). */
export const IDEA_LIMIT_WINDOW_SECONDS = 10 * 60;

/**
 * `points` ideas per patron on an address, and ADDRESS_CEILING_FACTOR times as many from the address
 * alone: a library's public computers share one address, and their sixth patron may still send an idea.
 */
export class IdeaLimiter {
  private readonly perPatron: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(store: LimitStore, points: number) {
    this.perPatron = limiter(store, {keyPrefix: 'ideas-patron', points, duration: IDEA_LIMIT_WINDOW_SECONDS});
    this.perAddress = limiter(store, {keyPrefix: 'ideas-address', points: points * ADDRESS_CEILING_FACTOR, duration: IDEA_LIMIT_WINDOW_SECONDS});
  }

  async consume(clientKey: string, voter: string): Promise<void> {
    try {
      await this.perPatron.consume(`${clientKey}:${voter}`);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw limitedProblem(error, 'ideas from you');
    }
    try {
      await this.perAddress.consume(clientKey);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await this.perPatron.reward(`${clientKey}:${voter}`, 1);
      throw limitedProblem(error, 'ideas from this address');
    }
  }

  /** Gives the points back: a replay or a refused idea does not count. */
  async refund(clientKey: string, voter: string): Promise<void> {
    await this.perPatron.reward(`${clientKey}:${voter}`, 1);
    await this.perAddress.reward(clientKey, 1);
  }
}

export interface IdeaDeps {
  db: Db;
  secrets: Secrets;
  limiter: IdeaLimiter;
  formMinAgeMs: number;
}

/**
 * The one submission path, shared by the JSON API and the no-JavaScript form: form token, box rules
 * (the box as read by the request's middleware), the idea row, the box counter and the idempotency key
 * in one transaction.
 */
export async function submitIdea(
  deps: IdeaDeps,
  request: {box: IdeaBoxRecord; idea: NewIdea; idempotencyKey: string; clientKey: string; kiosk?: KioskDevice},
): Promise<StoredResponse<IdeaReceipt> & {replayed: boolean}> {
  const {db, secrets, limiter} = deps;
  const {box, idea} = request;
  const boxId = box.id;
  await secrets.ready(); // outside the transaction: PGlite has a single connection
  await limiter.consume(request.clientKey, idea.voter);
  let result: StoredResponse<IdeaReceipt> & {replayed: boolean};
  try {
    result = await db.transaction((tx) =>
      idempotent(tx, {scope: `idea:${boxId}`, key: request.idempotencyKey, hash: requestHash(idea)}, async () => {
        assertOpen('box', box);
        await checkFormToken(secrets, boxId, idea.formToken, deps.formMinAgeMs);
        const errors = await checkAgainstBox(tx, box, idea);
        if (errors.length > 0) throw validationProblem(errors);
        const state = box.moderation === 'post' ? 'published' : 'pending';
        const channel = answerChannel(idea.channel, request.kiosk, box.tenantId);
        const id = await insertIdea(tx, {
          boxId,
          text: idea.text,
          category: idea.category,
          contact: idea.contact === '' ? undefined : idea.contact,
          state,
          channel,
          branchId: idea.location,
          lang: idea.lang,
          // The patron's own page (/my) finds it by this; never a kiosk's, a shared device (migration 018).
          voterHash: channel === 'kiosk' ? undefined : await secrets.voterHash(box.tenantId, idea.voter),
        });
        const stored = (await findIdea(tx, id))!;
        return {status: 201, body: {idea: ideaView(stored), published: state === 'published'}};
      }),
    );
  } catch (error) {
    await limiter.refund(request.clientKey, idea.voter);
    throw error;
  }
  if (result.replayed) await limiter.refund(request.clientKey, idea.voter);
  return result;
}

async function checkAgainstBox(tx: Parameters<Parameters<Db['transaction']>[0]>[0], box: IdeaBoxRecord, idea: NewIdea): Promise<FieldError[]> {
  const errors = checkIdeaText(idea.text, box.maxLength);
  if (idea.category !== undefined && !box.categories.some((c) => c.id === idea.category)) {
    errors.push({path: '/category', message: 'Not a category of this box'});
  }
  if (idea.contact !== undefined && idea.contact !== '' && !box.allowContact) {
    errors.push({path: '/contact', message: 'This box does not take contact details'});
  }
  if (idea.location !== undefined && !(await isBranchOf(tx, box.tenantId, idea.location))) {
    errors.push({path: '/location', message: 'Not a known branch of this library'});
  }
  return errors;
}

/**
 * Sets this voter's support of a listed idea, idempotently. No counter row is written (the change is
 * counted, migration 010), and the idea's row is only key-share locked, so supporters of one idea do not
 * wait on each other; a moderator's merge waits for them, and they for it.
 */
export async function supportIdea(
  deps: {db: Db; secrets: Secrets; counting: Counting},
  request: {ideaId: string; support: Support; idempotencyKey: string},
): Promise<StoredResponse<SupportState> & {replayed: boolean}> {
  const {db, secrets, counting} = deps;
  const {ideaId, support} = request;
  await secrets.ready();
  const result = await db.transaction((tx) =>
    idempotent(tx, {scope: `support:${ideaId}`, key: request.idempotencyKey, hash: requestHash(support)}, async () => {
      // Locked: a merge of this idea waits for us, or we see its result.
      const idea = await findIdea(tx, ideaId, {forKeyShare: true});
      if (!idea || !isPublic(idea)) throw new Problem('not-found', {detail: `There is no idea "${ideaId}".`});
      if (idea.mergedInto !== null) {
        throw new Problem('idea-merged', {
          detail: 'This idea was merged into another; support that one.',
          extensions: {mergedInto: idea.mergedInto},
        });
      }
      const supported = support.supported ?? true;
      await setSupport(tx, ideaId, await secrets.voterHash(idea.tenantId, support.voter), supported);
      return {status: 200, body: {ideaId, supports: await supportCount(tx, ideaId), supported}};
    }),
  );
  await counting.rollups.ifDue('idea_support_changes');
  return result;
}

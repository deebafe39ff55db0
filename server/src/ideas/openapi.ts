import type {ProblemSlug} from '../http/problem.js';
import {idempotencyKeyHeader, idParam, json, placementProperties, problems, READ_PROBLEMS, readById, ref, replayedHeaders, voterHeader} from '../openapi-parts.js';
import {CHANNELS, VOTER_PATTERN} from '../polls/schema.js';
import {CONTACT_MAX, IDEA_STATES, IDEA_STATUSES, PAGE_LIMIT_MAX, REASON_MAX} from './schema.js';

const supportedHeader = voterHeader('The voter token: adds `supported` (whether this voter supports the idea) to each idea.');
const WRITE_PROBLEMS: ProblemSlug[] = ['validation', 'origin-not-allowed', 'not-found', 'payload-too-large', 'unsupported-media-type', 'idempotency-key-reused', 'rate-limited', 'method-not-allowed', 'internal'];
const ADMIN_PROBLEMS: ProblemSlug[] = ['unauthorized', 'forbidden', 'not-found', 'rate-limited', 'method-not-allowed', 'internal'];

/** The idea box paths: public, and moderation (bearer token). */
export function ideaPaths(): Record<string, object> {
  const adminProblems = (...extra: ProblemSlug[]) => {
    const responses = problems(...extra, ...ADMIN_PROBLEMS) as Record<string, Record<string, unknown>>;
    responses['401'] = {...responses['401'], headers: {'WWW-Authenticate': {description: 'Bearer', schema: {type: 'string'}}}};
    return responses;
  };
  const security = [{moderationToken: []}];
  const adminAction = (operationId: string, summary: string, body?: object, extra: ProblemSlug[] = []) => ({
    parameters: [idParam()],
    post: {
      operationId,
      summary,
      security,
      ...(body ? {requestBody: {required: true, content: json(body)}} : {}),
      responses: {'200': {description: 'The idea after the action', content: json(ref('ModerationIdea'))}, ...adminProblems(...extra)},
    },
  });
  return {
    '/api/v1/idea-boxes/{id}': readById('getIdeaBox', 'An idea box, with a fresh form token for one submission', 'The box', 'IdeaBox'),
    '/api/v1/idea-boxes/{id}/ideas': {
      parameters: [idParam()],
      get: {
        operationId: 'listIdeas',
        summary: 'Published ideas, by support or newest, a page at a time (keyset cursor)',
        parameters: [
          {name: 'sort', in: 'query', schema: {enum: ['support', 'newest'], default: 'support'}},
          {name: 'limit', in: 'query', schema: {type: 'integer', minimum: 1, maximum: PAGE_LIMIT_MAX, default: 20}},
          {name: 'cursor', in: 'query', description: "Opaque: the previous page's nextCursor", schema: {type: 'string'}},
          supportedHeader,
        ],
        responses: {'200': {description: 'A page', content: json(ref('IdeaPage'))}, ...problems('validation', 'not-found', 'rate-limited', 'method-not-allowed', 'internal')},
      },
      post: {
        operationId: 'submitIdea',
        summary: 'Send an idea; published at once or after moderation, per box',
        parameters: [idempotencyKeyHeader],
        requestBody: {required: true, content: json(ref('NewIdea'))},
        responses: {
          '201': {description: 'Stored', headers: replayedHeaders, content: json(ref('IdeaReceipt'))},
          ...problems('too-fast', 'form-token-invalid', 'spam-suspected', 'box-closed', 'box-not-open', ...WRITE_PROBLEMS),
        },
      },
    },
    '/api/v1/ideas/{id}': {
      parameters: [idParam()],
      get: {
        operationId: 'getIdea',
        summary: 'One published idea; a merged one carries mergedInto',
        parameters: [supportedHeader],
        responses: {'200': {description: 'The idea', content: json(ref('Idea'))}, ...problems(...READ_PROBLEMS)},
      },
    },
    '/api/v1/ideas/{id}/supports': {
      parameters: [idParam()],
      post: {
        operationId: 'supportIdea',
        summary: "Set this voter's support (once per voter; supported:false withdraws)",
        parameters: [idempotencyKeyHeader],
        requestBody: {required: true, content: json(ref('Support'))},
        responses: {'200': {description: 'The support state', headers: replayedHeaders, content: json(ref('SupportState'))}, ...problems('idea-merged', ...WRITE_PROBLEMS)},
      },
    },
    '/api/v1/admin/idea-boxes/{id}/ideas': {
      parameters: [idParam()],
      get: {
        operationId: 'moderationListIdeas',
        summary: 'All ideas of a box with moderation fields, newest first',
        security,
        parameters: [
          {name: 'state', in: 'query', schema: {enum: [...IDEA_STATES, 'all'], default: 'all'}},
          {name: 'limit', in: 'query', schema: {type: 'integer', minimum: 1, maximum: PAGE_LIMIT_MAX, default: 20}},
          {name: 'cursor', in: 'query', schema: {type: 'string'}},
        ],
        responses: {
          '200': {
            description: 'A page',
            content: json({type: 'object', required: ['ideas', 'nextCursor'], properties: {ideas: {type: 'array', items: ref('ModerationIdea')}, nextCursor: {type: ['string', 'null']}}, additionalProperties: false}),
          },
          ...adminProblems('validation'),
        },
      },
    },
    '/api/v1/admin/ideas/{id}': {
      parameters: [idParam()],
      patch: {
        operationId: 'updateIdea',
        summary: 'Set category, public status or the answer (null clears)',
        security,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            minProperties: 1,
            properties: {category: {type: ['string', 'null']}, status: {enum: [...IDEA_STATUSES]}, answer: {oneOf: [ref('Text'), {type: 'null'}]}},
          }),
        },
        responses: {'200': {description: 'The idea', content: json(ref('ModerationIdea'))}, ...adminProblems('validation', 'unsupported-media-type', 'payload-too-large')},
      },
    },
    '/api/v1/admin/ideas/{id}/publish': adminAction('publishIdea', 'Publish'),
    '/api/v1/admin/ideas/{id}/hide': adminAction('hideIdea', 'Hide from the public'),
    '/api/v1/admin/ideas/{id}/reject': adminAction(
      'rejectIdea',
      'Reject, with a reason for the record',
      {type: 'object', required: ['reason'], properties: {reason: {type: 'string', minLength: 1, maxLength: REASON_MAX}}},
      ['validation', 'unsupported-media-type'],
    ),
    '/api/v1/admin/ideas/{id}/merge': adminAction(
      'mergeIdea',
      'Merge this duplicate into another idea of the same box; supporters of both count once',
      {type: 'object', required: ['into'], properties: {into: {type: 'string'}}},
      ['validation', 'idea-merged', 'unsupported-media-type'],
    ),
    '/api/v1/admin/ideas/{id}/contact': {
      parameters: [idParam()],
      delete: {operationId: 'deleteIdeaContact', summary: "Delete the patron's contact detail", security, responses: {'204': {description: 'Deleted'}, ...adminProblems()}},
    },
    '/api/v1/admin/audit-log': {
      get: {
        operationId: 'auditLog',
        summary: "The tenant's moderation actions, newest first",
        security,
        parameters: [{name: 'limit', in: 'query', schema: {type: 'integer', minimum: 1, maximum: 200, default: 50}}],
        responses: {
          '200': {description: 'Entries', content: json({type: 'object', required: ['entries'], properties: {entries: {type: 'array', items: ref('AuditEntry')}}, additionalProperties: false})},
          ...adminProblems('validation'),
        },
      },
    },
  };
}

export function ideaSchemas(): Record<string, object> {
  const date = {type: 'string', format: 'date-time'};
  const ideaProperties = {
    id: {type: 'string'},
    text: {type: 'string', description: 'As the patron wrote it: render as text, never as markup.'},
    category: {type: 'string'},
    supports: {type: 'integer', minimum: 0},
    status: {enum: [...IDEA_STATUSES]},
    answer: ref('Text'),
    answeredAt: date,
    createdAt: date,
    supported: {type: 'boolean', description: 'Only when Kirjasto-Voter was sent'},
    mergedInto: {type: 'string', description: 'The idea this one was merged into'},
  };
  return {
    IdeaBox: {
      type: 'object',
      required: ['id', 'topic', 'categories', 'moderation', 'maxLength', 'allowContact', 'status', 'formToken', 'formMinAgeMs'],
      properties: {
        id: {type: 'string'},
        topic: ref('Text'),
        description: ref('Text'),
        categories: {type: 'array', items: {type: 'object', required: ['id', 'label'], properties: {id: {type: 'string'}, label: ref('Text')}, additionalProperties: false}},
        moderation: {enum: ['pre', 'post']},
        maxLength: {type: 'integer', minimum: 10},
        allowContact: {type: 'boolean'},
        status: {enum: ['open', 'closed', 'scheduled']},
        opensAt: date,
        closesAt: date,
        formToken: {type: 'string', description: 'Send it with the idea: valid from formMinAgeMs to 14 days after this response.'},
        formMinAgeMs: {type: 'integer', minimum: 0, description: 'An idea sent sooner than this after the form token was issued is refused as too-fast'},
      },
      additionalProperties: false,
    },
    Idea: {type: 'object', required: ['id', 'text', 'supports', 'status', 'createdAt'], properties: ideaProperties, additionalProperties: false},
    ModerationIdea: {
      type: 'object',
      required: ['id', 'text', 'supports', 'status', 'createdAt', 'boxId', 'state', 'channel'],
      properties: {...ideaProperties, boxId: {type: 'string'}, state: {enum: [...IDEA_STATES]}, contact: {type: 'string'}, rejectReason: {type: 'string'}, channel: {enum: [...CHANNELS]}, location: {type: 'string'}},
      additionalProperties: false,
    },
    IdeaPage: {
      type: 'object',
      required: ['ideas', 'nextCursor', 'total'],
      properties: {ideas: {type: 'array', items: ref('Idea')}, nextCursor: {type: ['string', 'null']}, total: {type: 'integer', minimum: 0}},
      additionalProperties: false,
    },
    NewIdea: {
      type: 'object',
      required: ['text', 'voter', 'channel', 'formToken'],
      properties: {
        text: {type: 'string', description: "Trimmed; 10 to the box's maxLength code points; no C0 controls but line feed and tab; no lone surrogates."},
        category: {type: 'string', description: 'A category id of the box'},
        contact: {type: 'string', maxLength: CONTACT_MAX, description: 'Only when the box allows it; seen by moderators only'},
        voter: {type: 'string', pattern: VOTER_PATTERN.source},
        ...placementProperties('box'),
        formToken: {type: 'string', description: "The box's formToken"},
        website: {type: 'string', maxLength: 0, description: 'Honeypot: leave empty or absent'},
      },
      description: 'Unknown properties are ignored.',
    },
    IdeaReceipt: {
      type: 'object',
      required: ['idea', 'published'],
      properties: {idea: ref('Idea'), published: {type: 'boolean', description: 'false: visible after moderation'}},
      additionalProperties: false,
    },
    Support: {type: 'object', required: ['voter'], properties: {voter: {type: 'string', pattern: VOTER_PATTERN.source}, supported: {type: 'boolean', default: true}}},
    SupportState: {
      type: 'object',
      required: ['ideaId', 'supports', 'supported'],
      properties: {ideaId: {type: 'string'}, supports: {type: 'integer', minimum: 0}, supported: {type: 'boolean'}},
      additionalProperties: false,
    },
    AuditEntry: {
      type: 'object',
      required: ['at', 'tenantId', 'actor', 'action', 'ideaId', 'detail'],
      properties: {at: date, tenantId: {type: 'string'}, actor: {type: 'string'}, action: {type: 'string'}, ideaId: {type: ['string', 'null']}, detail: {type: 'object'}},
      additionalProperties: false,
    },
  };
}

export const moderationSecurityScheme = {
  moderationToken: {type: 'http', scheme: 'bearer', description: "A tenant's moderation token (Authorization: Bearer …)."},
};

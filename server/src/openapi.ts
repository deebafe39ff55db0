import {CORS_ALLOW_HEADERS} from './http/cors.js';
import {PROBLEMS, problemType, type ProblemSlug} from './http/problem.js';
import {ideaPaths, ideaSchemas, moderationSecurityScheme} from './ideas/openapi.js';
import {answerProblems, answerSchema, idempotencyKeyHeader, idParam, json, problems, readById, ref, storedReceipt, voterHeader} from './openapi-parts.js';
import {RESULTS_VISIBILITIES} from './polls/schema.js';
import {ratingPaths, ratingSchemas} from './ratings/openapi.js';

/** The OpenAPI 3.1 document: the truth about the HTTP contract. */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'kirjasto-widgets public API',
      version: '1.0.0',
      description:
        'Polls for library widgets. Errors are RFC 9457 problems (application/problem+json) with a stable `type` ' +
        '`urn:kirjasto:problem:<slug>`. CORS is limited to each library\'s allowed origins; allowed request headers: ' +
        `${CORS_ALLOW_HEADERS}. No cookies.`,
      license: {name: 'MIT', identifier: 'MIT'},
    },
    servers: [{url: publicUrl}],
    paths: {
      '/api/v1/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness',
          responses: {
            '200': {description: 'Up', content: json(ref('Health'))},
            ...problems('rate-limited', 'internal'),
          },
        },
      },
      '/api/v1/polls/{id}': readById('getPoll', 'A poll, with results when they are visible to everyone', 'The poll', 'Poll'),
      '/api/v1/polls/{id}/votes': {
        parameters: [idParam()],
        post: {
          operationId: 'vote',
          summary: 'Vote once per voter; stored durably before 201',
          parameters: [idempotencyKeyHeader],
          requestBody: {required: true, content: json(ref('Vote'))},
          responses: {
            '201': storedReceipt('VoteReceipt'),
            ...answerProblems('already-voted', 'poll-closed', 'poll-not-open'),
          },
        },
      },
      '/api/v1/polls/{id}/results': {
        parameters: [idParam()],
        get: {
          operationId: 'getResults',
          summary: 'Results, when visible to this voter',
          parameters: [voterHeader('The voter token: makes `after-vote` results visible to a voter who has voted.')],
          responses: {
            '200': {description: 'The counts', content: json(ref('Results'))},
            ...problems('results-hidden', 'not-found', 'rate-limited', 'method-not-allowed', 'internal'),
          },
        },
      },
      ...ideaPaths(),
      ...ratingPaths(),
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          responses: {'200': {description: 'OpenAPI 3.1', content: json({type: 'object'})}},
        },
      },
    },
    components: {
      securitySchemes: moderationSecurityScheme,
      schemas: {
        ...ideaSchemas(),
        ...ratingSchemas(),
        Health: {type: 'object', required: ['status'], properties: {status: {const: 'ok'}}},
        Text: {
          description: 'A text by language code, e.g. {"fi": "…", "sv": "…", "en": "…"}',
          type: 'object',
          additionalProperties: {type: 'string'},
          propertyNames: {pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'},
        },
        Poll: {
          type: 'object',
          required: ['id', 'question', 'options', 'maxChoices', 'allowOther', 'otherMaxLength', 'resultsVisibility', 'status'],
          properties: {
            id: {type: 'string'},
            question: ref('Text'),
            options: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'label'],
                properties: {id: {type: 'string'}, label: ref('Text')},
                additionalProperties: false,
              },
            },
            maxChoices: {type: 'integer', minimum: 1},
            allowOther: {type: 'boolean'},
            otherMaxLength: {type: 'integer', minimum: 1, description: 'Most characters of otherText'},
            resultsVisibility: {enum: [...RESULTS_VISIBILITIES]},
            status: {enum: ['open', 'closed', 'scheduled']},
            opensAt: {type: 'string', format: 'date-time'},
            closesAt: {type: 'string', format: 'date-time'},
            results: ref('Results'),
          },
          additionalProperties: false,
        },
        Results: {
          type: 'object',
          required: ['total', 'options', 'otherCount'],
          properties: {
            total: {type: 'integer', minimum: 0, description: 'Number of voters'},
            options: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'count'],
                properties: {id: {type: 'string'}, count: {type: 'integer', minimum: 0}},
                additionalProperties: false,
              },
            },
            otherCount: {type: 'integer', minimum: 0},
          },
          additionalProperties: false,
        },
        Vote: answerSchema('poll', ['optionIds', 'voter', 'channel'], {
          optionIds: {type: 'array', items: {type: 'string'}, uniqueItems: true, maxItems: 64},
          otherText: {type: 'string', description: 'Only when the poll allows it; trimmed, 1–500 characters; counts as one choice.'},
        }),
        VoteReceipt: {
          type: 'object',
          required: ['pollId', 'optionIds'],
          properties: {
            pollId: {type: 'string'},
            optionIds: {type: 'array', items: {type: 'string'}},
            otherText: {type: 'string'},
            results: ref('Results'),
          },
          additionalProperties: false,
        },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: {type: 'string', enum: Object.keys(PROBLEMS).map((s) => problemType(s as ProblemSlug))},
            title: {type: 'string'},
            status: {type: 'integer', minimum: 400, maximum: 599},
            detail: {type: 'string'},
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: {
                  path: {type: 'string', description: 'A JSON Pointer into the body, or a header name'},
                  message: {type: 'string'},
                },
              },
            },
            results: {...ref('Results'), description: 'already-voted: the results, when this voter may see them'},
            opensAt: {type: 'string', format: 'date-time', description: 'poll-not-open: when the poll opens'},
            mergedInto: {type: 'string', description: 'idea-merged: the idea to support instead'},
          },
        },
      },
    },
  };
}

import type {ProblemSlug} from '../http/problem.js';
import {IDEMPOTENCY_KEY_PATTERN} from '../http/idempotency.js';
import {CHANNELS, ID_PATTERN, VOTER_PATTERN} from '../polls/schema.js';
import {COMMENT_MODES, RESPONSE_ID_PATTERN, SCALES} from './schema.js';

/** What the OpenAPI document lends to each domain's part of it. */
export interface OpenApiHelpers {
  ref: (name: string) => object;
  json: (schema: object) => object;
  problems: (...slugs: ProblemSlug[]) => Record<string, object>;
}

const idParam = (name: string, description?: string) => ({name, in: 'path', required: true, description, schema: {type: 'string', pattern: ID_PATTERN.source}});
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Made by the client when the user acts; a retry sends the same key.',
  schema: {type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source},
};
const replayed = {'Idempotent-Replayed': {schema: {type: 'string', enum: ['true']}}};
const svg = {'image/svg+xml': {schema: {type: 'string'}}};
const location = {name: 'location', in: 'query', required: false, description: "A branch id of the widget's library", schema: {type: 'string'}};

/** The ratings, QR code and kiosk paths. */
export function ratingPaths({ref, json, problems}: OpenApiHelpers): Record<string, object> {
  const qr = (operationId: string, what: string) => ({
    parameters: [idParam('id')],
    get: {
      operationId,
      summary: `A QR code (SVG, error correction M) of the ${what}'s standalone page with channel=qr and the branch`,
      parameters: [location],
      responses: {
        '200': {description: 'The QR code; its <title> is the encoded URL', content: svg},
        ...problems('validation', 'not-found', 'rate-limited', 'method-not-allowed', 'internal'),
      },
    },
  });
  return {
    '/api/v1/ratings/{id}': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getRating',
        summary: 'A rating: its question, scale and comment rules',
        responses: {
          '200': {description: 'The rating', content: json(ref('Rating'))},
          ...problems('not-found', 'rate-limited', 'method-not-allowed', 'internal'),
        },
      },
    },
    '/api/v1/ratings/{id}/responses': {
      parameters: [idParam('id')],
      post: {
        operationId: 'respond',
        summary: 'One response; once a UTC day per voter on web and qr, unlimited on kiosk; stored durably before 201',
        parameters: [idempotencyKey],
        requestBody: {required: true, content: json(ref('Response'))},
        responses: {
          '201': {
            description: 'Stored. A replay of the same key and body answers the stored receipt with `Idempotent-Replayed: true`.',
            headers: replayed,
            content: json(ref('ResponseReceipt')),
          },
          ...problems(
            'validation',
            'origin-not-allowed',
            'not-found',
            'already-rated',
            'rating-closed',
            'rating-not-open',
            'response-exists',
            'payload-too-large',
            'unsupported-media-type',
            'idempotency-key-reused',
            'rate-limited',
            'method-not-allowed',
            'internal',
          ),
        },
      },
    },
    '/api/v1/ratings/{id}/responses/{responseId}/comment': {
      parameters: [idParam('id'), {name: 'responseId', in: 'path', required: true, schema: {type: 'string', pattern: RESPONSE_ID_PATTERN.source}}],
      post: {
        operationId: 'comment',
        summary: "A follow-up comment to the same voter's response, when the rating takes one for its score",
        parameters: [idempotencyKey],
        requestBody: {required: true, content: json(ref('CommentRequest'))},
        responses: {
          '200': {description: 'The response with its comment', headers: replayed, content: json(ref('ResponseReceipt'))},
          ...problems(
            'validation',
            'origin-not-allowed',
            'not-found',
            'comment-exists',
            'rating-closed',
            'rating-not-open',
            'payload-too-large',
            'unsupported-media-type',
            'idempotency-key-reused',
            'rate-limited',
            'method-not-allowed',
            'internal',
          ),
        },
      },
    },
    '/api/v1/ratings/{id}/summary': {
      parameters: [idParam('id')],
      get: {
        operationId: 'getSummary',
        summary: 'Counts, mean, CSAT and NPS, overall, by channel and by branch (read from counters)',
        responses: {
          '200': {description: 'The summary', content: json(ref('Summary'))},
          ...problems('not-found', 'rate-limited', 'method-not-allowed', 'internal'),
        },
      },
    },
    '/api/v1/ratings/{id}/qr.svg': qr('ratingQr', 'rating'),
    '/api/v1/polls/{id}/qr.svg': qr('pollQr', 'poll'),
    '/api/v1/idea-boxes/{id}/qr.svg': qr('ideaBoxQr', 'idea box'),
    '/api/v1/kiosk/unlock': {
      post: {
        operationId: 'unlockKiosk',
        summary: "Checks the staff PIN of the rating's library; five wrong PINs lock a client out for ten minutes",
        requestBody: {required: true, content: json(ref('KioskUnlock'))},
        responses: {
          '204': {description: 'The PIN is right'},
          ...problems(
            'validation',
            'wrong-pin',
            'not-found',
            'payload-too-large',
            'unsupported-media-type',
            'rate-limited',
            'method-not-allowed',
            'internal',
          ),
        },
      },
    },
  };
}

/** The ratings component schemas. */
export function ratingSchemas({ref}: Pick<OpenApiHelpers, 'ref'>): Record<string, object> {
  const figures = {
    count: {type: 'integer', minimum: 0},
    mean: {type: ['number', 'null'], description: 'null when count is 0'},
    csat: {type: ['number', 'null'], minimum: 0, maximum: 1, description: 'Share of satisfied (the top two scores; 9–10 for nps; up for thumbs); null when count is 0'},
    nps: {type: ['integer', 'null'], minimum: -100, maximum: 100, description: 'Scale nps only: % promoters (9–10) minus % detractors (0–6)'},
  };
  return {
    Rating: {
      type: 'object',
      required: ['id', 'question', 'scale', 'comment', 'commentMaxLength', 'status'],
      properties: {
        id: {type: 'string'},
        question: ref('Text'),
        scale: {enum: [...SCALES], description: 'smileys-4: 1–4, smileys-5 and stars-5: 1–5, nps: 0–10, thumbs: 0 (down) or 1 (up)'},
        comment: {enum: [...COMMENT_MODES]},
        lowThreshold: {type: 'integer', description: 'comment after-low: a score at or below it is low'},
        commentMaxLength: {type: 'integer', minimum: 1},
        status: {enum: ['open', 'closed', 'scheduled']},
        opensAt: {type: 'string', format: 'date-time'},
        closesAt: {type: 'string', format: 'date-time'},
      },
      additionalProperties: false,
    },
    Response: {
      type: 'object',
      required: ['responseId', 'score', 'voter', 'channel'],
      properties: {
        responseId: {type: 'string', pattern: RESPONSE_ID_PATTERN.source, description: 'Made by the client; one response per id and rating'},
        score: {type: 'integer', description: "In the rating's scale"},
        comment: {type: 'string', description: 'Trimmed, 1–commentMaxLength characters; when comment is always, or after-low and score ≤ lowThreshold'},
        voter: {type: 'string', pattern: VOTER_PATTERN.source, description: 'Random token kept by the client; stored only as a keyed hash.'},
        channel: {enum: [...CHANNELS]},
        location: {type: 'string', description: "A branch id of the rating's library"},
      },
      description: 'Unknown properties are ignored.',
    },
    CommentRequest: {
      type: 'object',
      required: ['comment', 'voter'],
      properties: {
        comment: {type: 'string', description: 'Trimmed, 1–commentMaxLength characters'},
        voter: {type: 'string', pattern: VOTER_PATTERN.source, description: 'The voter who gave the response'},
      },
    },
    ResponseReceipt: {
      type: 'object',
      required: ['ratingId', 'responseId', 'score'],
      properties: {ratingId: {type: 'string'}, responseId: {type: 'string'}, score: {type: 'integer'}, comment: {type: 'string'}},
      additionalProperties: false,
    },
    SummaryFigures: {type: 'object', required: ['count', 'mean', 'csat'], properties: figures, additionalProperties: false},
    Summary: {
      type: 'object',
      required: ['count', 'distribution', 'mean', 'csat', 'byChannel', 'byLocation'],
      properties: {
        ...figures,
        distribution: {
          type: 'object',
          description: 'Responses per score; every score of the scale is present',
          additionalProperties: {type: 'integer', minimum: 0},
          propertyNames: {pattern: '^(0|[1-9][0-9]?)$'},
        },
        byChannel: {
          type: 'object',
          required: [...CHANNELS],
          properties: Object.fromEntries(CHANNELS.map((c) => [c, ref('SummaryFigures')])),
          additionalProperties: false,
        },
        byLocation: {type: 'object', description: 'By branch id; branches with responses only', additionalProperties: ref('SummaryFigures')},
      },
      additionalProperties: false,
    },
    KioskUnlock: {
      type: 'object',
      required: ['rating', 'pin'],
      properties: {rating: {type: 'string', description: 'The rating the kiosk shows'}, pin: {type: 'string', maxLength: 64}},
    },
  };
}

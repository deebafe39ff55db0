import {answerProblems, answerSchema, idempotencyKeyHeader, idParam, json, problems, readById, ref, replayedHeaders, storedReceipt} from '../openapi-parts.js';
import {CHANNELS, VOTER_PATTERN} from '../polls/schema.js';
import {COMMENT_MODES, RESPONSE_ID_PATTERN, SCALES} from './schema.js';

const svg = {'image/svg+xml': {schema: {type: 'string'}}};
const location = {name: 'location', in: 'query', required: false, description: "A branch id of the widget's library", schema: {type: 'string'}};

/** The ratings, QR code and kiosk paths. */
export function ratingPaths(): Record<string, object> {
  const qr = (operationId: string, what: string) => ({
    parameters: [idParam()],
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
    '/api/v1/ratings/{id}': readById('getRating', 'A rating: its question, scale and comment rules', 'The rating', 'Rating'),
    '/api/v1/ratings/{id}/responses': {
      parameters: [idParam()],
      post: {
        operationId: 'respond',
        summary: 'One response; once a UTC day per voter on web and qr, unlimited on kiosk; stored durably before 201',
        parameters: [idempotencyKeyHeader],
        requestBody: {required: true, content: json(ref('Response'))},
        responses: {
          '201': storedReceipt('ResponseReceipt'),
          ...answerProblems('already-rated', 'rating-closed', 'rating-not-open', 'response-exists'),
        },
      },
    },
    '/api/v1/ratings/{id}/responses/{responseId}/comment': {
      parameters: [idParam(), {...idParam('responseId'), schema: {type: 'string', pattern: RESPONSE_ID_PATTERN.source}}],
      post: {
        operationId: 'comment',
        summary: "A follow-up comment to the same voter's response, when the rating takes one for its score",
        parameters: [idempotencyKeyHeader],
        requestBody: {required: true, content: json(ref('CommentRequest'))},
        responses: {
          '200': {description: 'The response with its comment', headers: replayedHeaders, content: json(ref('ResponseReceipt'))},
          ...answerProblems('comment-exists', 'rating-closed', 'rating-not-open'),
        },
      },
    },
    '/api/v1/ratings/{id}/summary': readById('getSummary', 'Counts, mean, CSAT and NPS, overall, by channel and by branch (read from counters)', 'The summary', 'Summary'),
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
export function ratingSchemas(): Record<string, object> {
  const figures = {
    count: {type: 'integer', minimum: 0},
    mean: {type: ['number', 'null'], description: 'null when count is 0'},
    csat: {type: ['number', 'null'], minimum: 0, maximum: 1, description: 'Share of satisfied (the top two scores; 9–10 for nps; up for thumbs); null when count is 0'},
    nps: {type: ['integer', 'null'], minimum: -100, maximum: 100, description: 'Scale nps only: % promoters (9–10) minus % detractors (0–6)'},
  };
  return {
    Rating: {
      type: 'object',
      required: ['id', 'question', 'scale', 'comment', 'commentMaxLength', 'scores', 'timeZone', 'status'],
      properties: {
        id: {type: 'string'},
        question: ref('Text'),
        scale: {enum: [...SCALES], description: 'smileys-4: 1–4, smileys-5 and stars-5: 1–5, nps: 0–10, thumbs: 0 (down) or 1 (up)'},
        comment: {enum: [...COMMENT_MODES]},
        lowThreshold: {type: 'integer', description: 'comment after-low: a score at or below it is low'},
        commentMaxLength: {type: 'integer', minimum: 1},
        scores: {type: 'object', required: ['min', 'max'], properties: {min: {type: 'integer'}, max: {type: 'integer'}}, additionalProperties: false, description: 'The lowest and highest score of the scale'},
        timeZone: {type: 'string', description: "The library's IANA time zone: a web answer counts once per day there"},
        status: {enum: ['open', 'closed', 'scheduled']},
        opensAt: {type: 'string', format: 'date-time'},
        closesAt: {type: 'string', format: 'date-time'},
      },
      additionalProperties: false,
    },
    Response: answerSchema('rating', ['responseId', 'score', 'voter', 'channel'], {
      responseId: {type: 'string', pattern: RESPONSE_ID_PATTERN.source, description: 'Made by the client; one response per id and rating'},
      score: {type: 'integer', description: "In the rating's scale"},
      comment: {type: 'string', description: 'Trimmed, 1–commentMaxLength characters; when comment is always, or after-low and score ≤ lowThreshold'},
    }),
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

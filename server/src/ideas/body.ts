import type {Context} from 'hono';
import {Problem, validationProblem} from '../http/problem.js';

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false});

/** The body as JSON, decoded strictly: invalid UTF-8 is a 400, never silently replaced with U+FFFD. */
export async function readStrictJson(c: Context): Promise<unknown> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    throw new Problem('unsupported-media-type', {detail: 'Send the body as application/json.'});
  }
  let text: string;
  try {
    text = utf8.decode(await c.req.arrayBuffer());
  } catch (error) {
    if (error instanceof TypeError) {
      throw validationProblem([{path: '', message: 'The body is not valid UTF-8'}], 'The body is not valid UTF-8.');
    }
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw validationProblem([{path: '', message: 'The body is not valid JSON'}], 'The body is not valid JSON.');
  }
}

/** A body that may be empty (moderation actions without parameters). */
export async function readOptionalJson(c: Context): Promise<unknown> {
  if (!c.req.header('content-type') && (c.req.header('content-length') ?? '0') === '0') return {};
  return readStrictJson(c);
}

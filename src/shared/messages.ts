import {msg, str} from '@lit/localize';
import type {ApiError} from './api.js';
import {intlLocales} from './i18n.js';
import type {QueueReason} from './outbox.js';

/** A short localized sentence for an API failure, saying what the patron can do next. */
export function problemMessage(error: ApiError): string {
  switch (error.slug) {
    case 'network':
      return msg('No connection to the server. Try again.');
    case 'not-found':
      return msg('This could not be found. It may have been removed.');
    case 'archived':
      return msg('This has ended and is no longer available.');
    case 'rate-limited':
      // The server always says how long (Retry-After); a minute is a safe guess for one that did not.
      return msg(str`Too many attempts from this network. Try again in ${error.retryAfterSeconds ?? 60} s.`);
    case 'origin-not-allowed':
      return msg('This survey is not available here.');
    case 'validation':
      return msg('Your answer could not be accepted. Check it and try again.');
    case 'payload-too-large':
      return msg('Your answer is too long. Shorten it and try again.');
    default:
      return error.status >= 500
        ? msg('The server had a problem. Try again later.')
        : msg('Something went wrong. Reload the page and try again.');
  }
}

/** What the patron is told when their answer waits in the browser instead of reaching the server. */
export function queuedMessage(reason: QueueReason | undefined): string {
  return reason === 'rate-limited'
    ? msg('Saved on this device. It will be sent in a moment.')
    : msg('Saved on this device. It will be sent when the connection returns.');
}

/** Why a poll, rating or idea box takes no answers now: closed, or not open yet (and when it opens). */
export function notOpenMessage(status: 'closed' | 'scheduled', opensAt?: string): string {
  if (status === 'closed') return msg('This has closed.');
  const opens = opensAt && new Intl.DateTimeFormat(intlLocales(), {dateStyle: 'long', timeStyle: 'short'}).format(new Date(opensAt));
  return opens ? msg(str`This opens on ${opens}.`) : msg('This is not open yet.');
}

/** What the patron is told when an answer that waited on this device was refused by the server later. */
export function refusedMessage(error: ApiError): string {
  return `${msg('Your answer saved on this device was not accepted.')} ${problemMessage(error)}`;
}

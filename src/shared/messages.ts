import {msg, str} from '@lit/localize';
import type {ApiError} from './api.js';
import type {QueueReason} from './outbox.js';

/** A short localized sentence for an API failure, saying what the patron can do next. */
export function problemMessage(error: ApiError): string {
  switch (error.slug) {
    case 'network':
      return msg('Could not reach the server. Check your connection and try again.');
    case 'not-found':
      return msg('This could not be found. It may have been removed.');
    case 'rate-limited':
      // The server always says how long (Retry-After); a minute is a safe guess for one that did not.
      return msg(str`Too many attempts from this network. Try again in ${error.retryAfterSeconds ?? 60} s.`);
    case 'origin-not-allowed':
      return msg("This site is not allowed to use this service. Please tell the site's webmaster.");
    case 'validation':
      return msg('Your answer could not be accepted. Check it and try again.');
    case 'payload-too-large':
      return msg('Your answer is too long. Shorten it and try again.');
    default:
      return error.status >= 500
        ? msg('Something went wrong on the server. Try again later.')
        : msg('Something went wrong. Reload the page and try again.');
  }
}

/** What the patron is told when their answer waits in the browser instead of reaching the server. */
export function queuedMessage(reason: QueueReason | undefined): string {
  return reason === 'rate-limited'
    ? msg('Saved on this device. It will be sent in a moment.')
    : msg('Saved on this device. It will be sent when the connection returns.');
}

import {msg, str} from '@lit/localize';
import type {ApiError} from './api.js';
import {intlLocales} from './i18n.js';
import type {QueueReason} from './outbox.js';

/** A short localized sentence for an API failure, saying what the patron can do next. */
export function problemMessage(error: ApiError): string {
  switch (error.slug) {
    case 'network':
      return msg('Ei yhteyttä palvelimeen. Yritä uudelleen.');
    case 'not-found':
      return msg('Sisältöä ei löytynyt. Se on ehkä poistettu.');
    case 'archived':
      return msg('Tämä on päättynyt, eikä se ole enää saatavilla.');
    case 'rate-limited':
      // The server always says how long (Retry-After); a minute is a safe guess for one that did not.
      return msg(str`Liian monta yritystä tästä verkosta. Yritä uudelleen ${error.retryAfterSeconds ?? 60} sekunnin kuluttua.`);
    case 'origin-not-allowed':
      return msg('Tämä ei ole käytettävissä tällä sivustolla.');
    case 'validation':
      return msg('Vastaustasi ei voitu hyväksyä. Tarkista se ja yritä uudelleen.');
    case 'payload-too-large':
      return msg('Vastauksesi on liian pitkä. Lyhennä sitä ja yritä uudelleen.');
    default:
      return error.status >= 500
        ? msg('Palvelimella oli ongelma. Yritä myöhemmin uudelleen.')
        : msg('Jokin meni vikaan. Lataa sivu uudelleen ja yritä uudestaan.');
  }
}

/** What the patron is told when their answer waits in the browser instead of reaching the server. */
export function queuedMessage(reason: QueueReason | undefined): string {
  return reason === 'rate-limited'
    ? msg('Tallennettu tälle laitteelle. Se lähetetään hetken kuluttua.')
    : msg('Tallennettu tälle laitteelle. Se lähetetään, kun yhteys palaa.');
}

/** Why a poll, rating or idea box takes no answers now: closed, or not open yet (and when it opens). */
export function notOpenMessage(status: 'closed' | 'scheduled', opensAt?: string): string {
  if (status === 'closed') return msg('Tämä on päättynyt.');
  const opens = opensAt && new Intl.DateTimeFormat(intlLocales(), {dateStyle: 'long', timeStyle: 'short'}).format(new Date(opensAt));
  return opens ? msg(str`Tämä avautuu ${opens}.`) : msg('Tämä ei ole vielä auki.');
}

/** What the patron is told when an answer that waited on this device was refused by the server later. */
export function refusedMessage(error: ApiError): string {
  return `${msg('Tälle laitteelle tallennettua vastaustasi ei hyväksytty.')} ${problemMessage(error)}`;
}

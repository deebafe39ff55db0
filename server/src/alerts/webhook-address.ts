import type {Config} from '../config.js';
import {internalAddressOf, internalLiteral, literalAddress} from '../http/public-address.js';

export type WebhookPolicy = Pick<Config, 'webhookAllowHttp' | 'webhookAllowPrivate'>;

/** Why an address may not get webhooks: stable words the console turns into its own language. */
export type WebhookRefusal = {reason: 'https-required' | 'internal-address'; message: string};

/** Why a send to an internal address is refused. */
export const internalMessage = (address: string) => `The endpoint's address is internal (${address}); webhooks go only to public addresses.`;

const internalRefusal = (address: string): WebhookRefusal => ({reason: 'internal-address', message: internalMessage(address)});

/**
 * What refuses a webhook address before any name is looked up: http: unless the operator allows it
 * (KIRJASTO_WEBHOOK_ALLOW_HTTP), an internal IP address unless the operator allows those
 * (KIRJASTO_WEBHOOK_ALLOW_PRIVATE).
 */
export function refusedLiteral(url: URL, policy: WebhookPolicy): WebhookRefusal | undefined {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.webhookAllowHttp)) {
    return {reason: 'https-required', message: 'An https:// address (this server sends webhooks over http:// only if its operator allows it)'};
  }
  const internal = policy.webhookAllowPrivate ? undefined : internalLiteral(url);
  return internal !== undefined ? internalRefusal(internal) : undefined;
}

/**
 * Why a webhook address may not be saved, or undefined. A host name is resolved and every address it
 * has must be public; a name that does not resolve now is accepted, since every send checks again.
 */
export async function refusedWebhookUrl(raw: string, policy: WebhookPolicy): Promise<WebhookRefusal | undefined> {
  const url = new URL(raw);
  const refused = refusedLiteral(url, policy);
  if (refused || policy.webhookAllowPrivate || literalAddress(url) !== undefined) return refused;
  const internal = await internalAddressOf(url);
  return internal ? internalRefusal(internal) : undefined;
}

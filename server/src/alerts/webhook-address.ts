import {lookup, promises as dns, type LookupAddress} from 'node:dns';
import {BlockList, isIP, type LookupFunction} from 'node:net';
import type {Config} from '../config.js';

export type WebhookPolicy = Pick<Config, 'webhookAllowHttp' | 'webhookAllowPrivate'>;

/** Why an address may not get webhooks: stable words the console turns into its own language. */
export type WebhookRefusal = {reason: 'https-required' | 'internal-address'; message: string};

// Addresses inside the server's own machine or network, and ones no endpoint has: a webhook there would
// let a library's staff reach what only the server should (SSRF), such as 169.254.169.254 in a cloud.
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 is every interface of the server
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, shared inside a provider
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // the old site-local
  ['ff00::', 8], // multicast
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is internal (IPv4-mapped IPv6 addresses, ::ffff:a.b.c.d, are checked as IPv4). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  return family === 0 || INTERNAL.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A webhook endpoint that resolves to an internal address: the send is refused, not retried. */
export class InternalAddressError extends Error {
  readonly code = 'EKIRJASTO_INTERNAL_ADDRESS';
  constructor(readonly address: string) {
    super(`The endpoint's address is internal (${address}); webhooks go only to public addresses.`);
  }
}

const internalRefusal = (address: string): WebhookRefusal => ({reason: 'internal-address', message: new InternalAddressError(address).message});

/** The host of a URL as an IP address, when it is one (IPv6 without its brackets). */
const literalAddress = (url: URL) => {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
};

/**
 * What refuses a webhook address before any name is looked up: http: unless the operator allows it
 * (KIRJASTO_WEBHOOK_ALLOW_HTTP), an internal IP address unless the operator allows those
 * (KIRJASTO_WEBHOOK_ALLOW_PRIVATE).
 */
export function refusedLiteral(url: URL, policy: WebhookPolicy): WebhookRefusal | undefined {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.webhookAllowHttp)) {
    return {reason: 'https-required', message: 'An https:// address (this server sends webhooks over http:// only if its operator allows it)'};
  }
  const literal = literalAddress(url);
  return literal !== undefined && !policy.webhookAllowPrivate && isInternalAddress(literal) ? internalRefusal(literal) : undefined;
}

/**
 * Why a webhook address may not be saved, or undefined. A host name is resolved and every address it
 * has must be public; a name that does not resolve now is accepted, since every send checks again.
 */
export async function refusedWebhookUrl(raw: string, policy: WebhookPolicy): Promise<WebhookRefusal | undefined> {
  const url = new URL(raw);
  const refused = refusedLiteral(url, policy);
  if (refused || policy.webhookAllowPrivate || literalAddress(url) !== undefined) return refused;
  const addresses = await dns.lookup(url.hostname, {all: true, verbatim: true}).catch(() => [] as LookupAddress[]);
  const internal = addresses.find((a) => isInternalAddress(a.address));
  return internal ? internalRefusal(internal.address) : undefined;
}

/**
 * A socket `lookup` that resolves the name with `resolve`, refuses it when any of its addresses is
 * internal, and hands the checked addresses to the connection: what is checked is what is connected
 * to, even if the name's DNS changes between the check and the send.
 */
export const publicOnly =
  (resolve: typeof lookup): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, {...options, all: true}, (error, addresses) => {
      const internal = addresses?.find((a) => isInternalAddress(a.address));
      if (error || !addresses?.length) callback(error ?? Object.assign(new Error(`No address for ${hostname}`), {code: 'ENOTFOUND'}), '');
      else if (internal) callback(new InternalAddressError(internal.address), '');
      else if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

/** The lookup of every webhook send unless the operator allows internal addresses. */
export const publicOnlyLookup = publicOnly(lookup);

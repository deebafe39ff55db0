import {lookup, promises as dns, type LookupAddress} from 'node:dns';
import {request as httpRequest, type IncomingMessage} from 'node:http';
import {request as httpsRequest} from 'node:https';
import {BlockList, isIP, type LookupFunction} from 'node:net';
import {Readable} from 'node:stream';

// Addresses inside the server's own machine or network, and ones no endpoint has: an address that a
// library's staff set (a webhook, an OpenID provider) and the server then connects to must not be one,
// or they could reach what only the server should (SSRF), such as 169.254.169.254 in a cloud.
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

/** A connection to an internal address, refused: not worth retrying. */
export class InternalAddressError extends Error {
  readonly code = 'EKIRJASTO_INTERNAL_ADDRESS';
  constructor(readonly address: string) {
    super(`The address ${address} is inside the server's own network; it connects only to public addresses.`);
  }
}

/** The host of a URL as an IP address, when it is one (IPv6 without its brackets). */
export const literalAddress = (url: URL) => {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
};

/** The URL's host when it is an internal IP address: what a socket's lookup never sees, so checked before connecting. */
export const internalLiteral = (url: URL) => {
  const literal = literalAddress(url);
  return literal !== undefined && isInternalAddress(literal) ? literal : undefined;
};

/**
 * The internal address a URL's host is or resolves to now, else undefined: for refusing it when it is
 * saved. A name that does not resolve now is not refused, since every connection checks again.
 */
export async function internalAddressOf(url: URL): Promise<string | undefined> {
  if (literalAddress(url) !== undefined) return internalLiteral(url);
  const addresses = await dns.lookup(url.hostname, {all: true, verbatim: true}).catch(() => [] as LookupAddress[]);
  return addresses.find((a) => isInternalAddress(a.address))?.address;
}

/**
 * A socket `lookup` that resolves the name with `resolve`, refuses it when any of its addresses is
 * internal, and hands the checked addresses to the connection: what is checked is what is connected
 * to, even if the name's DNS changes between the check and the connection.
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

/** What openid-client hands its `customFetch`, and what a webhook send needs. */
export interface FetchOptions {
  method: string;
  headers: Record<string, string>;
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal;
}

/** Statuses whose response has no body (the Response constructor refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * A fetch for the addresses staff set (a webhook's, openid-client's `customFetch`), over node:http(s) so
 * that a socket lookup checks what is connected to: unless `allowInternal` (development and tests), an internal IP address in the URL is
 * refused before connecting and a name is resolved with `publicOnly(resolve)`. Never follows a
 * redirect: a 3xx is the answer. Like fetch, it rejects with a TypeError when it cannot connect, the
 * reason (an InternalAddressError, say) as its message and cause.
 */
export function fetchPublic(policy: {allowInternal: boolean; resolve?: typeof lookup}) {
  const checked = policy.allowInternal ? undefined : publicOnly(policy.resolve ?? lookup);
  return (input: string, options: FetchOptions) =>
    new Promise<Response>((answer, reject) => {
      const fail = (error: Error) => reject(new TypeError(error.message, {cause: error}));
      const url = new URL(input);
      const internal = checked && internalLiteral(url);
      if (internal) return fail(new InternalAddressError(internal));
      const {body} = options;
      if (body instanceof ReadableStream) return reject(new TypeError('A streamed request body is not supported.'));
      const payload = body === undefined || body === null ? undefined : typeof body === 'string' || body instanceof URLSearchParams ? String(body) : new Uint8Array(body);
      const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
      if (!send) return reject(new TypeError(`Not an http(s) URL: ${url.protocol}`));
      const request = send(url, {method: options.method, headers: options.headers, lookup: checked, agent: false, signal: options.signal}, (response: IncomingMessage) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
        }
        const status = response.statusCode ?? 0;
        const empty = NO_BODY.has(status) || options.method === 'HEAD';
        if (empty) response.resume();
        answer(new Response(empty ? null : (Readable.toWeb(response) as ReadableStream), {status, statusText: response.statusMessage, headers}));
      });
      request.on('error', fail);
      request.end(payload);
    });
}

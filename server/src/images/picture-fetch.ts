/**
 * Fetches an agency picture over HTTP(S) under the fetch policy: only allowed hosts, and
 * (unless configured otherwise) only public addresses. The address is checked when the
 * connection is made, on every redirect, so a name that resolves differently the second
 * time cannot slip past the check.
 */
import dns from 'dns';
import http, { type IncomingMessage } from 'http';
import https from 'https';
import type { LookupFunction } from 'net';
import { addressRefusal, hostAllowed, isAddressLiteral } from './domain/fetch-policy';

/** Which addresses may be fetched from; the Media Library's URL import shares it with wire pictures. */
export interface PictureSourcePolicy {
  /** Hosts pictures may come from (`*.example.com` for subdomains); empty allows any. */
  allowedHosts: string[];
  /** Allow loopback and private-network addresses (an agency feed inside the newsroom's network). */
  privateAddresses: boolean;
  /** What is fetched, as refusals name it: `picture` unless said (agency feeds use it too). */
  label?: string;
}

export interface PictureFetchPolicy extends PictureSourcePolicy {
  maxBytes: number;
  timeoutSeconds: number;
}

export interface FetchedPicture {
  data: Buffer;
  contentType: string;
  /** The address finally answered, after redirects. */
  url: URL;
}

const MAX_REDIRECTS = 5;

const publicOnly = (label: string) => `${label}s are fetched from public addresses only`;

/**
 * `dns.lookup` that refuses a name if any of its addresses is not public, and hands the
 * connection only the addresses it checked.
 */
const publicOnlyLookup =
  (label: string): LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!addresses.length)
        return callback(
          Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
          []
        );
      for (const { address } of addresses) {
        const refusal = addressRefusal(address);
        if (refusal)
          return callback(
            new Error(`${hostname} resolves to ${address}, ${refusal}; ${publicOnly(label)}`),
            []
          );
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };

/** Throws an Error naming why the policy refuses this address (scheme, host list, a non-public IP literal). */
export const checkUrl = (url: URL, policy: PictureSourcePolicy) => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${url.href} is not an http(s) address`);
  if (!hostAllowed(url.hostname, policy.allowedHosts))
    throw new Error(`${url.hostname} is not among the allowed ${policy.label ?? 'picture'} hosts`);
  // Node connects to an IP literal without calling the lookup, so literals are judged here.
  if (policy.privateAddresses || !isAddressLiteral(url.hostname)) return;
  const literal = url.hostname.replace(/^\[|\]$/gu, '');
  const refusal = addressRefusal(literal);
  if (refusal)
    throw new Error(`${literal} is ${refusal}; ${publicOnly(policy.label ?? 'picture')}`);
};

const get = (
  url: URL,
  policy: PictureSourcePolicy,
  signal: AbortSignal,
  headers: Record<string, string>
) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // No pooled sockets (agent: false): one opened for other code was connected without this lookup.
    const request = client.get(
      url,
      {
        signal,
        agent: false,
        headers,
        ...(policy.privateAddresses ? {} : { lookup: publicOnlyLookup(policy.label ?? 'picture') }),
      },
      resolve
    );
    request.on('error', reject);
  });

/**
 * Opens a picture address under the policy, following up to five redirects, each checked
 * like the first address. Answers the 2xx response, its body unread.
 */
export const openPicture = async (
  href: string,
  policy: PictureSourcePolicy,
  signal: AbortSignal,
  options: { headers?: Record<string, string>; notModified?: boolean } = {}
): Promise<{ response: IncomingMessage; url: URL }> => {
  let url = new URL(href);
  for (let hop = 0; ; hop += 1) {
    checkUrl(url, policy);
    // Credentials go to the address configured, never to where it redirects.
    const response = await get(url, policy, signal, hop === 0 ? (options.headers ?? {}) : {});
    const status = response.statusCode ?? 0;
    // A conditional GET's "nothing new" is an answer, for the callers that asked.
    if (status === 304 && options.notModified) return { response, url };
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop === MAX_REDIRECTS)
        throw new Error(`${href} redirects more than ${MAX_REDIRECTS} times`);
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new Error(`${url.href} answered ${status}`);
    }
    return { response, url };
  }
};

/** Reads a response's body, refusing it past `maxBytes` (declared or counted) without reading on. */
export const readLimited = async (
  response: IncomingMessage,
  maxBytes: number,
  what = 'the picture'
) => {
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    response.destroy();
    throw new Error(`${what} is ${declared} bytes; the limit is ${maxBytes}`);
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of response as AsyncIterable<Buffer>) {
    total += part.length;
    if (total > maxBytes) {
      response.destroy();
      throw new Error(`${what} is larger than ${maxBytes} bytes`);
    }
    parts.push(part);
  }
  return Buffer.concat(parts);
};

/** GETs a picture under the policy, within its size and time limits. */
export const fetchPicture = async (
  href: string,
  policy: PictureFetchPolicy
): Promise<FetchedPicture> => {
  const { response, url } = await openPicture(
    href,
    policy,
    AbortSignal.timeout(policy.timeoutSeconds * 1000)
  );
  const data = await readLimited(response, policy.maxBytes);
  return { data, contentType: response.headers['content-type'] ?? 'application/octet-stream', url };
};

/**
 * POSTs `body` to `href` under the same policy (a subscriber's push): every address checked
 * as it is connected to; redirects are not followed, since a POST must not wander. Answers
 * the status and at most 2 KB of the answer; throws on no answer.
 */
export const postUnderPolicy = (
  href: string,
  policy: PictureSourcePolicy,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal
) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(href);
      checkUrl(url, policy);
    } catch (error) {
      reject(error);
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        signal,
        agent: false,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        ...(policy.privateAddresses ? {} : { lookup: publicOnlyLookup(policy.label ?? 'picture') }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8').slice(0, 2048),
          })
        );
        response.on('error', reject);
      }
    );
    request.on('error', reject);
    request.end(body);
  });

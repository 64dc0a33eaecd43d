/**
 * Fetches an agency picture over HTTP(S) under the fetch policy: only allowed hosts, and
 * (unless configured otherwise) only public addresses. The address is checked when the
 * connection is made, on every redirect, so a name that resolves differently the second
 * time cannot slip past the check.
 */
import dns, { type LookupAddress, type LookupOptions } from 'dns';
import http, { type IncomingMessage } from 'http';
import https from 'https';
import { isIP } from 'net';
import { addressRefusal, hostAllowed } from '../domain/images/fetch-policy';

export interface PictureFetchPolicy {
  maxBytes: number;
  timeoutSeconds: number;
  /** Hosts pictures may come from (`*.example.com` for subdomains); empty allows any. */
  allowedHosts: string[];
  /** Allow loopback and private-network addresses (an agency feed inside the newsroom's network). */
  privateAddresses: boolean;
}

export interface FetchedPicture {
  data: Buffer;
  contentType: string;
  /** The address finally answered, after redirects. */
  url: URL;
}

const MAX_REDIRECTS = 5;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `dns.lookup` that refuses non-public addresses. */
const publicOnlyLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => addressRefusal(a.address));
    if (refused) {
      return callback(new Error(`${hostname} resolves to ${refused.address}, ${addressRefusal(refused.address)}; pictures are fetched from public addresses only`), []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
};

const checkUrl = (url: URL, policy: PictureFetchPolicy) => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.href} is not an http(s) address`);
  if (!hostAllowed(url.hostname, policy.allowedHosts)) throw new Error(`${url.hostname} is not among the allowed picture hosts`);
  const literal = url.hostname.replace(/^\[|\]$/gu, '');
  // Addresses written as IP literals are connected to without a lookup: check them here.
  if (!policy.privateAddresses && isIP(literal) && addressRefusal(literal)) {
    throw new Error(`${literal} is ${addressRefusal(literal)}; pictures are fetched from public addresses only`);
  }
};

const get = (url: URL, policy: PictureFetchPolicy, signal: AbortSignal) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { signal, ...(policy.privateAddresses ? {} : { lookup: publicOnlyLookup as never }) }, resolve);
    request.on('error', reject);
  });

const readLimited = async (response: IncomingMessage, maxBytes: number) => {
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new Error(`the picture is ${declared} bytes; the limit is ${maxBytes}`);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of response as AsyncIterable<Buffer>) {
    total += part.length;
    if (total > maxBytes) {
      response.destroy();
      throw new Error(`the picture is larger than ${maxBytes} bytes`);
    }
    parts.push(part);
  }
  return Buffer.concat(parts);
};

/** GETs a picture, following up to five redirects, each checked like the first address. */
export const fetchPicture = async (href: string, policy: PictureFetchPolicy): Promise<FetchedPicture> => {
  const signal = AbortSignal.timeout(policy.timeoutSeconds * 1000);
  let url = new URL(href);
  for (let hop = 0; ; hop += 1) {
    checkUrl(url, policy);
    const response = await get(url, policy, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop === MAX_REDIRECTS) throw new Error(`${href} redirects more than ${MAX_REDIRECTS} times`);
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new Error(`${url.href} answered ${status}`);
    }
    const data = await readLimited(response, policy.maxBytes);
    return { data, contentType: response.headers['content-type'] ?? 'application/octet-stream', url };
  }
};

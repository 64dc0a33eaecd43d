/**
 * Where the server may fetch agency pictures from (pure). A picture address comes from
 * wire copy, which anyone with an ingest token can write: without these rules it could
 * point the server at itself, the database or a cloud metadata service.
 */
import { isIP } from 'net';

const ipv4 = (address: string) => address.split('.').map(Number);

const inV4 = (parts: number[], base: string, bits: number) => {
  const b = ipv4(base);
  const value = (p: number[]) => ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (value(parts) & mask) === (value(b) & mask);
};

const V4_RANGES: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a protocol assignment address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

/** Expands an IPv6 address to its eight 16-bit groups. */
const ipv6Groups = (address: string): number[] => {
  let text = address.toLowerCase().split('%')[0];
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/u.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = ipv4(v4Tail[1]);
    text = text.slice(0, -v4Tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array(missing).fill('0'), ...tailGroups].map((g) => parseInt(g, 16));
};

/** Why the server must not connect to this IP address, or null when it is a public one. */
export const addressRefusal = (address: string): string | null => {
  const family = isIP(address);
  if (family === 4) {
    const parts = ipv4(address);
    return V4_RANGES.find(([base, bits]) => inV4(parts, base, bits))?.[2] ?? null;
  }
  if (family !== 6) return 'not an IP address';
  const g = ipv6Groups(address);
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0) && (g[6] !== 0 || g[7] > 1)) {
    return addressRefusal(`${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`);
  }
  if (g.every((x) => x === 0)) return 'an unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address';
  if ((g[0] & 0xfe00) === 0xfc00) return 'a private address';
  if ((g[0] & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((g[0] & 0xff00) === 0xff00) return 'a multicast address';
  return null;
};

/**
 * Is this host on the allow-list? An empty list allows every host; `*.example.com` allows
 * the subdomains of example.com.
 */
export const hostAllowed = (host: string, allowedHosts: string[]) => {
  if (!allowedHosts.length) return true;
  const name = host.toLowerCase().replace(/^\[|\]$/gu, '');
  return allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase().trim();
    return allowed.startsWith('*.') ? name.endsWith(allowed.slice(1)) : name === allowed;
  });
};

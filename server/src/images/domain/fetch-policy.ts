/**
 * Where the server may fetch agency pictures from (pure). A picture address comes from
 * wire copy, which anyone with an ingest token can write: without these rules it could
 * point the server at itself, the database or a cloud metadata service.
 *
 * Addresses are judged by allow-list: only global unicast passes, as ipaddr.js classifies
 * it. IPv6 forms that carry an IPv4 address the connection ends up at (IPv4-mapped,
 * IPv4-compatible, NAT64) are judged by that IPv4 address.
 */
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

/** How a refusal names each of ipaddr.js's ranges; a range not named here is named as ipaddr.js spells it. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata lives here)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved or documentation address',
  benchmarking: 'a benchmarking address',
  as112: 'an AS112 DNS sink address',
  as112v6: 'an AS112 DNS sink address',
  amt: 'a multicast tunnelling (AMT) address',
  uniqueLocal: 'a unique local address (a private network)',
  deprecatedSiteLocal: 'a site-local address (a private network)',
  discard: 'a discard-only address',
  rfc6145: 'an IPv4-translated address (RFC 6145)',
  // 6to4 and Teredo are retired tunnels to an embedded IPv4 address; a host with such an
  // interface would send the packets there itself. No agency serves pictures from them.
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
  deprecatedOrchid: 'an ORCHID identifier, not a host address',
  orchid2: 'an ORCHID identifier, not a host address',
  droneRemoteIdProtocolEntityTags: 'a drone remote ID tag, not a host address',
  segmentRouting: 'a segment routing address',
};

const rangeRefusal = (range: string) => RANGE_NAMES[range] ?? `an address in the ${range} range`;

/** IANA allocates global unicast IPv6 from 2000::/3 only; ipaddr.js calls the unassigned rest "unicast" too. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** NAT64's well-known prefix: the last 32 bits are the IPv4 address the gateway connects to. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

const lastIPv4 = (address: IPv6) => {
  const [high, low] = address.parts.slice(6);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
};

const v4Refusal = (address: IPv4) => {
  const range = address.range();
  return range === 'unicast' ? null : rangeRefusal(range);
};

/** Judges an IPv6 address that stands for an IPv4 one by that IPv4 address. */
const carriedRefusal = (form: string, address: IPv4) => {
  const refusal = v4Refusal(address);
  return refusal && `the ${form} form of ${address.toString()}, ${refusal}`;
};

const v6Refusal = (address: IPv6): string | null => {
  const range = address.range();
  // Node connects to ::ffff:a.b.c.d over IPv4.
  if (range === 'ipv4Mapped') return carriedRefusal('IPv4-mapped', lastIPv4(address));
  if (range === 'rfc6052') {
    // A public IPv4 address behind the well-known prefix is how DNS64 networks reach IPv4-only hosts.
    if (address.match(NAT64_WELL_KNOWN)) return carriedRefusal('NAT64', lastIPv4(address));
    // RFC 8215 local-use prefixes place the IPv4 bits where the local network chooses, so they cannot be judged.
    return 'a local-use NAT64 address (64:ff9b:1::/48), whose IPv4 part only the local network knows';
  }
  if (range !== 'unicast') return rangeRefusal(range);
  // ::7f00:1, the retired IPv4-compatible form (:: and ::1 have ranges of their own). ipaddr.js
  // reads the dotted spelling ::127.0.0.1 as IPv4-mapped instead: judged by the same IPv4 address either way.
  if (address.parts.slice(0, 6).every((part) => part === 0))
    return carriedRefusal('IPv4-compatible', lastIPv4(address));
  if (!address.match(GLOBAL_UNICAST_V6)) return 'an unassigned address (outside 2000::/3)';
  return null;
};

/**
 * Why the server must not connect to this IP address, or null when it is a public one.
 * Takes any spelling Node or a URL would connect to (`127.1`, `0x7f.1`, `::ffff:7f00:1`, `fe80::1%lo`).
 */
export const addressRefusal = (address: string): string | null => {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  return parsed instanceof ipaddr.IPv4 ? v4Refusal(parsed) : v6Refusal(parsed);
};

/** Is this host written as an IP address (in any spelling, brackets or not) rather than a name? */
export const isAddressLiteral = (host: string) => ipaddr.isValid(host.replace(/^\[|\]$/gu, ''));

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

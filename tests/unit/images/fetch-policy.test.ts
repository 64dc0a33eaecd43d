import {
  addressRefusal,
  hostAllowed,
  isAddressLiteral,
} from '../../../server/src/images/domain/fetch-policy';

describe('IPv4 addresses wire pictures may not be fetched from', () => {
  test.each([
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.20', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.254', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['192.0.0.8', /reserved/],
    ['192.0.2.10', /documentation/],
    ['198.51.100.7', /documentation/],
    ['203.0.113.99', /documentation/],
    ['198.18.0.1', /reserved/],
    ['198.19.255.255', /reserved/],
    ['192.88.99.1', /reserved/],
  ])('%s is refused', (address, reason) => {
    expect(addressRefusal(address)).toMatch(reason);
  });
});

describe('IPv4 spellings a URL or getaddrinfo would connect to', () => {
  // WHATWG URL rewrites these to dotted decimal; getaddrinfo (inet_aton) reads them the same way.
  test.each(['127.1', '0x7f.1', '0x7f000001', '2130706433', '017700000001', '0177.0.0.1', '0'])(
    '%s is refused',
    (address) => {
      expect(addressRefusal(address)).toMatch(/loopback|unspecified/);
    }
  );

  test.each([
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', '[::ffff:7f00:1]'],
    ['http://[::127.0.0.1]/', '[::7f00:1]'],
  ])('a URL host written %s is an address literal, and refused', (href, hostname) => {
    const host = new URL(href).hostname;
    expect(host).toBe(hostname);
    expect(isAddressLiteral(host)).toBe(true);
    expect(addressRefusal(host.replace(/^\[|\]$/gu, ''))).not.toBeNull();
  });

  test('a zone index in a URL is not a valid address, so nothing is fetched from it', () => {
    expect(() => new URL('http://[fe80::1%25lo]/')).toThrow();
  });

  test('names are not address literals', () => {
    expect(isAddressLiteral('photos.tass.ru')).toBe(false);
    expect(isAddressLiteral('localhost')).toBe(false);
    expect(isAddressLiteral('[::1]')).toBe(true);
  });
});

describe('IPv6 addresses wire pictures may not be fetched from', () => {
  test.each([
    ['::1', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    ['::', /unspecified/],
    ['fd00::1', /unique local/],
    ['fc12:3456::1', /unique local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['fe80::1%lo', /link-local/],
    ['fec0::1', /site-local/],
    ['ff02::1', /multicast/],
    ['ff05::1:3', /multicast/],
    ['2001:db8::1', /documentation/],
    ['2001:2::1', /benchmarking|reserved/],
    ['3fff::1', /documentation/],
    ['100::1', /discard/],
    // 6to4 and Teredo are refused whatever IPv4 address they carry.
    ['2002:7f00:1::1', /6to4/],
    ['2002:808:808::1', /6to4/],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
    ['2001::1', /Teredo/],
    // Not handed out by IANA: ipaddr.js calls these unicast, the policy does not.
    ['4000::1', /unassigned/],
    ['1::1', /unassigned/],
  ])('%s is refused', (address, reason) => {
    expect(addressRefusal(address)).toMatch(reason);
  });
});

describe('IPv6 forms that carry an IPv4 address are judged by that address', () => {
  test.each([
    ['::ffff:127.0.0.1', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
    ['::ffff:7f00:1', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
    ['0:0:0:0:0:ffff:7f00:1', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
    ['::ffff:7f00:1%lo', /IPv4-mapped form of 127\.0\.0\.1/],
    ['::ffff:a9fe:a9fe', /IPv4-mapped form of 169\.254\.169\.254, a link-local/],
    ['::ffff:10.0.0.1', /private/],
    ['::ffff:0.0.0.0', /unspecified/],
    // ipaddr.js reads the dotted ::a.b.c.d as ::ffff:a.b.c.d; the kernel reads it as ::7f00:1. Either way
    // it is judged by 127.0.0.1, which is what matters.
    ['::127.0.0.1', /form of 127\.0\.0\.1, a loopback address/],
    ['::7f00:1', /IPv4-compatible form of 127\.0\.0\.1/],
    ['::a00:1', /IPv4-compatible form of 10\.0\.0\.1, a private address/],
    ['::0.0.0.2', /unspecified/],
    ['64:ff9b::7f00:1', /NAT64 form of 127\.0\.0\.1, a loopback address/],
    ['64:ff9b::127.0.0.1', /NAT64 form of 127\.0\.0\.1/],
    ['64:ff9b::a9fe:a9fe', /NAT64 form of 169\.254\.169\.254, a link-local/],
    ['64:ff9b::c0a8:1', /NAT64 form of 192\.168\.0\.1, a private address/],
    // RFC 8215 local-use prefixes: where the IPv4 bits sit is the local network's choice.
    ['64:ff9b:1::7f00:1', /local-use NAT64/],
    ['64:ff9b:1::808:808', /local-use NAT64/],
    ['::ffff:0:7f00:1', /IPv4-translated/],
  ])('%s is refused', (address, reason) => {
    expect(addressRefusal(address)).toMatch(reason);
  });

  // Node connects to ::ffff:a.b.c.d over IPv4, and DNS64 networks reach IPv4-only hosts
  // through 64:ff9b::/96: both stand for a public IPv4 address here, so both pass.
  test.each([
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '64:ff9b::1.1.1.1',
    '::8.8.8.8',
  ])('%s carries a public address and passes', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });
});

describe('public addresses', () => {
  test.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '172.15.255.255',
    '100.63.255.255',
    '100.128.0.1',
    '93.184.216.34',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '2001:4860:4860::8888',
  ])('%s passes', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  test('a host name is not an address', () => {
    expect(addressRefusal('localhost')).toBe('not an IP address');
    expect(addressRefusal('photos.tass.ru')).toBe('not an IP address');
    expect(addressRefusal('')).toBe('not an IP address');
  });
});

describe('the picture host allow-list', () => {
  test('empty allows every host', () => {
    expect(hostAllowed('photos.example.org', [])).toBe(true);
  });
  test('names exact hosts and subdomains with *.', () => {
    const list = ['photos.tass.ru', '*.ntb.no'];
    expect(hostAllowed('photos.tass.ru', list)).toBe(true);
    expect(hostAllowed('PHOTOS.TASS.RU', list)).toBe(true);
    expect(hostAllowed('bilder.ntb.no', list)).toBe(true);
    expect(hostAllowed('ntb.no.evil.example', list)).toBe(false);
    expect(hostAllowed('evilntb.no', list)).toBe(false);
    expect(hostAllowed('tass.ru', list)).toBe(false);
  });
});

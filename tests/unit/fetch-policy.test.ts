import { addressRefusal, hostAllowed } from '../../server/src/domain/images/fetch-policy';

describe('addresses wire pictures may not be fetched from', () => {
  test.each([
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.20', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fd00::1', /private/],
    ['fe80::1%eth0', /link-local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:a9fe:a9fe', /link-local/],
  ])('%s is refused', (address, reason) => {
    expect(addressRefusal(address)).toMatch(reason);
  });

  test.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '93.184.216.34', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  test('a host name is not an address', () => {
    expect(addressRefusal('localhost')).toBe('not an IP address');
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

import dns, { type LookupAddress, type LookupAllOptions } from 'dns';
import http from 'http';
import type { AddressInfo, LookupFunction } from 'net';
import { fetchPicture, type PictureFetchPolicy } from '../../../server/src/images/picture-fetch';

/** A server on this machine the fetch policy must keep the newsroom away from: it records every request. */
const trapRequests: string[] = [];
const trapHandler: http.RequestListener = (req, res) => {
  trapRequests.push(`${req.socket.localAddress} ${req.url}`);
  res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
};
const trap4 = http.createServer(trapHandler);
const trap6 = http.createServer(trapHandler);
let port = 0;
let loopback6 = false;

/** Stands in for an agency's public picture server: answers a redirect to wherever `?to=` says. */
const agencyRequests: string[] = [];
const agency = http.createServer((req, res) => {
  agencyRequests.push(req.url ?? '');
  const to = new URL(req.url ?? '/', 'http://agency').searchParams.get('to');
  res.writeHead(302, { Location: to ?? '/' }).end();
});
let agencyPort = 0;

const listen = (server: http.Server, host: string, at = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, host, () => resolve((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  port = await listen(trap4, '127.0.0.1');
  // The same port on ::1, where the machine has IPv6 loopback.
  loopback6 = await listen(trap6, '::1', port).then(
    () => true,
    () => false
  );
  agencyPort = await listen(agency, '127.0.0.1');
});
afterAll(async () => {
  await Promise.all(
    [trap4, trap6, agency].map(
      (server) =>
        new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(null)))
    )
  );
});
afterEach(() => {
  jest.restoreAllMocks();
  trapRequests.length = 0;
  agencyRequests.length = 0;
});

const policy: PictureFetchPolicy = {
  maxBytes: 1024 * 1024,
  timeoutSeconds: 5,
  allowedHosts: [],
  privateAddresses: false,
};

/** Every spelling of an address on this machine that Node or a URL parser would connect to. */
const localSpellings = () => [
  ['127.0.0.1', /127\.0\.0\.1 is a loopback address/],
  ['localhost', /localhost resolves to .*loopback address/],
  ['[::ffff:127.0.0.1]', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
  ['[::ffff:7f00:1]', /IPv4-mapped form of 127\.0\.0\.1/],
  ['[0:0:0:0:0:ffff:7f00:1]', /IPv4-mapped form of 127\.0\.0\.1/],
  ['[::127.0.0.1]', /IPv4-compatible form of 127\.0\.0\.1/],
  ['[64:ff9b::7f00:1]', /NAT64 form of 127\.0\.0\.1/],
  ['[::ffff:0:7f00:1]', /IPv4-translated/],
  ['[2002:7f00:1::1]', /6to4/],
  ['[::1]', /::1 is a loopback address/],
  ['[::]', /:: is an unspecified address/],
  ['0x7f.1', /127\.0\.0\.1 is a loopback address/],
  ['2130706433', /127\.0\.0\.1 is a loopback address/],
  ['017700000001', /127\.0\.0\.1 is a loopback address/],
  ['127.1', /127\.0\.0\.1 is a loopback address/],
  ['0', /0\.0\.0\.0 is an unspecified address/],
  ['0.0.0.0', /0\.0\.0\.0 is an unspecified address/],
  ['[fe80::1%25lo]', /Invalid URL/],
];

describe('a picture address on this machine', () => {
  test('is reachable when private addresses are allowed, so the trap would see a fetch', async () => {
    await expect(
      fetchPicture(`http://127.0.0.1:${port}/control.jpg`, { ...policy, privateAddresses: true })
    ).resolves.toMatchObject({ contentType: 'image/jpeg' });
    if (loopback6)
      await fetchPicture(`http://[::1]:${port}/control.jpg`, { ...policy, privateAddresses: true });
    expect(trapRequests).toHaveLength(loopback6 ? 2 : 1);
  });

  test.each(localSpellings())(
    'written %s is refused before any connection',
    async (host, reason) => {
      await expect(fetchPicture(`http://${host}:${port}/a001.jpg`, policy)).rejects.toThrow(reason);
      expect(trapRequests).toEqual([]);
    }
  );

  test('a name is refused when any of its addresses is not public', async () => {
    const lookup = dns.lookup;
    jest.spyOn(dns, 'lookup').mockImplementation(((
      hostname: string,
      options: LookupAllOptions,
      callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void
    ) => {
      if (hostname !== 'photos.agency.test') return lookup(hostname, options, callback);
      return callback(null, [
        { address: '93.184.216.34', family: 4 },
        { address: '::ffff:127.0.0.1', family: 6 },
      ]);
    }) as unknown as typeof dns.lookup);
    await expect(
      fetchPicture(`http://photos.agency.test:${port}/a001.jpg`, policy)
    ).rejects.toThrow(
      'photos.agency.test resolves to ::ffff:127.0.0.1, the IPv4-mapped form of 127.0.0.1, a loopback address; pictures are fetched from public addresses only'
    );
    expect(trapRequests).toEqual([]);
  });
});

describe('a redirect from a public picture server', () => {
  /**
   * No public server is reachable offline, so photos.agency.test's first hop is connected to
   * the local agency server as if it were public; every later hop goes through the policy untouched.
   */
  const agencyIsPublic = () => {
    const get = http.get;
    const toAgency: LookupFunction = (_hostname, options, callback) =>
      options.all
        ? callback(null, [{ address: '127.0.0.1', family: 4 }])
        : callback(null, '127.0.0.1', 4);
    jest
      .spyOn(http, 'get')
      .mockImplementation(((
        url: URL,
        options: http.RequestOptions,
        callback: (response: http.IncomingMessage) => void
      ) =>
        get(
          url,
          url.hostname === 'photos.agency.test' ? { ...options, lookup: toAgency } : options,
          callback
        )) as unknown as typeof http.get);
  };
  const redirecting = (to: string) =>
    `http://photos.agency.test:${agencyPort}/a001.jpg?to=${encodeURIComponent(to)}`;

  test('is followed when it leads somewhere allowed', async () => {
    agencyIsPublic();
    await expect(
      fetchPicture(redirecting(`http://127.0.0.1:${port}/a001.jpg`), {
        ...policy,
        privateAddresses: true,
      })
    ).resolves.toMatchObject({
      url: new URL(`http://127.0.0.1:${port}/a001.jpg`),
    });
    expect(agencyRequests).toHaveLength(1);
    expect(trapRequests).toHaveLength(1);
  });

  test.each(localSpellings())('to this machine written %s is refused', async (host, reason) => {
    agencyIsPublic();
    await expect(
      fetchPicture(redirecting(`http://${host}:${port}/a001.jpg`), policy)
    ).rejects.toThrow(reason);
    expect(agencyRequests).toHaveLength(1);
    expect(trapRequests).toEqual([]);
  });
});

import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { filesUnder, photo } from '../../helpers/images';
import { renditionsSettled } from '../../helpers/renditions';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin, uploadBatch, uploadWithToken } from '../../helpers/uploads';

let newsroom: Newsroom;
let admin: AdminSession;
let token: string;

beforeAll(async () => {
  newsroom = await startNewsroom({
    env: { NEWSROOM_IMAGE_MAX_PIXELS: '4000000', NEWSROOM_IMAGE_MAX_FRAMES: '5' },
  });
  admin = await createAdminSession(newsroom);
  token = await createApiToken(newsroom, admin);
});
afterAll(async () => {
  await renditionsSettled(newsroom);
  await newsroom?.stop();
});

const fileCount = () => newsroom.strapi.db.query('plugin::upload.file').count();
const storedFiles = () => filesUnder(path.join(newsroom.publicDir, 'uploads'));

const animation = async (frames: number) => {
  const stills = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp({
        create: { width: 40, height: 30, channels: 3, background: { r: i * 30, g: 80, b: 120 } },
      })
        .png()
        .toBuffer()
    )
  );
  return sharp(stills, { join: { animated: true } })
    .gif()
    .toBuffer();
};

const cases: Array<
  [string, () => Promise<{ data: Buffer; name: string; type?: string }>, number, RegExp]
> = [
  [
    'SVG (scripts run from the site’s origin)',
    async () => ({
      data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      name: 'logo.svg',
      type: 'image/svg+xml',
    }),
    415,
    /SVG markup/u,
  ],
  [
    'HTML named and typed as a JPEG',
    async () => ({
      data: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      name: 'photo.jpg',
      type: 'image/jpeg',
    }),
    415,
    /HTML markup/u,
  ],
  [
    'text pretending to be a PNG',
    async () => ({
      data: Buffer.from('just some words, not pixels at all'.repeat(20)),
      name: 'chart.png',
      type: 'image/png',
    }),
    415,
    /presented as an image, but its content is not/u,
  ],
  [
    'an image over the pixel limit (checked before decoding)',
    async () => ({ data: await photo(2600, 1600), name: 'huge.jpg' }),
    413,
    /2600×1600 pixels \(4\.2 MP\); the limit is 4\.0 MP/u,
  ],
  [
    'an animation over the frame limit',
    async () => ({ data: await animation(8), name: 'loop.gif' }),
    413,
    /8 frames; the limit is 5/u,
  ],
  [
    'a truncated JPEG',
    async () => {
      const whole = await photo(800, 600);
      return { data: whole.subarray(0, Math.floor(whole.length * 0.6)), name: 'cut.jpg' };
    },
    422,
    /truncated|damaged/u,
  ],
  [
    'a JPEG with a damaged header',
    async () => {
      const whole = Buffer.from(await photo(800, 600));
      whole.fill(0x41, 20, 400); // overwrite the quantisation and Huffman tables
      return { data: whole, name: 'broken.jpg' };
    },
    422,
    /cannot be read|corrupt|damaged/u,
  ],
];

describe.each([
  [
    'the Media Library',
    (d: Buffer, n: string, t?: string) => uploadAsAdmin(newsroom, admin.auth, d, n, t),
  ],
  [
    'the content API',
    (d: Buffer, n: string, t?: string) => uploadWithToken(newsroom, token, d, n, t),
  ],
])('refused through %s, leaving nothing behind', (_route, upload) => {
  test.each(cases)('%s', async (_name, make, status, message) => {
    const before = { records: await fileCount(), stored: storedFiles().length };
    const { data, name, type } = await make();
    const res = await upload(data, name, type);
    expect({ status: res.status, message: res.body?.error?.message }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect({ records: await fileCount(), stored: storedFiles().length }).toEqual(before);
  });
});

describe('several files in one request', () => {
  const routes: Array<[string, '/upload' | '/api/upload', () => Record<string, string>]> = [
    ['the Media Library', '/upload', () => admin.auth],
    ['the content API', '/api/upload', () => ({ Authorization: `Bearer ${token}` })],
  ];

  test.each(routes)(
    'through %s, one damaged file means none of the batch is stored',
    async (_route, route, auth) => {
      const before = { records: await fileCount(), stored: storedFiles().length };
      const whole = await photo(800, 600);
      const res = await uploadBatch(newsroom, auth(), route, [
        { data: await photo(640, 480), name: 'first.jpg' },
        { data: await photo(600, 400), name: 'second.jpg' },
        { data: whole.subarray(0, Math.floor(whole.length * 0.6)), name: 'cut.jpg' },
      ]);
      expect({ status: res.status, message: res.body?.error?.message }).toEqual({
        status: 422,
        message: expect.stringMatching(/truncated|damaged/u),
      });
      await renditionsSettled(newsroom);
      expect({ records: await fileCount(), stored: storedFiles().length }).toEqual(before);
    }
  );

  test.each(routes)(
    'through %s, a batch of good files is stored whole, each with its own metadata',
    async (_route, route, auth) => {
      const req = uploadBatch(newsroom, auth(), route, [
        { data: await photo(640, 480), name: 'one.jpg' },
        { data: await photo(480, 640), name: 'two.jpg' },
      ]);
      req.field('fileInfo', JSON.stringify({ name: 'one.jpg', alternativeText: 'First of two' }));
      req.field('fileInfo', JSON.stringify({ name: 'two.jpg', alternativeText: 'Second of two' }));
      const res = await req;
      expect(res.status).toBe(201);
      expect(
        res.body.map((f: { name: string; alternativeText: string; width: number }) => [
          f.name,
          f.alternativeText,
          f.width,
        ])
      ).toEqual([
        ['one.jpg', 'First of two', 640],
        ['two.jpg', 'Second of two', 480],
      ]);
    }
  );
});

describe('neutralised rather than refused', () => {
  test('a JPEG with an HTML page appended (a polyglot) is stored as a clean JPEG, whatever its name', async () => {
    const image = await photo(640, 480);
    const polyglot = Buffer.concat([
      image,
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    ]);
    const res = await uploadAsAdmin(newsroom, admin.auth, polyglot, 'page.html', 'text/html');
    expect(res.status).toBe(201);
    expect(res.body[0]).toMatchObject({ mime: 'image/jpeg', ext: '.jpg' });
    const stored = fs.readFileSync(path.join(newsroom.publicDir, res.body[0].url));
    expect(stored.includes(Buffer.from('<script'))).toBe(false);
    expect(stored.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  test('a PNG named .jpg is stored under its real type', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#224466' },
    })
      .png()
      .toBuffer();
    const res = await uploadWithToken(newsroom, token, png, 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body[0]).toMatchObject({ mime: 'image/png', ext: '.png' });
  });

  test('an animation within the limit keeps its frames', async () => {
    const res = await uploadWithToken(newsroom, token, await animation(4), 'loop.gif');
    expect(res.status).toBe(201);
    const meta = await sharp(fs.readFileSync(path.join(newsroom.publicDir, res.body[0].url)), {
      animated: true,
    }).metadata();
    expect(meta.pages).toBe(4);
  });

  test('files that are not images (a PDF) pass through untouched', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await uploadWithToken(newsroom, token, pdf, 'statement.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    expect(fs.readFileSync(path.join(newsroom.publicDir, res.body[0].url))).toEqual(pdf);
  });
});

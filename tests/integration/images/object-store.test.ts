import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import sharp from 'sharp';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { filesUnder, metadataOf, photo, privateTags, withMetadata } from '../../helpers/images';
import { fileRow, renditionsSettled } from '../../helpers/renditions';
import { ROOT, startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin } from '../../helpers/uploads';

/**
 * With an upload provider that keeps files elsewhere (as S3 does), every image file —
 * the clean original, Strapi's sizes, the renditions — is written, read back and deleted
 * through the provider; nothing lands in Strapi's public folder.
 */
let newsroom: Newsroom;
let admin: AdminSession;
let store: http.Server;
let storeDir: string;
let storeUrl: string;
const fetched: string[] = [];

beforeAll(async () => {
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-object-store-'));
  // The store's own origin, serving what the provider put there.
  store = http.createServer((req, res) => {
    fetched.push(req.url ?? '');
    const file = path.join(storeDir, decodeURIComponent((req.url ?? '/').split('?')[0]));
    if (!file.startsWith(storeDir + path.sep) || !fs.existsSync(file))
      return res.writeHead(404).end();
    res.writeHead(200).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;

  // Strapi loads a provider by module path (lower-cased) from its upload plugin's folder.
  const uploadPlugin = path.join(ROOT, 'node_modules', '@strapi', 'upload', 'dist', 'server');
  newsroom = await startNewsroom({
    env: {
      NEWSROOM_UPLOAD_PROVIDER: path.relative(
        uploadPlugin,
        path.join(ROOT, 'tests', 'providers', 'object-store')
      ),
      NEWSROOM_UPLOAD_PROVIDER_OPTIONS: JSON.stringify({ dir: storeDir, baseUrl: storeUrl }),
    },
  });
  admin = await createAdminSession(newsroom);
});
afterAll(async () => {
  store?.closeAllConnections();
  store?.close();
  if (newsroom) await renditionsSettled(newsroom);
  await newsroom?.stop();
  fs.rmSync(storeDir, { recursive: true, force: true });
});

const inStore = (url: string) => path.join(storeDir, url.slice(storeUrl.length + 1));

test('an upload, its sizes and its renditions live in the store, clean; deleting the file empties it', async () => {
  const data = await withMetadata(await photo(1800, 1200), [
    '-IPTC:Credit=Photo: NTB',
    '-GPSLatitude=59.91',
    '-GPSLatitudeRef=N',
    '-EXIF:SerialNumber=SN-1',
  ]);
  const res = await uploadAsAdmin(newsroom, admin.auth, data, 'fjord.jpg');
  expect(res.status).toBe(201);
  const [file] = res.body;
  expect(file.url.startsWith(`${storeUrl}/`)).toBe(true);
  expect(file.provider).not.toBe('local');

  await renditionsSettled(newsroom);
  const row = await fileRow(newsroom, file.id);
  const formats = Object.values(row.formats) as Array<{ url: string; width: number }>;
  expect(Object.keys(row.formats)).toEqual(
    expect.arrayContaining([
      'thumbnail',
      'large',
      '16x9_1024_avif',
      '1x1_640_webp',
      'original_1600_jpeg',
    ])
  );
  // The renditions were made from the original read back from the store's origin.
  expect(fetched).toContain(new URL(file.url).pathname);

  for (const url of [file.url, ...formats.map((f) => f.url)]) {
    expect(url.startsWith(`${storeUrl}/`)).toBe(true);
    expect(fs.existsSync(inStore(url))).toBe(true);
  }
  const rendition = row.formats['16x9_1024_avif'];
  expect(await sharp(inStore(rendition.url)).metadata()).toMatchObject({
    format: 'heif',
    width: 1024,
    height: 576,
  });
  expect(privateTags(await metadataOf(inStore(file.url)))).toEqual([]);
  expect(await metadataOf(inStore(file.url))).toMatchObject({
    'XMP-photoshop:Credit': 'Photo: NTB',
  });
  // Strapi's public folder got nothing.
  expect(filesUnder(path.join(newsroom.publicDir, 'uploads'))).toEqual([]);

  const removed = await newsroom.http().delete(`/upload/files/${file.id}`).set(admin.auth);
  expect(removed.status).toBe(200);
  expect(filesUnder(storeDir)).toEqual([]);
});

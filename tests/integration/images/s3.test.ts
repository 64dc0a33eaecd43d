import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { ListObjectsV2Command, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { filesUnder, metadataOf, photo, privateTags, withMetadata } from '../../helpers/images';
import { fileRow, renditionsSettled } from '../../helpers/renditions';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin } from '../../helpers/uploads';

/**
 * The image pipeline on Strapi's official S3 provider, against an S3-protocol server on
 * 127.0.0.1 (s3rver), reached through a small proxy that records each request: upload, Strapi's
 * sizes and the renditions go to the bucket, regenerating rewrites them there, deleting the file
 * empties it. With a private bucket, the original is read back through a signed URL.
 * s3rver checks no signatures: the private case shows that signed URLs are made and used.
 */
const BUCKET = 'newsroom';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

interface Store {
  url: string;
  requests: Array<{ method: string; url: string }>;
  client: S3Client;
  keys(): Promise<string[]>;
  read(key: string): Promise<Buffer>;
  stop(): Promise<void>;
}

const startStore = async (): Promise<Store> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-s3-'));
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3.run();
  const requests: Store['requests'] = [];
  const proxy = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  return {
    url,
    requests,
    client,
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async read(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    async stop() {
      client.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await s3.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};

/** The provider's options, as a newsroom would set them for an S3-compatible store. */
const providerOptions = (store: Store, acl: 'public-read' | 'private') => ({
  s3Options: {
    endpoint: store.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
    // s3rver reads plain bodies: no aws-chunked uploads with trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    params: { Bucket: BUCKET, ACL: acl },
  },
});

const keyOf = (store: Store, url: string) =>
  decodeURIComponent(new URL(url).pathname.replace(`/${BUCKET}/`, ''));

const start = async (store: Store, acl: 'public-read' | 'private') => {
  const newsroom = await startNewsroom({
    env: {
      NEWSROOM_UPLOAD_PROVIDER: 'aws-s3',
      NEWSROOM_UPLOAD_PROVIDER_OPTIONS: JSON.stringify(providerOptions(store, acl)),
    },
  });
  return { newsroom, admin: await createAdminSession(newsroom) };
};

describe('a public bucket', () => {
  let store: Store;
  let newsroom: Newsroom;
  let admin: AdminSession;
  beforeAll(async () => {
    store = await startStore();
    ({ newsroom, admin } = await start(store, 'public-read'));
  });
  afterAll(async () => {
    if (newsroom) await renditionsSettled(newsroom);
    await newsroom?.stop();
    await store?.stop();
  });

  test('upload, renditions, regenerate and delete all go through the bucket', async () => {
    const data = await withMetadata(await photo(1800, 1200), [
      '-IPTC:Credit=Photo: NTB',
      '-GPSLatitude=59.91',
      '-GPSLatitudeRef=N',
    ]);
    const res = await uploadAsAdmin(newsroom, admin.auth, data, 'fjord.jpg');
    expect(res.status).toBe(201);
    const [file] = res.body;
    expect(file.provider).toBe('aws-s3');
    expect(file.url.startsWith(`${store.url}/${BUCKET}/`)).toBe(true);

    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, file.id);
    const urls = () =>
      fileRow(newsroom, file.id).then((r) => [
        r.url as string,
        ...Object.values(r.formats as Record<string, { url: string }>).map((f) => f.url),
      ]);
    expect(Object.keys(row.formats)).toEqual(
      expect.arrayContaining(['thumbnail', 'large', '16x9_1024_avif', 'original_1600_jpeg'])
    );
    // Exactly the file and its formats are in the bucket, each one what its record says.
    expect(await store.keys()).toEqual((await urls()).map((u) => keyOf(store, u)).sort());
    const rendition = await store.read(keyOf(store, row.formats['16x9_1024_avif'].url));
    expect(await sharp(rendition).metadata()).toMatchObject({ format: 'heif', width: 1024 });
    // The stored original is the clean one, credit kept, location gone.
    const original = path.join(os.tmpdir(), `newsroom-s3-original-${process.pid}.jpg`);
    fs.writeFileSync(original, await store.read(keyOf(store, file.url)));
    try {
      expect(privateTags(await metadataOf(original))).toEqual([]);
      expect(await metadataOf(original)).toMatchObject({ 'XMP-photoshop:Credit': 'Photo: NTB' });
    } finally {
      fs.rmSync(original, { force: true });
    }
    // The renditions were made from the original read back from the bucket.
    expect(store.requests).toContainEqual({
      method: 'GET',
      url: new URL(file.url).pathname,
    });
    // Strapi's public folder got nothing.
    expect(filesUnder(path.join(newsroom.publicDir, 'uploads'))).toEqual([]);

    // Regenerating rewrites the renditions in the bucket and leaves none behind.
    const puts = store.requests.filter((r) => r.method === 'PUT').length;
    const regenerate = await newsroom
      .http()
      .post('/newsroom/renditions/regenerate')
      .set(admin.auth);
    expect(regenerate.status).toBe(202);
    for (let i = 0; i < 600; i += 1) {
      const run = (await newsroom.http().get('/newsroom/renditions').set(admin.auth)).body.data.run;
      if (run?.finished) {
        expect(run).toMatchObject({ total: 1, done: 1, failed: 0 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(store.requests.filter((r) => r.method === 'PUT').length).toBeGreaterThan(puts);
    expect(await store.keys()).toEqual((await urls()).map((u) => keyOf(store, u)).sort());

    const removed = await newsroom.http().delete(`/upload/files/${file.id}`).set(admin.auth);
    expect(removed.status).toBe(200);
    expect(await store.keys()).toEqual([]);
  });
});

describe('a private bucket', () => {
  let store: Store;
  let newsroom: Newsroom;
  let admin: AdminSession;
  beforeAll(async () => {
    store = await startStore();
    ({ newsroom, admin } = await start(store, 'private'));
  });
  afterAll(async () => {
    if (newsroom) await renditionsSettled(newsroom);
    await newsroom?.stop();
    await store?.stop();
  });

  test('the original is read back through a signed URL, and the admin is given signed URLs', async () => {
    const res = await uploadAsAdmin(newsroom, admin.auth, await photo(1600, 1000), 'harbour.jpg');
    expect(res.status).toBe(201);
    const [file] = res.body;
    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, file.id);
    expect(Object.keys(row.formats)).toEqual(expect.arrayContaining(['16x9_1024_avif']));
    const key = keyOf(store, row.url);
    // The pipeline's read of the original carried a signature.
    const reads = store.requests.filter(
      (r) => r.method === 'GET' && r.url.split('?')[0] === new URL(row.url).pathname
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read.url).toMatch(/[?&]X-Amz-Signature=/u);
    // The Media Library is given signed URLs for the file and its renditions.
    const listed = await newsroom.http().get(`/upload/files/${file.id}`).set(admin.auth);
    expect(listed.status).toBe(200);
    expect(listed.body.url).toMatch(/[?&]X-Amz-Signature=/u);
    expect(listed.body.formats['16x9_1024_avif'].url).toMatch(/[?&]X-Amz-Signature=/u);
    expect(await store.keys()).toContain(key);

    const removed = await newsroom.http().delete(`/upload/files/${file.id}`).set(admin.auth);
    expect(removed.status).toBe(200);
    expect(await store.keys()).toEqual([]);
  });
});

/**
 * Pictures named in agency copy (ninjs/NewsML-G2 associations) are fetched when an editor
 * takes the story and go through Strapi's upload service, so they get the same checks,
 * cleaning and renditions as any upload.
 */
import { mkdtemp, rm, writeFile } from 'fs/promises';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { WirePicture } from '../domain/wire/story';
import { imageSettings } from './settings';

const readLimited = async (response: Response, maxBytes: number) => {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new Error(`the picture is ${declared} bytes; the limit is ${maxBytes}`);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += part.length;
    if (total > maxBytes) throw new Error(`the picture is larger than ${maxBytes} bytes`);
    parts.push(Buffer.from(part));
  }
  return Buffer.concat(parts);
};

/**
 * Fetches and uploads a wire picture; returns the file id, or null with the reason logged
 * (the draft is still created: a missing picture must not hold up the copy).
 */
export const uploadWirePicture = async (strapi: Core.Strapi, picture: WirePicture): Promise<{ id: number; creditLine?: string } | { problem: string }> => {
  const { wireFetch } = imageSettings(strapi);
  const href = picture.href;
  if (!wireFetch.enabled || !href || !/^https?:\/\//iu.test(href)) return { problem: 'no fetchable picture address' };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-wire-picture-'));
  try {
    const response = await fetch(href, { signal: AbortSignal.timeout(wireFetch.timeoutSeconds * 1000), redirect: 'follow' });
    if (!response.ok) throw new Error(`${href} answered ${response.status}`);
    const data = await readLimited(response, wireFetch.maxBytes);
    const name = decodeURIComponent(new URL(href).pathname.split('/').pop() || 'wire-picture').replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'wire-picture';
    const filepath = path.join(dir, 'picture');
    await writeFile(filepath, data);
    const [file] = (await strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { name, caption: picture.caption ?? null, alternativeText: picture.caption ?? null } },
      files: { filepath, originalFilename: name, mimetype: response.headers.get('content-type') ?? 'application/octet-stream', size: data.length },
    })) as Array<{ id: number; newsroom?: { credits?: { creditLine?: string } } }>;
    return { id: file.id, creditLine: file.newsroom?.credits?.creditLine };
  } catch (error) {
    const problem = `the agency picture ${href} was not added: ${(error as Error).message}`;
    strapi.log.warn(`[newsroom] ${problem}`);
    return { problem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

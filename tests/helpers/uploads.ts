import type { Newsroom } from './strapi';

/** Uploads through the Media Library's route (`POST /upload`, admin JWT), as the admin panel does. */
export const uploadAsAdmin = (
  newsroom: Newsroom,
  auth: Record<string, string>,
  data: Buffer,
  filename: string,
  contentType?: string,
  fileInfo?: object
) => {
  const req = newsroom.http().post('/upload').set(auth);
  if (fileInfo) req.field('fileInfo', JSON.stringify(fileInfo));
  return req.attach('files', data, contentType ? { filename, contentType } : filename);
};

/** Uploads through the content API (`POST /api/upload`, API token), as a headless client does. */
export const uploadWithToken = (
  newsroom: Newsroom,
  token: string,
  data: Buffer,
  filename: string,
  contentType?: string
) =>
  newsroom
    .http()
    .post('/api/upload')
    .set({ Authorization: `Bearer ${token}` })
    .attach('files', data, contentType ? { filename, contentType } : filename);

export interface UploadPart {
  data: Buffer;
  name: string;
}

/** Several files in one request, through the Media Library's route or the content API. */
export const uploadBatch = (
  newsroom: Newsroom,
  auth: Record<string, string>,
  route: '/upload' | '/api/upload',
  parts: UploadPart[]
) => {
  const req = newsroom.http().post(route).set(auth);
  for (const part of parts) req.attach('files', part.data, part.name);
  return req;
};

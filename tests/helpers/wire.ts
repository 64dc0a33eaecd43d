import type { Newsroom } from './strapi';

/** `POST /api/newsroom/wire` as an agency feed sends it. */
export const postWire = (
  newsroom: Newsroom,
  token: string,
  body: string | Buffer,
  contentType: string,
  query: Record<string, string> = {}
) =>
  newsroom
    .http()
    .post('/api/newsroom/wire')
    .query(query)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', contentType)
    // superagent would serialise a Buffer sent as JSON into {"type":"Buffer",...}
    .send(Buffer.isBuffer(body) && contentType.includes('json') ? body.toString('utf8') : body);

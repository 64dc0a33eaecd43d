import http, { type IncomingMessage, type ServerResponse } from 'http';

/** What one route of the feed server answers. */
export type FeedRoute = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  url: string;
  /** Requests each path received, in order, with their headers. */
  requests: Map<string, Array<{ at: number; headers: http.IncomingHttpHeaders }>>;
  route(path: string, answer: FeedRoute): void;
  stop(): Promise<void>;
}

/** A real HTTP feed server on 127.0.0.1, as an agency runs one; routes are set by the test. */
export const startFeedServer = async (): Promise<FeedServer> => {
  const routes = new Map<string, FeedRoute>();
  const requests = new Map<string, Array<{ at: number; headers: http.IncomingHttpHeaders }>>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.set(path, [...(requests.get(path) ?? []), { at: Date.now(), headers: req.headers }]);
    const answer = routes.get(path);
    if (!answer) {
      res.writeHead(404).end('not found');
      return;
    }
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, answer) => routes.set(path, answer),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** An RSS 2.0 document of the given items. */
export const rss = (items: Array<{ guid: string; title: string; body: string }>) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>Agency wire</title><link>https://agency.example/</link><description>Wire</description>
  ${items
    .map(
      (i) => `<item><guid>${i.guid}</guid><title>${i.title}</title>
    <pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate><description>Short.</description>
    <content:encoded><![CDATA[<p>${i.body}</p>]]></content:encoded></item>`
    )
    .join('\n')}
  </channel>
</rss>`;

/** A ninjs 2.x text item. */
export const ninjsItem = (uri: string, headline: string, fields: Record<string, unknown> = {}) => ({
  uri,
  version: '1',
  type: 'text',
  language: 'en',
  headlines: [{ role: 'main', value: headline }],
  bodies: [{ role: 'main', contenttype: 'text/plain', value: `${headline}. The text.` }],
  ...fields,
});

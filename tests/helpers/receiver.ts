import http from 'http';
import { verifyPush } from '../../server/src/push/domain/push-signature';

export interface Received {
  at: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether the signature header signs the body under the receiver's secret. */
  signed: boolean;
  /** What the receiver answered. */
  answered: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What each request to `path` is answered, in turn; 200 once the list runs out. */
  answer(path: string, statuses: number[]): void;
  /** Resolves once `count` requests to `path` have come (or throws after `timeoutMs`). */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<Received[]>;
  stop(): Promise<void>;
}

/**
 * A subscriber's endpoint on 127.0.0.1, as a partner site runs one: it checks each push's
 * signature with the secret it was given and answers what the test tells it to.
 */
export const startReceiver = async (secret: string): Promise<Receiver> => {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0];
      const signature = req.headers['x-newsroom-signature'];
      const script = scripts.get(path) ?? [];
      const answered = script.length ? script.shift()! : 200;
      received.push({
        at: Date.now(),
        path,
        headers: req.headers,
        body,
        signed: verifyPush(typeof signature === 'string' ? signature : undefined, body, secret),
        answered,
      });
      res
        .writeHead(answered, { 'Content-Type': 'text/plain' })
        .end(answered < 300 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const at = (path: string) => received.filter((r) => r.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, statuses) => scripts.set(path, [...statuses]),
    async waitFor(path, count, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (at(path).length < count) {
        if (Date.now() > until)
          throw new Error(`${path} received ${at(path).length} of ${count} pushes`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return at(path);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

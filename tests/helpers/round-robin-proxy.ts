import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import type { Newsroom } from './strapi';

export interface RoundRobinProxy {
  url: string;
  /** Every answer the proxy passed on, by status (502 when a process could not be reached). */
  answered: Map<number, number>;
  stop(): Promise<void>;
}

/**
 * A round-robin proxy over Strapi processes, as a load balancer in front of a deployment runs
 * one, counting the statuses it passes on.
 */
export const startRoundRobinProxy = async (backends: string[]): Promise<RoundRobinProxy> => {
  const answered = new Map<number, number>();
  const count = (status: number) => answered.set(status, (answered.get(status) ?? 0) + 1);
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(backends[next++ % backends.length]);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const status = answer.statusCode ?? 502;
        count(status);
        res.writeHead(status, answer.headers);
        answer.pipe(res);
      }
    );
    upstream.on('error', () => {
      count(502);
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** The newsroom as clients behind the proxy see it: the same instance for set-up, HTTP through the proxy. */
export const throughProxy = (newsroom: Newsroom, proxy: RoundRobinProxy): Newsroom => ({
  ...newsroom,
  url: proxy.url,
  http: () => request(proxy.url),
});

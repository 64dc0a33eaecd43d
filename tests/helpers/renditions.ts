import type { Newsroom } from './strapi';

type RenditionsService = {
  queue: () => Promise<{ pending: number; running: number; failed: number }>;
  busy: () => boolean;
};

export const getRenditions = (newsroom: Newsroom) =>
  newsroom.strapi.plugin('newsroom').service('renditions') as RenditionsService;

/** Waits until no rendition work is waiting or running in this instance's database. */
export const renditionsSettled = async (newsroom: Newsroom, timeoutMs = 60_000) => {
  const renditions = getRenditions(newsroom);
  const started = Date.now();
  for (;;) {
    const { pending, running } = await renditions.queue();
    if (!pending && !running && !renditions.busy()) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `Renditions still queued after ${timeoutMs} ms: ${pending} pending, ${running} running`
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** A file row as stored. */
export const fileRow = (newsroom: Newsroom, id: number) =>
  newsroom.strapi.db.query('plugin::upload.file').findOne({ where: { id } });

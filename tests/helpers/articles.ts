import type { AdminSession } from './admin';
import type { Newsroom } from './strapi';
import { workflow } from './workflow';

const ARTICLE = 'plugin::newsroom.article';

let counter = 0;

/** A fresh draft article made through the document service, as a Content Manager save would. */
export const createArticle = async (newsroom: Newsroom, data: Record<string, unknown> = {}) => {
  counter += 1;
  const doc = await newsroom.strapi.documents(ARTICLE).create({
    data: { headline: `Story ${counter} ${Date.now()}`, ...data } as never,
  });
  return doc.documentId as string;
};

/** How to reach each state through the real workflow, from a new draft. */
export const PATHS: Record<
  string,
  Array<string | { action: string; note?: string; at?: string }>
> = {
  draft: [],
  in_review: ['submit'],
  approved: ['submit', 'approve'],
  scheduled: [
    'submit',
    'approve',
    { action: 'schedule', at: new Date(Date.now() + 3600_000).toISOString() },
  ],
  published: ['submit', 'approve', 'publish'],
  killed: ['submit', 'approve', 'publish', { action: 'kill', note: 'Withdrawn' }],
  spiked: [{ action: 'spike' }],
};

/** A new article brought to `state` by `session` (who must be allowed every step). */
export const articleIn = async (
  newsroom: Newsroom,
  session: AdminSession,
  state: string,
  data: Record<string, unknown> = {}
) => {
  const documentId = await createArticle(newsroom, data);
  await workflow(newsroom, session).run(documentId, ...PATHS[state]);
  return documentId;
};

/** The draft row's workflow fields, read straight from the database. */
export const draftRow = (newsroom: Newsroom, documentId: string) =>
  newsroom.strapi.db
    .query(ARTICLE)
    .findOne({ where: { documentId, publishedAt: null }, populate: { corrections: true } });

export const publishedRow = (newsroom: Newsroom, documentId: string) =>
  newsroom.strapi.db.query(ARTICLE).findOne({
    where: { documentId, publishedAt: { $notNull: true } },
    populate: { corrections: true },
  });

/**
 * Writes the bench's wire items and articles straight into their tables, in batches: far
 * faster than the document service, and the search index is then built by `rebuild()` as one
 * timed step. Table and column names come from Strapi's metadata, as the retention bench does.
 * Articles are real rows: a working copy and a published version per document, each with its
 * body in a section component, as the Content Manager would store them.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { copyFor, storyOf } from './copy';

const WIRE_ITEM = 'plugin::newsroom.wire-item';
const ARTICLE = 'plugin::newsroom.article';
const SECTION = 'newsroom.section';
const DAY = 24 * 60 * 60 * 1000;
/** Rows per INSERT: knex sends many rows to SQLite as a compound SELECT of at most 500. */
const PER_INSERT = 250;
const PER_TRANSACTION = 2000;

/** Agencies by language: the filter row asks for one of them. */
export const AGENCIES = { ru: ['TASS', 'RIA', 'INTERFAX'], en: ['REUTERS', 'AP', 'AFP'] };
/** New 70%, ignored 15%, taken 10%, superseded 5%: an inbox a few weeks old. */
const STATUSES = [
  ...Array(14).fill('new'),
  'ignored',
  'ignored',
  'ignored',
  'taken',
  'taken',
  'superseded',
];

type Attribute = {
  columnName?: string;
  joinTable?: {
    name: string;
    joinColumn: { name: string };
    inverseJoinColumn: { name: string };
    orderColumnName?: string;
  };
};

const layoutOf = (strapi: Core.Strapi, uid: string) => {
  const meta = strapi.db.metadata.get(uid as never) as unknown as {
    tableName: string;
    attributes: Record<string, Attribute>;
  };
  return {
    table: meta.tableName,
    has: (attribute: string) => attribute in meta.attributes,
    column: (attribute: string) => meta.attributes[attribute].columnName ?? attribute,
    joinTable: (attribute: string) => meta.attributes[attribute].joinTable!,
  };
};

export type Layout = ReturnType<typeof layoutOf>;

export const layouts = (strapi: Core.Strapi) => ({
  wire: layoutOf(strapi, WIRE_ITEM),
  article: layoutOf(strapi, ARTICLE),
  section: layoutOf(strapi, SECTION),
});

const documentId = () => crypto.randomBytes(12).toString('hex');
const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

const nextId = async (knex: Knex, table: string) =>
  Number((await knex(table).max({ m: 'id' }))[0].m ?? 0) + 1;

/** PostgreSQL's sequences do not see explicit ids: move them past what was written. */
const syncSequence = async (knex: Knex, table: string) => {
  if (knex.client.config.client !== 'postgres' && knex.client.config.client !== 'pg') return;
  await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM ??))`, [
    table,
    table,
  ]);
};

/** Rows made by `make(i)` for i in [0, count), inserted in batches inside transactions. */
const insertAll = async (
  knex: Knex,
  count: number,
  write: (trx: Knex.Transaction, from: number, to: number) => Promise<void>,
  progress: (done: number) => void
) => {
  for (let start = 0; start < count; start += PER_TRANSACTION) {
    const end = Math.min(start + PER_TRANSACTION, count);
    await knex.transaction(async (trx) => {
      for (let from = start; from < end; from += PER_INSERT)
        await write(trx, from, Math.min(from + PER_INSERT, end));
    });
    progress(end);
  }
};

/** `count` wire items received over the last 90 days, linked to their agencies. */
export const fillWireItems = async (
  strapi: Core.Strapi,
  count: number,
  agencyIds: Record<string, number>,
  progress: (done: number) => void
) => {
  const knex = strapi.db.connection;
  const { wire } = layouts(strapi);
  const c = wire.column;
  const link = wire.joinTable('agency');
  const firstId = await nextId(knex, wire.table);
  const now = Date.now();
  await insertAll(
    knex,
    count,
    async (trx, from, to) => {
      const rows = [];
      const links = [];
      for (let i = from; i < to; i += 1) {
        const copy = copyFor(i);
        const agency = AGENCIES[copy.language][i % 3];
        const guid = `urn:bench:${agency.toLowerCase()}:${i}`;
        const receivedAt = new Date(now - ((i * 7919) % (90 * DAY)));
        const id = firstId + i;
        rows.push({
          [c('id')]: id,
          [c('documentId')]: documentId(),
          [c('headline')]: copy.headline,
          [c('agencyCode')]: agency,
          [c('agencyGuid')]: guid,
          [c('agencyVersion')]: 1,
          [c('format')]: 'ninjs',
          [c('receivedAt')]: receivedAt,
          // Kept short: the baseline reads the headline and the story, not the payload.
          [c('rawPayload')]: JSON.stringify({ uri: guid, headlines: [{ value: copy.headline }] }),
          [c('story')]: json(storyOf(copy, guid)),
          [c('language')]: copy.language,
          [c('subjects')]: json(copy.subjects.length ? copy.subjects : null),
          [c('contentHash')]: crypto.createHash('sha256').update(guid).digest('hex'),
          [c('status')]: STATUSES[i % STATUSES.length],
          [c('agencyStatus')]: 'usable',
          [c('createdAt')]: receivedAt,
          [c('updatedAt')]: receivedAt,
          ...(wire.has('publishedAt') ? { [c('publishedAt')]: receivedAt } : {}),
        });
        links.push({
          [link.joinColumn.name]: id,
          [link.inverseJoinColumn.name]: agencyIds[agency],
        });
      }
      await trx(wire.table).insert(rows);
      await trx(link.name).insert(links);
    },
    progress
  );
  await syncSequence(knex, wire.table);
};

const blocksOf = (paragraphs: string[]) =>
  paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/**
 * `count` published articles, half in `ru` and half in `en`: per document a working copy and
 * a published version (workflowState `published`), each with one body section.
 */
export const fillArticles = async (
  strapi: Core.Strapi,
  count: number,
  progress: (done: number) => void
) => {
  const knex = strapi.db.connection;
  const { article, section } = layouts(strapi);
  const a = article.column;
  const body = article.joinTable('body');
  const [firstArticle, firstSection] = [
    await nextId(knex, article.table),
    await nextId(knex, section.table),
  ];
  const now = Date.now();
  await insertAll(
    knex,
    count,
    async (trx, from, to) => {
      const rows = [];
      const sections = [];
      const links = [];
      for (let i = from; i < to; i += 1) {
        const copy = copyFor(i, 7);
        const document = documentId();
        const published = new Date(now - ((i * 104729) % (365 * DAY)));
        for (const draft of [true, false]) {
          const id = firstArticle + 2 * i + (draft ? 0 : 1);
          const sectionId = firstSection + 2 * i + (draft ? 0 : 1);
          rows.push({
            [a('id')]: id,
            [a('documentId')]: document,
            [a('headline')]: copy.headline,
            [a('slug')]: `bench-${i}`,
            [a('standfirst')]: copy.standfirst,
            [a('byline')]: copy.language === 'ru' ? 'Корреспондент' : 'Staff reporter',
            [a('subjects')]: json(copy.subjects.length ? copy.subjects : null),
            [a('workflowState')]: 'published',
            [a('workflowVersion')]: 3,
            [a('firstPublishedAt')]: published,
            [a('language')]: copy.language,
            [a('contentVersion')]: 1,
            [a('publicVersion')]: 1,
            [a('createdAt')]: published,
            [a('updatedAt')]: published,
            [a('publishedAt')]: draft ? null : published,
            [a('locale')]: copy.language,
          });
          sections.push({
            [section.column('id')]: sectionId,
            [section.column('text')]: json(blocksOf(copy.paragraphs)),
          });
          links.push({
            [body.joinColumn.name]: id,
            [body.inverseJoinColumn.name]: sectionId,
            component_type: SECTION,
            field: 'body',
            [body.orderColumnName ?? 'order']: 1,
          });
        }
      }
      await trx(article.table).insert(rows);
      await trx(section.table).insert(sections);
      await trx(body.name).insert(links);
    },
    progress
  );
  await syncSequence(knex, article.table);
  await syncSequence(knex, section.table);
};

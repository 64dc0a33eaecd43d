import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import { createLruCache } from '../../platform/domain/bounded';
import { AGENCY_UID, ARTICLE_UID, RUBRIC_UID } from '../../platform/domain/uids';
import { afterWorkflowChange } from '../../workflow/after-change';
import { COUNTS_TABLE, GENERATION_TABLE } from '../public-generation';
import { MISSING_KEY } from '../../platform/kept-counts';

export interface CachedResponse {
  status: number;
  body: string;
  contentType: string;
  etag: string;
}

export interface PublicState {
  /** Changes whenever anything the delivery routes show may have changed, the default locale included. */
  generation: string;
  /** The next scheduled change (schedule or embargo), or null. */
  nextChange: Date | null;
  /** The locale a request without `?locale` is answered in. */
  defaultLocale: string;
}

/** Where Strapi's i18n keeps the default locale (its core store key, a JSON string). */
const DEFAULT_LOCALE_KEY = 'plugin_i18n_default_locale';

/**
 * Rendered delivery responses, reused while the published content is unchanged. Every change to
 * a published article row, an agency, a rubric or a media file moves a counter that database
 * triggers keep in the changing transaction (public-generation.ts); each request reads that one
 * row, so every process — however many share the database — sees a change on its next request,
 * at a cost that does not grow with the newsroom. Where the triggers cannot be made, the
 * published rows' ids and count and the other tables' update times are read instead (published
 * versions change only through the workflow, each publication makes a new row and ids are never
 * reused). This process also forgets its answers as soon as a public change commits.
 */
const deliveryCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { responseCacheBytes } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery;
  // Bounded in bytes: a flood of distinct query strings evicts old answers, it never grows the process.
  const entries = createLruCache<CachedResponse & { generation: string }>(
    { maxBytes: responseCacheBytes, maxEntries: 10_000 },
    (entry) => Buffer.byteLength(entry.body) + entry.etag.length + entry.generation.length + 64
  );

  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const column = (uid: string, attribute: string) =>
    (strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string }).columnName ??
    attribute;

  const nextChangeSql = () =>
    strapi.db.connection
      .raw("(select min(??) from ?? where ?? = 'scheduled' and ?? is null) as next_change", [
        column(ARTICLE_UID, 'scheduledAt'),
        table(ARTICLE_UID),
        column(ARTICLE_UID, 'workflowState'),
        column(ARTICLE_UID, 'publishedAt'),
      ])
      .toString();

  // Read with the state, in the same round trip: a change of default locale changes which
  // articles a URL without `?locale` shows, as a publication does.
  const defaultLocaleSql = () =>
    strapi.db.connection
      // The row Strapi's own store reads (the first); the store has no unique key, and two
      // processes starting together on an empty database can each write one.
      .raw(
        '(select ?? from ?? where ?? = ? and ?? is null and ?? is null order by ?? limit 1) as default_locale',
        [
          'value',
          table('strapi::core-store'),
          'key',
          DEFAULT_LOCALE_KEY,
          'environment',
          'tag',
          'id',
        ]
      )
      .toString();

  /** The change counter kept by database triggers (see public-generation.ts): one row read. */
  const counterQuery = () =>
    `select (select generation from ${GENERATION_TABLE} where id = 1) as generation, ${nextChangeSql()}, ${defaultLocaleSql()}`;

  /** Without the counter: what the published rows and the tables they show say, read whole. */
  const scanQuery = () => {
    const knex = strapi.db.connection;
    const articles = table(ARTICLE_UID);
    const q = (sql: string, bindings: string[]) => knex.raw(sql, bindings).toString();
    return [
      'select',
      // The sum of the ids, not only the newest: a correction that got its id before a concurrent
      // publication took a higher one commits without moving the newest id, but moves the sum.
      q('(select sum(id) from ?? where ?? is not null) as published_ids,', [
        articles,
        column(ARTICLE_UID, 'publishedAt'),
      ]),
      q('(select count(*) from ?? where ?? is not null) as published,', [
        articles,
        column(ARTICLE_UID, 'publishedAt'),
      ]),
      q('(select max(??) from ??) as agencies,', [
        column(AGENCY_UID, 'updatedAt'),
        table(AGENCY_UID),
      ]),
      q('(select max(??) from ??) as rubrics,', [
        column(RUBRIC_UID, 'updatedAt'),
        table(RUBRIC_UID),
      ]),
      // Counts too: deleting an agency or rubric lowers no update time (both tables are small).
      q('(select count(*) from ??) as agency_count,', [table(AGENCY_UID)]),
      q('(select count(*) from ??) as rubric_count,', [table(RUBRIC_UID)]),
      q('(select max(??) from ??) as files,', [
        column('plugin::upload.file', 'updatedAt'),
        table('plugin::upload.file'),
      ]),
      `${nextChangeSql()},`,
      defaultLocaleSql(),
    ].join(' ');
  };
  let counted = false;
  let stateSql: string | undefined;
  const stateQuery = () => (stateSql ??= counted ? counterQuery() : scanQuery());

  const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
    Array.isArray(result)
      ? (result as Array<Record<string, unknown>>)
      : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

  const asDate = (value: unknown): Date | null => {
    if (value === null || value === undefined) return null;
    const date =
      value instanceof Date
        ? value
        : new Date(
            typeof value === 'string' && /^\d+$/u.test(value)
              ? Number(value)
              : (value as string | number)
          );
    return Number.isNaN(date.getTime()) ? null : date;
  };

  const localeOf = (value: unknown) => {
    try {
      const code = typeof value === 'string' ? JSON.parse(value) : null;
      return typeof code === 'string' && code ? code : 'en';
    } catch {
      return 'en';
    }
  };

  /** Served counts per locale, read at one generation: a generation later, read again. */
  let served: { generation: string; counts: Map<string, number> } = {
    generation: '',
    counts: new Map(),
  };

  return {
    /**
     * Reads the change counter from now on, once its triggers hold (at bootstrap); until then,
     * and where they cannot be made, the published rows are read on each request.
     */
    useCounter(holds: boolean) {
      counted = holds;
      stateSql = undefined;
    },

    /**
     * How many articles of `locale` readers are served, from the count the triggers keep; null
     * where they do not hold (the caller counts the rows). With the `generation` a request read,
     * one read per locale and generation: the count moves only with the generation.
     */
    async servedIn(locale: string, generation?: string): Promise<number | null> {
      if (!counted || locale === MISSING_KEY) return null;
      if (generation !== undefined && served.generation !== generation)
        served = { generation, counts: new Map() };
      const known = generation !== undefined ? served.counts.get(locale) : undefined;
      if (known !== undefined) return known;
      // Read after the generation: a change committed in between at worst moves both, and the
      // next request reads again.
      const row = (await strapi.db.connection(COUNTS_TABLE).where({ locale }).first()) as
        | { n: number | string }
        | undefined;
      const n = Number(row?.n ?? 0);
      if (generation !== undefined && served.generation === generation)
        served.counts.set(locale, n);
      return n;
    },

    /** The generation of what is published and when it next changes by schedule. */
    async state(): Promise<PublicState> {
      const [row] = rowsOf(await strapi.db.connection.raw(stateQuery()));
      const stamp = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
      const defaultLocale = localeOf(row.default_locale);
      if (counted)
        return {
          generation: `${stamp(row.generation)}|${defaultLocale}`,
          nextChange: asDate(row.next_change),
          defaultLocale,
        };
      return {
        generation: [
          row.published_ids,
          row.published,
          row.agencies,
          row.rubrics,
          row.agency_count,
          row.rubric_count,
          row.files,
          defaultLocale,
        ]
          .map(stamp)
          .join('|'),
        nextChange: asDate(row.next_change),
        defaultLocale,
      };
    },

    get(key: string, generation: string): CachedResponse | undefined {
      const entry = entries.get(key);
      return entry && entry.generation === generation ? entry : undefined;
    },

    set(key: string, generation: string, response: CachedResponse) {
      entries.set(key, { ...response, generation });
    },

    /** How many answers are kept. */
    get size() {
      return entries.size;
    },

    /** Drops every answer: what readers see has changed. */
    forgetAll() {
      entries.clear();
    },
  };
};

export type DeliveryCacheService = ReturnType<typeof deliveryCacheService>;

/** Forgets this process's answers once a change to what readers see has committed. */
export const forgetOnPublicChange = (strapi: Core.Strapi, cache: DeliveryCacheService) =>
  afterWorkflowChange(strapi, (change) => {
    if (change.changesPublic) cache.forgetAll();
  });
export default deliveryCacheService;

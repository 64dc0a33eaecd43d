/**
 * Grows the templated newsroom to any size in bulk SQL (PostgreSQL): each copy `n` of the
 * template rows gets ids shifted by `n × STRIDE` in every table it spans (the article, its
 * component and link rows, its media file, workflow events and archived versions; the wire item
 * and its agency link), so every reference between copied rows is shifted alike and references
 * to shared rows (rubrics, agencies, users) stay. Document ids, slugs, guids and hashes get the
 * copy's number; times move back `n` steps, so copies fill the past as a real archive does.
 * Minutes for a million rows, where the document service would take hours.
 */
import type { Knex } from 'knex';

/** Above every template row's id: copies start at STRIDE. */
export const STRIDE = 10_000;

interface Group {
  /** The table whose rows are counted (one per article row or wire item). */
  main: string;
  /** Each table copied, with expressions replacing some columns (`t` the row, `g.n` the copy). */
  tables: Array<{ table: string; columns: Record<string, string>; where?: string }>;
}

const shiftId = (column: string) => `t."${column}" + g.n * ${STRIDE}`;
const documentId = (column: string) =>
  `CASE WHEN t."${column}" IS NULL THEN NULL ELSE left(t."${column}", 16) || lpad(to_hex(g.n), 8, '0') END`;
const earlier = (column: string, step: string) => `t."${column}" - g.n * interval '${step}'`;

/**
 * Articles: two years of them at 200,000 (a step of four hours per copy of 48 templates, about
 * 290 article locales a day). At 10,000 that is 35 days: both archives are older than the
 * dashboard's 30-day window, which then holds the same stories at both sizes. As in a real
 * archive, only the last two weeks' stories are still in the works: older copies of the
 * drafts, stories in review, approved and scheduled ones were spiked (their history stays).
 */
export const ARTICLES = (step = '4 hours', activeCopies = 84): Group => {
  const old = `g.n > ${activeCopies} AND t.workflow_state IN ('draft', 'in_review', 'approved', 'scheduled')`;
  const times = (...columns: string[]) =>
    Object.fromEntries(columns.map((c) => [c, earlier(c, step)]));
  return {
    main: 'newsroom_articles',
    tables: [
      {
        table: 'newsroom_articles',
        columns: {
          id: shiftId('id'),
          document_id: documentId('document_id'),
          slug: `t.slug || '-' || g.n`,
          workflow_state: `CASE WHEN ${old} THEN 'spiked' ELSE t.workflow_state END`,
          scheduled_at: `CASE WHEN ${old} THEN NULL ELSE t.scheduled_at END`,
          approved_digest: `CASE WHEN ${old} THEN NULL ELSE t.approved_digest END`,
          ...times('created_at', 'updated_at', 'published_at', 'first_published_at'),
        },
      },
      {
        table: 'newsroom_articles_cmps',
        columns: { id: shiftId('id'), entity_id: shiftId('entity_id'), cmp_id: shiftId('cmp_id') },
      },
      {
        table: 'newsroom_articles_rubric_lnk',
        columns: { id: shiftId('id'), article_id: shiftId('article_id') },
      },
      ...['attributions', 'corrections', 'datelines', 'photos', 'sections', 'tags'].map((name) => ({
        table: `components_newsroom_${name}`,
        columns: { id: shiftId('id') },
      })),
      {
        table: 'components_newsroom_attributions_agency_lnk',
        columns: { id: shiftId('id'), attribution_id: shiftId('attribution_id') },
      },
      {
        table: 'files',
        columns: {
          id: shiftId('id'),
          document_id: documentId('document_id'),
          hash: `t.hash || '_' || g.n`,
          ...times('created_at', 'updated_at', 'published_at'),
        },
      },
      {
        table: 'files_related_mph',
        columns: {
          id: shiftId('id'),
          file_id: shiftId('file_id'),
          related_id: shiftId('related_id'),
        },
      },
      {
        table: 'newsroom_workflow_events',
        columns: {
          id: shiftId('id'),
          document_id: documentId('document_id'),
          article_document_id: documentId('article_document_id'),
          ...times('at', 'created_at', 'updated_at', 'published_at'),
        },
      },
      {
        table: 'newsroom_published_versions',
        columns: {
          id: shiftId('id'),
          document_id: documentId('document_id'),
          article_document_id: documentId('article_document_id'),
          event_id: shiftId('event_id'),
          slug: `t.slug || '-' || g.n`,
          ...times('at', 'created_at', 'updated_at', 'published_at'),
        },
      },
    ],
  };
};

/** Wire items: 90 days of them at a million (a step of two and a half minutes per copy of 20). */
export const WIRE = (step = '150 seconds'): Group => ({
  main: 'newsroom_wire_items',
  tables: [
    {
      table: 'newsroom_wire_items',
      columns: {
        id: shiftId('id'),
        document_id: documentId('document_id'),
        agency_guid: `t.agency_guid || '#' || g.n`,
        content_hash: `md5(t.content_hash || g.n)`,
        ...Object.fromEntries(
          ['received_at', 'created_at', 'updated_at', 'published_at', 'expires_at'].map((c) => [
            c,
            earlier(c, step),
          ])
        ),
      },
    },
    {
      table: 'newsroom_wire_items_agency_lnk',
      columns: { id: shiftId('id'), wire_item_id: shiftId('wire_item_id') },
    },
  ],
});

const columnsOf = async (knex: Knex, table: string) =>
  (
    (await knex.raw(
      'SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema() ORDER BY ordinal_position',
      [table]
    )) as { rows: Array<{ column_name: string }> }
  ).rows.map((r) => r.column_name);

/** Copies `from`…`to` (inclusive) of the template rows of `group`, COPIES_PER_STATEMENT at a time. */
export const cloneCopies = async (
  knex: Knex,
  group: Group,
  from: number,
  to: number,
  progress: (done: number) => void = () => undefined
) => {
  const COPIES_PER_STATEMENT = 250;
  const plan = await Promise.all(
    group.tables.map(async ({ table, columns }) => {
      const all = await columnsOf(knex, table);
      const unknown = Object.keys(columns).filter((c) => !all.includes(c));
      if (unknown.length) throw new Error(`${table} has no column ${unknown.join(', ')}`);
      return {
        table,
        sql: `INSERT INTO "${table}" (${all.map((c) => `"${c}"`).join(', ')})
          SELECT ${all.map((c) => columns[c] ?? `t."${c}"`).join(', ')}
          FROM "${table}" t, generate_series(?::integer, ?::integer) AS g(n)
          WHERE t.id < ${STRIDE}`,
      };
    })
  );
  // The kept figures' triggers would run for each copied row at commit: the caller counts
  // again once the copies are made.
  const triggered = ['newsroom_articles', 'files', 'newsroom_wire_items'].filter((t) =>
    group.tables.some((g) => g.table === t)
  );
  for (const table of triggered) await knex.raw(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  try {
    for (let start = from; start <= to; start += COPIES_PER_STATEMENT) {
      const end = Math.min(to, start + COPIES_PER_STATEMENT - 1);
      await knex.transaction(async (trx) => {
        for (const { sql } of plan) await trx.raw(sql, [start, end]);
      });
      progress(end);
    }
  } finally {
    for (const table of triggered) await knex.raw(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  }
  if (triggered.length)
    await knex.raw(
      'UPDATE newsroom_public_generation SET generation = generation + 1 WHERE id = 1'
    );
  for (const { table } of plan)
    await knex.raw(
      `SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM "${table}"))`,
      [table]
    );
};

/** How many rows of the group's main table there are now. */
export const countOf = async (knex: Knex, group: Group) =>
  Number((await knex(group.main).count({ n: '*' }))[0].n);

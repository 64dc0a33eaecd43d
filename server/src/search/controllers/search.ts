import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../platform/services';
import { Refusal } from '../../platform/domain/refusal';
import { listLocale } from '../../platform/locales';
import { articleRepository } from '../../articles/repository';
import { narrowerCodes } from '../../subjects/domain/subjects';
import type { WorkflowState } from '../../workflow/domain/machine';
import type { ArticleHit, Search } from '../../../../shared/contracts/search';
import { timeBounds, validateAdminSearchQuery } from '../validation/search';
import { articlePermissionsFor } from '../article-access';

type Ability = { can(action: string, subject?: unknown): boolean };

interface AdminSearchInput {
  q: string;
  type: 'wire' | 'article';
  locale?: string;
  status?: 'new' | 'taken' | 'ignored' | 'superseded';
  agency?: string;
  rubric?: string;
  state?: WorkflowState;
  subject?: string;
  from?: string;
  to?: string;
  sort?: 'relevance' | 'time';
  page: number;
  pageSize: number;
}

const HIT_FIELDS = [
  'documentId',
  'locale',
  'headline',
  'slug',
  'workflowState',
  'updatedAt',
  'urgency',
  'subjects',
];

/** Admin search over the wire (behind *Read the wire*) or articles (behind the Content Manager's read). */
const searchController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /newsroom/search?q=&type=wire|article`: ranked hits with snippets. Throws Refusal 400 or 403. */
  async find(ctx: Context) {
    const input = (await validateAdminSearchQuery(ctx.query)) as AdminSearchInput;
    const search = getService('search', strapi);
    const query = search.parse(input.q);
    const sort = input.sort ?? 'relevance';
    const pagination = (total: number) => ({
      page: input.page,
      pageSize: input.pageSize,
      pageCount: Math.ceil(total / input.pageSize),
      total,
    });

    if (input.type === 'wire') {
      if (!(ctx.state.userAbility as Ability).can('plugin::newsroom.wire.read'))
        throw new Refusal(403, 'You are not allowed to read the wire');
      const { results, pagination: paged } = await getService('wire-inbox', strapi).list({
        q: input.q,
        status: input.status,
        agency: input.agency,
        subject: input.subject,
        ...timeBounds(input),
        sort,
        page: input.page,
        pageSize: input.pageSize,
      });
      ctx.body = {
        data: results.map((item) => ({
          type: 'wire' as const,
          ...item,
          snippet: item.snippet ?? '',
        })),
        meta: { pagination: paged },
      } satisfies Search.Response;
      return;
    }

    // Only what the Content Manager lets this user read, conditions and locales included.
    const readable = articlePermissionsFor(strapi, ctx);
    const locale = await listLocale(strapi, input.locale);
    const { from, to } = timeBounds(input);
    const updatedAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
    const where = {
      publishedAt: null,
      ...(input.state ? { workflowState: input.state } : {}),
      ...(input.rubric ? { rubric: { slug: input.rubric } } : {}),
      ...(input.agency ? { attribution: { agency: { code: input.agency } } } : {}),
      ...(Object.keys(updatedAt).length ? { updatedAt } : {}),
      ...(input.subject
        ? search.articlesWithSubjects('drafts', [...narrowerCodes(input.subject)], locale)
        : {}),
      ...(Object.keys(readable).length ? { $and: [readable] } : {}),
    };
    const ranked = await search.articles('drafts', query, locale, where, sort, input);
    const rows = ranked.hits.length
      ? await articleRepository(strapi).drafts<Omit<ArticleHit, 'type' | 'snippet'>>(
          { documentId: { $in: ranked.hits.map((h) => h.key) }, locale },
          { select: HIT_FIELDS, populate: { rubric: { select: ['name', 'slug'] } } }
        )
      : [];
    const byId = new Map(rows.map((row) => [row.documentId, row]));
    ctx.body = {
      data: ranked.hits.flatMap((hit) => {
        const row = byId.get(hit.key);
        return row ? [{ type: 'article' as const, ...row, snippet: hit.snippet }] : [];
      }),
      meta: { pagination: pagination(ranked.total), locale },
    } satisfies Search.Response;
  },
});

export default searchController;

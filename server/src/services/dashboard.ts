import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../domain/uids';
import { medianTakeToPublishMinutes, publishedPerDay } from '../domain/workflow/stats';

/** Figures for the newsroom dashboard. */
const dashboardService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Articles published per day and the median take-to-publish time over the last `days` days. */
  async summary(days: number, now = new Date()) {
    const since = new Date(now.getTime() - days * 86_400_000);
    const rows: Array<{ firstPublishedAt: string; createdAt: string; wireItem: { id: number } | null }> = await strapi.db.query(ARTICLE_UID).findMany({
      select: ['firstPublishedAt', 'createdAt'],
      where: { publishedAt: null, firstPublishedAt: { $gte: since } },
      populate: { wireItem: { select: ['id'] } },
    });
    const articles = rows.map((r) => ({
      firstPublishedAt: new Date(r.firstPublishedAt),
      createdAt: new Date(r.createdAt),
      wireSourced: Boolean(r.wireItem),
    }));
    const median = medianTakeToPublishMinutes(articles);
    return {
      days,
      publishedPerDay: publishedPerDay(articles, days, now),
      published: articles.length,
      medianTakeToPublishMinutes: median === null ? null : Math.round(median * 10) / 10,
    };
  },
});

export type DashboardService = ReturnType<typeof dashboardService>;
export default dashboardService;

import type { Core } from '@strapi/strapi';
import { articleRepository } from '../../articles/repository';
import { medianTakeToPublishMinutes, publishedPerDay, publishedWithin } from '../domain/stats';

/** Figures for the newsroom dashboard. */
const dashboardService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Articles published per day and the median take-to-publish time over the last `days`
   * calendar days, as the days fall in `timeZone` (the editor's).
   */
  async summary(days: number, timeZone = 'UTC', now = new Date()) {
    // A day more than the window, so the first local day is whole whatever the offset.
    const since = new Date(now.getTime() - (days + 1) * 86_400_000);
    const rows = await articleRepository(strapi).drafts<{
      firstPublishedAt: string;
      createdAt: string;
      wireItem: { id: number } | null;
    }>(
      { firstPublishedAt: { $gte: since } },
      { select: ['firstPublishedAt', 'createdAt'], populate: { wireItem: { select: ['id'] } } }
    );
    const fetched = rows.map((r) => ({
      firstPublishedAt: new Date(r.firstPublishedAt),
      createdAt: new Date(r.createdAt),
      wireSourced: Boolean(r.wireItem),
    }));
    const articles = publishedWithin(fetched, days, now, timeZone);
    const median = medianTakeToPublishMinutes(articles);
    return {
      days,
      timeZone,
      publishedPerDay: publishedPerDay(articles, days, now, timeZone),
      published: articles.length,
      medianTakeToPublishMinutes: median === null ? null : Math.round(median * 10) / 10,
    };
  },
});

export type DashboardService = ReturnType<typeof dashboardService>;
export default dashboardService;

/**
 * What an agency's kill or withhold does to the newsroom. The wire item and every version of
 * its story are marked; a story already taken gets a loud flag that blocks publishing; a
 * published one is killed at once when the advisory names it unambiguously (the same agency
 * and guid) and the newsroom lets agency kills act (`wire.agencyKill: 'kill'`).
 */
import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../config';
import { articleRepository } from '../articles/repository';
import { WIRE_ITEM_UID } from '../platform/domain/uids';
import { asIngest } from '../platform/writers';
import { getService } from '../platform/services';
import type { AgencyAlert } from '../../../shared/contracts/workflow';
import type { AgencyAdvisory } from './domain/agency-status';
import type { Agency } from './services/agencies';
import type { StoredWireItem } from './services/wire-ingest';

/** Who kills a story when its agency does. */
export const AGENCY_KILL_ACTOR = { id: null, name: 'Agency kill (system)' };

/** Plain-text advisories name their story by headline among this many of the agency's latest items. */
const HEADLINE_LOOKBACK = 500;

const sameHeadline = (a: string | null | undefined, b: string) =>
  (a ?? '').trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export const applyAdvisory = async (
  strapi: Core.Strapi,
  agency: Agency,
  advisory: AgencyAdvisory,
  item: StoredWireItem
): Promise<{ flagged: string[]; killed: string[] }> => {
  const items = strapi.db.query(WIRE_ITEM_UID);
  const articles = articleRepository(strapi);
  const result = { flagged: [] as string[], killed: [] as string[] };

  // The story's versions: by guid for structured copy; by the headline it names for plain text.
  let versions: Array<{ id: number; agencyVersion: number; articleDocumentId: string | null }>;
  if (advisory.matchBy === 'guid') {
    if (!item.agencyGuid) return result;
    versions = await items.findMany({
      select: ['id', 'agencyVersion', 'articleDocumentId'],
      where: { agencyCode: agency.code, agencyGuid: item.agencyGuid },
    });
  } else {
    if (advisory.status === 'usable' || !advisory.target) return result;
    const recent: Array<{
      id: number;
      agencyVersion: number;
      articleDocumentId: string | null;
      headline: string;
    }> = await items.findMany({
      select: ['id', 'agencyVersion', 'articleDocumentId', 'headline'],
      where: { agencyCode: agency.code, id: { $ne: item.id } },
      orderBy: { id: 'desc' },
      limit: HEADLINE_LOOKBACK,
    });
    versions = recent.filter((r) => sameHeadline(r.headline, advisory.target!));
  }
  const taken = [
    ...new Set(
      versions
        .map((v) => v.articleDocumentId)
        .filter((d): d is string => Boolean(d) && !d!.startsWith('claim:'))
    ),
  ];

  if (advisory.status === 'usable') {
    // A newer usable version lifts a withhold; a kill stays.
    for (const documentId of taken) {
      const drafts = await articles.drafts({ documentId });
      for (const draft of drafts) {
        if (draft.agencyAlert?.status === 'withheld') {
          await articles.updateDrafts({ documentId, locale: draft.locale }, { agencyAlert: null });
        }
      }
    }
    return result;
  }

  const alert: AgencyAlert = {
    status: advisory.status,
    notice: advisory.notice ?? null,
    wireItemId: item.id,
    receivedAt: item.receivedAt,
    matchBy: advisory.matchBy,
  };
  await strapi.db.transaction(async () => {
    if (advisory.matchBy === 'guid') {
      await asIngest(() =>
        items.updateMany({
          where: { id: { $in: versions.map((v) => v.id) } },
          data: { agencyStatus: advisory.status, agencyNotice: advisory.notice ?? null },
        })
      );
    }
    for (const documentId of taken) {
      if ((await articles.updateDrafts({ documentId }, { agencyAlert: alert })) > 0)
        result.flagged.push(documentId);
    }
  });

  const { agencyKill } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).wire;
  if (advisory.status !== 'canceled' || advisory.matchBy !== 'guid' || agencyKill !== 'kill')
    return result;
  const workflow = getService('workflow', strapi);
  for (const documentId of result.flagged) {
    for (const draft of await articles.drafts({ documentId, workflowState: 'published' })) {
      try {
        await workflow.transition(
          documentId,
          {
            action: 'kill',
            expectedVersion: draft.workflowVersion,
            note: advisory.notice ?? `Killed by ${agency.name}`,
            locale: draft.locale,
          },
          AGENCY_KILL_ACTOR
        );
        result.killed.push(`${documentId}:${draft.locale}`);
      } catch (error) {
        // Flagged either way: editors see the kill and take the story down by hand.
        strapi.log.error(
          `[newsroom] ${agency.name}'s kill of ${documentId} (${draft.locale}) could not be applied: ${(error as Error).message}`
        );
      }
    }
  }
  return result;
};

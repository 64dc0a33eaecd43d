import type { Core } from '@strapi/strapi';
import type { AgenciesService } from '../wire/services/agencies';
import type { ArchiveService } from '../archive/services/archive';
import type { EditLocksService } from '../workflow/services/edit-locks';
import type { ArticleDraftsService } from '../articles/services/article-drafts';
import type { ArticleSlugsService } from '../articles/services/article-slugs';
import type { BoardService } from '../workflow/services/board';
import type { DashboardService } from '../workflow/services/dashboard';
import type { DeliveryService } from '../delivery/services/delivery';
import type { DeskService } from '../desk/services/desk';
import type { FeedsService } from '../wire/services/feeds';
import type { DeliveryCacheService } from '../delivery/services/delivery-cache';
import type { PreviewService } from '../delivery/services/preview';
import type { PushService } from '../push/services/push';
import type { SubscribersService } from '../push/services/subscribers';
import type { SubjectsService } from '../subjects/services/subjects';
import type { RenditionsService } from '../images/services/renditions';
import type { RubricsService } from '../wire/services/rubrics';
import type { WireInboxService } from '../wire/services/wire-inbox';
import type { WireIngestService } from '../wire/services/wire-ingest';
import type { WireRetentionService } from '../wire/services/wire-retention';
import type { WireUpdatesService } from '../wire/services/wire-updates';
import type { WorkflowService } from '../workflow/services/workflow';
import type { SearchService } from '../search/services/search';
import type { SearchIndexService } from '../search/services/search-index';

type Services = {
  agencies: AgenciesService;
  archive: ArchiveService;
  'article-drafts': ArticleDraftsService;
  'article-slugs': ArticleSlugsService;
  board: BoardService;
  dashboard: DashboardService;
  delivery: DeliveryService;
  'delivery-cache': DeliveryCacheService;
  desk: DeskService;
  'edit-locks': EditLocksService;
  feeds: FeedsService;
  preview: PreviewService;
  push: PushService;
  renditions: RenditionsService;
  rubrics: RubricsService;
  search: SearchService;
  'search-index': SearchIndexService;
  subjects: SubjectsService;
  subscribers: SubscribersService;
  'wire-inbox': WireInboxService;
  'wire-ingest': WireIngestService;
  'wire-retention': WireRetentionService;
  'wire-updates': WireUpdatesService;
  workflow: WorkflowService;
};

/** Typed lookup of the plugin's services. */
export const getService = <Name extends keyof Services>(
  name: Name,
  strapi: Core.Strapi = global.strapi
): Services[Name] => strapi.plugin('newsroom').service(name) as Services[Name];

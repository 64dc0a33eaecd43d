import type { Core } from '@strapi/strapi';
import type { AgenciesService } from './services/agencies';
import type { ArticleDraftsService } from './services/article-drafts';
import type { ArticleSlugsService } from './services/article-slugs';
import type { BoardService } from './services/board';
import type { DashboardService } from './services/dashboard';
import type { DeliveryService } from './services/delivery';
import type { DeliveryCacheService } from './services/delivery-cache';
import type { RenditionsService } from './services/renditions';
import type { RubricsService } from './services/rubrics';
import type { WireInboxService } from './services/wire-inbox';
import type { WireIngestService } from './services/wire-ingest';
import type { WireUpdatesService } from './services/wire-updates';
import type { WorkflowService } from './services/workflow';

type Services = {
  agencies: AgenciesService;
  'article-drafts': ArticleDraftsService;
  'article-slugs': ArticleSlugsService;
  board: BoardService;
  dashboard: DashboardService;
  delivery: DeliveryService;
  'delivery-cache': DeliveryCacheService;
  renditions: RenditionsService;
  rubrics: RubricsService;
  'wire-inbox': WireInboxService;
  'wire-ingest': WireIngestService;
  'wire-updates': WireUpdatesService;
  workflow: WorkflowService;
};

/** Typed lookup of the plugin's services. */
export const getService = <Name extends keyof Services>(name: Name, strapi: Core.Strapi = global.strapi): Services[Name] =>
  strapi.plugin('newsroom').service(name) as Services[Name];

import type { Core } from '@strapi/strapi';
import { renditionPlan, type NewsroomConfig } from '../config';
import type { RenditionPlanConfig } from './domain/plan';
import { DEFAULT_ALLOWED_TYPES } from './domain/sniff';
import type { EncodeSettings, ImageLimits } from './pipeline';

export interface ImageSettings extends EncodeSettings, ImageLimits {
  enabled: boolean;
  plan: RenditionPlanConfig;
  worker: boolean;
  workerTickSeconds: number;
  jobLeaseSeconds: number;
  wireFetch: NewsroomConfig['images']['wireFetch'];
}

/** The image settings from the plugin configuration, plan defaults applied. */
export const imageSettings = (strapi: Core.Strapi): ImageSettings => {
  const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
  return { ...config.images, plan: renditionPlan(config) };
};

/** The upload allow-list from the plugin configuration, or the default one. */
export const uploadSettings = (strapi: Core.Strapi) => ({
  allowedTypes:
    (strapi.config.get('plugin::newsroom') as NewsroomConfig).uploads?.allowedTypes ??
    DEFAULT_ALLOWED_TYPES,
});

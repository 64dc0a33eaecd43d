import type { Core } from '@strapi/strapi';
import { getService } from './platform/services';

const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  getService('push', strapi).stop();
};

export default destroy;

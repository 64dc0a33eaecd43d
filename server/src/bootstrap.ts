import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await configureContentManagerViews(strapi);
};

export default bootstrap;

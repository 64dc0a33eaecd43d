import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';
import { registerAdminActions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerAdminActions(strapi);
  await configureContentManagerViews(strapi);
};

export default bootstrap;

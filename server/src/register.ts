import type { Core } from '@strapi/strapi';
import { checkArticleWrite } from './article-writes';
import { registerComponents } from './components';
import { ARTICLE_UID } from './domain/uids';
import { wireBodyReader } from './middlewares/wire-body';
import { getService } from './utils';

type DocumentParams = {
  documentId?: string;
  locale?: string;
  data?: Record<string, unknown>;
};

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  strapi.server.use(wireBodyReader(strapi));

  // Article rules hold for every writer: Content Manager, REST, document service calls.
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE_UID) return next();
    const params = context.params as DocumentParams;
    const slugs = getService('article-slugs', strapi);

    await checkArticleWrite(strapi, context.action, params);
    if (context.action === 'create' && params.data) {
      await slugs.onCreate(params.data, params.locale);
    } else if (context.action === 'update' && params.data && params.documentId) {
      await slugs.onUpdate(params.documentId, params.data, params.locale);
    }

    const result = await next();

    if (context.action === 'publish' && params.documentId) {
      await slugs.onPublished(params.documentId, params.locale);
    }
    return result;
  });
};

export default register;

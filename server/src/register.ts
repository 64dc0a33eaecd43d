import type { Core } from '@strapi/strapi';
import { checkArticleWrite } from './article-writes';
import { registerComponents } from './components';
import { ARTICLE_UID, WORKFLOW_EVENT_UID } from './domain/uids';
import { extendFileType } from './images/lifecycle';
import { fillPhotoCredits } from './images/photo-credits';
import { uploadBatchesWhole } from './images/upload-batches';
import { takeOverImageProcessing } from './images/upload-hooks';
import { wireBodyReader } from './middlewares/wire-body';
import { getService } from './utils';
import { inWorkflow } from './workflow-context';
import { errors } from '@strapi/utils';

type DocumentParams = {
  documentId?: string;
  locale?: string;
  data?: Record<string, unknown>;
};

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  extendFileType(strapi);
  takeOverImageProcessing(strapi);
  uploadBatchesWhole(strapi);
  strapi.server.use(wireBodyReader(strapi));

  // The workflow history is append-only, and only the workflow appends to it.
  strapi.documents.use(async (context, next) => {
    if (context.uid === WORKFLOW_EVENT_UID && !['findOne', 'findMany', 'findFirst', 'count'].includes(context.action) && !inWorkflow()) {
      throw new errors.ForbiddenError('The workflow history is append-only; events are recorded by workflow actions');
    }
    return next();
  });

  // Article rules hold for every writer: Content Manager, REST, document service calls.
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE_UID) return next();
    const params = context.params as DocumentParams;
    const slugs = getService('article-slugs', strapi);

    await checkArticleWrite(strapi, context.action, params);
    if ((context.action === 'create' || context.action === 'update') && params.data) await fillPhotoCredits(strapi, params.data);
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

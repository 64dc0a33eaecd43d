import type { Core } from '@strapi/strapi';
import { articleWriteGuard } from './article-writes';
import { registerComponents } from './components';
import { closeGeneratedGraphql } from './graphql';
import { extendFileType } from './images/lifecycle';
import { keepUnpublishedMediaPrivate } from './images/public-files';
import { serveUploadsSafely } from './images/served-files';
import { uploadBatchesWhole } from './images/upload-batches';
import { takeOverImageProcessing } from './images/upload-hooks';
import { guardUrlUploads } from './images/url-uploads';
import { wireBodyReader } from './middlewares/wire-body';
import { holdArticleReferences } from './held-references';
import { holdPublishedVersions } from './published-versions';
import { holdRecords } from './records';
import { refuseNulInNewsroomData, refuseNulInNewsroomRequests } from './text-input';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  extendFileType(strapi);
  takeOverImageProcessing(strapi);
  uploadBatchesWhole(strapi);
  guardUrlUploads(strapi);
  keepUnpublishedMediaPrivate(strapi);
  closeGeneratedGraphql(strapi);
  strapi.server.use(refuseNulInNewsroomRequests(strapi));
  strapi.server.use(wireBodyReader(strapi));
  serveUploadsSafely(strapi);

  // Article rules hold for every writer: Content Manager, REST, GraphQL, document service calls.
  refuseNulInNewsroomData(strapi);
  strapi.documents.use(articleWriteGuard(strapi));
  holdPublishedVersions(strapi);
  holdRecords(strapi);
  holdArticleReferences(strapi);
};

export default register;

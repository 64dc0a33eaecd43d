import type { Core } from '@strapi/strapi';
import { articleWriteGuard } from './workflow/write-guard';
import { registerComponents } from './components';
import { closeGeneratedGraphql } from './delivery/graphql';
import { extendFileType } from './images/lifecycle';
import { keepUnpublishedMediaPrivate } from './images/public-files';
import { serveUploadsSafely } from './images/served-files';
import { uploadBatchesWhole } from './images/upload-batches';
import { takeOverImageProcessing } from './images/upload-hooks';
import { guardUrlUploads } from './images/url-uploads';
import { wireBodyReader } from './wire/wire-body';
import { holdArticleReferences } from './articles/held-references';
import { holdPublishedVersions } from './workflow/published-versions';
import { holdRecords } from './platform/records';
import { holdArchive } from './archive/immutable-record';
import { refuseNulInNewsroomData, refuseNulInNewsroomRequests } from './platform/text-input';
import { registerSubjectsField } from './subjects/custom-field';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerSubjectsField(strapi);
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
  holdArchive(strapi);
  holdArticleReferences(strapi);
};

export default register;

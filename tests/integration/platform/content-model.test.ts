import { WORKFLOW_STATES } from '../../../shared/contracts/workflow';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

let newsroom: Newsroom;
let admin: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
});
afterAll(() => newsroom?.stop());

const attributesOf = async (path: string) => {
  const res = await newsroom.http().get(path).set(admin.auth);
  expect(res.status).toBe(200);
  return res.body.data.schema.attributes as Record<string, { type: string; [k: string]: unknown }>;
};

const typesOf = (attributes: Record<string, { type: string }>) =>
  Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, a.type]));

describe('newsroom content types as the Content-Type Builder shows them', () => {
  test('article: draft & publish, localized, with the newsroom fields', async () => {
    const res = await newsroom
      .http()
      .get('/content-type-builder/content-types/plugin::newsroom.article')
      .set(admin.auth);
    expect(res.status).toBe(200);
    const { schema } = res.body.data;
    expect(schema.draftAndPublish).toBe(true);
    expect(schema.pluginOptions.i18n.localized).toBe(true);
    expect(typesOf(schema.attributes)).toMatchObject({
      headline: 'string',
      slug: 'uid',
      standfirst: 'text',
      dateline: 'component',
      body: 'component',
      byline: 'string',
      attribution: 'component',
      rubric: 'relation',
      tags: 'component',
      leadPhoto: 'component',
      gallery: 'component',
      embargoUntil: 'datetime',
      workflowState: 'enumeration',
      workflowVersion: 'integer',
      corrections: 'component',
      killNotice: 'text',
      wireItem: 'relation',
      language: 'string',
    });
    expect(schema.attributes.body).toMatchObject({
      component: 'newsroom.section',
      repeatable: true,
    });
    expect(schema.attributes.gallery).toMatchObject({
      component: 'newsroom.photo',
      repeatable: true,
    });
    expect(schema.attributes.leadPhoto).toMatchObject({
      component: 'newsroom.photo',
      repeatable: false,
    });
    // The stored states are the admin API's (shared/contracts), in the same order.
    expect(schema.attributes.workflowState.enum).toEqual([...WORKFLOW_STATES]);
  });

  test('wire-item, agency, rubric and workflow-event', async () => {
    expect(
      typesOf(await attributesOf('/content-type-builder/content-types/plugin::newsroom.wire-item'))
    ).toMatchObject({
      agency: 'relation',
      agencyGuid: 'text',
      agencyVersion: 'integer',
      format: 'enumeration',
      receivedAt: 'datetime',
      rawPayload: 'text',
      story: 'json',
      contentHash: 'string',
      status: 'enumeration',
      articleDocumentId: 'string',
    });
    const agency = await attributesOf(
      '/content-type-builder/content-types/plugin::newsroom.agency'
    );
    expect(typesOf(agency)).toMatchObject({
      name: 'string',
      code: 'string',
      attributionTemplate: 'string',
      defaultCredit: 'string',
      usageTerms: 'text',
    });
    expect(agency.attributionTemplate.default).toBe('Based on materials from {name}');
    expect(
      typesOf(await attributesOf('/content-type-builder/content-types/plugin::newsroom.rubric'))
    ).toEqual({
      name: 'string',
      slug: 'uid',
    });
    expect(
      typesOf(
        await attributesOf('/content-type-builder/content-types/plugin::newsroom.workflow-event')
      )
    ).toMatchObject({
      articleDocumentId: 'string',
      action: 'string',
      fromState: 'string',
      toState: 'string',
      actorId: 'integer',
      actorName: 'string',
      note: 'text',
      at: 'datetime',
    });
  });

  test('components: section, photo, dateline, attribution, correction', async () => {
    expect(
      typesOf(await attributesOf('/content-type-builder/components/newsroom.section'))
    ).toEqual({
      subhead: 'string',
      text: 'blocks',
    });
    expect(typesOf(await attributesOf('/content-type-builder/components/newsroom.photo'))).toEqual({
      image: 'media',
      caption: 'text',
      creditLine: 'string',
      creator: 'string',
      source: 'string',
      copyrightNotice: 'string',
      usageTerms: 'text',
    });
    expect(
      typesOf(await attributesOf('/content-type-builder/components/newsroom.dateline'))
    ).toEqual({ place: 'string', date: 'date' });
    expect(
      typesOf(await attributesOf('/content-type-builder/components/newsroom.attribution'))
    ).toEqual({ agency: 'relation', line: 'string' });
    expect(
      typesOf(await attributesOf('/content-type-builder/components/newsroom.correction'))
    ).toEqual({ date: 'datetime', note: 'text' });
  });
});

describe('Content Manager', () => {
  test('lists every newsroom type as a collection an editor can open', async () => {
    const res = await newsroom.http().get('/content-manager/content-types').set(admin.auth);
    expect(res.status).toBe(200);
    const visible = res.body.data
      .filter((ct: { isDisplayed: boolean }) => ct.isDisplayed)
      .map((ct: { uid: string }) => ct.uid);
    expect(visible).toEqual(
      expect.arrayContaining([
        'plugin::newsroom.article',
        'plugin::newsroom.wire-item',
        'plugin::newsroom.agency',
        'plugin::newsroom.rubric',
        'plugin::newsroom.workflow-event',
      ])
    );
  });

  test.each([
    [
      'plugin::newsroom.article',
      'headline',
      ['id', 'headline', 'workflowState', 'rubric', 'embargoUntil', 'updatedAt'],
    ],
    [
      'plugin::newsroom.wire-item',
      'headline',
      ['id', 'headline', 'agency', 'agencyVersion', 'status', 'receivedAt'],
    ],
    ['plugin::newsroom.agency', 'name', ['id', 'name', 'code', 'attributionTemplate']],
  ])('%s lists by %s with newsroom columns', async (uid, mainField, columns) => {
    const res = await newsroom
      .http()
      .get(`/content-manager/content-types/${uid}/configuration`)
      .set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.contentType.settings.mainField).toBe(mainField);
    expect(res.body.data.contentType.layouts.list).toEqual(columns);
  });

  test('article fields carry editor labels, and the workflow fields are read-only', async () => {
    const res = await newsroom
      .http()
      .get('/content-manager/content-types/plugin::newsroom.article/configuration')
      .set(admin.auth);
    const { metadatas } = res.body.data.contentType;
    expect(metadatas.embargoUntil.edit.label).toBe('Embargo until');
    expect(metadatas.workflowState.list.label).toBe('Workflow state');
    expect(metadatas.workflowState.edit.editable).toBe(false);
    expect(metadatas.workflowVersion.edit.editable).toBe(false);
    expect(metadatas.headline.edit.editable).toBe(true);
  });

  test('the Newsroom admin permission is registered for Settings → Roles', async () => {
    const res = await newsroom.http().get('/admin/permissions').set(admin.auth);
    expect(res.status).toBe(200);
    const actions = res.body.data.sections.plugins.map((p: { action: string }) => p.action);
    expect(actions).toContain('plugin::newsroom.read');
  });
});

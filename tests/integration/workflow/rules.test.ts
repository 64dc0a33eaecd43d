import {
  ACTIONS,
  DEFAULT_ACTORS,
  RULES,
  STATES,
} from '../../../server/src/workflow/domain/machine';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, draftRow } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

let newsroom: Newsroom;
let chief: AdminSession;
const sessions: Record<string, AdminSession> = {};

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  for (const role of ['strapi-author', 'strapi-editor', 'newsroom-chief-editor'])
    sessions[role] = await createAdminSession(newsroom, role);
});
afterAll(() => newsroom?.stop());

/** A body that satisfies the action's own requirements (note, time). */
const bodyFor = (action: string, expectedVersion: number) => ({
  action,
  expectedVersion,
  ...(RULES[action as keyof typeof RULES].noteRequired ? { note: `Because (${action})` } : {}),
  ...(RULES[action as keyof typeof RULES].atRequired
    ? { at: new Date(Date.now() + 7200_000).toISOString() }
    : {}),
});

describe('every state × action', () => {
  const pairs = STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as const));

  test.each(pairs)('%s × %s', async (state, action) => {
    const documentId = await articleIn(newsroom, chief, state);
    const before = await draftRow(newsroom, documentId);
    const res = await workflow(newsroom, chief).transition(
      documentId,
      bodyFor(action, before.workflowVersion)
    );
    const after = await draftRow(newsroom, documentId);
    if (RULES[action].from.includes(state)) {
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        workflowState: RULES[action].to,
        workflowVersion: before.workflowVersion + 1,
      });
      expect(after.workflowState).toBe(RULES[action].to);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        `Cannot ${action} an article that is ${state.replace('_', ' ')}`
      );
      expect(res.body.error.details).toEqual({
        currentState: state,
        currentVersion: before.workflowVersion,
      });
      expect(after.workflowVersion).toBe(before.workflowVersion);
    }
  });
});

describe('the default permission matrix', () => {
  const cases = ['strapi-author', 'strapi-editor', 'newsroom-chief-editor'].flatMap((role) =>
    ACTIONS.map((action) => [role, action] as const)
  );

  test.each(cases)('%s may %s: as DESIGN.md says', async (role, action) => {
    // Their own article: Strapi's Author role reads and updates only what its user created.
    const documentId = await articleIn(newsroom, chief, RULES[action].from[0], {
      createdBy: sessions[role].id,
    });
    const before = await draftRow(newsroom, documentId);
    const res = await workflow(newsroom, sessions[role]).transition(
      documentId,
      bodyFor(action, before.workflowVersion)
    );
    if (DEFAULT_ACTORS[action].includes(role)) {
      expect(res.status).toBe(200);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(`You are not allowed to ${action} articles`);
      expect((await draftRow(newsroom, documentId)).workflowVersion).toBe(before.workflowVersion);
    }
  });

  test('the Chief Editor role exists with every workflow permission, listed in Settings → Roles', async () => {
    const superAdmin = await createAdminSession(newsroom);
    const roles = await newsroom.http().get('/admin/roles').set(superAdmin.auth);
    expect(roles.body.data.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Chief Editor', 'Editor', 'Author'])
    );
    const permissions = await newsroom.http().get('/admin/permissions').set(superAdmin.auth);
    const actions = permissions.body.data.sections.plugins.map((p: { action: string }) => p.action);
    expect(actions).toEqual(
      expect.arrayContaining(ACTIONS.map((a) => `plugin::newsroom.workflow.${a}`))
    );
  });
});

describe('notes, times and versions', () => {
  test.each(['return', 'kill', 'correct'] as const)(
    '%s without a note is 400 and changes nothing',
    async (action) => {
      const documentId = await articleIn(newsroom, chief, RULES[action].from[0]);
      const before = await draftRow(newsroom, documentId);
      const res = await workflow(newsroom, chief).transition(documentId, {
        action,
        expectedVersion: before.workflowVersion,
        note: '  ',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(`A note is required to ${action} an article`);
      expect((await draftRow(newsroom, documentId)).workflowVersion).toBe(before.workflowVersion);
    }
  );

  test('schedule needs a future time with an offset, stored in UTC', async () => {
    const documentId = await articleIn(newsroom, chief, 'approved');
    const api = workflow(newsroom, chief);
    expect(
      (await api.transition(documentId, { action: 'schedule', expectedVersion: 2 })).body.error
        .message
    ).toBe('A time ("at") is required to schedule an article');
    const past = await api.transition(documentId, {
      action: 'schedule',
      expectedVersion: 2,
      at: '2020-01-01T09:00:00+03:00',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toBe(
      '"at" must be in the future (2020-01-01T09:00:00+03:00 has passed)'
    );
    const noOffset = await api.transition(documentId, {
      action: 'schedule',
      expectedVersion: 2,
      at: '2030-01-01T09:00:00',
    });
    expect(noOffset.status).toBe(400);
    expect(JSON.stringify(noOffset.body.error)).toMatch(/UTC offset/);

    const ok = await api.transition(documentId, {
      action: 'schedule',
      expectedVersion: 2,
      at: '2030-05-01T09:00:00+03:00',
    });
    expect(ok.status).toBe(200);
    expect(new Date((await draftRow(newsroom, documentId)).scheduledAt).toISOString()).toBe(
      '2030-05-01T06:00:00.000Z'
    );
  });

  test('a stale expectedVersion is 409 and changes nothing', async () => {
    const documentId = await articleIn(newsroom, chief, 'in_review');
    const res = await workflow(newsroom, chief).transition(documentId, {
      action: 'approve',
      expectedVersion: 0,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'The article has changed since you saw it (version 0, now 1); reload and try again'
    );
    expect(res.body.error.details).toEqual({ currentState: 'in_review', currentVersion: 1 });
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('in_review');
  });

  test('bad bodies are 400 naming the field; unknown articles are 404', async () => {
    const documentId = await articleIn(newsroom, chief, 'draft');
    const api = workflow(newsroom, chief);
    const unknownAction = await api.transition(documentId, {
      action: 'teleport',
      expectedVersion: 0,
    });
    expect(unknownAction.status).toBe(400);
    expect(JSON.stringify(unknownAction.body.error)).toMatch(/action must be one of/);
    const noVersion = await newsroom
      .http()
      .post(`/newsroom/articles/${documentId}/transition`)
      .set(chief.auth)
      .send({ action: 'submit' });
    expect(noVersion.status).toBe(400);
    expect(JSON.stringify(noVersion.body.error)).toMatch(/expectedVersion is required/);
    const extra = await newsroom
      .http()
      .post(`/newsroom/articles/${documentId}/transition`)
      .set(chief.auth)
      .send({ action: 'submit', expectedVersion: 0, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(
      (await api.transition('nosuchdocument', { action: 'submit', expectedVersion: 0 })).status
    ).toBe(404);
  });
});

describe('history', () => {
  test('is append-only: events cannot be edited, deleted or forged outside the workflow', async () => {
    const documentId = await articleIn(newsroom, chief, 'in_review');
    const event = await newsroom.strapi.db
      .query('plugin::newsroom.workflow-event')
      .findOne({ where: { articleDocumentId: documentId } });
    const superAdmin = await createAdminSession(newsroom);
    const base = '/content-manager/collection-types/plugin::newsroom.workflow-event';
    expect(
      (
        await newsroom
          .http()
          .put(`${base}/${event.documentId}`)
          .set(superAdmin.auth)
          .send({ note: 'rewritten' })
      ).status
    ).toBe(403);
    expect(
      (await newsroom.http().delete(`${base}/${event.documentId}`).set(superAdmin.auth)).status
    ).toBe(403);
    expect(
      (
        await newsroom
          .http()
          .post(base)
          .set(superAdmin.auth)
          .send({ articleDocumentId: documentId, action: 'publish', at: new Date().toISOString() })
      ).status
    ).toBe(403);
    await expect(
      newsroom.strapi
        .documents('plugin::newsroom.workflow-event')
        .delete({ documentId: event.documentId })
    ).rejects.toThrow(/append-only/);
    const after = await newsroom.strapi.db
      .query('plugin::newsroom.workflow-event')
      .findOne({ where: { id: event.id } });
    expect(after).toMatchObject({ note: null, action: 'submit' });
  });

  test('one event per action, newest first, with actor, states and note', async () => {
    const documentId = await articleIn(newsroom, chief, 'in_review');
    const editor = sessions['strapi-editor'];
    await workflow(newsroom, editor).run(documentId, {
      action: 'return',
      note: 'Needs a second source',
    });
    const res = await workflow(newsroom, chief).history(documentId);
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((e: { action: string; fromState: string; toState: string }) => [
        e.action,
        e.fromState,
        e.toState,
      ])
    ).toEqual([
      ['return', 'in_review', 'draft'],
      ['submit', 'draft', 'in_review'],
    ]);
    expect(res.body.data[0]).toMatchObject({
      note: 'Needs a second source',
      actorName: 'Test strapi-editor',
      actorId: editor.id,
    });
  });
});

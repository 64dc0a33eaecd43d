import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { contentManager } from '../../helpers/content-manager';
import { startReceiver, type Receiver } from '../../helpers/receiver';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * Strapi's own webhooks (Settings → Webhooks) around the workflow: which `entry.*` events each
 * step fires for an article, once each, as the README documents them.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
let receiver: Receiver;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  receiver = await startReceiver('unused-by-strapi-webhooks');
  const admin = await createAdminSession(newsroom);
  const res = await newsroom
    .http()
    .post('/admin/webhooks')
    .set(admin.auth)
    .send({
      name: 'Everything',
      url: `${receiver.url}/strapi`,
      headers: {},
      events: [
        'entry.create',
        'entry.update',
        'entry.delete',
        'entry.publish',
        'entry.unpublish',
        'entry.draft-discard',
      ],
    });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await receiver?.stop();
  await newsroom?.stop();
});

/** The `entry.*` events for articles that arrive during `step`. */
const during = async (step: () => Promise<unknown>) => {
  const before = receiver.received.length;
  await step();
  await new Promise((r) => setTimeout(r, 600));
  return (
    receiver.received
      .slice(before)
      .map(
        (r) =>
          JSON.parse(r.body) as {
            event: string;
            uid: string;
            entry: { publishedAt?: string | null };
          }
      )
      .filter((e) => e.uid === ARTICLE)
      .map((e) => e.event)
      // Strapi sends each webhook on its own: their order of arrival is not theirs to keep.
      .sort()
  );
};

test('each workflow step fires what a webhook user expects, once', async () => {
  const cm = contentManager(newsroom, chief, ARTICLE);
  let documentId = '';
  const seen: Record<string, string[]> = {};
  seen.create = await during(async () => {
    const res = await cm.create({ headline: 'Hooked' });
    documentId = res.body.data.documentId;
  });
  const flow = workflow(newsroom, chief);
  seen.submit = await during(() => flow.run(documentId, 'submit'));
  seen.return = await during(() => flow.run(documentId, { action: 'return', note: 'Shorter' }));
  seen.spike = await during(() => flow.run(documentId, 'spike', 'unspike'));
  await flow.run(documentId, 'submit');
  seen.approve = await during(() => flow.run(documentId, 'approve'));
  seen.publish = await during(() => flow.run(documentId, 'publish'));
  seen.edit = await during(() => cm.update(documentId, { headline: 'Hooked, corrected' }));
  seen.correct = await during(() => flow.run(documentId, { action: 'correct', note: 'Headline' }));
  seen.kill = await during(() => flow.run(documentId, { action: 'kill', note: 'Withdrawn' }));

  // The scheduler's publication, like an editor's.
  let scheduled = '';
  seen.createScheduled = await during(async () => {
    scheduled = (await cm.create({ headline: 'Hooked later' })).body.data.documentId;
  });
  const at = new Date(Date.now() + 3600_000).toISOString();
  seen.schedule = await during(() =>
    flow.run(scheduled, 'submit', 'approve', { action: 'schedule', at })
  );
  seen.scheduledPublish = await during(() =>
    newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 7200_000))
  );

  expect(seen).toEqual({
    create: ['entry.create'],
    // Workflow moves that change no content and nothing public fire nothing.
    submit: [],
    return: [],
    spike: [],
    approve: [],
    publish: ['entry.publish'],
    edit: ['entry.update'],
    // The correction note is added to the working copy, and the corrected version goes out.
    correct: ['entry.publish', 'entry.update'],
    kill: ['entry.unpublish'],
    createScheduled: ['entry.create'],
    schedule: [],
    scheduledPublish: ['entry.publish'],
  });
});

import type { AdminSession } from './admin';
import type { Newsroom } from './strapi';

export interface TransitionBody {
  action: string;
  expectedVersion?: number;
  note?: string;
  at?: string;
  locale?: string;
}

/** The admin workflow API, as the article panel calls it. */
export const workflow = (newsroom: Newsroom, session: AdminSession) => {
  const api = {
    state: (documentId: string, locale?: string) =>
      newsroom
        .http()
        .get(`/newsroom/articles/${documentId}/workflow`)
        .query(locale ? { locale } : {})
        .set(session.auth),
    history: (documentId: string) =>
      newsroom.http().get(`/newsroom/articles/${documentId}/history`).set(session.auth),
    transition: (documentId: string, body: TransitionBody) =>
      newsroom
        .http()
        .post(`/newsroom/articles/${documentId}/transition`)
        .set(session.auth)
        .send(body),
    /** Runs actions in turn from the current version, failing loudly if one is refused. */
    async run(documentId: string, ...steps: Array<string | TransitionBody>) {
      for (const step of steps) {
        const body = typeof step === 'string' ? { action: step } : step;
        const current = await api.state(documentId, body.locale);
        const res = await api.transition(documentId, {
          expectedVersion: current.body.data.workflowVersion,
          ...body,
        });
        if (res.status !== 200)
          throw new Error(
            `${body.action} refused: ${res.status} ${JSON.stringify(res.body.error)}`
          );
      }
    },
  };
  return api;
};

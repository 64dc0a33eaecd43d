import { findTopics, MEDIA_TOPICS_ATTRIBUTION } from '../domain/subjects';
import type { FindSubjects } from '../../../../shared/contracts/subjects';

/** The IPTC Media Topics, for the subject picker: a vocabulary bundled with the plugin, no database. */
const subjectsService = () => ({
  /** Topics matching `q` by name words or code, top levels first; never throws. */
  find(q: string, limit: number): FindSubjects.Response {
    return { data: findTopics(q, limit), meta: { attribution: MEDIA_TOPICS_ATTRIBUTION } };
  },
});

export type SubjectsService = ReturnType<typeof subjectsService>;
export default subjectsService;

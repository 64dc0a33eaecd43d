/**
 * Subjects and genres as agency formats give them: a qcode, an IPTC URI or a literal, beside a
 * name. Tolerant: what cannot be read as a qcode is left out, never refused.
 */
import {
  SUBJECT_CODE,
  SUBJECT_LIMITS,
  qcodeFromUri,
  validSubjects,
  type Subject,
} from '../../subjects/domain/subjects';

/** A concept as a format names it: NewsML-G2 `@qcode`/`@uri`/`<name>`, ninjs `literal`/`uri`/`name`. */
export interface NamedConcept {
  qcode?: string;
  uri?: string;
  literal?: string;
  name?: string;
}

export const GENRE_LIMIT = 10;

/** The concept's qcode: given, read from an IPTC URI, or a literal already written as one. */
const qcodeOf = ({ qcode, uri, literal }: NamedConcept) =>
  [qcode?.trim(), uri ? qcodeFromUri(uri) : undefined, literal?.trim()].find(
    (code): code is string => code !== undefined && SUBJECT_CODE.test(code)
  );

/** The story's subjects: those with a qcode, made canonical (see `validSubjects`); undefined when none. */
export const storySubjects = (concepts: NamedConcept[]): Subject[] | undefined => {
  const subjects = validSubjects(
    concepts.flatMap((c) => {
      const code = qcodeOf(c);
      return code ? [{ code, name: c.name }] : [];
    })
  );
  return subjects.length ? subjects : undefined;
};

/** The story's genres: each one's qcode, else its name, else its literal; undefined when none. */
export const storyGenres = (concepts: NamedConcept[]): string[] | undefined => {
  const genres: string[] = [];
  for (const concept of concepts) {
    const label = (qcodeOf(concept) ?? concept.name ?? concept.literal)
      ?.replace(/\s+/gu, ' ')
      .trim();
    if (label && label.length <= SUBJECT_LIMITS.name && !genres.includes(label)) genres.push(label);
    if (genres.length === GENRE_LIMIT) break;
  }
  return genres.length ? genres : undefined;
};

/**
 * The classification after an update: the article's subjects as edited, then the newer
 * version's codes it lacks (an editor's additions stay; the agency's new topics come in);
 * the newer version's urgency when it gives one (a flash becomes an ordinary story).
 */
export const updatedClassification = (
  article: { subjects?: unknown; urgency?: number | null },
  copy: { subjects?: Subject[]; urgency?: number }
): { subjects?: Subject[]; urgency?: number } => {
  const kept = validSubjects(article.subjects);
  const codes = new Set(kept.map((s) => s.code));
  const added = (copy.subjects ?? []).filter((s) => !codes.has(s.code));
  return {
    ...(added.length ? { subjects: [...kept, ...added].slice(0, SUBJECT_LIMITS.subjects) } : {}),
    ...(copy.urgency !== undefined ? { urgency: copy.urgency } : {}),
  };
};

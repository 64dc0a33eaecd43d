/**
 * Subjects: what a story is about, as qcodes consumers route by. The newsroom's vocabulary is
 * IPTC's Media Topics (`medtop:`, see MEDIA-TOPICS-NOTICE.md); agencies' own schemes
 * (`tassrubric:politics`) pass with the name they gave.
 */
import { Refusal } from '../../platform/domain/refusal';
import vocabulary from './media-topics.json';
import type { MediaTopic, Subject } from '../../../../shared/contracts/subjects';

export type { MediaTopic, Subject };

export const SUBJECT_LIMITS = { subjects: 50, name: 200 } as const;

/** The credit IPTC's licence (CC BY 4.0) asks for wherever the topics are shown. */
export const MEDIA_TOPICS_ATTRIBUTION = 'IPTC Media Topics, © IPTC, CC BY 4.0';

/** A qcode: a scheme alias (lowercase letters, digits, hyphens), a colon, a code. */
export const SUBJECT_CODE = /^[a-z0-9][a-z0-9-]{0,31}:[A-Za-z0-9._-]{1,64}$/u;

const MEDTOP = 'medtop:';
/** The Media Topics' scheme URI; a topic's URI is it plus the code's number. */
export const MEDIA_TOPIC_URI = 'http://cv.iptc.org/newscodes/mediatopic/';

/** IPTC's NewsCodes folders and the scheme aliases their catalog gives them. */
const IPTC_SCHEMES: Record<string, string> = {
  mediatopic: 'medtop',
  subjectcode: 'subj',
  genre: 'genre',
};
const IPTC_URI = /^https?:\/\/cv\.iptc\.org\/newscodes\/([a-z]+)\/([A-Za-z0-9._-]{1,64})\/?$/u;

/** `http://cv.iptc.org/newscodes/mediatopic/20000001` → `medtop:20000001`; other URIs → undefined. */
export const qcodeFromUri = (uri: string): string | undefined => {
  const [, folder, code] = IPTC_URI.exec(uri.trim()) ?? [];
  return folder && IPTC_SCHEMES[folder] ? `${IPTC_SCHEMES[folder]}:${code}` : undefined;
};

/** `medtop:20000001` → its IPTC URI; undefined for other schemes. */
export const mediaTopicUri = (code: string): string | undefined =>
  code.startsWith(MEDTOP) ? `${MEDIA_TOPIC_URI}${code.slice(MEDTOP.length)}` : undefined;

interface Indexed extends MediaTopic {
  depth: number;
  /** The name's words, lowercased, for the picker's search. */
  words: string[];
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}:]+/u)
    .filter(Boolean);

let index: { topics: Indexed[]; byCode: Map<string, Indexed>; narrower: Map<string, string[]> };

/** Built once, on first use: the topics by code, their depth, and each one's descendants. */
const vocabularyIndex = () => {
  if (index) return index;
  const byCode = new Map<string, Indexed>();
  for (const t of vocabulary.topics as MediaTopic[]) {
    byCode.set(t.code, Object.freeze({ ...t, depth: 0, words: wordsOf(t.name) }) as Indexed);
  }
  const children = new Map<string, string[]>();
  for (const t of byCode.values()) {
    if (t.broader) children.set(t.broader, [...(children.get(t.broader) ?? []), t.code]);
  }
  const narrower = new Map<string, string[]>();
  const walk = (code: string, depth: number): string[] => {
    const topic = byCode.get(code)!;
    byCode.set(code, Object.freeze({ ...topic, depth }));
    const all = [code, ...(children.get(code) ?? []).flatMap((c) => walk(c, depth + 1))];
    narrower.set(code, Object.freeze(all) as string[]);
    return all;
  };
  for (const t of [...byCode.values()]) if (!t.broader) walk(t.code, 0);
  index = { topics: [...byCode.values()], byCode, narrower };
  return index;
};

const plain = ({ code, name, broader }: MediaTopic): MediaTopic => ({ code, name, broader });

/** The Media Topic with this qcode, or undefined (unknown, retired, or another scheme). */
export const topic = (code: string): MediaTopic | undefined => {
  const found = vocabularyIndex().byCode.get(code);
  return found && plain(found);
};

/**
 * The code and every topic below it, so a reader or route asking for a parent topic matches
 * its children: `medtop:09000000` (labour) holds `medtop:20000523` (labour market) and its
 * `medtop:20001275` (gig economy). A code outside the vocabulary matches itself only.
 */
export const narrowerCodes = (code: string): readonly string[] =>
  vocabularyIndex().narrower.get(code) ?? [code];

/**
 * Topics for a picker: each word of `text` must start a word of the name, or (holding a digit
 * or a colon) be part of the code. Top levels first, then shorter names; empty text lists
 * the top levels first.
 */
export const findTopics = (text: string, limit = 20): MediaTopic[] => {
  const wanted = wordsOf(text);
  const exact = text.trim();
  const matches = vocabularyIndex().topics.filter((t) =>
    wanted.every(
      (w) => (/[\d:]/u.test(w) && t.code.includes(w)) || t.words.some((word) => word.startsWith(w))
    )
  );
  matches.sort(
    (a, b) =>
      Number(b.code === exact) - Number(a.code === exact) ||
      a.depth - b.depth ||
      a.name.length - b.name.length ||
      a.name.localeCompare(b.name)
  );
  const count = Number.isInteger(limit)
    ? Math.max(1, Math.min(limit, SUBJECT_LIMITS.subjects))
    : 20;
  return matches.slice(0, count).map(plain);
};

/** One entry canonicalised, or why it cannot be. A bare qcode string stands for `{ code }`. */
const subjectOf = (entry: unknown): Subject | string => {
  const raw = typeof entry === 'string' ? { code: entry } : entry;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'must be { code, name }';
  const { code, name } = raw as { code?: unknown; name?: unknown };
  if (typeof code !== 'string' || !SUBJECT_CODE.test(code.trim())) {
    return 'code must be a qcode such as medtop:20000523 (scheme:code)';
  }
  const qcode = code.trim();
  if (qcode.startsWith(MEDTOP)) {
    const known = vocabularyIndex().byCode.get(qcode);
    return known ? { code: qcode, name: known.name } : 'is not a current IPTC Media Topic';
  }
  if (name === undefined || name === null) return { code: qcode };
  if (typeof name !== 'string') return 'name must be text';
  // Control characters other than line breaks and tabs, which fold into spaces below.
  if (/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/u.test(name)) return 'name must not hold control characters';
  // Half a surrogate pair is no character: PostgreSQL's JSON refuses it.
  if (/\p{Surrogate}/u.test(name)) return 'name must be well-formed Unicode text';
  const folded = name.replace(/\s+/gu, ' ').trim();
  if (folded.length > SUBJECT_LIMITS.name) {
    return `name must be at most ${SUBJECT_LIMITS.name} characters`;
  }
  return folded ? { code: qcode, name: folded } : { code: qcode };
};

/** The entry as a message names it: its code, else the entry as JSON; shortened. */
const describe = (entry: unknown) => {
  const code = typeof entry === 'string' ? entry : (entry as { code?: unknown } | null)?.code;
  const shown = JSON.stringify(typeof code === 'string' ? code : (entry ?? null)) ?? String(entry);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
};

/** A 400 as Strapi words its own validation errors, so the Content Manager shows it on the field. */
const refuse = (message: string, value?: string) =>
  new Refusal(400, message, {
    errors: [{ path: ['subjects'], message, name: 'ValidationError', value }],
  });

/**
 * An editor's or agency's subjects, checked and made canonical: a list of at most 50 entries,
 * each with a valid qcode; Media Topics must be current ones and take IPTC's English name;
 * other schemes keep their name (whitespace folded, at most 200 characters). Duplicates are
 * dropped, the order kept; null and undefined are no subjects. Throws Refusal 400 naming the
 * first entry refused.
 */
export const subjectsOf = (value: unknown): Subject[] => {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw refuse('subjects must be a list of { code, name }');
  if (value.length > SUBJECT_LIMITS.subjects) {
    throw refuse(
      `subjects may hold at most ${SUBJECT_LIMITS.subjects} subjects; ${value.length} were sent`
    );
  }
  const subjects: Subject[] = [];
  value.forEach((entry, i) => {
    const subject = subjectOf(entry);
    if (typeof subject === 'string') {
      throw refuse(`subjects[${i}] ${describe(entry)}: ${subject}`, describe(entry));
    }
    if (!subjects.some((s) => s.code === subject.code)) subjects.push(subject);
  });
  return subjects;
};

/**
 * What `subjectsOf` would accept of agency copy, never refusing: entries it would refuse are
 * dropped, and the list stops at 50 subjects.
 */
export const validSubjects = (value: unknown): Subject[] => {
  const subjects: Subject[] = [];
  for (const entry of Array.isArray(value) ? value : []) {
    if (subjects.length === SUBJECT_LIMITS.subjects) break;
    const subject = subjectOf(entry);
    if (typeof subject !== 'string' && !subjects.some((s) => s.code === subject.code)) {
      subjects.push(subject);
    }
  }
  return subjects;
};

/** Urgency 1 (most urgent) to 9 (least), from a number or a digit as text; anything else undefined. */
export const urgencyOf = (value: unknown): number | undefined => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d\s*$/u.test(value)
        ? Number(value)
        : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 9 ? n : undefined;
};

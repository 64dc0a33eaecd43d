import { Refusal } from '../../../server/src/platform/domain/refusal';
import {
  SUBJECT_CODE,
  subjectsOf,
  urgencyOf,
  validSubjects,
} from '../../../server/src/subjects/domain/subjects';

/** The refusal `run` throws, as a client would read it. */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Refusal);
    const { status, message, details } = error as Refusal;
    return { status, message, details };
  }
  throw new Error('expected a refusal');
};

const many = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: `tassrubric:r${i}`, name: `Rubric ${i}` }));

describe('subjectsOf: what an editor or agency may store', () => {
  test('Media Topics take IPTC English names; other schemes keep theirs, whitespace folded', () => {
    expect(
      subjectsOf([
        { code: 'medtop:20000523', name: 'Arbeitsmarkt' },
        { code: 'medtop:20000379' },
        { code: ' tassrubric:politics ', name: '  Политика \n дня ' },
        { code: 'gyimeid:104530187', name: '   ' },
      ])
    ).toEqual([
      { code: 'medtop:20000523', name: 'labour market' },
      { code: 'medtop:20000379', name: 'monetary policy' },
      { code: 'tassrubric:politics', name: 'Политика дня' },
      { code: 'gyimeid:104530187' },
    ]);
  });

  test('duplicates are dropped, the first kept, the order kept; a bare qcode is a subject', () => {
    expect(
      subjectsOf([
        'medtop:04000000',
        { code: 'tassrubric:politics', name: 'Politics' },
        { code: 'medtop:04000000', name: 'Economy' },
        { code: 'tassrubric:politics', name: 'Other' },
      ])
    ).toEqual([
      { code: 'medtop:04000000', name: 'economy, business and finance' },
      { code: 'tassrubric:politics', name: 'Politics' },
    ]);
  });

  test('no value is no subjects', () => {
    expect(subjectsOf(null)).toEqual([]);
    expect(subjectsOf(undefined)).toEqual([]);
    expect(subjectsOf([])).toEqual([]);
  });

  test.each([
    [
      'a Media Topic IPTC does not have',
      [{ code: 'medtop:04000000' }, { code: 'medtop:99999999', name: 'x' }],
      'subjects[1] "medtop:99999999": is not a current IPTC Media Topic',
    ],
    [
      'a retired Media Topic',
      [{ code: 'medtop:20000064' }],
      'subjects[0] "medtop:20000064": is not a current IPTC Media Topic',
    ],
    [
      'a code that is no qcode',
      [{ code: 'medtop:04000000' }, { code: 'politics', name: 'Politics' }],
      'subjects[1] "politics": code must be a qcode',
    ],
    ['an uppercase scheme', ['MEDTOP:04000000'], 'subjects[0] "MEDTOP:04000000": code must be'],
    ['an entry without a code', [{ name: 'Politics' }], 'subjects[0] {"name":"Politics"}: code'],
    ['a number', [42], 'subjects[0] 42: must be { code, name }'],
    [
      'a name that is not text',
      [{ code: 'tassrubric:politics', name: 7 }],
      'subjects[0] "tassrubric:politics": name must be text',
    ],
    [
      'a name of 201 characters',
      [{ code: 'tassrubric:politics', name: 'x'.repeat(201) }],
      'subjects[0] "tassrubric:politics": name must be at most 200 characters',
    ],
    [
      'a name with a control character',
      [{ code: 'tassrubric:politics', name: 'Poli\u0007tics' }],
      'name must not hold control characters',
    ],
    [
      'a name with half a surrogate pair',
      [{ code: 'tassrubric:politics', name: 'Poli\ud800tics' }],
      'name must be well-formed Unicode text',
    ],
    ['an object, not a list', { code: 'medtop:04000000' }, 'subjects must be a list'],
    ['more than 50 subjects', many(51), 'subjects may hold at most 50 subjects; 51 were sent'],
  ])('refuses %s with a 400 naming it', (_, value, message) => {
    const refused = refusal(() => subjectsOf(value));
    expect(refused.status).toBe(400);
    expect(refused.message).toContain(message);
    // Worded as Strapi's own validation errors, so the Content Manager shows it on the field.
    expect(refused.details).toEqual({
      errors: [expect.objectContaining({ path: ['subjects'], message: refused.message })],
    });
  });

  test('50 subjects and a 200-character name are allowed', () => {
    expect(subjectsOf(many(50))).toHaveLength(50);
    expect(subjectsOf([{ code: 'tassrubric:x', name: 'x'.repeat(200) }])[0].name).toHaveLength(200);
  });

  test('SUBJECT_CODE: scheme of lowercase letters, digits, hyphens; bounded code', () => {
    for (const ok of ['medtop:20000001', 'iso3166-1a2:US-NV', 'tassrubric:politics', 'a:b.c_d'])
      expect(ok).toMatch(SUBJECT_CODE);
    for (const bad of ['medtop', ':x', 'medtop:', 'Med:x', 'me dtop:x', 'x:a b', 'x:a/b'])
      expect(bad).not.toMatch(SUBJECT_CODE);
    expect(`x:${'9'.repeat(64)}`).toMatch(SUBJECT_CODE);
    expect(`x:${'9'.repeat(65)}`).not.toMatch(SUBJECT_CODE);
    expect(`${'s'.repeat(33)}:x`).not.toMatch(SUBJECT_CODE);
  });
});

describe('validSubjects: agency copy, never refused', () => {
  test('keeps what subjectsOf would, drops the rest, stops at 50', () => {
    expect(
      validSubjects([
        { code: 'medtop:99999999' },
        'not a code',
        { code: 'medtop:20000533', name: 'Arbeitslosigkeit' },
        { code: 'medtop:20000533' },
        null,
      ])
    ).toEqual([{ code: 'medtop:20000533', name: 'unemployment' }]);
    expect(validSubjects(many(80))).toEqual(many(50));
    expect(validSubjects('medtop:04000000')).toEqual([]);
  });
});

describe('urgencyOf', () => {
  test.each([
    [1, 1],
    [9, 9],
    ['3', 3],
    [' 4 ', 4],
    [0, undefined],
    [10, undefined],
    [2.5, undefined],
    ['3.5', undefined],
    ['high', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [NaN, undefined],
  ])('%p → %p', (value, urgency) => {
    expect(urgencyOf(value)).toBe(urgency);
  });
});

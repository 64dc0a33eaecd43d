import { fixtureText } from '../../helpers/fixtures';
import { draftFromStory } from '../../../server/src/articles/domain/article-draft';
import { parseNewsmlG2 } from '../../../server/src/wire/domain/newsml-g2';
import { parseNinjs } from '../../../server/src/wire/domain/ninjs';
import { updatedClassification } from '../../../server/src/wire/domain/classification';

const g2 = (name: string) => fixtureText('newsml-g2', name);
/** A fixture with `xml` added at the start of its contentMeta. */
const g2With = (name: string, xml: string) =>
  g2(name).replace('<contentMeta>', `<contentMeta>${xml}`);
/** A ninjs fixture with its fields replaced or added. */
const ninjsWith = (name: string, fields: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(fixtureText('ninjs', name)), ...fields });

describe('NewsML-G2 subjects, urgency and genre', () => {
  test('qcodes with names; Media Topics named as IPTC names them; the genre as its qcode', () => {
    const story = parseNewsmlG2(g2('LISTING_1_A_NewsML-G2_News_Item.xml'));
    expect(story.subjects).toEqual([
      { code: 'medtop:04000000', name: 'economy, business and finance' },
      { code: 'medtop:20000523', name: 'labour market' },
    ]);
    expect(story.genre).toEqual(['genre:interview']);
    expect(story.urgency).toBeUndefined();
  });

  test("the agency's outdated name of a topic gives way to the vocabulary's", () => {
    const story = parseNewsmlG2(g2('LISTING_2_NewsML-G2_Text_Document.xml'));
    expect(story.subjects).toEqual([
      { code: 'medtop:04000000', name: 'economy, business and finance' },
      { code: 'medtop:20000350', name: 'central bank' },
      // The copy says "money and monetary policy"; IPTC's 2019 name is shorter.
      { code: 'medtop:20000379', name: 'monetary policy' },
    ]);
  });

  test('agency schemes kept with their English name; a subject without a qcode dropped', () => {
    const story = parseNewsmlG2(g2('LISTING_3_Photo_in_NewsML-G2.xml'));
    expect(story.subjects).toEqual([
      { code: 'gyimeid:104530187' },
      { code: 'medtop:20000523', name: 'labour market' },
      { code: 'medtop:20000533', name: 'unemployment' },
      // "Las Vegas Boulevard" has no qcode; the broader Nevada is not the item's subject.
      { code: 'gycon:89109', name: 'Las Vegas' },
    ]);
  });

  test('contentMeta/urgency is read; an urgency outside 1..9 or not a number is left out', () => {
    const name = 'LISTING_2_NewsML-G2_Text_Document.xml';
    expect(parseNewsmlG2(g2With(name, '<urgency>2</urgency>')).urgency).toBe(2);
    for (const bad of ['0', '10', 'high', '2.5', '']) {
      const story = parseNewsmlG2(g2With(name, `<urgency>${bad}</urgency>`));
      expect(story.urgency).toBeUndefined();
      expect(story.headline).toBe('Fed to halt QE to avert "bubble"');
    }
  });

  test('a subject by IPTC URI becomes its qcode; unknown and malformed ones are dropped', () => {
    const story = parseNewsmlG2(
      g2With(
        'LISTING_2_NewsML-G2_Text_Document.xml',
        [
          '<subject uri="http://cv.iptc.org/newscodes/mediatopic/20000002"/>',
          '<subject qcode="medtop:99999999"><name>made up</name></subject>',
          '<subject qcode="no qcode"><name>spaces</name></subject>',
          '<subject uri="http://example.com/topics/1"><name>elsewhere</name></subject>',
          '<subject qcode="tassrubric:politics"><name xml:lang="ru">Политика</name></subject>',
          '<genre uri="http://cv.iptc.org/newscodes/genre/Analysis"/>',
          '<genre><name>Feature</name></genre>',
        ].join('')
      )
    );
    expect(story.subjects).toEqual([
      { code: 'medtop:20000002', name: 'arts and entertainment' },
      { code: 'tassrubric:politics', name: 'Политика' },
      // The item's own, after the added ones.
      { code: 'medtop:04000000', name: 'economy, business and finance' },
      { code: 'medtop:20000350', name: 'central bank' },
      { code: 'medtop:20000379', name: 'monetary policy' },
    ]);
    expect(story.genre).toEqual(['genre:Analysis', 'Feature']);
  });

  test('at most 50 subjects are kept', () => {
    const many = Array.from(
      { length: 80 },
      (_, i) => `<subject qcode="tassrubric:r${i}"><name>Rubric ${i}</name></subject>`
    ).join('');
    const story = parseNewsmlG2(g2With('LISTING_2_NewsML-G2_Text_Document.xml', many));
    expect(story.subjects).toHaveLength(50);
    expect(story.subjects?.[49]).toEqual({ code: 'tassrubric:r49', name: 'Rubric 49' });
  });
});

describe('ninjs subjects, urgency and genres', () => {
  test.each([
    ['agency-2.1-ap_image.json', 5],
    ['agency-2.1-dpa_text.json', 4],
    ['agency-2.1-tt_text_image_2.json', 3],
    ['iptc-2.2-004_simple_text_article.json', undefined],
  ])('%s: urgency %p', (name, urgency) => {
    expect(parseNinjs(fixtureText('ninjs', name)).urgency).toBe(urgency);
  });

  test("agencies' own subjects without a scheme are left out; a genre without a qcode by its name", () => {
    // AP: literals such as "i" and AP's own URIs; TT: an old subject code under TT's URI.
    expect(parseNinjs(fixtureText('ninjs', 'agency-2.1-ap_image.json')).subjects).toBeUndefined();
    const tt = parseNinjs(fixtureText('ninjs', 'agency-2.1-tt_text_image_2.json'));
    expect(tt.subjects).toBeUndefined();
    expect(tt.genre).toEqual(['Inrikes']);
  });

  test('a Media Topic by URI, a qcode literal kept, the rest dropped', () => {
    const story = parseNinjs(
      ninjsWith('agency-2.1-tt_text_image_2.json', {
        subjects: [
          { uri: 'http://cv.iptc.org/newscodes/mediatopic/20000523', name: 'Arbetsmarknad' },
          { literal: 'tassrubric:politics', name: 'Politik', relevance: 90 },
          { literal: '16000000', uri: 'http://tt.se/spec/subref/1.0/16000000' },
          { uri: 'http://cv.iptc.org/newscodes/mediatopic/99999999', name: 'made up' },
          { uri: 'https://cv.iptc.org/newscodes/mediatopic/20000523', name: 'again' },
        ],
        genres: [{ uri: 'http://cv.iptc.org/newscodes/genre/Interview', name: 'Intervju' }],
        urgency: 2.5,
      })
    );
    expect(story.subjects).toEqual([
      { code: 'medtop:20000523', name: 'labour market' },
      { code: 'tassrubric:politics', name: 'Politik' },
    ]);
    expect(story.genre).toEqual(['genre:Interview']);
    expect(story.urgency).toBeUndefined();
  });
});

describe('the take', () => {
  test("the draft gets the story's subjects, urgency and language", () => {
    const story = parseNinjs(
      ninjsWith('agency-2.1-dpa_text.json', {
        subjects: [{ uri: 'http://cv.iptc.org/newscodes/mediatopic/20000533' }],
      })
    );
    expect(draftFromStory(story)).toMatchObject({
      subjects: [{ code: 'medtop:20000533', name: 'unemployment' }],
      urgency: 4,
      language: 'de',
    });
  });

  test('a story stored with subjects today’s rules refuse gets only the valid ones', () => {
    const story = {
      ...parseNewsmlG2(g2('LISTING_1_A_NewsML-G2_News_Item.xml')),
      subjects: [{ code: 'medtop:20000064', name: 'retired' }, { code: 'medtop:20000533' }],
      urgency: 12,
    };
    const draft = draftFromStory(story);
    expect(draft.subjects).toEqual([{ code: 'medtop:20000533', name: 'unemployment' }]);
    expect(draft).not.toHaveProperty('urgency');
    expect(draftFromStory({ ...story, subjects: [] })).not.toHaveProperty('subjects');
  });
});

describe('a wire update applied to an article', () => {
  const diplomacy = { code: 'medtop:20000639', name: 'diplomacy' };
  const politics = { code: 'medtop:11000000', name: 'politics' };
  const economy = { code: 'medtop:04000000', name: 'economy, business and finance' };

  test("keeps the article's subjects in their order and adds the version's new ones after them", () => {
    expect(
      updatedClassification({ subjects: [politics, diplomacy] }, { subjects: [diplomacy, economy] })
    ).toEqual({ subjects: [politics, diplomacy, economy] });
  });

  test('changes nothing when the version brings no new subject and no urgency', () => {
    expect(
      updatedClassification({ subjects: [politics], urgency: 2 }, { subjects: [politics] })
    ).toEqual({});
    expect(updatedClassification({ subjects: null }, {})).toEqual({});
  });

  test("takes the version's urgency, and never more than the subject limit", () => {
    expect(updatedClassification({ urgency: 1 }, { urgency: 5 })).toEqual({ urgency: 5 });
    const many = Array.from({ length: 50 }, (_, i) => ({ code: `tass:${i}`, name: `Topic ${i}` }));
    const after = updatedClassification({ subjects: many }, { subjects: [economy] });
    expect(after.subjects).toHaveLength(50);
  });
});

import fs from 'fs';
import path from 'path';
import { parseDateline } from '../../../server/src/wire/domain/dateline';
import { parsePlainTextWire, WireParseError } from '../../../server/src/wire/domain/plain-text';
import { paragraphCount } from '../../../server/src/wire/domain/story';

const seed = fs.readFileSync(
  path.join(__dirname, '..', '..', 'fixtures', 'wire', 'tass-plain.txt'),
  'utf8'
);
const RECEIVED = new Date('2024-04-22T08:15:00Z');

describe('plain-text agency copy: the reference TASS story', () => {
  const story = parsePlainTextWire(seed, RECEIVED);

  test('has the parts DESIGN.md lists, in order', () => {
    expect(story.headline).toBe('Putin and Aliyev to Hold Talks in Moscow');
    expect(story.dateline).toEqual({ date: '2024-04-22' });
    expect(story.sections.map((s) => s.subhead)).toEqual([
      undefined,
      'Previous high-level contacts',
      "Peacekeepers' mission",
    ]);
    expect(story.sections.map((s) => s.paragraphs.length)).toEqual([3, 2, 3]);
    expect(paragraphCount(story)).toBe(8);
    expect(story.label).toBe('GSV "Russia - Islamic World"');
    expect(story.photoCredit).toBe('official website of the President of the Russian Federation');
    expect(story.attributionLine).toBe('Based on materials from TASS');
    expect(story.agencyName).toBe('TASS');
  });

  test('keeps paragraphs whole and free of no-break-space lines', () => {
    const all = story.sections.flatMap((s) => s.paragraphs);
    expect(all[1]).toBe(
      'According to the Kremlin press service, "it is planned to consider key issues of further development of Russia-Azerbaijan relations of strategic partnership and alliance, as well as to hold a thorough exchange of views on topical regional issues."'
    );
    expect(all.every((p) => p.trim() === p && !p.includes('\u00a0'))).toBe(true);
  });

  test('reads the same with CRLF line ends and a byte-order mark', () => {
    expect(parsePlainTextWire(`\uFEFF${seed.replace(/\n/g, '\r\n')}`, RECEIVED)).toEqual(story);
  });
});

describe('plain-text agency copy: other forms', () => {
  test('Russian copy with "Фото:" and "По материалам ТАСС"', () => {
    const text = [
      'Путин и Алиев проведут переговоры в Москве',
      'МОСКВА, 22 апреля',
      'Президент России Владимир Путин и его азербайджанский коллега Ильхам Алиев проведут переговоры в понедельник.',
      'Предыдущие контакты',
      'Последняя встреча состоялась в октябре в Бишкеке.',
      'Фото: пресс-служба Кремля',
      'По материалам ТАСС',
    ].join('\n\n');
    const story = parsePlainTextWire(text, RECEIVED);
    expect(story.headline).toBe('Путин и Алиев проведут переговоры в Москве');
    expect(story.dateline).toEqual({ place: 'МОСКВА', date: '2024-04-22' });
    expect(story.sections).toEqual([
      {
        paragraphs: [
          'Президент России Владимир Путин и его азербайджанский коллега Ильхам Алиев проведут переговоры в понедельник.',
        ],
      },
      {
        subhead: 'Предыдущие контакты',
        paragraphs: ['Последняя встреча состоялась в октябре в Бишкеке.'],
      },
    ]);
    expect(story.photoCredit).toBe('пресс-служба Кремля');
    expect(story.agencyName).toBe('ТАСС');
    expect(story.label).toBeUndefined();
  });

  test('attribution before the credit, and no dateline', () => {
    const story = parsePlainTextWire(
      'Headline\n\nOnly paragraph.\n\nBased on materials from Reuters\nPhoto: AP',
      RECEIVED
    );
    expect(story.dateline).toBeUndefined();
    expect(story.sections).toEqual([{ paragraphs: ['Only paragraph.'] }]);
    expect(story.agencyName).toBe('Reuters');
    expect(story.photoCredit).toBe('AP');
  });

  test('refuses copy with no headline or no body', () => {
    expect(() => parsePlainTextWire(' \n\u00a0\n', RECEIVED)).toThrow(
      new WireParseError('The copy is empty: no headline found')
    );
    expect(() => parsePlainTextWire('Just a headline\n\n22 April', RECEIVED)).toThrow(
      WireParseError
    );
  });
});

describe('datelines', () => {
  test.each([
    ['22 April', '2024-04-22', undefined],
    ['April 22', '2024-04-22', undefined],
    ['MOSCOW, April 22 /TASS/', '2024-04-22', 'MOSCOW'],
    ['22 апреля', '2024-04-22', undefined],
    ['10 March 2019', '2019-03-10', undefined],
  ])('%s', (line, date, place) => {
    expect(parseDateline(line, RECEIVED)).toEqual(place ? { place, date } : { date });
  });

  test('take the year from the time received, never a future date', () => {
    expect(parseDateline('22 April', new Date('2025-03-01T00:00:00Z'))).toEqual({
      date: '2024-04-22',
    });
    expect(parseDateline('31 December', new Date('2025-01-01T00:30:00Z'))).toEqual({
      date: '2024-12-31',
    });
    expect(parseDateline('1 January', new Date('2025-01-01T00:30:00Z'))).toEqual({
      date: '2025-01-01',
    });
  });

  test('are not confused with sentences or impossible days', () => {
    expect(parseDateline('The talks will take place on 22 April.', RECEIVED)).toBeUndefined();
    expect(parseDateline('31 February', RECEIVED)).toBeUndefined();
  });
});

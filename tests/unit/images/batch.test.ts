import { pairFileInfos } from '../../../server/src/images/domain/batch';

const file = (originalFilename: string) => ({ originalFilename });

describe('pairing the files of a batch with their fileInfo', () => {
  test('files listed out of order (as their writes finished) still get their own fileInfo, in the order sent', () => {
    const one = file('one.jpg');
    const two = file('two.jpg');
    const infos = [
      { name: 'one.jpg', alternativeText: 'First' },
      { name: 'two.jpg', alternativeText: 'Second' },
    ];
    expect(pairFileInfos([two, one], infos)).toEqual([
      { file: one, info: infos[0] },
      { file: two, info: infos[1] },
    ]);
  });

  test('by position when names do not identify the files: unnamed, repeated, renamed or missing', () => {
    const a = file('a.jpg');
    const b = file('b.jpg');
    expect(
      pairFileInfos([a, b], [{ alternativeText: 'x' }, { alternativeText: 'y' }]).map((p) => p.file)
    ).toEqual([a, b]);
    expect(pairFileInfos([a, b], [{ name: 'same' }, { name: 'same' }]).map((p) => p.file)).toEqual([
      a,
      b,
    ]);
    expect(
      pairFileInfos([a, b], [{ name: 'b.jpg' }, { name: 'renamed.jpg' }]).map((p) => p.file)
    ).toEqual([a, b]);
    expect(pairFileInfos([a, b], [{ name: 'b.jpg' }])).toEqual([
      { file: a, info: { name: 'b.jpg' } },
      { file: b, info: {} },
    ]);
    expect(
      pairFileInfos([file('x.jpg'), file('x.jpg')], [{ name: 'x.jpg' }, { name: 'x.jpg' }])
    ).toHaveLength(2);
  });
});

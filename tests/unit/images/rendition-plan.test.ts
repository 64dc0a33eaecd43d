import { cropBox, DEFAULT_PLAN, planRenditions } from '../../../server/src/images/domain/plan';

describe('crop boxes', () => {
  test('are the largest box of the ratio, centred when there is no focal point', () => {
    expect(cropBox(4000, 3000, [16, 9])).toEqual({ left: 0, top: 375, width: 4000, height: 2250 });
    expect(cropBox(4000, 3000, [1, 1])).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
  });

  test('follow the focal point and stay inside the frame', () => {
    expect(cropBox(4000, 3000, [1, 1], { x: 10, y: 50 })).toEqual({
      left: 0,
      top: 0,
      width: 3000,
      height: 3000,
    });
    expect(cropBox(4000, 3000, [1, 1], { x: 60, y: 50 })).toEqual({
      left: 900,
      top: 0,
      width: 3000,
      height: 3000,
    });
    expect(cropBox(4000, 3000, [16, 9], { x: 50, y: 95 })).toEqual({
      left: 0,
      top: 750,
      width: 4000,
      height: 2250,
    });
  });
});

describe('rendition plans', () => {
  test('a 24 MP frame gets every width in every crop and format', () => {
    const plan = planRenditions(6000, 4000, null);
    expect(plan).toHaveLength(4 * 5 * 3);
    expect(plan.find((r) => r.key === '16x9_1024_webp')).toMatchObject({
      width: 1024,
      height: 576,
      crop: '16x9',
    });
    expect(plan.find((r) => r.key === 'original_2048_jpeg')).toMatchObject({
      width: 2048,
      height: 1365,
    });
  });

  test('small sources are never upscaled', () => {
    const plan = planRenditions(800, 600, null, DEFAULT_PLAN);
    expect(Math.max(...plan.map((r) => r.width))).toBe(640);
    // The square crop of an 800×600 frame is 600 px wide: only 320 fits, in three formats.
    expect(plan.filter((r) => r.crop === '1x1').map((r) => r.width)).toEqual([320, 320, 320]);
  });
});

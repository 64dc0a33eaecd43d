import { fitPhotoField } from '../../../server/src/articles/domain/photo-fields';

describe("credit values cut to the photo component's limits", () => {
  test("a long embedded credit line is cut to the schema's 255 characters; a caption has no limit", () => {
    expect(fitPhotoField('creditLine', 'x'.repeat(400))).toHaveLength(255);
    expect(fitPhotoField('creator', 'y'.repeat(250))).toHaveLength(200);
    expect(fitPhotoField('caption', 'z'.repeat(5000))).toHaveLength(5000);
    expect(fitPhotoField('creditLine', 'Photo: TASS')).toBe('Photo: TASS');
  });
});

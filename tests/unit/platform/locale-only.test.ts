import { allowsWholeLocale } from '../../../server/src/platform/domain/locale-only';

describe('allowsWholeLocale', () => {
  test('no filter, or locale conditions that allow the locale, let every row of it through', () => {
    expect(allowsWholeLocale(undefined, 'en')).toBe(true);
    expect(allowsWholeLocale({}, 'en')).toBe(true);
    expect(allowsWholeLocale({ locale: 'en' }, 'en')).toBe(true);
    expect(allowsWholeLocale({ $and: [{ locale: { $in: ['en', 'ru'] } }] }, 'ru')).toBe(true);
    expect(
      allowsWholeLocale({ $or: [{ createdBy: { id: 1 } }, { locale: { $eq: 'en' } }] }, 'en')
    ).toBe(true);
  });

  test('another locale, another field or an unknown operator answers false', () => {
    expect(allowsWholeLocale({ locale: 'ru' }, 'en')).toBe(false);
    expect(allowsWholeLocale({ $and: [{ locale: { $in: ['ru'] } }] }, 'en')).toBe(false);
    expect(allowsWholeLocale({ $and: [{ locale: 'en' }, { createdBy: { id: 1 } }] }, 'en')).toBe(
      false
    );
    expect(allowsWholeLocale({ locale: { $ne: 'ru' } }, 'en')).toBe(false);
    expect(allowsWholeLocale({ locale: { $in: 'en' } }, 'en')).toBe(false);
    expect(allowsWholeLocale({ $or: [] }, 'en')).toBe(false);
    expect(allowsWholeLocale({ $not: { locale: 'ru' } }, 'en')).toBe(false);
    expect(allowsWholeLocale([{ locale: 'en' }], 'en')).toBe(false);
    expect(allowsWholeLocale('en', 'en')).toBe(false);
  });
});

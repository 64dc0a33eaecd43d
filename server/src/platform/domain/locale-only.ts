/**
 * Whether a permission's row filter (a Strapi `where`, as the Content Manager's conditions give
 * it) lets through every row of `locale`: true only for filters made of locale conditions that
 * allow it. Anything else — another field, an operator not listed here — answers false, so a
 * caller that then counts the rows themselves is never wrong.
 */
export const allowsWholeLocale = (where: unknown, locale: string): boolean => {
  if (where === undefined || where === null) return true;
  if (typeof where !== 'object' || Array.isArray(where)) return false;
  const entries = Object.entries(where as Record<string, unknown>);
  return entries.every(([key, value]) => {
    if (key === '$and')
      return Array.isArray(value) && value.every((part) => allowsWholeLocale(part, locale));
    if (key === '$or')
      return Array.isArray(value) && value.some((part) => allowsWholeLocale(part, locale));
    if (key !== 'locale') return false;
    if (typeof value === 'string') return value === locale;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.entries(value as Record<string, unknown>).every(([op, operand]) =>
      op === '$eq'
        ? operand === locale
        : op === '$in'
          ? Array.isArray(operand) && operand.includes(locale)
          : false
    );
  });
};

import slugify from 'slugify';

/** URL slug for a headline; Cyrillic and other scripts are transliterated. */
export const slugFromHeadline = (headline: string): string =>
  slugify(headline, { lower: true, strict: true, trim: true }).slice(0, 120).replace(/-+$/, '');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `slug` is `base` or `base-N`, i.e. it was derived from that base. */
export const isDerivedFrom = (slug: string, base: string): boolean =>
  new RegExp(`^${escapeRegExp(base)}(-\\d+)?$`).test(slug);

/** `base` when free, else the first free `base-2`, `base-3`, … */
export const firstFreeSlug = (base: string, taken: Iterable<string>): string => {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
};

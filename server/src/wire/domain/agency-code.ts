import slugify from 'slugify';

/** What an agency code is: letters, digits, `-` and `_`, at most 32 (the agency schema says the same). */
export const AGENCY_CODE = /^[A-Za-z0-9_-]{1,32}$/u;

/** Agencies whose copy names them in another script or form. */
const KNOWN_NAMES: Record<string, string> = {
  ТАСС: 'TASS',
  'ИТАР-ТАСС': 'TASS',
  РИА: 'RIA',
  'РИА НОВОСТИ': 'RIA',
  'RIA NOVOSTI': 'RIA',
};

/** The agency code for a name as it appears in copy: `ТАСС` → `TASS`, `Reuters` → `REUTERS`. */
export const agencyCodeFor = (name: string): string => {
  const key = name.trim().toUpperCase();
  return (
    KNOWN_NAMES[key] ?? slugify(key, { strict: true, replacement: '_' }).toUpperCase().slice(0, 32)
  );
};

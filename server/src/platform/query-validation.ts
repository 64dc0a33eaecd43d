import { errors, yup, validateYupSchema } from '@strapi/utils';

/**
 * A query string's schema: only the parameters `fields` names, each given once. yup's
 * `noUnknown` strips unknown keys while casting, before its own test runs, so these checks
 * read the query as sent (`context.sent`).
 */
export const querySchema = <F extends Record<string, yup.AnySchema>>(fields: F) =>
  yup.object(fields).test('known-parameters', 'Unknown query parameter', function known() {
    const sent =
      (this.options.context as { sent?: Record<string, unknown> } | undefined)?.sent ?? {};
    const unknown = Object.keys(sent).filter((key) => !(key in fields));
    if (unknown.length) {
      return this.createError({
        message: `Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      });
    }
    // `?page=1&page=2` arrives as a list, which a number would otherwise take the first of.
    const repeated = Object.keys(sent).find((key) => typeof sent[key] !== 'string');
    return (
      repeated === undefined ||
      this.createError({ message: `${repeated} must be given once, as text` })
    );
  });

/**
 * Validates a query as sent, casting text to the schema's types ("2" to 2). Throws Strapi's
 * ValidationError (400) with the first problem as its message. A parameter that is not text
 * (`?q[]=x`, `?q=a&q=b`) is refused before any field's cast sees it.
 */
export const validateQuery = async <S extends yup.AnyObjectSchema>(
  schema: S,
  sent: unknown
): Promise<yup.InferType<S>> => {
  const query = (sent ?? {}) as Record<string, unknown>;
  const repeated = Object.keys(query).find((key) => typeof query[key] !== 'string');
  if (repeated !== undefined)
    throw new errors.ValidationError(`${repeated} must be given once, as text`);
  // The answer depends on the schema and the text sent alone: a query a busy route sees again
  // and again is validated once (a bounded number of recent ones is kept per schema).
  const key = JSON.stringify(query);
  const known = key.length <= MEMO_KEY_CHARS ? memoOf(schema).get(key) : undefined;
  if (known) return { ...known } as yup.InferType<S>;
  const valid = (await validateYupSchema(schema, {
    strict: false,
    abortEarly: true,
    context: { sent },
  })(sent)) as yup.InferType<S>;
  if (key.length <= MEMO_KEY_CHARS) remember(memoOf(schema), key, { ...valid });
  return valid;
};

const MEMO_KEY_CHARS = 2_000;
const MEMO_ENTRIES = 256;
const memos = new WeakMap<object, Map<string, Record<string, unknown>>>();
const memoOf = (schema: object) => {
  let memo = memos.get(schema);
  if (!memo) memos.set(schema, (memo = new Map()));
  return memo;
};
const remember = (
  memo: Map<string, Record<string, unknown>>,
  key: string,
  value: Record<string, unknown>
) => {
  // Oldest out first: a flood of distinct queries never grows the process.
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  memo.set(key, value);
};

/** A text parameter given once (`?tag=a&tag=b` arrives as a list). */
export const text = () => yup.string().typeError('${path} must be given once, as text');

/** A whole number written in digits: `0x10`, `1e1`, ` 5` or `1.0` are not how a count is written. */
export const whole = (min: number, max: number, fallback?: number) => {
  const message = `\${path} must be a whole number from ${min} to ${max}`;
  return yup
    .number()
    .transform((value: number, original: unknown) =>
      typeof original === 'string' && !/^\d{1,9}$/u.test(original) ? Number.NaN : value
    )
    .typeError(message)
    .integer(message)
    .min(min, message)
    .max(max, message)
    .default(fallback);
};

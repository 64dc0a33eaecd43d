import { yup, validateYupSchema } from '@strapi/utils';

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
 * ValidationError (400) with the first problem as its message.
 */
export const validateQuery = <S extends yup.AnyObjectSchema>(schema: S, sent: unknown) =>
  validateYupSchema(schema, { strict: false, abortEarly: true, context: { sent } })(
    sent
  ) as Promise<yup.InferType<S>>;

import { querySchema, text, validateQuery, whole } from '../../platform/query-validation';

const namesQuery = querySchema({
  // The length as sent: spaces count too.
  q: text().max(100, 'q must be at most 100 characters').default(''),
  limit: whole(1, 50, 20),
});

/** `?q=tass&limit=20`, `q` trimmed. Throws ValidationError (400) naming the parameter. */
export const validateNamesQuery = async (query: unknown) => {
  const { q, limit } = (await validateQuery(namesQuery, query)) as { q: string; limit: number };
  return { q: q.trim(), limit };
};

/** A unique index refused the row: PostgreSQL 23505, SQLite's UNIQUE constraint. */
export const isUniqueViolation = (error: unknown): boolean => {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth += 1
  ) {
    if (
      e.code === '23505' ||
      e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    )
      return true;
    if (
      typeof e.message === 'string' &&
      /UNIQUE constraint failed|duplicate key value violates unique constraint/u.test(e.message)
    )
      return true;
  }
  return false;
};

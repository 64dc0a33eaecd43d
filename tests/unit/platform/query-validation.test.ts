import {
  querySchema,
  text,
  validateQuery,
  whole,
} from '../../../server/src/platform/query-validation';

/** Queries a route sees again are answered from what their first validation found. */
describe('validateQuery', () => {
  const schema = querySchema({ tag: text(), page: whole(1, 100, 1) });

  test('a query seen before gives the same answer, which a caller may change without harm', async () => {
    const first = await validateQuery(schema, { tag: 'economy', page: '2' });
    expect(first).toEqual({ tag: 'economy', page: 2 });
    (first as Record<string, unknown>).page = 99;
    expect(await validateQuery(schema, { tag: 'economy', page: '2' })).toEqual({
      tag: 'economy',
      page: 2,
    });
  });

  test('a bad query is refused every time, also after good ones and among many distinct ones', async () => {
    for (let i = 0; i < 600; i += 1) await validateQuery(schema, { tag: `t${i}` });
    for (let i = 0; i < 3; i += 1) {
      await expect(validateQuery(schema, { page: '0' })).rejects.toThrow(
        'page must be a whole number from 1 to 100'
      );
      await expect(validateQuery(schema, { colour: 'red' })).rejects.toThrow(
        'Unknown query parameter: colour'
      );
    }
    expect(await validateQuery(schema, {})).toEqual({ page: 1 });
  });
});

import { WireParseError } from '../../../server/src/wire/domain/errors';
import { holdsNul, MAX_AGENCY_VERSION, parseWire } from '../../../server/src/wire/domain/payload';

/** What any format yields is held to what the store can keep: 32-bit versions, bounded guids, no NUL. */
const ninjs = (fields: Record<string, unknown>) =>
  JSON.stringify({
    uri: 'urn:test:1',
    version: '1',
    type: 'text',
    headlines: [{ role: 'main', value: 'Headline' }],
    ...fields,
  });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof WireParseError) return { status: error.status, message: error.message };
    throw error;
  }
  return null;
};

describe('wire copy held to what can be stored', () => {
  test.each([
    ['a version past 32 bits', ninjs({ version: '2147483648' }), 422],
    ['an exponent version', ninjs({ version: '1e300' }), 422],
    ['a guid over 1,000 characters', ninjs({ uri: `urn:${'g'.repeat(1000)}` }), 422],
    [
      'NUL escaped in JSON',
      '{"uri":"urn:t","version":"1","type":"text","headlines":[{"role":"main","value":"A\\u0000B"}]}',
      400,
    ],
  ])('%s is refused', (_what, text, status) => {
    expect(refusal(() => parseWire('ninjs', text, new Date()))?.status).toBe(status);
  });

  test('an XML character reference to NUL never yields NUL', () => {
    const xml =
      '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g" version="1"><contentMeta><headline>A&#0;B</headline></contentMeta></newsItem>';
    let story: unknown = null;
    const result = refusal(() => (story = parseWire('newsml-g2', xml, new Date())));
    expect(result === null ? holdsNul(story) : result.status).toBe(result === null ? false : 400);
  });

  test('the largest storable version and an ordinary guid pass', () => {
    const story = parseWire(
      'ninjs',
      ninjs({ version: String(MAX_AGENCY_VERSION), uri: `urn:${'g'.repeat(990)}` }),
      new Date()
    );
    expect(story.version).toBe(MAX_AGENCY_VERSION);
  });

  test('holdsNul looks through nested values', () => {
    expect(holdsNul({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(holdsNul({ a: ['\\u0000 is six characters'] })).toBe(false);
  });
});

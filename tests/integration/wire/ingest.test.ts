import { createAdminSession, createApiToken } from '../../helpers/admin';
import { fixture, fixtureNames, fixtureText } from '../../helpers/fixtures';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

const WIRE_ITEM = 'plugin::newsroom.wire-item';

let newsroom: Newsroom;
let ingestToken: string;
let readOnlyToken: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  ingestToken = await createApiToken(newsroom, admin, 'custom', ['plugin::newsroom.wire.ingest']);
  readOnlyToken = await createApiToken(newsroom, admin, 'read-only');
});
afterAll(() => newsroom?.stop());

const post = (
  body: string | Buffer,
  contentType: string,
  query: Record<string, string> = {},
  token = ingestToken
) => postWire(newsroom, token, body, contentType, query);

const itemCount = () => newsroom.strapi.db.query(WIRE_ITEM).count();
const storedStory = async (id: number) =>
  (await newsroom.strapi.db.query(WIRE_ITEM).findOne({ where: { id } })).story;

describe('POST /api/newsroom/wire: plain text', () => {
  test('the reference story is stored with its exact parse, then recognised as a duplicate', async () => {
    const seed = fixture('wire', 'tass-plain.txt');
    const first = await post(seed, 'text/plain; charset=utf-8');
    expect(first.status).toBe(201);
    expect(first.body.meta.outcome).toBe('new');
    expect(first.body.data).toMatchObject({
      format: 'text',
      status: 'new',
      agencyGuid: null,
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
    });
    expect(first.body.data.rawPayload).toBeUndefined();

    const story = await storedStory(first.body.data.id);
    expect(story.sections.map((s: { subhead?: string }) => s.subhead ?? null)).toEqual([
      null,
      'Previous high-level contacts',
      "Peacekeepers' mission",
    ]);
    expect(story.sections.map((s: { paragraphs: string[] }) => s.paragraphs.length)).toEqual([
      3, 2, 3,
    ]);
    expect(story).toMatchObject({
      label: 'GSV "Russia - Islamic World"',
      photoCredit: 'official website of the President of the Russian Federation',
      attributionLine: 'Based on materials from TASS',
      agencyName: 'TASS',
    });
    expect(story.dateline.date).toMatch(/-04-22$/);
    const stored = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findOne({ where: { id: first.body.data.id }, populate: ['agency'] });
    expect(stored.agency.code).toBe('TASS');
    expect(stored.rawPayload).toBe(seed.toString('utf8'));

    const count = await itemCount();
    const again = await post(seed, 'text/plain');
    expect(again.status).toBe(200);
    expect(again.body.meta.outcome).toBe('duplicate');
    expect(again.body.data.id).toBe(first.body.data.id);
    // The same words with CRLF line ends and a BOM are the same copy.
    const crlf = await post(`\uFEFF${seed.toString('utf8').replace(/\n/g, '\r\n')}`, 'text/plain');
    expect(crlf.status).toBe(200);
    expect(await itemCount()).toBe(count);
  });

  test('Russian copy names its agency as ТАСС, which is TASS', async () => {
    const res = await post(
      'Путин и Алиев проведут переговоры\n\nМОСКВА, 22 апреля\n\nПрезидент России проведёт переговоры.\n\nПо материалам ТАСС',
      'text/plain'
    );
    expect(res.status).toBe(201);
    const stored = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findOne({ where: { id: res.body.data.id }, populate: ['agency'] });
    expect(stored.agency.code).toBe('TASS');
  });

  test('copy that names no agency takes it from ?agency=, and is refused without it', async () => {
    const text = 'Storm closes ports\n\nHigh winds closed three ports on Monday.';
    const count = await itemCount();
    const refused = await post(text, 'text/plain');
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('The copy does not name its agency; pass ?agency=CODE');
    expect(await itemCount()).toBe(count);

    const res = await post(text, 'text/plain', { agency: 'REUTERS' });
    expect(res.status).toBe(201);
    const stored = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findOne({ where: { id: res.body.data.id }, populate: ['agency'] });
    expect(stored.agency).toMatchObject({
      code: 'REUTERS',
      name: 'REUTERS',
      attributionTemplate: 'Based on materials from {name}',
    });
  });
});

describe('POST /api/newsroom/wire: unknown agencies', () => {
  test('are refused when configuration says so, and nothing is stored', async () => {
    newsroom.strapi.config.set('plugin::newsroom.wire.createUnknownAgencies', false);
    try {
      const count = await itemCount();
      const res = await post(
        'Fog delays flights\n\nFog delayed flights on Tuesday.',
        'text/plain',
        { agency: 'NEVERSEEN' }
      );
      expect(res.status).toBe(422);
      expect(res.body.error.message).toBe(
        'Unknown agency "NEVERSEEN"; create it in the Content Manager first'
      );
      expect(await itemCount()).toBe(count);
      expect(
        await newsroom.strapi.db
          .query('plugin::newsroom.agency')
          .findOne({ where: { code: 'NEVERSEEN' } })
      ).toBeNull();
      // A known agency still comes in.
      expect(
        (await post('Fog clears\n\nThe fog cleared.', 'text/plain', { agency: 'TASS' })).status
      ).toBe(201);
    } finally {
      newsroom.strapi.config.set('plugin::newsroom.wire.createUnknownAgencies', true);
    }
  });
});

describe('POST /api/newsroom/wire: IPTC ninjs', () => {
  test.each(fixtureNames('ninjs'))('%s ingests', async (name) => {
    const res = await post(fixture('ninjs', name), 'application/json', { agency: 'IPTC' });
    expect({ status: res.status, error: res.body.error }).toEqual({
      status: 201,
      error: undefined,
    });
    const item = JSON.parse(fixtureText('ninjs', name));
    expect(res.body.data).toMatchObject({
      format: 'ninjs',
      agencyGuid: item.uri,
      agencyVersion: Number(item.version ?? 1),
    });
    expect(res.body.data.headline).toBe(item.headlines[0].value.trim());
    const again = await post(fixture('ninjs', name), 'application/json', { agency: 'IPTC' });
    expect(again.status).toBe(200);
  });

  test('the dpa item keeps its HTML paragraphs, byline and rights', async () => {
    const res = await post(fixture('ninjs', 'agency-2.1-dpa_text.json'), 'application/ninjs+json');
    expect(res.status).toBe(200); // ingested above
    const story = await storedStory(res.body.data.id);
    expect(story).toMatchObject({
      byline: 'Von Christian Hollmann, dpa',
      copyrightHolder: 'dpa',
      language: 'de',
      version: 2,
    });
    expect(story.sections[0].paragraphs[0]).toMatch(
      /^Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren»/
    );
  });

  test('scripts, event handlers and javascript: links never survive', async () => {
    const hostile = {
      uri: 'urn:test:hostile',
      version: '1',
      type: 'text',
      headlines: [{ role: 'main', value: 'Hostile markup' }],
      bodies: [
        {
          role: 'main',
          contenttype: 'text/html',
          value:
            '<p onclick="steal()">Safe words<script>alert(1)</script> <a href="javascript:alert(2)">bad link</a> <a href="https://example.org/" onmouseover="x()">good link</a></p><img src=x onerror="alert(3)"><iframe src="https://evil"></iframe>',
        },
      ],
    };
    const res = await post(JSON.stringify(hostile), 'application/json', { agency: 'TEST' });
    expect(res.status).toBe(201);
    const story = await storedStory(res.body.data.id);
    const stored = JSON.stringify(story.sections);
    expect(stored).not.toMatch(/script|alert|onclick|onerror|onmouseover|javascript:|iframe|img/i);
    expect(story.sections[0].paragraphs[0]).toBe('Safe words bad link good link');
    expect(story.sections[0].blocks[0].children).toContainEqual({
      type: 'link',
      url: 'https://example.org/',
      children: [{ type: 'text', text: 'good link' }],
    });
  });

  test('an item failing the ninjs schema is refused with the schema messages', async () => {
    const count = await itemCount();
    const res = await post(
      JSON.stringify({ uri: 'urn:x', headlines: 'not an array', pubstatus: 'maybe' }),
      'application/json',
      { agency: 'TEST' }
    );
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^The ninjs item does not match the ninjs 2.x schema: /);
    expect(res.body.error.details.errors).toEqual(
      expect.arrayContaining(['/headlines must be array'])
    );
    expect(await itemCount()).toBe(count);
  });
});

describe('POST /api/newsroom/wire: NewsML-G2', () => {
  test.each([
    'LISTING_1_A_NewsML-G2_News_Item.xml',
    'LISTING_2_NewsML-G2_Text_Document.xml',
    'LISTING_3_Photo_in_NewsML-G2.xml',
  ])('%s ingests', async (name) => {
    const res = await post(fixture('newsml-g2', name), 'application/xml');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ format: 'newsml-g2', agencyVersion: 11 });
  });

  test('an NITF inline body becomes paragraphs; the photo item keeps its credit', async () => {
    const text = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findOne({ where: { agencyGuid: 'urn:newsml:acmenews.com:20161121:US-FINANCE-FED' } });
    expect(text.story.sections[0].paragraphs).toHaveLength(2);
    expect(text.story.sections[0].paragraphs[0]).toMatch(
      /^\(New York, NY - October 21\) Et, sent luptat/
    );
    expect(text.story.byline).toBe('Meredith Jameson');
    const photo = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findOne({ where: { agencyGuid: 'tag:gettyimages.com,2010:GYI0062134533' } });
    expect(photo.story.pictures[0]).toMatchObject({
      creditLine: 'Getty Images',
      creator: 'Spencer Platt',
      href: './GYI0062134533.jpg',
    });
  });

  test('the NITF contentSet listing inside a newsItem gives its body paragraph', async () => {
    const contentSet = fixtureText(
      'newsml-g2',
      'LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml'
    );
    const xml = `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:nitf" version="1"><itemMeta><provider qcode="nprov:SN"/></itemMeta><contentMeta><headline>Diamondbacks at Phillies</headline></contentMeta>${contentSet}</newsItem>`;
    const res = await post(xml, 'application/xml');
    expect(res.status).toBe(201);
    const story = await storedStory(res.body.data.id);
    expect(story.sections).toHaveLength(1);
    expect(story.sections[0].paragraphs).toEqual([
      expect.stringMatching(
        /^\(Sports Network\) - With the Philadelphia Phillies picking up momentum/
      ),
    ]);
  });
});

describe('POST /api/newsroom/wire: versions', () => {
  const dpa = () => JSON.parse(fixtureText('ninjs', 'agency-2.1-dpa_text.json'));

  test('a higher version supersedes the older item; a lower one is kept as superseded', async () => {
    const v2 = await post(JSON.stringify(dpa()), 'application/json');
    const v3 = await post(
      JSON.stringify({
        ...dpa(),
        version: '3',
        headlines: [{ role: 'main', value: 'Faktencheck: Zwayer hatte recht' }],
      }),
      'application/json'
    );
    expect(v3.status).toBe(201);
    expect(v3.body.meta.outcome).toBe('updated');
    expect(
      (await newsroom.strapi.db.query(WIRE_ITEM).findOne({ where: { id: v2.body.data.id } })).status
    ).toBe('superseded');

    const v1 = await post(JSON.stringify({ ...dpa(), version: '1' }), 'application/json');
    expect(v1.status).toBe(201);
    expect(v1.body.meta.outcome).toBe('stale');
    expect(v1.body.data.status).toBe('superseded');
    expect(
      (await newsroom.strapi.db.query(WIRE_ITEM).findOne({ where: { id: v3.body.data.id } })).status
    ).toBe('new');
  });
});

describe('POST /api/newsroom/wire: refusals leave nothing behind', () => {
  const tooBig = Buffer.alloc(2 * 1024 * 1024 + 1, 'a');
  const cases: Array<[string, string | Buffer, string, number, RegExp]> = [
    ['an empty body', '', 'text/plain', 400, /^The body is empty$/],
    ['a body of only blank lines', ' \n\u00a0\n', 'text/plain', 400, /^The body is empty$/],
    [
      'text that is not UTF-8',
      Buffer.from('Caf\xe9 au lait\n\nUn paragraphe.', 'latin1'),
      'text/plain',
      400,
      /^The body is not valid UTF-8 text$/,
    ],
    [
      'a PNG file',
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
      ]),
      'text/plain',
      415,
      /looks binary/,
    ],
    [
      'a zip archive sent as JSON',
      Buffer.from('PK\x03\x04\x14\x00\x08\x00', 'latin1'),
      'application/json',
      415,
      /looks binary/,
    ],
    ['a body over the size limit', tooBig, 'text/plain', 413, /larger than the 2097152-byte limit/],
    [
      'copy without a headline',
      JSON.stringify({
        uri: 'urn:x',
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'Words.' }],
      }),
      'application/json',
      422,
      /no headline/,
    ],
    [
      'malformed JSON',
      '{"uri": "urn:x", ',
      'application/json',
      400,
      /^The body is not valid JSON: /,
    ],
    ['a JSON array', '[1, 2]', 'application/json', 422, /must be a JSON object/],
    [
      'malformed XML',
      '<newsItem><contentMeta><headline>Open</contentMeta></newsItem>',
      'application/xml',
      400,
      /^The body is not well-formed XML: /,
    ],
    [
      'an XXE attempt',
      '<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><newsItem guid="x" version="1"><contentMeta><headline>&xxe;</headline></contentMeta></newsItem>',
      'application/xml',
      400,
      /DOCTYPE or entity declarations is not accepted/,
    ],
    [
      'an entity bomb',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><newsItem guid="x" version="1"><contentMeta><headline>&lol2;</headline></contentMeta></newsItem>`,
      'application/xml',
      400,
      /DOCTYPE or entity declarations is not accepted/,
    ],
    [
      'XML that is not a newsItem',
      '<rss version="2.0"><channel/></rss>',
      'application/xml',
      422,
      /^Expected a NewsML-G2 newsItem, found <rss>$/,
    ],
    [
      'a wrong content type',
      'Headline\n\nBody.',
      'application/pdf',
      415,
      /^Content-Type "application\/pdf" is not accepted; send one of text\/plain, /,
    ],
    [
      'a charset other than UTF-8',
      'Headline\n\nBody.',
      'text/plain; charset=iso-8859-1',
      415,
      /charset "iso-8859-1" is not accepted/,
    ],
  ];

  test.each(cases)('%s', async (_label, body, contentType, status, message) => {
    const count = await itemCount();
    const agencies = await newsroom.strapi.db.query('plugin::newsroom.agency').count();
    const res = await post(body, contentType, { agency: 'NEWAGENCY' });
    expect(res.status).toBe(status);
    expect(res.body.data).toBeNull();
    expect(res.body.error.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await itemCount()).toBe(count);
    expect(await newsroom.strapi.db.query('plugin::newsroom.agency').count()).toBe(agencies);
  });

  test('an unknown query parameter is refused by name', async () => {
    const res = await post('Headline\n\nBody.', 'text/plain', { agency: 'TASS', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/colour/);
  });
});

describe('POST /api/newsroom/wire: who may send copy', () => {
  test('without a token, or with a token lacking the ingest permission, it is refused', async () => {
    const anonymous = await newsroom
      .http()
      .post('/api/newsroom/wire')
      .set('Content-Type', 'text/plain')
      .send('Headline\n\nBody.');
    expect([401, 403]).toContain(anonymous.status);
    const readOnly = await post(
      'Headline\n\nBody.',
      'text/plain',
      { agency: 'TASS' },
      readOnlyToken
    );
    expect(readOnly.status).toBe(403);
  });

  test('the ingest permission is listed for API tokens', async () => {
    const admin = await createAdminSession(newsroom);
    const res = await newsroom.http().get('/admin/content-api/permissions').set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.data['plugin::newsroom'].controllers.wire).toEqual(['ingest']);
  });
});

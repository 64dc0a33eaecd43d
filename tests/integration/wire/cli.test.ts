import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { createAdminSession, createApiToken } from '../../helpers/admin';
import { FIXTURES } from '../../helpers/fixtures';
import { ROOT, startNewsroom, type Newsroom } from '../../helpers/strapi';

const run = promisify(execFile);
const CLI = path.join(ROOT, 'bin', 'newsroom.js');

let newsroom: Newsroom;
let url: string;
let token: string;
let folder: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  url = newsroom.url;
  const admin = await createAdminSession(newsroom);
  token = await createApiToken(newsroom, admin, 'custom', ['plugin::newsroom.wire.ingest']);

  // A desk's drop folder: every fixture, one broken file, one file of another kind.
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-drop-'));
  for (const dir of ['ninjs', 'newsml-g2', 'wire']) {
    fs.cpSync(path.join(FIXTURES, dir), path.join(folder, dir), { recursive: true });
  }
  fs.writeFileSync(path.join(folder, 'broken.json'), '{"uri": ');
  fs.writeFileSync(path.join(folder, 'notes.md'), '# not wire copy');
});
afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await newsroom?.stop();
});

const ingest = async (...args: string[]) => ingestWith({}, ...args);

const ingestWith = async (env: Record<string, string>, ...args: string[]) => {
  try {
    const { stdout } = await run('node', [CLI, 'ingest', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
};

describe('strapi-plugin-newsroom ingest against a running instance', () => {
  test('ingests a folder and summarises new, duplicate and refused items with reasons', async () => {
    const first = await ingest(folder, '--url', url, '--token', token, '--agency', 'IPTC');
    expect(first.stdout).toContain(
      '13 files: 11 new, 0 duplicate, 0 updated, 0 older versions, 2 refused'
    );
    expect(first.stdout).toMatch(/refused \S*\/broken\.json: 400 The body is not valid JSON/);
    expect(first.stdout).toMatch(
      /refused \S*\/LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML\.xml: 422 Expected a NewsML-G2 newsItem, found <contentSet>/
    );
    expect(first.code).toBe(2);
    expect(await newsroom.strapi.db.query('plugin::newsroom.wire-item').count()).toBe(11);

    const again = await ingest(folder, '--url', url, '--token', token, '--agency', 'IPTC');
    expect(again.stdout).toContain(
      '13 files: 0 new, 11 duplicate, 0 updated, 0 older versions, 2 refused'
    );
    expect(await newsroom.strapi.db.query('plugin::newsroom.wire-item').count()).toBe(11);
  });

  test('a NewsML-G2 newsMessage file counts each of its items; a refused one is named', async () => {
    const item = (guid: string, headline: string) =>
      `<newsItem guid="${guid}" version="1" standard="NewsML-G2" standardversion="2.29"><itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:CLICO"/><versionCreated>2026-11-28T10:00:00Z</versionCreated></itemMeta><contentMeta>${headline}</contentMeta><contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.content><p>Text.</p></body.content></body></nitf></inlineXML></contentSet></newsItem>`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-message-'));
    fs.writeFileSync(
      path.join(dir, 'message.xml'),
      `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2026-11-28T10:00:00Z</sent></header><itemSet>${item('urn:cli:1', '<headline>One</headline>')}${item('urn:cli:2', '')}${item('urn:cli:3', '<headline>Three</headline>')}</itemSet></newsMessage>`
    );
    const result = await ingest(dir, '--url', url, '--token', token);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.stdout).toContain(
      '1 files: 2 new, 0 duplicate, 0 updated, 0 older versions, 1 refused'
    );
    expect(result.stdout).toMatch(/refused .*message\.xml \(item 2\): 422 .*headline/iu);
  });

  test('a token without the ingest permission is refused for every file', async () => {
    const result = await ingest(path.join(folder, 'wire'), '--url', url, '--token', 'not-a-token');
    expect(result.stdout).toMatch(/1 files: 0 new, .* 1 refused/);
    expect(result.stdout).toMatch(/refused .*tass-plain\.txt: 401/);
  });
});

describe('strapi-plugin-newsroom ingest straight into the app in this folder', () => {
  test('starts the app on its database and ingests through the same service', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-direct-'));
    const env = {
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, 'data.db'),
      NEWSROOM_DEMO: 'false',
      LOG_LEVEL: 'error',
    };
    try {
      const result = await ingestWith(
        env,
        path.join(folder, 'ninjs'),
        path.join(folder, 'wire'),
        '--agency',
        'IPTC'
      );
      expect(result.stdout).toContain(
        '8 files: 8 new, 0 duplicate, 0 updated, 0 older versions, 0 refused'
      );
      expect(result.code).toBe(0);
      const again = await ingestWith(env, path.join(folder, 'wire'));
      expect(again.stdout).toContain('1 files: 0 new, 1 duplicate');
      // Copy the parser refuses is counted and named, as over HTTP; the run goes on.
      const broken = await ingestWith(
        env,
        path.join(folder, 'broken.json'),
        path.join(folder, 'wire')
      );
      expect(broken.stdout).toContain(
        '2 files: 0 new, 1 duplicate, 0 updated, 0 older versions, 1 refused'
      );
      expect(broken.stdout).toMatch(/refused \S*\/broken\.json: 400 The body is not valid JSON/);
      expect(broken.code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

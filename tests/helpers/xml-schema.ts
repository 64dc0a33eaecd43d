import fs from 'fs';
import path from 'path';
import { validateXML } from 'xmllint-wasm';

const DIR = path.resolve(__dirname, '..', 'fixtures', 'sitemaps');
const file = (fileName: string) => ({
  fileName,
  contents: fs.readFileSync(path.join(DIR, fileName), 'utf8'),
});

/** The sitemap schemas shipped as fixtures (see tests/fixtures/NOTICE.md), by what they check. */
const SCHEMAS = {
  sitemap: { schema: 'sitemap.xsd', preload: [] as string[] },
  sitemapIndex: { schema: 'siteindex.xsd', preload: [] as string[] },
  newsSitemap: { schema: 'news-urlset.xsd', preload: ['sitemap.xsd', 'sitemap-news.xsd'] },
};

/** libxml2's verdict (xmllint, compiled to WebAssembly) on `xml` against one of the schemas. */
export const validateAgainst = async (xml: string, kind: keyof typeof SCHEMAS) => {
  const { schema, preload } = SCHEMAS[kind];
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [file(schema)],
    preload: preload.map(file),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
};

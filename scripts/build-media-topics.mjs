#!/usr/bin/env node
/**
 * Builds server/src/subjects/domain/media-topics.json from IPTC's Media Topic NewsCodes in
 * their IKOS JSON form (`cptall-x-all.json`, from https://cv.iptc.org/newscodes/mediatopic/):
 * for each concept not retired, its qcode, its en-GB name and its broader concept.
 *
 *   node scripts/build-media-topics.mjs path/to/cptall-x-all.json
 *
 * The vocabulary is IPTC's, under CC BY 4.0: ship MEDIA-TOPICS-NOTICE.md beside the output
 * and credit IPTC wherever topics are shown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/build-media-topics.mjs <cptall-x-all.json>');
  process.exit(2);
}
const out = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'server/src/subjects/domain/media-topics.json'
);

const scheme = JSON.parse(readFileSync(source, 'utf8'));
if (scheme.prefSchemeAlias !== 'medtop' || !Array.isArray(scheme.conceptSet)) {
  throw new Error(`${source} is not the IPTC Media Topic scheme (prefSchemeAlias "medtop")`);
}

// `broader` names its concept by URI; the output names it by qcode.
const byUri = new Map(scheme.conceptSet.map((c) => [c.uri, c]));
const live = scheme.conceptSet.filter((c) => !c.retired);

const topics = live
  .map((concept) => {
    const name = concept.prefLabel?.['en-GB']?.replace(/\s+/gu, ' ').trim();
    if (!/^medtop:\d{8}$/u.test(concept.qcode ?? '') || !name) {
      throw new Error(`Concept ${concept.uri} has no medtop qcode or no en-GB name`);
    }
    const broaderUri = concept.broader?.[0];
    const broader = broaderUri ? byUri.get(broaderUri) : undefined;
    if (broaderUri && (!broader || broader.retired)) {
      throw new Error(`${concept.qcode}'s broader concept ${broaderUri} is missing or retired`);
    }
    return { code: concept.qcode, name, broader: broader ? broader.qcode : null };
  })
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

// One topic a line: the file stays readable and a new release diffs line by line.
const json = [
  '{',
  `  "scheme": "medtop",`,
  `  "uri": ${JSON.stringify(scheme.uri)},`,
  `  "released": ${JSON.stringify(scheme.dateReleased)},`,
  `  "copyright": ${JSON.stringify(scheme.copyrightHolder)},`,
  `  "licence": ${JSON.stringify(scheme.licenceLink)},`,
  '  "topics": [',
  topics.map((t) => `    ${JSON.stringify(t)}`).join(',\n'),
  '  ]',
  '}',
  '',
].join('\n');

writeFileSync(out, json);
console.log(
  `${topics.length} topics (${scheme.conceptSet.length - live.length} retired left out) → ${out}`
);

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema21 from './schemas/ninjs-schema_2.1.json';
import schema22 from './schemas/ninjs-schema_2.2.json';
import { urgencyOf } from '../../subjects/domain/subjects';
import { storyGenres, storySubjects, type NamedConcept } from './classification';
import { WireParseError } from './errors';
import { htmlToSections, plainTextToSections } from './html';
import { assertJsonDepth } from './limits';
import type { StorySection, WirePicture, WireStory } from './story';

type Json = Record<string, unknown>;
type Described = { role?: string; contenttype?: string; value?: string };

let validators: { v22: ValidateFunction; v21: ValidateFunction } | undefined;

/** Compiled once: the ninjs 2.2 and 2.1 schemas (their GeoJSON reference stands in as any object). */
const schemaValidators = () => {
  if (!validators) {
    const make = (schema: object) => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
      return ajv.compile(schema);
    };
    validators = { v22: make(schema22), v21: make(schema21) };
  }
  return validators;
};

const describe = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 10)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : ''}`
    );

/** Validates an item against ninjs 2.2 (or 2.1). Throws WireParseError 422 with the schema's messages. */
export const validateNinjs = (item: unknown): void => {
  const { v22, v21 } = schemaValidators();
  if (v22(item) || v21(item)) return;
  const messages = describe(v22.errors);
  throw new WireParseError(
    `The ninjs item does not match the ninjs 2.x schema: ${messages.join('; ')}`,
    422,
    {
      errors: messages,
    }
  );
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const arr = <T = Json>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const byRole = (list: Described[], ...roles: string[]) =>
  roles.map((r) => list.find((d) => d.role === r)).find(Boolean) ?? list[0];

/** ninjs 2.x `subjects` and `genres` entries: `name`, `uri`, `literal` (the schema allows no other identifier). */
const concepts = (v: unknown): NamedConcept[] =>
  arr(v).map((c) => ({ name: str(c?.name), uri: str(c?.uri), literal: str(c?.literal) }));

const isHtml = (d: Described) => /html/iu.test(d.contenttype ?? '');

/** The HTML body an agency meant as the story (not a rich variant with figures), else its text. */
const bodySections = (bodies: Described[]): StorySection[] => {
  const html = bodies.filter(isHtml);
  const body =
    html.find((d) => /^(main|html5?|text)?$/iu.test(d.role ?? '')) ??
    html[0] ??
    byRole(bodies, 'main', 'text');
  if (!body?.value) return [];
  return isHtml(body) ? htmlToSections(body.value) : plainTextToSections(body.value);
};

const picturesOf = (item: Json): WirePicture[] =>
  arr(item.associations)
    .filter(
      (a) =>
        ['picture', 'graphic', undefined].includes(str(a.type)) &&
        (a.renditions || a.uri || a.descriptions)
    )
    .map((a) => {
      const descriptions = arr<Described>(a.descriptions);
      const renditions = arr(a.renditions);
      const main =
        renditions.find((r) => r.name === 'main' || r.name === 'original') ?? renditions[0];
      const picture: WirePicture = {
        href: str(main?.href) ?? str(a.uri),
        caption: str(byRole(descriptions, 'caption', 'text')?.value),
        creditLine: str(descriptions.find((d) => d.role === 'creditline')?.value) ?? str(a.by),
        creator: str(a.by),
        copyrightNotice: str(a.copyrightnotice),
        usageTerms: str(a.usageterms),
        // A picture's own expiry, else the item's: an expired item's pictures expire with it.
        expires: str(a.expires) ?? str(item.expires),
      };
      return Object.fromEntries(
        Object.entries(picture).filter(([, v]) => v !== undefined)
      ) as WirePicture;
    });

/**
 * Parses an IPTC ninjs 2.x item. Throws WireParseError (400 malformed JSON, 422 schema or
 * content problems, or nesting deeper than the limit).
 */
export const parseNinjs = (json: string): WireStory => {
  // Before parsing, so a deep item is never built; the schema validator follows nested associations by recursion.
  assertJsonDepth(json);
  let item: unknown;
  try {
    item = JSON.parse(json);
  } catch (e) {
    throw new WireParseError(`The body is not valid JSON: ${(e as Error).message}`, 400);
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new WireParseError('A ninjs item must be a JSON object', 422);
  }
  validateNinjs(item);
  const ninjs = item as Json;

  const headlines = arr<Described>(ninjs.headlines);
  const headline =
    str(byRole(headlines, 'main', 'simple')?.value) ?? str(ninjs.headline) ?? str(ninjs.title);
  if (!headline)
    throw new WireParseError('The ninjs item has no headline (headlines[].value)', 422);

  const descriptions = arr<Described>(ninjs.descriptions);
  let sections = bodySections(arr<Described>(ninjs.bodies));
  // A picture item carries its words in descriptions.
  if (!sections.length) {
    const caption = str(byRole(descriptions, 'caption', 'text', 'summary')?.value);
    if (caption) sections = [{ paragraphs: [caption] }];
  }
  const infosource = arr(ninjs.infosources)[0];
  const story: WireStory = {
    headline,
    guid: str(ninjs.uri),
    version:
      Number.isFinite(Number(ninjs.version)) && str(ninjs.version)
        ? Number(ninjs.version)
        : undefined,
    versionCreated: str(ninjs.versioncreated),
    firstCreated: str(ninjs.firstcreated),
    embargoed: str(ninjs.embargoed),
    expires: str(ninjs.expires),
    editorNote: str(ninjs.ednote),
    pubStatus: str(ninjs.pubstatus),
    language: str(ninjs.language),
    byline: str(ninjs.by),
    standfirst: str(descriptions.find((d) => d.role === 'summary' || d.role === 'abstract')?.value),
    dateline: str(ninjs.located) ? { place: str(ninjs.located) } : undefined,
    sections,
    slugline: str(ninjs.slugline),
    copyrightHolder: str(ninjs.copyrightholder),
    copyrightNotice: str(ninjs.copyrightnotice),
    usageTerms: str(ninjs.usageterms),
    agencyName: str(ninjs.copyrightholder) ?? str(infosource?.name),
    photoCredit: str(descriptions.find((d) => d.role === 'creditline')?.value),
    pictures: picturesOf(ninjs),
    subjects: storySubjects(concepts(ninjs.subjects)),
    urgency: urgencyOf(ninjs.urgency),
    genre: storyGenres(concepts(ninjs.genres)),
  };
  return Object.fromEntries(
    Object.entries(story).filter(([, v]) => v !== undefined)
  ) as unknown as WireStory;
};

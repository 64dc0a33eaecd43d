import { mediaTopicUri } from '../../subjects/domain/subjects';
import type { ArticleDetail, PhotoView } from './article-view';
import { bodyHtml, type ArticleRow } from './article-view';

type Json = Record<string, unknown>;

/** `urn:newsroom` + parts → `urn:newsroom:article:…`; an http(s) base gets a path instead. */
const idUnder = (base: string, ...parts: string[]) =>
  base.startsWith('urn:')
    ? [base, ...parts.map((p) => p.replace(/[^\w.~-]/gu, (c) => encodeURIComponent(c)))].join(':')
    : [base.replace(/\/$/u, ''), ...parts.map(encodeURIComponent)].join('/');

const compact = (o: Json): Json =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)
    )
  );

const pictureAssociation = (photo: PhotoView, name: string, uriBase: string): Json | null => {
  if (!photo.image) return null;
  const renditions = Object.entries(photo.image.renditions).flatMap(([crop, byMime]) =>
    Object.values(byMime).flatMap((list) =>
      list.map((r) =>
        compact({
          name: `${crop}${r.width ? `-${r.width}` : ''}${r.mime ? `-${r.mime.split('/')[1]}` : ''}`,
          href: r.url,
          contenttype: r.mime ?? undefined,
          width: r.width ?? undefined,
          height: r.height ?? undefined,
        })
      )
    )
  );
  return compact({
    name,
    uri: idUnder(uriBase, 'picture', photo.image.url),
    type: 'picture',
    headlines: photo.caption ? [{ role: 'main', value: photo.caption }] : undefined,
    descriptions: [
      photo.caption ? { role: 'caption', value: photo.caption } : null,
      photo.creditLine ? { role: 'creditline', value: photo.creditLine } : null,
    ].filter(Boolean),
    by: photo.creator ?? undefined,
    copyrightholder: photo.source ?? undefined,
    copyrightnotice: photo.copyrightNotice ?? undefined,
    usageterms: photo.usageTerms ?? undefined,
    renditions,
  });
};

/** An article subject as ninjs 2.2 has them: Media Topics by their IPTC URI, other qcodes as the literal. */
const ninjsSubject = ({ code, name }: ArticleDetail['subjects'][number]): Json => {
  const uri = mediaTopicUri(code);
  return compact({ name, ...(uri ? { uri } : { literal: code }) });
};

/** The item's stable identifier: one per article locale, whatever its versions. */
export const articleUri = (uriBase: string, documentId: string, locale: string) =>
  idUnder(uriBase, 'article', documentId, locale);

/** A killed article as ninjs: the same item, withdrawn (`pubstatus: canceled`). */
export const killedNinjs = (
  uriBase: string,
  killed: {
    documentId: string;
    locale: string;
    version: number;
    at: string;
    headline: string;
    notice: string;
    language?: string | null;
  }
): Json =>
  compact({
    uri: articleUri(uriBase, killed.documentId, killed.locale),
    type: 'text',
    version: String(killed.version),
    versioncreated: killed.at,
    pubstatus: 'canceled',
    language: killed.language ?? undefined,
    headlines: [{ role: 'main', value: killed.headline }],
    descriptions: [{ role: 'summary', value: killed.notice }],
  });

/** The article as an IPTC ninjs 2.2 item. `uriBase` makes the item's stable identifier. */
export const toNinjs = (row: ArticleRow, view: ArticleDetail, uriBase: string): Json => {
  const agency = view.attribution?.agency;
  const photos: Array<[PhotoView | null, string]> = [
    [view.leadPhoto, 'leadphoto'],
    ...view.gallery.map((p, i) => [p, `gallery${i + 1}`] as [PhotoView | null, string]),
  ];
  return compact({
    uri: articleUri(uriBase, view.documentId, view.locale),
    type: 'text',
    version: String(view.version),
    firstcreated: view.firstPublishedAt,
    versioncreated: view.updatedAt,
    pubstatus: 'usable',
    urgency: view.urgency ?? undefined,
    language: view.language,
    headlines: [{ role: 'main', value: view.headline }],
    descriptions: view.standfirst ? [{ role: 'summary', value: view.standfirst }] : undefined,
    bodies: [{ role: 'main', contenttype: 'text/html', value: bodyHtml(row) }],
    by: view.byline ?? undefined,
    located: view.dateline?.place ?? undefined,
    slugline: view.slug,
    infosources: agency
      ? [{ name: agency.name, role: 'originfeed', uri: idUnder(uriBase, 'agency', agency.code) }]
      : undefined,
    copyrightholder: agency?.name,
    copyrightnotice: view.attribution?.line ?? undefined,
    usageterms: row.attribution?.agency?.usageTerms ?? undefined,
    subjects: [
      ...(view.rubric
        ? [
            {
              name: view.rubric.name,
              uri: idUnder(uriBase, 'rubric', view.rubric.slug ?? view.rubric.name),
            },
          ]
        : []),
      ...view.subjects.map(ninjsSubject),
    ],
    associations: photos
      .map(([p, name]) => (p ? pictureAssociation(p, name, uriBase) : null))
      .filter(Boolean),
  });
};

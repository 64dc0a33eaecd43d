import type { PhotoCredits } from './credits';

/**
 * The XMP packet written into public files: credits and rights only, in the namespaces
 * the IPTC Photo Metadata standard uses (dc, photoshop, xmpRights).
 */

const escapeXml = (text: string) =>
  text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');

const alt = (text: string) =>
  `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;

export const creditsXmp = (credits: PhotoCredits): string | null => {
  const fields: string[] = [];
  if (credits.creator)
    fields.push(
      `<dc:creator><rdf:Seq><rdf:li>${escapeXml(credits.creator)}</rdf:li></rdf:Seq></dc:creator>`
    );
  if (credits.copyrightNotice)
    fields.push(`<dc:rights>${alt(credits.copyrightNotice)}</dc:rights>`);
  if (credits.caption) fields.push(`<dc:description>${alt(credits.caption)}</dc:description>`);
  if (credits.creditLine)
    fields.push(`<photoshop:Credit>${escapeXml(credits.creditLine)}</photoshop:Credit>`);
  if (credits.source)
    fields.push(`<photoshop:Source>${escapeXml(credits.source)}</photoshop:Source>`);
  if (credits.usageTerms)
    fields.push(`<xmpRights:UsageTerms>${alt(credits.usageTerms)}</xmpRights:UsageTerms>`);
  if (!fields.length) return null;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">',
    ...fields,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('');
};

/** EXIF IFD0 fields for the same credits (Artist and Copyright are all EXIF has; ASCII only). */
export const creditsExif = (credits: PhotoCredits): Record<string, string> | null => {
  const ascii = (text?: string) => (text && /^[\x20-\x7e]*$/u.test(text) ? text : undefined);
  const ifd0: Record<string, string> = {};
  const artist = ascii(credits.creator);
  const copyright = ascii(credits.copyrightNotice);
  if (artist) ifd0.Artist = artist;
  if (copyright) ifd0.Copyright = copyright;
  return Object.keys(ifd0).length ? ifd0 : null;
};

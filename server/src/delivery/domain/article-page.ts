/**
 * An article as a plain, readable HTML page: headline, standfirst, dateline, byline, photos
 * with their credits, sections with subheads, attribution and corrections. Every value is
 * escaped; the section HTML comes from `blocksToHtml`, which escapes its text and allows only
 * its own tags. No scripts, no external styles.
 */
import crypto from 'crypto';
import type { ArticleDetail, PhotoView } from './article-view';

const escape = (text: string) => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:18px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:2rem;line-height:1.2}.standfirst{font-size:1.2rem}.meta,figcaption,.attribution{font:14px/1.4 system-ui,sans-serif;color:#555}
figure{margin:1.5rem 0}img{max-width:100%;height:auto}.notice{border-left:4px solid #b00;padding-left:1rem}`;

/** The page's one inline style, as a CSP source: nothing else may style or script it. */
export const PAGE_STYLE_SOURCE = `'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'`;

const page = (title: string, lang: string, body: string) =>
  `<!doctype html>\n<html lang="${escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body><article>\n${body}\n</article></body></html>\n`;

const figure = (photo: PhotoView | null) => {
  if (!photo?.image) return '';
  const caption = [
    photo.caption ? escape(photo.caption) : '',
    photo.creditLine ? `<small>${escape(photo.creditLine)}</small>` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<figure><img src="${escape(photo.image.url)}" alt="${escape(photo.image.alternativeText ?? photo.caption ?? '')}"${photo.image.width ? ` width="${photo.image.width}"` : ''}${photo.image.height ? ` height="${photo.image.height}"` : ''}>${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
};

/** The published article as a reader would read it. */
export const articlePage = (view: ArticleDetail) => {
  const dateline = [view.dateline?.place, view.dateline?.date].filter(Boolean).join(', ');
  const parts = [
    `<h1>${escape(view.headline)}</h1>`,
    view.standfirst ? `<p class="standfirst">${escape(view.standfirst)}</p>` : '',
    dateline || view.byline
      ? `<p class="meta">${[dateline ? `<span class="dateline">${escape(dateline)}</span>` : '', view.byline ? `<span class="byline">${escape(view.byline)}</span>` : ''].filter(Boolean).join(' · ')}</p>`
      : '',
    figure(view.leadPhoto),
    ...view.sections.map(
      (s) => `<section>${s.subhead ? `<h2>${escape(s.subhead)}</h2>` : ''}${s.html}</section>`
    ),
    ...view.gallery.map(figure),
    view.attribution?.line ? `<p class="attribution">${escape(view.attribution.line)}</p>` : '',
    view.corrections.length
      ? `<aside class="corrections"><h2>Corrections</h2><ul>${view.corrections.map((c) => `<li><time datetime="${escape(c.date)}">${escape(c.date.slice(0, 10))}</time> ${escape(c.note)}</li>`).join('')}</ul></aside>`
      : '',
  ];
  return page(view.headline, view.language ?? view.locale, parts.filter(Boolean).join('\n'));
};

/** What readers of a killed article are told. */
export const killedPage = (headline: string, notice: string, lang: string) =>
  page(headline, lang, `<h1>${escape(headline)}</h1>\n<p class="notice">${escape(notice)}</p>`);

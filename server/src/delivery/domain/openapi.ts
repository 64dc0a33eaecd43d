/** OpenAPI 3.1 description of the delivery routes, served at `GET /api/newsroom/openapi.json`. */
export const deliveryOpenApi = (serverUrl: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'Newsroom delivery API',
    version: '1.0.0',
    description:
      'Published articles for sites, apps and partners. Only published, non-embargoed, non-killed articles are ever returned. Every response carries an ETag (send If-None-Match for a 304) and a Cache-Control max-age that never outlives the next scheduled change.',
  },
  servers: [{ url: serverUrl }],
  paths: {
    '/newsroom/articles': {
      get: {
        summary: 'Published articles, newest first',
        parameters: [
          { name: 'rubric', in: 'query', schema: { type: 'string' }, description: 'Rubric slug' },
          {
            name: 'agency',
            in: 'query',
            schema: { type: 'string' },
            description: 'Agency code, e.g. TASS',
          },
          { name: 'tag', in: 'query', schema: { type: 'string' } },
          {
            name: 'subject',
            in: 'query',
            schema: { type: 'string' },
            description: 'Subject qcode, e.g. medtop:11000000; narrower Media Topics match too',
          },
          {
            name: 'q',
            in: 'query',
            schema: { type: 'string', maxLength: 200 },
            description:
              'Search words (published text only, every word must match); hits carry an HTML-escaped `snippet` with matches in <mark>',
          },
          {
            name: 'sort',
            in: 'query',
            schema: { type: 'string', enum: ['relevance', 'time'] },
            description:
              'With q: best matches first (default) or newest first. On PostgreSQL, relevance ranks the newest 1,000 matches and `total` counts those; `time` pages through every match',
          },
          { name: 'locale', in: 'query', schema: { type: 'string' } },
          {
            name: 'from',
            in: 'query',
            schema: { type: 'string', format: 'date-time' },
            description: 'First published at or after',
          },
          {
            name: 'to',
            in: 'query',
            schema: { type: 'string', format: 'date-time' },
            description: 'First published at or before',
          },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          {
            name: 'pageSize',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        ],
        responses: {
          200: {
            description: '`{ data: ArticleSummary[], meta: { pagination } }`',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ArticleList' } },
            },
          },
          304: { description: 'Not modified (If-None-Match)' },
          400: {
            description: 'A bad or unknown query parameter, named in the message',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
    '/newsroom/articles/{slug}': {
      get: {
        summary:
          'One published article; IPTC ninjs 2.2 with ?format=ninjs or Accept: application/ninjs+json',
        parameters: [
          { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'locale', in: 'query', schema: { type: 'string' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'ninjs'] } },
        ],
        responses: {
          200: {
            description: 'The article',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ArticleDetail' } },
              'application/ninjs+json': {
                schema: { $ref: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#' },
              },
            },
          },
          304: { description: 'Not modified (If-None-Match)' },
          404: {
            description: 'Never published, embargoed, spiked or unknown',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          410: {
            description: 'Killed; the message is the kill notice',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
    '/newsroom/feed.xml': {
      get: {
        summary: 'RSS 2.0 feed of the latest published articles',
        parameters: [
          { name: 'rubric', in: 'query', schema: { type: 'string' } },
          { name: 'locale', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'RSS 2.0', content: { 'application/rss+xml': {} } },
          304: { description: 'Not modified' },
        },
      },
    },
    '/newsroom/news-sitemap.xml': {
      get: {
        summary: 'News sitemap: articles first published in the last 48 hours, at most 1,000',
        responses: {
          200: {
            description: 'A sitemap with the news extension',
            content: { 'application/xml': {} },
          },
          304: { description: 'Not modified' },
        },
      },
    },
    '/newsroom/sitemap.xml': {
      get: {
        summary: 'Every published article; a sitemap index of pages past 50,000',
        parameters: [{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }],
        responses: {
          200: { description: 'A sitemap, or a sitemap index', content: { 'application/xml': {} } },
          304: { description: 'Not modified' },
          404: {
            description: 'No such page',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
    '/newsroom/preview/{token}': {
      get: {
        summary:
          "An article's working copy through a signed, expiring link from the Content Manager's Open preview (no login; never cached or indexed)",
        security: [],
        parameters: [
          { name: 'token', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'format',
            in: 'query',
            schema: { type: 'string', enum: ['json', 'html'], default: 'json' },
          },
        ],
        responses: {
          200: {
            description: 'The working copy as the detail would show it, or as a readable page',
            content: { 'application/json': {}, 'text/html': {} },
          },
          400: {
            description: 'Bad format',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          404: {
            description: 'A bad, expired or orphaned token: the same answer as an unknown slug',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          data: { type: 'null' },
          error: {
            type: 'object',
            properties: {
              status: { type: 'integer' },
              name: { type: 'string' },
              message: { type: 'string' },
              details: { type: 'object' },
            },
          },
        },
      },
      Photo: {
        type: ['object', 'null'],
        properties: {
          caption: { type: ['string', 'null'] },
          creditLine: { type: ['string', 'null'] },
          creator: { type: ['string', 'null'] },
          source: { type: ['string', 'null'] },
          copyrightNotice: { type: ['string', 'null'] },
          usageTerms: { type: ['string', 'null'] },
          image: {
            type: ['object', 'null'],
            properties: {
              url: { type: 'string' },
              width: { type: ['integer', 'null'] },
              height: { type: ['integer', 'null'] },
              renditions: {
                type: 'object',
                description: 'crop → MIME type → renditions, widths ascending',
              },
              srcset: { type: 'object', description: 'crop → MIME type → srcset string' },
              placeholder: { type: ['string', 'null'] },
            },
          },
        },
      },
      ArticleSummary: {
        type: 'object',
        properties: {
          documentId: { type: 'string' },
          slug: { type: 'string' },
          locale: { type: 'string' },
          headline: { type: 'string' },
          standfirst: { type: ['string', 'null'] },
          dateline: { type: ['object', 'null'] },
          byline: { type: ['string', 'null'] },
          attribution: {
            type: ['object', 'null'],
            properties: { line: { type: 'string' }, agency: { type: ['object', 'null'] } },
          },
          rubric: { type: ['object', 'null'] },
          tags: { type: 'array', items: { type: 'string' } },
          subjects: {
            type: 'array',
            description:
              'What the article is about: IPTC Media Topics (medtop:…, English names; IPTC Media Topics, © IPTC, CC BY 4.0) or an agency scheme',
            items: {
              type: 'object',
              properties: {
                code: { type: 'string', description: 'qcode, e.g. medtop:20000523' },
                name: { type: ['string', 'null'] },
              },
            },
          },
          urgency: {
            type: ['integer', 'null'],
            minimum: 1,
            maximum: 9,
            description: '1 most urgent … 9 least',
          },
          leadPhoto: { $ref: '#/components/schemas/Photo' },
          firstPublishedAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      ArticleDetail: {
        allOf: [
          { $ref: '#/components/schemas/ArticleSummary' },
          {
            type: 'object',
            properties: {
              sections: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    subhead: { type: ['string', 'null'] },
                    html: { type: 'string' },
                    blocks: { type: 'array' },
                  },
                },
              },
              gallery: { type: 'array', items: { $ref: '#/components/schemas/Photo' } },
              corrections: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { date: { type: 'string' }, note: { type: 'string' } },
                },
              },
              language: { type: 'string' },
              version: {
                type: 'integer',
                description:
                  'The number of this published version in the archive: 1 for the first publication, one more for each correction',
              },
              canonicalUrl: {
                type: ['string', 'null'],
                description: 'delivery.siteUrl + locale + slug; null without a site URL',
              },
              jsonLd: { type: 'object', description: 'schema.org NewsArticle' },
            },
          },
        ],
      },
      ArticleList: {
        type: 'object',
        properties: {
          data: { type: 'array', items: { $ref: '#/components/schemas/ArticleSummary' } },
          meta: {
            type: 'object',
            properties: {
              pagination: {
                type: 'object',
                properties: {
                  page: { type: 'integer' },
                  pageSize: { type: 'integer' },
                  pageCount: { type: 'integer' },
                  total: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    },
  },
});

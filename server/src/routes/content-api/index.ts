const read = { middlewares: ['plugin::newsroom.rate-limit'] };

export default {
  type: 'content-api' as const,
  routes: [
    // Allowed for API tokens (and roles) granted Newsroom → wire → ingest.
    { method: 'POST', path: '/wire', handler: 'wire.ingest', config: { policies: [] } },
    // Read by the public role by default (delivery.publicRead), or by API tokens.
    { method: 'GET', path: '/articles', handler: 'delivery.find', config: read },
    { method: 'GET', path: '/articles/:slug', handler: 'delivery.findOne', config: read },
    { method: 'GET', path: '/feed.xml', handler: 'delivery.feed', config: read },
    { method: 'GET', path: '/openapi.json', handler: 'delivery.openapi', config: read },
  ],
};

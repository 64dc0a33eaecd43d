export default {
  type: 'content-api' as const,
  routes: [
    // Allowed for API tokens (and roles) granted Newsroom → wire → ingest.
    { method: 'POST', path: '/wire', handler: 'wire.ingest', config: { policies: [] } },
  ],
};

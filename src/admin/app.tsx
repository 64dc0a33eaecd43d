// The demo app's admin panel: English and Russian, the languages the newsroom plugin speaks.
export default {
  config: { locales: ['ru'] },
  bootstrap() {},
};

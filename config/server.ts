import { DEVELOPMENT_SECRETS } from '../src/production';

export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: env.array('APP_KEYS', DEVELOPMENT_SECRETS.APP_KEYS.split(',')),
  },
  // Uploaded files live under `<public>/uploads`; tests give each instance a folder of its own.
  dirs: { public: env('NEWSROOM_PUBLIC_DIR', './public') },
  cron: { enabled: env.bool('CRON_ENABLED', true) },
});

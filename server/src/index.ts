import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import destroy from './destroy';
import { controllers, middlewares, services } from './features';
import register from './register';
import routes from './routes';
import { refuseNulInBody } from './platform/text-input';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: { ...middlewares, 'text-input': refuseNulInBody },
};

/** A route as a feature declares it; the root barrel groups them by type. */
export interface FeatureRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  /** `auth: false` only where something else is the key (a signed preview token). */
  config?: { policies?: unknown[]; middlewares?: unknown[]; auth?: false };
}

export interface FeatureRoutes {
  admin?: FeatureRoute[];
  'content-api'?: FeatureRoute[];
}

/** An admin route guarded by one of the newsroom's permissions, e.g. `wire.read`. */
export const can = (action: string) => ({
  policies: [
    { name: 'admin::hasPermissions', config: { actions: [`plugin::newsroom.${action}`] } },
  ],
});

/** Plugin configuration (`config/plugins.ts` → `newsroom.config`). */
export interface NewsroomConfig {
  wire: {
    /** Largest wire payload accepted, in bytes. */
    maxBytes: number;
    /** Create an agency the first time its copy arrives; when false, unknown agencies are refused. */
    createUnknownAgencies: boolean;
  };
}

export const DEFAULT_CONFIG: NewsroomConfig = {
  wire: { maxBytes: 2 * 1024 * 1024, createUnknownAgencies: true },
};

export default {
  default: DEFAULT_CONFIG,
  validator(config: NewsroomConfig) {
    const { maxBytes, createUnknownAgencies } = config.wire ?? {};
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new Error('newsroom.wire.maxBytes must be a positive integer');
    if (typeof createUnknownAgencies !== 'boolean') throw new Error('newsroom.wire.createUnknownAgencies must be true or false');
  },
};

/** Plugin configuration (`config/plugins.ts` → `newsroom.config`). */
export interface NewsroomConfig {
  wire: {
    /** Largest wire payload accepted, in bytes. */
    maxBytes: number;
    /** Create an agency the first time its copy arrives; when false, unknown agencies are refused. */
    createUnknownAgencies: boolean;
  };
  workflow: {
    /** How often the scheduler looks for due articles, in seconds (1–59). */
    schedulerTickSeconds: number;
  };
}

export const DEFAULT_CONFIG: NewsroomConfig = {
  wire: { maxBytes: 2 * 1024 * 1024, createUnknownAgencies: true },
  workflow: { schedulerTickSeconds: 10 },
};

export default {
  default: DEFAULT_CONFIG,
  validator(config: NewsroomConfig) {
    const { maxBytes, createUnknownAgencies } = config.wire ?? {};
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new Error('newsroom.wire.maxBytes must be a positive integer');
    if (typeof createUnknownAgencies !== 'boolean') throw new Error('newsroom.wire.createUnknownAgencies must be true or false');
    const tick = config.workflow?.schedulerTickSeconds;
    if (!Number.isInteger(tick) || tick < 1 || tick > 59) {
      throw new Error('newsroom.workflow.schedulerTickSeconds must be a whole number of seconds from 1 to 59');
    }
  },
};

/** Plugin configuration (`config/plugins.ts` → `newsroom.config`). Later issues add their keys here. */
export type NewsroomConfig = Record<string, never>;

export default {
  default: {} as NewsroomConfig,
  validator(_config: NewsroomConfig) {},
};

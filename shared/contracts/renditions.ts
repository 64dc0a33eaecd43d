/** The admin API of the rendition work, as the admin panel and the controllers both see it. */

export interface RenditionRun {
  runId: string;
  total: number;
  done: number;
  failed: number;
  pending: number;
  running: number;
  finished: boolean;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RenditionPlan {
  widths: number[];
  crops: Record<string, [number, number]>;
  formats: string[];
}

/** `GET /newsroom/renditions` */
export declare namespace GetRenditions {
  export interface Response {
    data: {
      plan: RenditionPlan;
      queue: { pending: number; running: number; failed: number };
      run: RenditionRun | null;
    };
  }
}

/** `POST /newsroom/renditions/regenerate`: 202 with the new run. */
export declare namespace Regenerate {
  export interface Response {
    data: RenditionRun;
  }
}

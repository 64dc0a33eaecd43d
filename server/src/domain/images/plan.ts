/** Rendition planning for newsroom images (pure): which outputs a source gets, and where each crop sits. */

export type ImageFormat = 'avif' | 'webp' | 'jpeg';

export interface RenditionPlanConfig {
  /** Output widths; never larger than the source. */
  widths: number[];
  /** Editorial crops by name, as width:height ratios, e.g. `{ '16x9': [16, 9] }`. */
  crops: Record<string, [number, number]>;
  formats: ImageFormat[];
}

export const DEFAULT_PLAN: RenditionPlanConfig = {
  widths: [320, 640, 1024, 1600, 2048],
  crops: { '16x9': [16, 9], '4x3': [4, 3], '1x1': [1, 1] },
  formats: ['avif', 'webp', 'jpeg'],
};

/** Strapi's focal point: percentages of width and height from the top left. */
export interface FocalPoint {
  x: number;
  y: number;
}

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PlannedRendition {
  /** The key in Strapi's `formats`: `<crop>_<width>_<format>`, crop `original` for the whole frame. */
  key: string;
  crop: string;
  box: CropBox;
  width: number;
  height: number;
  format: ImageFormat;
}

/**
 * The largest box of the given ratio inside the source, centred on the focal point (the
 * centre when unset) and moved only as far as needed to stay inside the frame.
 */
export const cropBox = (sourceWidth: number, sourceHeight: number, [rw, rh]: [number, number], focal?: FocalPoint | null): CropBox => {
  const scale = Math.min(sourceWidth / rw, sourceHeight / rh);
  const width = Math.max(1, Math.min(sourceWidth, Math.round(rw * scale)));
  const height = Math.max(1, Math.min(sourceHeight, Math.round(rh * scale)));
  const fx = ((focal?.x ?? 50) / 100) * sourceWidth;
  const fy = ((focal?.y ?? 50) / 100) * sourceHeight;
  const clamp = (v: number, max: number) => Math.min(Math.max(0, Math.round(v)), max);
  return { left: clamp(fx - width / 2, sourceWidth - width), top: clamp(fy - height / 2, sourceHeight - height), width, height };
};

/** Every rendition a source of this size gets under the plan; widths above the box are dropped, never upscaled. */
export const planRenditions = (
  sourceWidth: number,
  sourceHeight: number,
  focal: FocalPoint | null | undefined,
  plan: RenditionPlanConfig = DEFAULT_PLAN
): PlannedRendition[] => {
  const boxes: Array<[string, CropBox]> = [
    ['original', { left: 0, top: 0, width: sourceWidth, height: sourceHeight }],
    ...Object.entries(plan.crops).map(([name, ratio]) => [name, cropBox(sourceWidth, sourceHeight, ratio, focal)] as [string, CropBox]),
  ];
  const widths = [...new Set(plan.widths)].sort((a, b) => a - b);
  return boxes.flatMap(([crop, box]) =>
    widths
      .filter((w) => w <= box.width)
      .flatMap((width) =>
        plan.formats.map((format) => ({
          key: `${crop}_${width}_${format}`,
          crop,
          box,
          width,
          height: Math.max(1, Math.round((box.height * width) / box.width)),
          format,
        }))
      )
  );
};

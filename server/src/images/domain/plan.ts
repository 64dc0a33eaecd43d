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
export const cropBox = (
  sourceWidth: number,
  sourceHeight: number,
  [rw, rh]: [number, number],
  focal?: FocalPoint | null
): CropBox => {
  const scale = Math.min(sourceWidth / rw, sourceHeight / rh);
  const width = Math.max(1, Math.min(sourceWidth, Math.round(rw * scale)));
  const height = Math.max(1, Math.min(sourceHeight, Math.round(rh * scale)));
  const fx = ((focal?.x ?? 50) / 100) * sourceWidth;
  const fy = ((focal?.y ?? 50) / 100) * sourceHeight;
  const clamp = (v: number, max: number) => Math.min(Math.max(0, Math.round(v)), max);
  return {
    left: clamp(fx - width / 2, sourceWidth - width),
    top: clamp(fy - height / 2, sourceHeight - height),
    width,
    height,
  };
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
    ...Object.entries(plan.crops).map(
      ([name, ratio]) =>
        [name, cropBox(sourceWidth, sourceHeight, ratio, focal)] as [string, CropBox]
    ),
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

/** Strapi's own output set (what its Media Library and standard consumers expect): `fit: inside` boxes. */
export const STANDARD_FORMATS: Array<{ key: string; width: number; height: number }> = [
  { key: 'thumbnail', width: 245, height: 156 },
  { key: 'large', width: 1000, height: 1000 },
  { key: 'medium', width: 750, height: 750 },
  { key: 'small', width: 500, height: 500 },
];

/** The size of an image fitted inside a box, never enlarged (Strapi's `fit: 'inside'`). */
export const fitInside = (
  width: number,
  height: number,
  box: { width: number; height: number }
) => {
  const scale = Math.min(1, box.width / width, box.height / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
};

/**
 * Strapi's sizes this source gets: the thumbnail when the source is larger than its box,
 * a breakpoint when the source exceeds it in either dimension (as Strapi decides).
 */
export const planStandardFormats = (width: number, height: number) =>
  STANDARD_FORMATS.filter((f) => width > f.width || height > f.height).map((f) => ({
    key: f.key,
    ...fitInside(width, height, f),
  }));

/** The smallest decode width that still serves every rendition at full sharpness (one decode reused for all). */
export const decodeWidthFor = (
  sourceWidth: number,
  renditions: Array<{ width: number; box: CropBox }>
) => {
  const scale = Math.min(1, Math.max(0, ...renditions.map((r) => r.width / r.box.width)));
  return Math.max(1, Math.ceil(sourceWidth * scale));
};

/** Validates a plan from configuration; throws with the offending setting named. */
export const validatePlan = (plan: RenditionPlanConfig) => {
  if (
    !Array.isArray(plan.widths) ||
    !plan.widths.length ||
    !plan.widths.every((w) => Number.isInteger(w) && w >= 16 && w <= 8192)
  ) {
    throw new Error('newsroom.images.plan.widths must be whole numbers of pixels from 16 to 8192');
  }
  for (const [name, ratio] of Object.entries(plan.crops ?? {})) {
    if (!/^[a-z0-9-]+$/iu.test(name) || name === 'original')
      throw new Error(`newsroom.images.plan.crops: "${name}" is not a usable crop name`);
    if (!Array.isArray(ratio) || ratio.length !== 2 || !ratio.every((n) => n > 0)) {
      throw new Error(
        `newsroom.images.plan.crops.${name} must be a [width, height] ratio of positive numbers`
      );
    }
  }
  const formats: ImageFormat[] = ['avif', 'webp', 'jpeg'];
  if (
    !Array.isArray(plan.formats) ||
    !plan.formats.length ||
    !plan.formats.every((f) => formats.includes(f))
  ) {
    throw new Error('newsroom.images.plan.formats must list some of avif, webp, jpeg');
  }
};

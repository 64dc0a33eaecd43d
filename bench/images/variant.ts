/**
 * One benchmark measurement in a process of its own (so peak memory is this variant's):
 * `variant.ts <variant> <input file> <runs>` prints one JSON line.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp, { type Sharp } from 'sharp';
import { planRenditions, decodeWidthFor, DEFAULT_PLAN } from '../../server/src/images/domain/plan';
import { sniff, type RasterFormat } from '../../server/src/images/domain/sniff';
import {
  inspectImage,
  prepareUpload,
  renderRenditions,
  type EncodeSettings,
} from '../../server/src/images/pipeline';
import { DEFAULT_CONFIG } from '../../server/src/config';

export type Variant =
  | 'strapi'
  | 'naive'
  | 'newsroom-strapi-set'
  | 'newsroom-plan'
  | 'newsroom-plan-per-output'
  | 'floor-plan';

const settings: EncodeSettings = DEFAULT_CONFIG.images;
const limits = { maxPixels: 200_000_000, maxFrames: 300 };

/** Bytes of each output of the upload step, by Strapi's key (`original`, `thumbnail`, `large`…). */
type Outputs = Record<string, number>;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Strapi 5.54's own upload image processing, called the way its upload service calls it (default settings). */
const strapiVariant = async () => {
  const root = path.resolve(__dirname, '..', '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const app = await createStrapi({ appDir: root, distDir: path.join(root, 'dist-demo') }).load();
  // The stock service module, not the plugin's replacement of it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stock = require(
    path.join(
      root,
      'node_modules',
      '@strapi',
      'upload',
      'dist',
      'server',
      'services',
      'image-manipulation.js'
    )
  );
  return {
    app,
    run: async (file: string) => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-strapi-'));
      const info = {
        name: path.basename(file),
        hash: `bench_${Date.now()}`,
        ext: path.extname(file),
        mime: 'image/jpeg',
        filepath: file,
        tmpWorkingDirectory: tmp,
        getStream: () => fs.createReadStream(file),
      };
      const outputs: Outputs = {};
      // enhanceAndValidateFile
      if (await stock.isImage(info)) {
        if (await stock.isFaultyImage(info)) throw new Error('faulty');
        let optimized = info;
        if (await stock.isOptimizableImage(info)) optimized = await stock.optimize(info);
        // uploadFileAndPersist → uploadImage
        await stock.isImage(optimized);
        const { width, height } = await stock.getDimensions(optimized);
        Object.assign(optimized, { width, height });
        if (await stock.isResizableImage(optimized)) {
          const thumbnail = await stock.generateThumbnail(optimized);
          const formats = await stock.generateResponsiveFormats(optimized);
          if (thumbnail) outputs.thumbnail = thumbnail.sizeInBytes;
          for (const f of formats as Array<{ key: string; file: { sizeInBytes: number } }>)
            outputs[f.key] = f.file.sizeInBytes;
        }
        outputs.original = fs.statSync(optimized.filepath).size;
      }
      fs.rmSync(tmp, { recursive: true, force: true });
      return outputs;
    },
  };
};

/** One sharp(source) pipeline per output: the clean original and Strapi's four sizes. */
const naive = async (source: Buffer) => {
  const pipelines: Array<[string, Sharp]> = [
    ['original', sharp(source).rotate().toColourspace('srgb').jpeg({ quality: 80 })],
    ['thumbnail', sharp(source).rotate().resize(245, 156, { fit: 'inside' }).jpeg()],
    ...(
      [
        ['large', 1000],
        ['medium', 750],
        ['small', 500],
      ] as const
    ).map(([key, size]): [string, Sharp] => [
      key,
      sharp(source).rotate().resize(size, size, { fit: 'inside' }).jpeg(),
    ]),
  ];
  const outputs: Outputs = {};
  for (const [key, output] of pipelines) outputs[key] = (await output.toBuffer()).length;
  return outputs;
};

const newsroomUpload = async (source: Buffer) => {
  const kind = sniff(source.subarray(0, 4100));
  if (kind.kind !== 'raster') throw new Error('not an image');
  const prepared = await prepareUpload(
    source,
    await inspectImage(source, kind.format as RasterFormat, limits),
    settings
  );
  const outputs: Outputs = { original: prepared.original.data.length };
  for (const f of prepared.formats) outputs[f.key] = f.data.length;
  outputs.placeholder = prepared.placeholder.length;
  return outputs;
};

/** The full plan, rendered from the clean original as the background step does. */
const newsroomPlan = async (original: Buffer, strategy: 'single-decode' | 'per-output') => {
  const { width, height } = (await sharp(original).metadata()).autoOrient;
  let bytes = 0;
  await renderRenditions(
    original,
    planRenditions(width, height, null, DEFAULT_PLAN),
    settings,
    {},
    async (image) => {
      bytes += image.data.length;
    },
    strategy
  );
  return bytes;
};

/** Floor for the plan: the one decode, then the encodes of already-resized pixels (resizing not timed). */
const floorPlan = async (original: Buffer) => {
  // A kept original may be stored turned: the floor turns it too, as the plan does.
  const meta = (await sharp(original).metadata()).autoOrient;
  const plan = planRenditions(meta.width, meta.height, null, DEFAULT_PLAN);
  const width = decodeWidthFor(meta.width, plan);
  let timed = 0;
  const clock = () => process.hrtime.bigint();
  let t = clock();
  const decoded = await sharp(original, { autoOrient: true })
    .resize({ width })
    .raw()
    .toBuffer({ resolveWithObject: true });
  timed += Number(clock() - t);
  const scale = decoded.info.width / meta.width;
  let bytes = 0;
  const groups = new Map<string, typeof plan>();
  for (const r of plan)
    groups.set(`${r.crop}:${r.width}`, [...(groups.get(`${r.crop}:${r.width}`) ?? []), r]);
  for (const group of groups.values()) {
    const { box, width: w, height: h } = group[0];
    const raw = await sharp(decoded.data, { raw: decoded.info })
      .extract({
        left: Math.round(box.left * scale),
        top: Math.round(box.top * scale),
        width: Math.min(
          decoded.info.width - Math.round(box.left * scale),
          Math.round(box.width * scale)
        ),
        height: Math.min(
          decoded.info.height - Math.round(box.top * scale),
          Math.round(box.height * scale)
        ),
      })
      .resize(w, h, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    for (const r of group) {
      t = clock();
      const image = sharp(raw.data, { raw: raw.info });
      const out = await (
        r.format === 'avif'
          ? image.avif({ quality: settings.quality.avif, effort: settings.effort.avif })
          : r.format === 'webp'
            ? image.webp({ quality: settings.quality.webp, effort: settings.effort.webp })
            : image.jpeg({ quality: settings.quality.jpeg })
      ).toBuffer();
      timed += Number(clock() - t);
      bytes += out.length;
    }
  }
  return { bytes, timedMs: timed / 1e6 };
};

const main = async () => {
  const [variant, file, runsArg] = process.argv.slice(2) as [Variant, string, string];
  const runs = Number(runsArg) || 3;
  const source = fs.readFileSync(file);
  const strapi = variant === 'strapi' ? await strapiVariant() : null;
  // The plan variants start from the clean original the upload step stores.
  const original = variant.includes('plan')
    ? (
        await prepareUpload(
          source,
          await inspectImage(source, (sniff(source) as { format: RasterFormat }).format, limits),
          settings
        )
      ).original.data
    : source;

  const resting = process.memoryUsage().rss;
  let peak = resting;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const times: number[] = [];
  const cpus: number[] = [];
  let bytes = 0;
  let outputs: Outputs | undefined;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let timedMs: number | null = null;
    if (variant === 'strapi') outputs = await strapi!.run(file);
    else if (variant === 'naive') outputs = await naive(source);
    else if (variant === 'newsroom-strapi-set') outputs = await newsroomUpload(source);
    else if (variant === 'newsroom-plan') bytes = await newsroomPlan(original, 'single-decode');
    else if (variant === 'newsroom-plan-per-output')
      bytes = await newsroomPlan(original, 'per-output');
    else ({ bytes, timedMs } = await floorPlan(original));
    times.push(timedMs ?? Number(process.hrtime.bigint() - started) / 1e6);
    if (outputs) bytes = Object.values(outputs).reduce((n, b) => n + b, 0);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1e6);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  clearInterval(timer);
  process.stdout.write(
    `${JSON.stringify({ ms: median(times), cpu: median(cpus), peakAddedMb: (peak - resting) / 1024 / 1024, bytes, outputs })}\n`
  );
  if (strapi) await strapi.app.destroy();
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  }
);

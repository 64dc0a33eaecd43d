/**
 * `npm run bench:images`: Strapi 5.54's own upload image processing against the newsroom
 * pipeline, on the same generated photos, each measurement in a fresh process.
 * RUNS (default 3) sets the runs per measurement; the median is reported.
 * ONLY=orientation,cmyk narrows the inputs; PART=upload or PART=plan runs one half.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import { printTable } from '../lib/table';
import { ensureInputs, INPUT_DIR, INPUTS } from './inputs';
import type { Variant } from './variant';

interface Measurement {
  ms: number;
  cpu: number;
  peakAddedMb: number;
  bytes: number;
  /** Upload step only: bytes of each output by key. */
  outputs?: Record<string, number>;
}

type Row = Array<string | number>;

const runs = Number(process.env.RUNS ?? 3);
const root = path.resolve(__dirname, '..', '..');

const measure = (variant: Variant, file: string): Measurement => {
  const out = execFileSync(
    process.execPath,
    ['-r', 'esbuild-register', path.join(__dirname, 'variant.ts'), variant, file, String(runs)],
    {
      cwd: root,
      env: { ...process.env, CRON_ENABLED: 'false', LOG_LEVEL: 'error', NEWSROOM_DEMO: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  );
  return JSON.parse(out.toString().trim().split('\n').pop()!);
};

/** Measures each variant on one input; the first is the baseline the last column compares with. */
const compare = (
  input: string,
  file: string,
  variants: Array<[Variant, string]>,
  ratio: (baseline: Measurement, m: Measurement) => number
): Row[] => {
  const results = variants.map(([variant, label]) => [label, measure(variant, file)] as const);
  const baseline = results[0][1];
  return results.map(([label, m]) => [
    input,
    label,
    m.ms.toFixed(0),
    m.cpu.toFixed(2),
    `${m.peakAddedMb.toFixed(0)} MB`,
    `${(m.bytes / 1e6).toFixed(2)} MB`,
    ...(m.outputs ? [perOutput(m.outputs)] : []),
    `${ratio(baseline, m).toFixed(2)}×`,
  ]);
};

/** The upload step's outputs in one order, in MB (the placeholder, a data URI of a few hundred bytes, is left out). */
const OUTPUT_KEYS = ['original', 'large', 'medium', 'small', 'thumbnail'];
const perOutput = (outputs: Record<string, number>) =>
  OUTPUT_KEYS.map((key) => (key in outputs ? (outputs[key] / 1e6).toFixed(2) : '–')).join(' / ');

const main = async () => {
  await ensureInputs();
  const only = process.env.ONLY?.split(',').map((o) => o.trim().toLowerCase());
  const part = process.env.PART;
  const upload: Row[] = [];
  const plan: Row[] = [];
  for (const input of INPUTS.filter(
    (i) => !only || only.some((o) => i.name.toLowerCase().includes(o))
  )) {
    const file = path.join(INPUT_DIR, input.file);
    process.stderr.write(`${input.name}…\n`);
    if (part !== 'plan') {
      const speedup = (baseline: Measurement, m: Measurement) => baseline.ms / m.ms;
      upload.push(
        ...compare(
          input.name,
          file,
          [
            ['strapi', '1. Strapi 5.54 upload processing'],
            ['naive', '2. naive: one sharp(source) per output'],
            ['newsroom-strapi-set', '3. newsroom, same output set'],
          ],
          speedup
        )
      );
    }
    if (part !== 'upload') {
      const slowdown = (floor: Measurement, m: Measurement) => m.ms / floor.ms;
      plan.push(
        ...compare(
          input.name,
          file,
          [
            ['floor-plan', '5. floor: one decode + the encodes alone'],
            ['newsroom-plan', '4. newsroom plan, one decode reused'],
            ['newsroom-plan-per-output', '4b. newsroom plan, shrink-on-load per output'],
          ],
          slowdown
        )
      );
    }
  }
  const headers = ['input', 'variant', 'ms/image', 'CPU s', 'peak RSS', 'bytes out'];
  if (upload.length) {
    console.log(
      `\nUpload step (${runs} runs each, median; peak RSS above the process's resting RSS)\n`
    );
    printTable(
      [...headers, `MB per output (${OUTPUT_KEYS.join(' / ')})`, 'speed vs Strapi'],
      upload
    );
  }
  if (plan.length) {
    console.log(
      `\nNewsroom rendition plan (${runs} runs each, median): 4 frames × up to 5 widths × AVIF/WebP/JPEG\n`
    );
    printTable([...headers, 'time vs floor'], plan);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

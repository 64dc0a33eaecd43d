/**
 * `npm run bench:images`: Strapi 5.54's own upload image processing against the newsroom
 * pipeline, on the same generated photos, each measurement in a fresh process.
 * RUNS (default 3) sets the runs per measurement; the median is reported.
 */
import { execFileSync } from "child_process";
import path from "path";
import { printTable } from "../lib/table";
import { ensureInputs, INPUT_DIR, INPUTS } from "./inputs";
import type { Variant } from "./variant";

interface Measurement {
  ms: number;
  cpu: number;
  peakAddedMb: number;
  bytes: number;
}

const runs = Number(process.env.RUNS ?? 3);
const root = path.resolve(__dirname, "..", "..");

const measure = (variant: Variant, file: string): Measurement => {
  const out = execFileSync(
    process.execPath,
    [
      "-r",
      "esbuild-register",
      path.join(__dirname, "variant.ts"),
      variant,
      file,
      String(runs),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        CRON_ENABLED: "false",
        LOG_LEVEL: "error",
        NEWSROOM_DEMO: "false",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(out.toString().trim().split("\n").pop()!);
};

const cells = (m: Measurement) => [
  m.ms.toFixed(0),
  m.cpu.toFixed(2),
  `${m.peakAddedMb.toFixed(0)} MB`,
  `${(m.bytes / 1e6).toFixed(2)} MB`,
];

const main = async () => {
  await ensureInputs();
  const upload: Array<Array<string | number>> = [];
  const plan: Array<Array<string | number>> = [];
  // ONLY=orientation,CMYK narrows the inputs; PART=upload or PART=plan runs one half.
  const only = process.env.ONLY?.split(",").map((o) => o.trim().toLowerCase());
  const part = process.env.PART;
  for (const input of INPUTS.filter(
    (i) => !only || only.some((o) => i.name.toLowerCase().includes(o)),
  )) {
    const file = path.join(INPUT_DIR, input.file);
    process.stderr.write(`${input.name}…\n`);
    if (part !== "plan") {
      const strapi = measure("strapi", file);
      const naive = measure("naive", file);
      const ours = measure("newsroom-strapi-set", file);
      upload.push([
        input.name,
        "1. Strapi 5.54 upload processing",
        ...cells(strapi),
        "1.00×",
      ]);
      upload.push([
        input.name,
        "2. naive: one sharp(source) per output",
        ...cells(naive),
        `${(strapi.ms / naive.ms).toFixed(2)}×`,
      ]);
      upload.push([
        input.name,
        "3. newsroom, same output set",
        ...cells(ours),
        `${(strapi.ms / ours.ms).toFixed(2)}×`,
      ]);
    }
    if (part === "upload") continue;

    const floor = measure("floor-plan", file);
    const single = measure("newsroom-plan", file);
    const perOutput = measure("newsroom-plan-per-output", file);
    plan.push([
      input.name,
      "5. floor: one decode + the encodes alone",
      ...cells(floor),
      "1.00×",
    ]);
    plan.push([
      input.name,
      "4. newsroom plan, one decode reused",
      ...cells(single),
      `${(single.ms / floor.ms).toFixed(2)}×`,
    ]);
    plan.push([
      input.name,
      "4b. newsroom plan, shrink-on-load per output",
      ...cells(perOutput),
      `${(perOutput.ms / floor.ms).toFixed(2)}×`,
    ]);
  }
  console.log(
    `\nUpload step (${runs} runs each, median; peak RSS above the process's resting RSS)\n`,
  );
  printTable(
    [
      "input",
      "variant",
      "ms/image",
      "CPU s",
      "peak RSS",
      "bytes out",
      "speed vs Strapi",
    ],
    upload,
  );
  console.log(
    `\nNewsroom rendition plan (${runs} runs each, median): 4 frames × up to 5 widths × AVIF/WebP/JPEG\n`,
  );
  printTable(
    [
      "input",
      "variant",
      "ms/image",
      "CPU s",
      "peak RSS",
      "bytes out",
      "time vs floor",
    ],
    plan,
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

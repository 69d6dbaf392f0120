/**
 * `seams sweep <file> --component id --max M [--trials N] [--seed S] [--workers W] [--json]`: the
 * interoperability sweep (SPEC §5) — the model with the component replicated N = 1…M times, and for
 * each N the reliability, coupling and security headline figures, with their intervals.
 */
import { coupling, simulateSecurity } from "../engine/index.ts";
import { replicate } from "../model/index.ts";
import {
  type CliOptions,
  componentOption,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  TRIALS_OPTION,
  WORKERS_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysisError, assertFinite, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { formatEnUs } from "./numbers.ts";
import { QUEUE_OPTIONS, QUEUE_USAGE, queueOption, simulateOnQueue } from "./queue.ts";
import { runOnPool } from "./simulate.ts";

const SECURITY_TRIALS = 5_000;

const OPTIONS = {
  component: { type: "string" },
  max: { type: "string", wholeNumber: [1, 50], default: "5" },
  trials: TRIALS_OPTION,
  seed: SEED_OPTION,
  workers: WORKERS_OPTION,
  json: JSON_OPTION,
  ...QUEUE_OPTIONS,
} as const satisfies CliOptions;

const USAGE = `Usage: seams sweep <file> --component id [--max M] [--trials N] [--seed S] [--workers W] [--json] [--queue URL]

The interoperability sweep: the model with the component (and all its links) present N = 1…M
times — each copy a separate organisation, like N roaming partners or N CSMS vendors — and for each
N the reliability, coupling and security headline figures with their intervals.
  --component id  the component to replicate (required)
  --max M         largest N (default 5, at most 50)
  --trials N      reliability trials per N (default: the model's, at most 100000); security: 5000
  --json          {component, trials, seed, rows: [{n, reliability, coupling, security}]}
${QUEUE_USAGE} (for each N)

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`;

export const sweepCommand = defineCommand({ name: "sweep", usage: USAGE, options: OPTIONS, run: sweep });

async function sweep(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const { component } = args.values;
  if (component === undefined) throw usageError("--component id is required: the component to replicate");
  const max = wholeNumber(args, "max");
  const trialsFlag = wholeNumber(args, "trials");
  const seedFlag = wholeNumber(args, "seed");
  const workers = wholeNumber(args, "workers");
  const queue = queueOption(args);
  const parts = wholeNumber(args, "parts");
  const model = await loadModel(file);
  componentOption(model, file, "component", component);
  const trials = trialsFlag ?? Math.min(model.settings.trials, 100_000);
  const seed = seedFlag ?? model.settings.seed;
  const rows = [];
  try {
    for (let n = 1; n <= max; n++) {
      const m = replicate(model, component, n);
      const r =
        queue === undefined
          ? await runOnPool(m, trials, seed, workers)
          : await simulateOnQueue(queue, m, trials, seed, parts, (line) => printLines(io.stderr, [line]));
      const k = coupling(m).model;
      const sec = simulateSecurity(m, SECURITY_TRIALS, seed, { horizonDays: m.settings.horizonDays });
      rows.push({
        n,
        reliability: {
          unusableKw: r.system.unusableKw,
          systemicEvent: r.system.systemicEvent,
          phantomRate: r.system.phantomRate,
          seamShare: r.system.seamShare,
          seamCrossingShare: r.system.seamCrossingShare,
        },
        coupling: {
          integrations: k.integrations,
          seams: k.seams,
          seamRatio: k.seamRatio,
          tightCoupling: k.tightCoupling,
          cycles: k.cycles.length,
        },
        security: {
          controllableKw: { mean: sec.controllableKw.mean, ci95: sec.controllableKw.ci95 },
          pAboveThreshold: sec.controllableKw.pAboveThreshold,
        },
      });
    }
  } catch (error) {
    throw analysisError(file, error);
  }
  assertFinite(rows, file);
  if (args.values.json) {
    printJson(io, { component, trials, seed, rows });
    return;
  }
  printLines(io.stdout, [
    `${file}: ${component} replicated 1…${max} times, ${formatEnUs(trials)} trials each, seed ${seed}`,
    "   N  unusable kW  phantom rate  seam share  integrations  seams  controllable kW",
    ...rows.map(
      (r) =>
        `  ${String(r.n).padStart(2)}  ${r.reliability.unusableKw.mean.toFixed(1).padStart(11)}  ${(r.reliability.phantomRate.mean * 100).toFixed(3).padStart(10)} %  ${(r.reliability.seamShare.p * 100).toFixed(1).padStart(8)} %  ${String(r.coupling.integrations).padStart(12)}  ${String(r.coupling.seams).padStart(5)}  ${Math.round(r.security.controllableKw.mean).toString().padStart(15)}`,
    ),
  ]);
}

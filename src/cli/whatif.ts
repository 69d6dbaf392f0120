/**
 * `seams whatif <file> (--down id | --degraded id | --compromised id | --up id | --org-offline org)…
 * [--trials N] [--seed S] [--json]`: every headline figure against the baseline, from the same random
 * numbers (SPEC §6), with the paired 95 % interval of each change.
 */
import {
  type ForcedState,
  type PairedResult,
  simulateWhatIf,
  type WhatIf,
  WhatIfError,
} from "../engine/index.ts";
import {
  type CliOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  TRIALS_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysisError, assertFinite, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { formatEnUs } from "./numbers.ts";
import { deltaJson, driverChangeLines, runJson } from "./whatif-drivers.ts";

const STATES: ForcedState[] = ["down", "up", "degraded", "compromised"];

const OPTIONS = {
  down: { type: "string" },
  up: { type: "string" },
  degraded: { type: "string" },
  compromised: { type: "string" },
  "org-offline": { type: "string" },
  trials: TRIALS_OPTION,
  seed: SEED_OPTION,
  json: JSON_OPTION,
} as const satisfies Record<ForcedState, { type: "string" }> & CliOptions;

const USAGE = `Usage: seams whatif <file> [--down ids] [--degraded ids] [--compromised ids] [--up ids] [--org-offline orgs] [--trials N] [--seed S] [--json]

Forces components (comma-separated ids) down, degraded, compromised (down and silent) or up, or
organisations offline, and compares every headline figure with the baseline computed from the same
random numbers; each change has its paired 95 % interval and says when it is within the noise.
  --json    {trials, seed, whatIf, baseline, variant, delta: {unusableKw, seamKw, phantomRate, systemicEvent, chargers, components}}
            with the driver's view (SPEC §10) in each of baseline, variant and delta: ftcsr (start
            success, of attempts), demandSuccess (of intended visits), reportedUptime and trueUptime
            (of units); drivers: {id: {name, ftcsr, demandSuccess, seen, causes}}; chargers: {id:
            {ftcsr, demandSuccess, …}}. A driver change the engine does not pair is {mean, ci95: null,
            paired: false, baselineCi95, variantCi95}: the plain difference beside both intervals.

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (an unknown id).`;

export const whatifCommand = defineCommand({ name: "whatif", usage: USAGE, options: OPTIONS, run: whatif });

async function whatif(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const trialsFlag = wholeNumber(args, "trials");
  const seedFlag = wholeNumber(args, "seed");
  const w: WhatIf = { components: {}, orgsOffline: [] };
  for (const state of STATES) {
    const ids = args.values[state];
    if (ids !== undefined)
      for (const id of ids.split(",")) (w.components as Record<string, ForcedState>)[id.trim()] = state;
  }
  const orgs = args.values["org-offline"];
  if (orgs !== undefined) w.orgsOffline = orgs.split(",").map((o) => o.trim());
  if (Object.keys(w.components ?? {}).length === 0 && (w.orgsOffline ?? []).length === 0) {
    throw usageError(
      "nothing to change: give --down, --up, --degraded, --compromised or --org-offline",
      "whatif",
    );
  }
  const model = await loadModel(file);
  const trials = trialsFlag ?? model.settings.trials;
  const seed = seedFlag ?? model.settings.seed;
  let r: PairedResult;
  try {
    r = simulateWhatIf(model, w, trials, seed);
  } catch (error) {
    if (error instanceof WhatIfError) throw usageError(`${file}: ${error.message}`);
    throw analysisError(file, error);
  }
  assertFinite(r, file);
  if (args.values.json) {
    printJson(io, {
      trials,
      seed,
      whatIf: w,
      baseline: runJson(r.baseline),
      variant: runJson(r.variant),
      delta: deltaJson(r),
    });
    return;
  }
  const d = r.delta;
  const f = (x: number, digits: number) => x.toFixed(digits);
  const line = (name: string, a: number, b: number, e: typeof d.unusableKw, digits: number) =>
    `  ${name.padEnd(20)} ${f(a, digits).padStart(10)} → ${f(b, digits).padStart(10)}   Δ ${f(e.mean, digits)} [${f(e.ci95[0], digits)}, ${f(e.ci95[1], digits)}]${e.significant ? "" : "  (within the noise)"}`;
  printLines(io.stdout, [
    `${file}: ${formatEnUs(trials)} trials, seed ${seed}, same random numbers for both`,
    line("unusable kW", r.baseline.system.unusableKw.mean, r.variant.system.unusableKw.mean, d.unusableKw, 1),
    line(
      "P(systemic event)",
      r.baseline.system.systemicEvent.p,
      r.variant.system.systemicEvent.p,
      d.systemicEvent,
      5,
    ),
    line(
      "phantom rate",
      r.baseline.system.phantomRate.mean,
      r.variant.system.phantomRate.mean,
      d.phantomRate,
      5,
    ),
    line(
      "seam-failure kW",
      r.baseline.system.unusableKw.mean * r.baseline.system.seamShare.p,
      r.variant.system.unusableKw.mean * r.variant.system.seamShare.p,
      d.seamKw,
      1,
    ),
    ...driverChangeLines(r),
  ]);
}

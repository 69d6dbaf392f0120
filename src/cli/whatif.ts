/**
 * `seams whatif <file> (--down id | --degraded id | --compromised id | --up id | --org-offline org)…
 * [--trials N] [--seed S] [--json]`: every headline figure against the baseline, from the same random
 * numbers (SPEC §6), with the paired 95 % interval of each change.
 */
import type { PairedResult } from "../engine/paired.ts";
import { type ForcedState, simulateWhatIf, type WhatIf, WhatIfError } from "../engine/whatif.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysisError, usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";

const STATES: ForcedState[] = ["down", "up", "degraded", "compromised"];

export async function whatif(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(
    argv,
    {
      down: "string",
      up: "string",
      degraded: "string",
      compromised: "string",
      "org-offline": "string",
      trials: "string",
      seed: "string",
      json: "boolean",
    },
    "whatif",
  );
  const file = onlyFile(args.positionals, "whatif");
  const trialsFlag = integerFlag(args, "trials", 1, 100_000_000);
  const seedFlag = integerFlag(args, "seed", 0, 0xffff_ffff);
  const w: WhatIf = { components: {}, orgsOffline: [] };
  for (const state of STATES) {
    const ids = args.flags.get(state);
    if (typeof ids === "string")
      for (const id of ids.split(",")) (w.components as Record<string, ForcedState>)[id.trim()] = state;
  }
  const orgs = args.flags.get("org-offline");
  if (typeof orgs === "string") w.orgsOffline = orgs.split(",").map((o) => o.trim());
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
  if (args.flags.has("json")) {
    printLines(io.stdout, [
      JSON.stringify(
        { trials, seed, whatIf: w, baseline: r.baseline.system, variant: r.variant.system, delta: r.delta },
        null,
        2,
      ),
    ]);
    return;
  }
  const d = r.delta;
  const f = (x: number, digits: number) => x.toFixed(digits);
  const line = (name: string, a: number, b: number, e: typeof d.unusableKw, digits: number) =>
    `  ${name.padEnd(20)} ${f(a, digits).padStart(10)} → ${f(b, digits).padStart(10)}   Δ ${f(e.mean, digits)} [${f(e.ci95[0], digits)}, ${f(e.ci95[1], digits)}]${e.significant ? "" : "  (within the noise)"}`;
  printLines(io.stdout, [
    `${file}: ${trials.toLocaleString("en-US")} trials, seed ${seed}, same random numbers for both`,
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
  ]);
}

/**
 * `seams sweep <file> --component id --max M [--trials N] [--seed S] [--workers W] [--json]`: the
 * interoperability sweep (SPEC §5) — the model with the component replicated N = 1…M times, and for
 * each N the reliability, coupling and security headline figures, with their intervals.
 */
import { coupling } from "../engine/coupling.ts";
import { simulateSecurity } from "../engine/security.ts";
import { replicate } from "../model/index.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysisError, usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { runOnPool } from "./simulate.ts";

const SECURITY_TRIALS = 5_000;

export async function sweep(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(
    argv,
    {
      component: "string",
      max: "string",
      trials: "string",
      seed: "string",
      workers: "string",
      json: "boolean",
    },
    "sweep",
  );
  const file = onlyFile(args.positionals, "sweep");
  const component = args.flags.get("component");
  if (typeof component !== "string")
    throw usageError("--component id is required: the component to replicate");
  const max = integerFlag(args, "max", 1, 50) ?? 5;
  const trialsFlag = integerFlag(args, "trials", 1, 100_000_000);
  const seedFlag = integerFlag(args, "seed", 0, 0xffff_ffff);
  const workers = integerFlag(args, "workers", 1, 256);
  const model = await loadModel(file);
  if (!model.components.some((c) => c.id === component)) {
    throw usageError(`--component: no component "${component}" in ${file}`);
  }
  const trials = trialsFlag ?? Math.min(model.settings.trials, 100_000);
  const seed = seedFlag ?? model.settings.seed;
  const rows = [];
  try {
    for (let n = 1; n <= max; n++) {
      const m = replicate(model, component, n);
      const r = await runOnPool(m, trials, seed, workers);
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
  if (args.flags.has("json")) {
    printLines(io.stdout, [JSON.stringify({ component, trials, seed, rows }, null, 2)]);
    return;
  }
  printLines(io.stdout, [
    `${file}: ${component} replicated 1…${max} times, ${trials.toLocaleString("en-US")} trials each, seed ${seed}`,
    "   N  unusable kW  phantom rate  seam share  integrations  seams  controllable kW",
    ...rows.map(
      (r) =>
        `  ${String(r.n).padStart(2)}  ${r.reliability.unusableKw.mean.toFixed(1).padStart(11)}  ${(r.reliability.phantomRate.mean * 100).toFixed(3).padStart(10)} %  ${(r.reliability.seamShare.p * 100).toFixed(1).padStart(8)} %  ${String(r.coupling.integrations).padStart(12)}  ${String(r.coupling.seams).padStart(5)}  ${Math.round(r.security.controllableKw.mean).toString().padStart(15)}`,
    ),
  ]);
}

/**
 * `seams security <file> [--horizon-days D] [--trials N] [--seed S] [--start id] [--json]`: the
 * weakest-link attack Monte Carlo of SPEC §4, batch by batch in this process (batches use their own
 * random streams, so the numbers are the ones any split of batches would give).
 */
import { simulateSecurity } from "../engine/security.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysed, usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";

const DEFAULT_TRIALS = 20_000;

export async function security(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(
    argv,
    {
      "horizon-days": "string",
      trials: "string",
      seed: "string",
      start: "string",
      target: "string",
      json: "boolean",
    },
    "security",
  );
  const file = onlyFile(args.positionals, "security");
  const trialsFlag = integerFlag(args, "trials", 1, 100_000_000);
  const seedFlag = integerFlag(args, "seed", 0, 0xffff_ffff);
  const rawHorizon = args.flags.get("horizon-days");
  const horizonFlag = rawHorizon === undefined ? undefined : Number(rawHorizon);
  if (horizonFlag !== undefined && !(Number.isFinite(horizonFlag) && horizonFlag > 0)) {
    throw usageError(`--horizon-days: expected a number of days greater than 0, got "${rawHorizon}"`);
  }
  const model = await loadModel(file);
  const start = args.flags.get("start");
  if (typeof start === "string" && !model.components.some((c) => c.id === start)) {
    throw usageError(`--start: no component "${start}" in ${file}`);
  }
  const target = args.flags.get("target");
  if (typeof target === "string" && !model.components.some((c) => c.id === target)) {
    throw usageError(`--target: no component "${target}" in ${file}`);
  }
  const horizonDays = horizonFlag ?? model.settings.horizonDays;
  const trials = trialsFlag ?? DEFAULT_TRIALS;
  const seed = seedFlag ?? model.settings.seed;
  const result = await analysed(file, () =>
    simulateSecurity(model, trials, seed, {
      horizonDays,
      ...(typeof start === "string" ? { start } : {}),
      ...(typeof target === "string" ? { target } : {}),
    }),
  );
  if (args.flags.has("json")) {
    printLines(io.stdout, [JSON.stringify(result, null, 2)]);
    return;
  }
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const kw = result.controllableKw;
  const ci = (lo: number, hi: number) => `(95% CI ${Math.round(lo)} – ${Math.round(hi)})`;
  const exposed = Object.entries(result.components)
    .sort((a, b) => b[1].compromised.p - a[1].compromised.p)
    .slice(0, 6);
  printLines(io.stdout, [
    `${file}: ${trials.toLocaleString("en-US")} attack trials, seed ${seed}, horizon ${horizonDays} days`,
    `  attacker-controllable power  ${Math.round(kw.mean)} kW of ${Math.round(kw.totalKw)} kW ${ci(kw.ci95[0], kw.ci95[1])}`,
    `  P(≥ ${kw.thresholdKw / 1000} MW)                 ${kw.pAboveThreshold.p.toFixed(4)}`,
    "",
    "  weakest entries (kW compromised through them, share)",
    ...result.entries
      .slice(0, 5)
      .map(
        (e) => `    ${e.id} (${names.get(e.id)})  ${Math.round(e.kw)} kW  ${(e.share * 100).toFixed(1)} %`,
      ),
    "  chokepoint links",
    ...result.chokepoints
      .slice(0, 5)
      .map((e) => `    ${e.id}  ${Math.round(e.kw)} kW  ${(e.share * 100).toFixed(1)} %`),
    ...(result.criticalPath
      ? [
          `  most frequent attack path to ${result.criticalPath.target} (${(result.criticalPath.share.p * 100).toFixed(1)} % of its compromises)`,
          `    ${[result.criticalPath.entry, ...result.criticalPath.links].join(" → ")}`,
        ]
      : []),
    "  most exposed components, P(compromised within the horizon), median days",
    ...exposed.map(
      ([id, c]) =>
        `    ${id} (${names.get(id)})  ${c.compromised.p.toFixed(3)}  ${c.ttcDays.p50 ?? "never"} d`,
    ),
  ]);
}

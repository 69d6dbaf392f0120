/**
 * `seams importance <file> [--method exact|monte-carlo] [--trials N] [--seed S] [--top K] [--json]`:
 * Birnbaum, Fussell–Vesely, RAW and RRW per component for "charger site usable", summed over sites
 * in kW (SPEC §6) — exact from the fault trees when the requirements are acyclic, else Monte Carlo
 * with common random numbers.
 */
import { importance as computeImportance } from "../engine/index.ts";
import {
  type CliOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysed, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { importanceOnQueue, QUEUE_OPTIONS, QUEUE_USAGE, queueOption } from "./queue.ts";
import { componentLabel } from "./report.ts";

const OPTIONS = {
  method: { type: "string" },
  trials: { type: "string", wholeNumber: [1, 10_000_000] },
  seed: SEED_OPTION,
  top: { type: "string", wholeNumber: [1, 100_000], default: "10" },
  json: JSON_OPTION,
  ...QUEUE_OPTIONS,
} as const satisfies CliOptions;

const USAGE = `Usage: seams importance <file> [--method exact|monte-carlo] [--trials N] [--seed S] [--top K] [--json] [--queue URL]

Importance of each component for "charger site usable", summed over sites in kW: Birnbaum (kW per
unit of unavailability), Fussell–Vesely, RAW, RRW, the kW its own failures cost ("kW saved" if it
never failed) and what a redundant twin would save. Exact (fault trees, BDD) when requirements are
acyclic, else Monte Carlo with common random numbers (forced up vs forced down, paired).
  --method M   exact or monte-carlo (default: exact when possible)
  --trials N   Monte Carlo trials per component (default 50000)
  --top K      rows printed (default 10)
  --json       {method, note, expectedKw, components: [{id, birnbaum, fussellVesely, raw, rrw, savedKw, …}], chargers}
${QUEUE_USAGE} (importance is one job)

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`;

export const importanceCommand = defineCommand({
  name: "importance",
  usage: USAGE,
  options: OPTIONS,
  run: importance,
});

async function importance(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const { method } = args.values;
  if (method !== undefined && method !== "exact" && method !== "monte-carlo") {
    throw usageError(`--method: expected exact or monte-carlo, got "${method}"`, "importance");
  }
  const trials = wholeNumber(args, "trials");
  const seed = wholeNumber(args, "seed");
  const top = wholeNumber(args, "top");
  const queue = queueOption(args);
  const model = await loadModel(file);
  const result = await analysed(file, () =>
    queue === undefined
      ? computeImportance(model, { method, trials, seed })
      : importanceOnQueue(queue, model, { method, trials, seed }, (line) => printLines(io.stderr, [line])),
  );
  if (args.values.json) {
    printJson(io, result);
    return;
  }
  const rows = result.components.slice(0, top);
  const label = componentLabel(model);
  const width = Math.max(10, ...rows.map((r) => label(r.id).length));
  const kw = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
  printLines(io.stdout, [
    `${file}: expected unusable ${kw(result.expectedKw.mean)} kW — ${result.method === "exact" ? "exact" : "Monte Carlo"}: ${result.note}`,
    "",
    `  ${"component".padEnd(width)}  ${"kW saved".padStart(9)}  ${"twin saves".padStart(10)}  ${"Birnbaum kW".padStart(11)}  ${"FV".padStart(6)}  ${"RAW".padStart(7)}  ${"RRW".padStart(6)}`,
    ...rows.map(
      (r) =>
        `  ${label(r.id).padEnd(width)}  ${kw(r.savedKw).padStart(9)}  ${kw(r.redundancyKw).padStart(10)}  ${kw(r.birnbaum).padStart(11)}  ${r.fussellVesely.toFixed(3).padStart(6)}  ${r.raw.toFixed(2).padStart(7)}  ${r.rrw.toFixed(3).padStart(6)}`,
    ),
  ]);
}

/**
 * `seams importance <file> [--method exact|monte-carlo] [--trials N] [--seed S] [--top K] [--json]`:
 * Birnbaum, Fussell–Vesely, RAW and RRW per component for "charger site usable", summed over sites
 * in kW (SPEC §6) — exact from the fault trees when the requirements are acyclic, else Monte Carlo
 * with common random numbers.
 */
import { importance as computeImportance } from "../engine/importance.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysed, usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";

export async function importance(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(
    argv,
    { method: "string", trials: "string", seed: "string", top: "string", json: "boolean" },
    "importance",
  );
  const file = onlyFile(args.positionals, "importance");
  const method = args.flags.get("method");
  if (method !== undefined && method !== "exact" && method !== "monte-carlo") {
    throw usageError(`--method: expected exact or monte-carlo, got "${method}"`, "importance");
  }
  const trials = integerFlag(args, "trials", 1, 10_000_000);
  const seed = integerFlag(args, "seed", 0, 0xffff_ffff);
  const top = integerFlag(args, "top", 1, 100_000) ?? 10;
  const model = await loadModel(file);
  const result = await analysed(file, () => computeImportance(model, { method, trials, seed }));
  if (args.flags.has("json")) {
    printLines(io.stdout, [JSON.stringify(result, null, 2)]);
    return;
  }
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const rows = result.components.slice(0, top);
  const label = (id: string) => `${id} (${names.get(id)})`;
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

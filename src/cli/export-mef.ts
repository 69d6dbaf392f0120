/**
 * `seams export-mef <file> --outcome <chargerId> [--out file.xml] [--json]`: "charger site c
 * unusable" as an Open-PSA MEF fault tree (SPEC §6), for SCRAM or any Open-PSA tool.
 */
import { writeFile } from "node:fs/promises";
import { FaultTreeError } from "../engine/faulttree.ts";
import { exactImportance } from "../engine/importance-exact.ts";
import { exportMef } from "../engine/mef.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysisError, usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";

export async function exportMefCommand(argv: readonly string[], io: CliIo): Promise<void> {
  // exact: --trials and --seed are accepted (SPEC §8: every command takes them) and change nothing
  const args = parseArgs(
    argv,
    { outcome: "string", out: "string", json: "boolean", trials: "string", seed: "string" },
    "export-mef",
  );
  integerFlag(args, "trials", 1, 100_000_000);
  integerFlag(args, "seed", 0, 0xffff_ffff);
  const file = onlyFile(args.positionals, "export-mef");
  const outcome = args.flags.get("outcome");
  const model = await loadModel(file);
  const chargers = model.components.filter((c) => c.type === "charger").map((c) => c.id);
  if (typeof outcome !== "string") {
    throw usageError(
      `--outcome <chargerId> is needed; the charger sites of ${file}: ${list(chargers)}`,
      "export-mef",
    );
  }
  if (!chargers.includes(outcome)) {
    throw usageError(
      `--outcome: "${outcome}" is not a charger site of ${file}; its charger sites: ${list(chargers)}`,
    );
  }
  let xml: string;
  let probability: number;
  try {
    xml = exportMef(model, outcome, { title: model.name });
    probability = exactImportance(model).unusable[outcome];
  } catch (error) {
    if (error instanceof FaultTreeError) throw analysisError(file, error);
    throw error;
  }
  const out = args.flags.get("out");
  if (typeof out === "string") {
    try {
      await writeFile(out, xml);
    } catch (error) {
      throw usageError(
        `--out: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (args.flags.has("json")) {
    printLines(io.stdout, [
      JSON.stringify(
        { outcome, probability, ...(typeof out === "string" ? { file: out } : { xml }) },
        null,
        2,
      ),
    ]);
    return;
  }
  if (typeof out === "string") {
    printLines(io.stdout, [
      `${out}: fault tree of "${outcome} unusable", P = ${probability.toPrecision(6)} (exact)`,
    ]);
    return;
  }
  io.stdout(xml);
}

function list(ids: string[]): string {
  return ids.length > 12 ? `${ids.slice(0, 12).join(", ")}, … (${ids.length})` : ids.join(", ") || "none";
}

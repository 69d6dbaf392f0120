/**
 * `seams export-mef <file> --outcome <chargerId> [--out file.xml] [--json]`: "charger site c
 * unusable" as an Open-PSA MEF fault tree (SPEC §6), for SCRAM or any Open-PSA tool.
 */
import { writeFile } from "node:fs/promises";
import { exactImportance, exportMef, FaultTreeError } from "../engine/index.ts";
import {
  type CliOptions,
  checkUnusedRunOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  UNUSED_RUN_OPTIONS,
} from "./args.ts";
import { analysisError, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";

// exact: --trials and --seed are accepted (SPEC §8: every command takes them) and change nothing
const OPTIONS = {
  outcome: { type: "string" },
  out: { type: "string" },
  json: JSON_OPTION,
  ...UNUSED_RUN_OPTIONS,
} as const satisfies CliOptions;

const USAGE = `Usage: seams export-mef <file> --outcome <chargerId> [--out file.xml] [--json]

Writes "charger site <chargerId> unusable" as an Open-PSA Model Exchange Format fault tree: basic
events for intrinsic unavailabilities, common causes, outage ages against cache TTLs and call
timeouts; OR gates for requirements, atleast gates for k-of-n groups. SCRAM reproduces Seams' exact
probability: scram --probability true --importance true file.xml
  --out F   write the XML to F (default: stdout)
  --json    {outcome, probability, xml | file}

Exit codes: 0 ok, 1 the model has cyclic requirements (no fault tree), 2 invalid input.`;

export const exportMefCommand = defineCommand({
  name: "export-mef",
  usage: USAGE,
  options: OPTIONS,
  run: exportMefFile,
});

async function exportMefFile(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  checkUnusedRunOptions(args);
  const file = onlyFile(args);
  const { outcome, out } = args.values;
  const model = await loadModel(file);
  const chargers = model.components.filter((c) => c.type === "charger").map((c) => c.id);
  if (outcome === undefined) {
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
  if (out !== undefined) {
    try {
      await writeFile(out, xml);
    } catch (error) {
      throw usageError(
        `--out: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (args.values.json) {
    printJson(io, { outcome, probability, ...(out !== undefined ? { file: out } : { xml }) });
    return;
  }
  if (out !== undefined) {
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

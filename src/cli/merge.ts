/** `seams merge <model> <shard>... [--json]`: the result of a run split with `simulate --shard i/n`. */
import { type CliOptions, defineCommand, JSON_OPTION, type ParsedArgs } from "./args.ts";
import { usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel, readTextFile } from "./load.ts";
import { formatReliability } from "./report.ts";
import { mergeShards } from "./shard.ts";

const MAX_SHARD_BYTES = 512 * 1024 * 1024;

const OPTIONS = { json: JSON_OPTION } as const satisfies CliOptions;

const USAGE = `Usage: seams merge <model file> <shard file>... [--json]

Adds the parts of a run split with \`seams simulate <file> --shard i/n\` (any order, each once) in
batch order and prints the result, identical to the unsplit run.

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (a missing or foreign shard).`;

export const mergeCommand = defineCommand({ name: "merge", usage: USAGE, options: OPTIONS, run: merge });

async function merge(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const [file, ...shardFiles] = args.positionals;
  if (file === undefined || shardFiles.length === 0) {
    throw usageError(
      "merge needs the model file and the shard files: seams merge model.seams.json part-*.json",
      "merge",
    );
  }
  const model = await loadModel(file);
  const parts = [];
  for (const shardFile of shardFiles) {
    const text = await readTextFile(shardFile, MAX_SHARD_BYTES);
    let shard: unknown;
    try {
      shard = JSON.parse(text);
    } catch (error) {
      throw usageError(`${shardFile}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    parts.push({ file: shardFile, shard });
  }
  const result = mergeShards(model, parts);
  if (args.values.json) printJson(io, result);
  else printLines(io.stdout, [formatReliability(file, model, result)]);
}

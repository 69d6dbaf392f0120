/** `seams merge <model> <shard>... [--json]`: the result of a run split with `simulate --shard i/n`. */
import { parseArgs } from "./args.ts";
import { usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel, readTextFile } from "./load.ts";
import { formatReliability } from "./report.ts";
import { mergeShards } from "./shard.ts";

const MAX_SHARD_BYTES = 512 * 1024 * 1024;

export async function merge(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(argv, { json: "boolean" }, "merge");
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
  printLines(io.stdout, [
    args.flags.has("json") ? JSON.stringify(result, null, 2) : formatReliability(file, model, result),
  ]);
}

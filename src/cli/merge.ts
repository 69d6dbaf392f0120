/** `seams merge <model> <shard>... [--json]`: the result of a run split with `simulate --shard i/n`. */
import { type CliOptions, defineCommand, JSON_OPTION, type ParsedArgs } from "./args.ts";
import { usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel, readTextFile } from "./load.ts";
import { formatReliability } from "./report.ts";
import { type CheckedShard, mergeShards, SHARD_FORMAT, shardRun } from "./shard.ts";
import { checkShard } from "./shard-check.ts";

const MAX_SHARD_BYTES = 512 * 1024 * 1024;

const OPTIONS = { json: JSON_OPTION } as const satisfies CliOptions;

const USAGE = `Usage: seams merge <model file> <shard file>... [--json]

Adds the parts of a run split with \`seams simulate <file> --shard i/n\` (any order, each once) in
batch order and prints the result, identical to the unsplit run.

Each shard file ("format": "${SHARD_FORMAT}") carries a fingerprint of the model, trials and seed it
was run with; merge checks it and every number in the file before using any, and refuses a shard of
another model or run, a missing or repeated shard, and anything malformed or out of range, naming
the file and why. Shards written before fingerprints ("seams-shard/1") are refused: run them again.

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (a shard that does not match or is malformed).`;

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
  const run = shardRun(model);
  const shards: CheckedShard[] = [];
  // one file's JSON at a time: each is checked and kept as typed arrays only
  for (const shardFile of shardFiles) {
    const text = await readTextFile(shardFile, MAX_SHARD_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw usageError(`${shardFile}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    shards.push(checkShard(run, shardFile, json));
  }
  const result = mergeShards(run, shards);
  if (args.values.json) printJson(io, result);
  else printLines(io.stdout, [formatReliability(file, model, result)]);
}

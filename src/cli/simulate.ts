/**
 * `seams simulate <file>`: the reliability Monte Carlo (SPEC §3) on the Node worker pool. The pool
 * merges batch tallies in batch order, so stdout is the same whatever `--workers` is.
 */
import { batchCount, type ReliabilityResult } from "../engine/types.ts";
import type { Model } from "../model/index.ts";
import { integerFlag, onlyFile, parseArgs, shardFlag } from "./args.ts";
import { analysed } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { formatReliability } from "./report.ts";
import { runShard } from "./shard.ts";

/** The settings schema's bounds (src/model/schema.ts), so a flag accepts what a file may hold. */
const MAX_TRIALS = 100_000_000;
const MAX_SEED = 0xffff_ffff;
const MAX_WORKERS = 256;

/** Run the analysis and print its result, as JSON or as a short summary. */
export async function simulate(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(
    argv,
    { trials: "string", seed: "string", json: "boolean", workers: "string", shard: "string" },
    "simulate",
  );
  const file = onlyFile(args.positionals, "simulate");
  const trialsFlag = integerFlag(args, "trials", 1, MAX_TRIALS);
  const seedFlag = integerFlag(args, "seed", 0, MAX_SEED);
  const workersFlag = integerFlag(args, "workers", 1, MAX_WORKERS);
  const shard = shardFlag(args);
  const model = await loadModel(file);
  const trials = trialsFlag ?? model.settings.trials;
  const seed = seedFlag ?? model.settings.seed;
  if (shard !== undefined) {
    // one part of the run for `seams merge`: always JSON
    printLines(io.stdout, [JSON.stringify(runShard(model, trials, seed, shard.index, shard.count))]);
    return;
  }

  const result = await analysed(file, () => runOnPool(model, trials, seed, workersFlag));
  printLines(io.stdout, [
    args.flags.has("json") ? JSON.stringify(result, null, 2) : formatReliability(file, model, result),
  ]);
}

/** One run on a Node pool of `workers` threads (never more than there are batches). */
export async function runOnPool(
  model: Model,
  trials: number,
  seed: number,
  workers: number | undefined,
): Promise<ReliabilityResult> {
  // loaded here, not at the top: `validate` and `--help` need neither worker threads nor the engine
  const { createNodePool, defaultNodePoolSize } = await import("../../workers/node-pool.ts");
  const pool = createNodePool(Math.min(workers ?? defaultNodePoolSize(), batchCount(trials)));
  try {
    const final = await pool.runReliability(model, { revision: 1, trials, seed }, () => undefined);
    if (final === undefined) throw new Error("the run was cancelled");
    return final.result;
  } finally {
    pool.dispose();
  }
}

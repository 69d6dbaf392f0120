/**
 * `seams simulate <file>`: the reliability Monte Carlo (SPEC §3) on the Node worker pool. The pool
 * merges batch tallies in batch order, so stdout is the same whatever `--workers` is.
 */

import type { EnginePool } from "../../workers/schedule.ts";
import { batchCount, type ReliabilityResult } from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import {
  type CliOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  shardOption,
  TRIALS_OPTION,
  WORKERS_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysed } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { QUEUE_OPTIONS, QUEUE_USAGE, queueOption, simulateOnQueue } from "./queue.ts";
import { formatReliability } from "./report.ts";
import { runShard } from "./shard.ts";

const OPTIONS = {
  trials: TRIALS_OPTION,
  seed: SEED_OPTION,
  json: JSON_OPTION,
  workers: WORKERS_OPTION,
  shard: { type: "string" },
  ...QUEUE_OPTIONS,
} as const satisfies CliOptions;

const USAGE = `Usage: seams simulate <file> [--trials N] [--seed S] [--json] [--workers W] [--shard i/n | --queue URL]

Runs the reliability Monte Carlo on a pool of worker threads. The same model, trials and seed give
the same numbers whatever the number of workers.
  --trials N     trials to run (default: the model's settings.trials)
  --seed S       random seed, 0 to 4294967295 (default: the model's settings.seed)
  --json         print the full result as JSON (every estimate {p, ci95: [lo, hi]}), with the
                 driver's view (SPEC §10): system.{ftcsr, demandSuccess, seen, reportedUptime,
                 trueUptime}, chargers.{id}.{ftcsr, demandSuccess, seen, causes, reportedUptime,
                 trueUptime} and drivers: {id: {name, intended, ftcsr, demandSuccess, seen, causes:
                 {notShown, siteDown, noUnit, unitFault, auth, tooSlow, startFailure}, via}}; ftcsr
                 is start success (of attempts), demandSuccess of intended visits, uptimes of units
  --workers W    worker threads (default: one per core but one)
  --shard i/n    run only the i-th of n parts (0-based; n at most trials / 8192, rounded up) and
                 print its tallies as JSON, for seams merge; the merged result equals the whole run
${QUEUE_USAGE}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`;

export const simulateCommand = defineCommand({
  name: "simulate",
  usage: USAGE,
  options: OPTIONS,
  run: simulate,
});

/** Run the analysis and print its result, as JSON or as a short summary. */
async function simulate(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const trialsFlag = wholeNumber(args, "trials");
  const seedFlag = wholeNumber(args, "seed");
  const workersFlag = wholeNumber(args, "workers");
  const shard = shardOption(args);
  const queue = queueOption(args);
  const parts = wholeNumber(args, "parts");
  const model = await loadModel(file);
  const trials = trialsFlag ?? model.settings.trials;
  const seed = seedFlag ?? model.settings.seed;
  if (shard !== undefined) {
    // one part of the run for `seams merge`: always JSON
    printLines(io.stdout, [JSON.stringify(runShard(model, trials, seed, shard.index, shard.count))]);
    return;
  }

  const result = await analysed(file, () =>
    queue === undefined
      ? runOnPool(model, trials, seed, workersFlag)
      : simulateOnQueue(queue, model, trials, seed, parts, (line) => printLines(io.stderr, [line])),
  );
  if (args.values.json) printJson(io, result);
  else printLines(io.stdout, [formatReliability(file, model, result)]);
}

/**
 * One run on a Node pool of `workers` threads (never more than there are batches). A pool of one
 * computes on this thread instead (the in-process pool, same orchestration and same numbers):
 * nothing to share out, and no thread to start, to load the engine, to copy the model to and the
 * compiled model back from — most of a small run's time.
 */
export async function runOnPool(
  model: Model,
  trials: number,
  seed: number,
  workers: number | undefined,
): Promise<ReliabilityResult> {
  // loaded here, not at the top: `validate` and `--help` need neither worker threads nor the engine
  const { defaultNodePoolSize, stopEngineThreadsStartedEarly } = await import("../../workers/node-thread.ts");
  const size = Math.min(workers ?? defaultNodePoolSize(), batchCount(trials));
  let pool: EnginePool;
  if (size === 1) {
    stopEngineThreadsStartedEarly();
    pool = (await import("../../workers/inline-pool.ts")).createInlinePool(1);
  } else pool = (await import("../../workers/node-pool.ts")).createNodePool(size);
  try {
    const final = await pool.runReliability(model, { revision: 1, trials, seed }, () => undefined);
    if (final === undefined) throw new Error("the run was cancelled");
    return final.result;
  } finally {
    pool.dispose();
  }
}

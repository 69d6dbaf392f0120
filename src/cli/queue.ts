/**
 * Runs across machines on an existing job engine (SPEC §8): `--queue redis://…` on simulate, sweep,
 * security and importance puts the run's parts on the BullMQ queue "seams" as jobs, `seams worker`
 * processes on any machine compute them (queue-jobs.ts), and this side waits for every part and
 * merges them with the code `seams merge` uses — so the result equals the one-machine run.
 *
 * BullMQ (and ioredis under it) is loaded only here, when a queue is asked for.
 */
import type { ReliabilityResult, SecurityResult } from "../engine/index.ts";
import { batchCount, type ImportanceResult } from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import type { CliOption, CliOptions, ParsedArgs } from "./args.ts";
import { usageError } from "./errors.ts";
import type { QueueJobData } from "./queue-jobs.ts";
import { mergeSecurityShards, type SecurityRunOptions, securityBatchCount } from "./queue-security.ts";
import { type CheckedShard, mergeShards, shardRun } from "./shard.ts";
import { checkShard } from "./shard-check.ts";

/** The queue's name on the Redis server: workers and runs of every model share it. */
export const QUEUE_NAME = "seams";
/** Parts per run when --parts is not given (never more than the run has batches). */
export const DEFAULT_PARTS = 32;
/** A job whose processing throws is tried this many times in all (a dead worker's job: see worker.ts). */
export const JOB_ATTEMPTS = 3;

/** The option-table rows of the commands that take a queue. */
export const QUEUE_OPTIONS = {
  queue: { type: "string" },
  parts: { type: "string", wholeNumber: [1, 100_000] },
} as const satisfies CliOptions;

/** Their lines in a command's usage. */
export const QUEUE_USAGE = `  --queue URL    split the run into jobs on the BullMQ queue "${QUEUE_NAME}" at this Redis
                 (redis://[user:password@]host:port[/db]), computed by \`seams worker --queue URL\`
                 on any machine, then merged: the same numbers as one machine gives
  --parts N      jobs to split the run into with --queue (default ${DEFAULT_PARTS}; at most one per batch)`;

/** `--queue URL` checked (a redis:// or rediss:// URL), or undefined when not given. */
export function queueOption(args: ParsedArgs<{ queue: CliOption; shard?: CliOption }>): string | undefined {
  const raw = args.values.queue;
  if (raw === undefined) return undefined;
  if (args.values.shard !== undefined) {
    throw usageError(
      "--queue and --shard: give one (--queue makes and merges the shards itself)",
      args.command,
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(String(raw));
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "redis:" && url.protocol !== "rediss:") || url.hostname === "") {
    throw usageError(
      `--queue: expected a Redis URL such as redis://localhost:6379, got "${raw}"`,
      args.command,
    );
  }
  return String(raw);
}

/** The same URL without its password, for messages. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== "") parsed.password = "***";
  return parsed.href;
}

/**
 * Put `jobs` on the queue at `url`, wait until every one is computed, and resolve with their
 * results in order; a job that failed on every attempt rejects with the worker's reason.
 */
export async function runJobs(
  url: string,
  jobs: readonly QueueJobData[],
  log: (line: string) => void,
): Promise<unknown[]> {
  await checkReachable(url);
  const { Queue, QueueEvents } = await import("bullmq");
  const connection = { url };
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  try {
    // listening before the jobs exist, so no job can finish unseen
    await events.waitUntilReady();
    const added = await queue.addBulk(
      jobs.map((data) => ({
        name: data.kind,
        data,
        opts: {
          attempts: JOB_ATTEMPTS,
          backoff: { type: "exponential", delay: 1_000 },
          removeOnComplete: { age: 3_600 },
          removeOnFail: { age: 24 * 3_600 },
        },
      })),
    );
    log(
      `seams: ${jobs.length} jobs on ${displayUrl(url)} (queue "${QUEUE_NAME}"), waiting for seams worker…`,
    );
    let done = 0;
    try {
      return await Promise.all(
        added.map(async (job) => {
          const result = await job.waitUntilFinished(events);
          done += 1;
          if (done === jobs.length || done % Math.ceil(jobs.length / 4) === 0)
            log(`seams: ${done}/${jobs.length} jobs done`);
          return result;
        }),
      );
    } finally {
      // the results are read (or the run failed): what is left of this run goes from the queue
      await Promise.all(added.map((job) => job.remove().catch(() => undefined)));
    }
  } finally {
    await events.close();
    await queue.close();
  }
}

/** Fail at once, naming the server, when nothing answers at `url` (ioredis alone would retry forever). */
async function checkReachable(url: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause = "";
  probe.on("error", (error: Error) => {
    cause = error.message;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = cause || (error as Error).message;
    throw new Error(`cannot reach the queue's Redis at ${displayUrl(url)}: ${reason}`);
  } finally {
    probe.disconnect();
  }
}

/** Parts of a run with `batches` batches: --parts, or the default, never more than the batches. */
function partCount(parts: number | undefined, batches: number): number {
  return Math.max(1, Math.min(parts ?? DEFAULT_PARTS, batches));
}

/** `seams simulate --queue`: the reliability run as `--shard i/n` jobs, merged as `seams merge` does. */
export async function simulateOnQueue(
  url: string,
  model: Model,
  trials: number,
  seed: number,
  parts: number | undefined,
  log: (line: string) => void,
): Promise<ReliabilityResult> {
  const count = partCount(parts, batchCount(trials));
  const modelText = JSON.stringify(model);
  const jobs = Array.from({ length: count }, (_, index): QueueJobData => {
    return { kind: "simulate", modelText, trials, seed, index, count };
  });
  const results = await runJobs(url, jobs, log);
  const run = shardRun(model);
  const shards: CheckedShard[] = results.map((json, index) =>
    checkShard(run, `${displayUrl(url)} job ${index}/${count}`, json),
  );
  return mergeShards(run, shards);
}

/** `seams security --queue`: the attack Monte Carlo as parts of its batches, merged in batch order. */
export async function securityOnQueue(
  url: string,
  model: Model,
  options: SecurityRunOptions,
  parts: number | undefined,
  log: (line: string) => void,
): Promise<SecurityResult> {
  const count = partCount(parts, securityBatchCount(options.trials));
  const modelText = JSON.stringify(model);
  const jobs = Array.from({ length: count }, (_, index): QueueJobData => {
    return { kind: "security", modelText, options, index, count };
  });
  return mergeSecurityShards(model, options, await runJobs(url, jobs, log));
}

/** `seams importance --queue`: the whole analysis as one job (it is not split further). */
export async function importanceOnQueue(
  url: string,
  model: Model,
  options: { method?: "exact" | "monte-carlo"; trials?: number; seed?: number },
  log: (line: string) => void,
): Promise<ImportanceResult> {
  const [result] = await runJobs(
    url,
    [{ kind: "importance", modelText: JSON.stringify(model), ...options }],
    log,
  );
  return result as ImportanceResult;
}

/**
 * Splitting a `simulate` run across machines (SPEC §8): `--shard i/n` runs the i-th contiguous
 * range of batches and prints its per-batch tallies; `seams merge` adds the parts in batch order,
 * exactly as the pool does, so the merged result is identical to one `simulate` of the whole run.
 * (A batch engine such as a Kubernetes indexed Job runs one shard per index.)
 */

import { shardBatches } from "../../workers/schedule.ts";
import {
  batchCount,
  compileModel,
  createReliabilityTally,
  mergeReliabilityTally,
  type ReliabilityResult,
  type ReliabilityTally,
  runReliabilityBatch,
  summarizeReliability,
} from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { usageError } from "./errors.ts";

export const SHARD_FORMAT = "seams-shard/1";

/** One shard file: the run it belongs to and one tally per batch of its range. */
export interface ShardFile {
  format: typeof SHARD_FORMAT;
  trials: number;
  seed: number;
  shard: { index: number; count: number };
  batches: { first: number; end: number };
  tallies: Record<string, number | number[]>[];
}

function toPlain(t: ReliabilityTally): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const [key, value] of Object.entries(t)) {
    if (ArrayBuffer.isView(value)) out[key] = Array.from(value as Float64Array);
    else if (typeof value === "number") out[key] = value;
  }
  return out;
}

/** Run shard `index` of `count` of a run of `trials` trials with `seed`. */
export function runShard(
  model: Model,
  trials: number,
  seed: number,
  index: number,
  count: number,
): ShardFile {
  const compiled = compileModel(model);
  const { first, end } = shardBatches(trials, index, count);
  const tallies = [];
  for (let b = first; b < end; b++) {
    const t = createReliabilityTally(compiled);
    runReliabilityBatch(compiled, seed, b, trials, t);
    tallies.push(toPlain(t));
  }
  return { format: SHARD_FORMAT, trials, seed, shard: { index, count }, batches: { first, end }, tallies };
}

/** Merge shard files (any order) of one run into its result; every problem names the file. */
export function mergeShards(model: Model, parts: { file: string; shard: unknown }[]): ReliabilityResult {
  if (parts.length === 0) throw usageError("merge needs at least one shard file");
  const shards = parts.map(({ file, shard }) => {
    const s = shard as Partial<ShardFile>;
    if (s?.format !== SHARD_FORMAT || !Array.isArray(s.tallies) || !s.shard || !s.batches) {
      throw usageError(
        `${file}: not a shard file (expected "format": "${SHARD_FORMAT}" from simulate --shard)`,
      );
    }
    return { file, s: s as ShardFile };
  });
  const { trials, seed } = shards[0].s;
  const count = shards[0].s.shard.count;
  for (const { file, s } of shards) {
    if (s.trials !== trials || s.seed !== seed || s.shard.count !== count) {
      throw usageError(
        `${file}: belongs to another run (trials ${s.trials}, seed ${s.seed}, ${s.shard.count} shards)`,
      );
    }
  }
  shards.sort((a, b) => a.s.shard.index - b.s.shard.index);
  const indices = shards.map(({ s }) => s.shard.index);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !indices.includes(i));
  if (missing.length > 0 || indices.length !== count) {
    throw usageError(
      `shards of ${count}: missing ${missing.join(", ") || "none"}, given ${indices.join(", ")}`,
    );
  }
  const compiled = compileModel(model);
  const total = createReliabilityTally(compiled);
  let expected = 0;
  for (const { file, s } of shards) {
    if (s.batches.first !== expected || s.tallies.length !== s.batches.end - s.batches.first) {
      throw usageError(
        `${file}: batches ${s.batches.first}…${s.batches.end} do not follow on from ${expected}`,
      );
    }
    expected = s.batches.end;
    for (const plain of s.tallies) {
      const t = createReliabilityTally(compiled);
      for (const [key, value] of Object.entries(t)) {
        const given = plain[key];
        if (ArrayBuffer.isView(value)) {
          const array = value as Float64Array;
          if (!Array.isArray(given) || given.length !== array.length) {
            throw usageError(`${file}: tally "${key}" does not fit this model (another model's shard?)`);
          }
          array.set(given);
        }
      }
      t.trials = Number(plain.trials);
      mergeReliabilityTally(total, t);
    }
  }
  if (expected !== batchCount(trials))
    throw usageError(`the shards cover ${expected} of ${batchCount(trials)} batches`);
  return summarizeReliability(compiled, total, seed);
}

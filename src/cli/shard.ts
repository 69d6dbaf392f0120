/**
 * Splitting a `simulate` run across machines (SPEC §8): `--shard i/n` runs the i-th contiguous
 * range of batches and prints its per-batch tallies; `seams merge` adds the parts in batch order,
 * exactly as the pool does, so the merged result is identical to one `simulate` of the whole run.
 * (A batch engine such as a Kubernetes indexed Job runs one shard per index.)
 *
 * A shard file is input like any other: it carries a fingerprint of the model and of the options
 * that determine its numbers, and merge checks every shard (shard-check.ts) before using it.
 */
import { shardBatches } from "../../workers/schedule.ts";
import {
  BATCH_TRIALS,
  batchCount,
  type CompiledModel,
  compileModel,
  createReliabilityTally,
  mergeReliabilityTally,
  type ReliabilityResult,
  type ReliabilityTally,
  runReliabilityBatch,
  summarizeReliability,
  TALLY_LAYOUT_VERSION,
} from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { usageError } from "./errors.ts";

/** The shard file format; "seams-shard/1" had no fingerprint and is refused. */
export const SHARD_FORMAT = "seams-shard/2";
export const OLD_SHARD_FORMATS: readonly string[] = ["seams-shard/1"];

/** A batch's tally as JSON: the trial count and one array of numbers per tally array, in the engine's order. */
export type PlainTally = Record<string, number | number[]>;

/** One shard file: the run it belongs to and one tally per batch of its range. */
export interface ShardFile {
  format: typeof SHARD_FORMAT;
  /** SHA-256 (hex) of the model, the trials, the seed, the batch size and the tally layout. */
  fingerprint: string;
  trials: number;
  seed: number;
  shard: { index: number; count: number };
  batches: { first: number; end: number };
  tallies: PlainTally[];
}

/** The model compiled once, with what every shard of it is checked against. */
export interface ShardRun {
  model: Model;
  compiled: CompiledModel;
  /** SHA-256 (hex) of the model's canonical JSON. */
  modelHash: string;
  /** The tally arrays' names and lengths for this model, in the engine's order. */
  layout: [name: string, length: number][];
}

/** A shard that passed every check: its header and its tallies as the engine's typed arrays. */
export interface CheckedShard {
  file: string;
  trials: number;
  seed: number;
  index: number;
  count: number;
  tallies: ReliabilityTally[];
}

/** Compile `model` once and fingerprint it, for running or checking its shards. */
export function shardRun(model: Model): ShardRun {
  const compiled = compileModel(model);
  const layout = Object.entries(createReliabilityTally(compiled)).map(([name, value]): [string, number] => [
    name,
    typeof value === "number" ? 0 : value.length,
  ]);
  return { model, compiled, modelHash: sha256(canonicalJson(model)), layout };
}

/** The fingerprint of a run of `trials` trials with `seed` of this model (the same in every shard). */
export function runFingerprint(run: ShardRun, trials: number, seed: number): string {
  const options = {
    format: SHARD_FORMAT,
    batchTrials: BATCH_TRIALS,
    tally: run.layout,
    layoutVersion: TALLY_LAYOUT_VERSION,
    trials,
    seed,
  };
  return sha256(`${JSON.stringify(options)}\n${run.modelHash}`);
}

/** SHA-256 of `text` (UTF-8), in hex. */
export function sha256(text: string): string {
  // node:crypto fetched when first hashed, not imported: every start would load it (about 15 ms)
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * JSON with every object's keys sorted: the same model gives the same text whatever the key order
 * or layout of its file. (A validated model is at most 64 levels deep, so recursion is safe.)
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function toPlain(t: ReliabilityTally): PlainTally {
  const out: PlainTally = {};
  for (const [key, value] of Object.entries(t)) {
    if (ArrayBuffer.isView(value)) out[key] = Array.from(value as Float64Array);
    else if (typeof value === "number") out[key] = value;
  }
  return out;
}

/** Run shard `index` of `count` of a run of `trials` trials with `seed`; `count` at most the run's batches. */
export function runShard(
  model: Model,
  trials: number,
  seed: number,
  index: number,
  count: number,
): ShardFile {
  const batches = batchCount(trials);
  if (count > batches) {
    throw usageError(
      `--shard ${index}/${count}: a run of ${trials} trials has ${batches} batch${batches === 1 ? "" : "es"} ` +
        `of ${BATCH_TRIALS} trials; split it into at most ${batches} shards`,
      "simulate",
    );
  }
  const run = shardRun(model);
  const { first, end } = shardBatches(trials, index, count);
  const tallies = [];
  for (let b = first; b < end; b++) {
    const t = createReliabilityTally(run.compiled);
    runReliabilityBatch(run.compiled, seed, b, trials, t);
    tallies.push(toPlain(t));
  }
  return {
    format: SHARD_FORMAT,
    fingerprint: runFingerprint(run, trials, seed),
    trials,
    seed,
    shard: { index, count },
    batches: { first, end },
    tallies,
  };
}

/**
 * Merge checked shards (any order) of one run into its result: every shard of the same run, each
 * index once, none missing; every problem names the file.
 */
export function mergeShards(run: ShardRun, shards: readonly CheckedShard[]): ReliabilityResult {
  if (shards.length === 0) throw usageError("merge needs at least one shard file");
  const head = shards[0];
  const describe = (s: CheckedShard) => `trials ${s.trials}, seed ${s.seed}, ${s.count} shards`;
  const byIndex = new Map<number, CheckedShard>();
  for (const s of shards) {
    if (s.trials !== head.trials || s.seed !== head.seed || s.count !== head.count) {
      throw usageError(
        `${s.file}: belongs to another run (${describe(s)}) than ${head.file} (${describe(head)})`,
      );
    }
    const twin = byIndex.get(s.index);
    if (twin !== undefined) {
      throw usageError(`${s.file}: shard ${s.index}/${s.count} again (${twin.file} is shard ${s.index} too)`);
    }
    byIndex.set(s.index, s);
  }
  // count ≤ the run's batches (checked with the header), so this list is short
  const missing = Array.from({ length: head.count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw usageError(
      `shards of ${head.count}: missing ${missing.join(", ")} (given ${shards
        .map((s) => `${s.file} = ${s.index}`)
        .join(", ")})`,
    );
  }
  const total = createReliabilityTally(run.compiled);
  for (let i = 0; i < head.count; i++) {
    for (const t of byIndex.get(i)?.tallies ?? []) mergeReliabilityTally(total, t);
  }
  return summarizeReliability(run.compiled, total, head.seed);
}

/**
 * Shards of the attack Monte Carlo (`seams security --queue`): shard i of n runs its contiguous
 * range of security batches and returns one tally per batch; the parts are added in batch order,
 * exactly as `simulateSecurity` adds its batches, so the merged result is identical to one run.
 * Like a `simulate` shard (shard.ts), a part carries a fingerprint of the model and the options
 * that determine its numbers, and is checked against it before it is used.
 */
import {
  batchCount,
  compileSecurity,
  createSecurityTally,
  mergeSecurityTally,
  runSecurityBatch,
  SECURITY_BATCH_TRIALS,
  type SecurityResult,
  type SecurityTally,
  summarizeSecurity,
} from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { canonicalJson, sha256 } from "./shard.ts";

export const SECURITY_SHARD_FORMAT = "seams-security-shard/1";

/** What fixes a security run's numbers besides the model (SecurityOptions of the engine). */
export interface SecurityRunOptions {
  trials: number;
  seed: number;
  horizonDays: number;
  start?: string;
  target?: string;
}

/** A batch's tally as JSON: the trial count, each array in full, and the attack paths in order. */
interface PlainSecurityTally {
  trials: number;
  arrays: Record<string, number[]>;
  paths: [path: string, count: number][];
}

/** One part of a security run. */
export interface SecurityShard {
  format: typeof SECURITY_SHARD_FORMAT;
  fingerprint: string;
  shard: { index: number; count: number };
  batches: { first: number; end: number };
  tallies: PlainSecurityTally[];
}

/** Security batches of a run of `trials` trials. */
export function securityBatchCount(trials: number): number {
  return batchCount(trials, SECURITY_BATCH_TRIALS);
}

/** Batches [first, end) of part `index` of `count` (the same split as `--shard`). */
function partBatches(trials: number, index: number, count: number): { first: number; end: number } {
  const batches = securityBatchCount(trials);
  return {
    first: Math.floor((index * batches) / count),
    end: Math.floor(((index + 1) * batches) / count),
  };
}

/** SHA-256 (hex) of the model and every option that determines a security run's numbers. */
export function securityFingerprint(model: Model, options: SecurityRunOptions): string {
  const header = { format: SECURITY_SHARD_FORMAT, batchTrials: SECURITY_BATCH_TRIALS, ...options };
  return sha256(`${canonicalJson(header)}\n${canonicalJson(model)}`);
}

function engineOptions(options: SecurityRunOptions) {
  return {
    horizonDays: options.horizonDays,
    ...(options.start !== undefined ? { start: options.start } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
  };
}

/** Run part `index` of `count` of a security run: one plain tally per batch of its range. */
export function runSecurityShard(
  model: Model,
  options: SecurityRunOptions,
  index: number,
  count: number,
): SecurityShard {
  const compiled = compileSecurity(model, engineOptions(options));
  const { first, end } = partBatches(options.trials, index, count);
  const tallies: PlainSecurityTally[] = [];
  for (let b = first; b < end; b++) {
    const t = createSecurityTally(compiled);
    runSecurityBatch(compiled, options.seed, b, options.trials, t);
    const arrays: Record<string, number[]> = {};
    for (const [name, value] of Object.entries(t)) {
      if (value instanceof Float64Array) arrays[name] = Array.from(value);
    }
    tallies.push({ trials: t.trials, arrays, paths: [...t.paths] });
  }
  return {
    format: SECURITY_SHARD_FORMAT,
    fingerprint: securityFingerprint(model, options),
    shard: { index, count },
    batches: { first, end },
    tallies,
  };
}

/**
 * The result of a security run from its `count` parts (in part order); a part of another run, or
 * one whose tallies do not fit this model, is an Error naming the part.
 */
export function mergeSecurityShards(
  model: Model,
  options: SecurityRunOptions,
  parts: readonly unknown[],
): SecurityResult {
  const compiled = compileSecurity(model, engineOptions(options));
  const fingerprint = securityFingerprint(model, options);
  const total = createSecurityTally(compiled);
  parts.forEach((part, index) => {
    const shard = part as Partial<SecurityShard> | null;
    const where = `security part ${index}/${parts.length}`;
    if (shard?.format !== SECURITY_SHARD_FORMAT || shard.fingerprint !== fingerprint) {
      throw new Error(`${where}: not a part of this run (another model, options or seams version)`);
    }
    const { first, end } = partBatches(options.trials, index, parts.length);
    const tallies = Array.isArray(shard.tallies) ? shard.tallies : [];
    if (shard.batches?.first !== first || shard.batches.end !== end || tallies.length !== end - first) {
      throw new Error(`${where}: expected batches ${first}–${end - 1}`);
    }
    for (const plain of tallies) mergeSecurityTally(total, toTally(compiled, plain, where));
  });
  return summarizeSecurity(compiled, total, options.seed);
}

function toTally(
  compiled: ReturnType<typeof compileSecurity>,
  plain: PlainSecurityTally,
  where: string,
): SecurityTally {
  const t = createSecurityTally(compiled);
  if (!Number.isInteger(plain?.trials)) throw new Error(`${where}: a tally without its trial count`);
  t.trials = plain.trials;
  for (const [name, value] of Object.entries(t)) {
    if (!(value instanceof Float64Array)) continue;
    const numbers = plain.arrays?.[name];
    if (!Array.isArray(numbers) || numbers.length !== value.length) {
      throw new Error(`${where}: tally array "${name}" is not ${value.length} numbers long`);
    }
    value.set(numbers);
  }
  for (const [path, count] of plain.paths ?? []) t.paths.set(String(path), Number(count));
  return t;
}

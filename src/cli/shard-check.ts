/**
 * Checking a shard file before anything in it is used (SPEC §8, issue 19): the header against a
 * zod schema and against the run it claims (ranges read from the numbers alone, so a forged count
 * allocates nothing), the fingerprint against the model, then every tally's shape (zod) and every
 * number against what a batch of this model can produce. Each problem names the file and the
 * JSON path; a shard that passes merges into a result whose probabilities all lie in [0, 1].
 */
import { z } from "zod";
import { shardBatches } from "../../workers/schedule.ts";
import {
  BATCH_TRIALS,
  batchCount,
  createReliabilityTally,
  mergeReliabilityTally,
  type ReliabilityTally,
  summarizeReliability,
  trialsInBatch,
} from "../engine/index.ts";
import { MAX_SEED, MAX_TRIALS } from "./args.ts";
import { usageError } from "./errors.ts";
import {
  type CheckedShard,
  OLD_SHARD_FORMATS,
  runFingerprint,
  SHARD_FORMAT,
  type ShardRun,
} from "./shard.ts";
import {
  type Bound,
  type Bounds,
  FLOAT_SLACK,
  rangeText,
  type Scale,
  TALLY_BOUNDS,
  type TallyKey,
} from "./shard-bounds.ts";

/** `--shard i/n` allows n ≤ 100,000; a shard file's count is also at most its run's batches. */
const MAX_SHARDS = 100_000;

const HEADER = z.strictObject({
  format: z.literal(SHARD_FORMAT),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "expected 64 hexadecimal digits (SHA-256)"),
  trials: z.number().int().min(1).max(MAX_TRIALS),
  seed: z.number().int().min(0).max(MAX_SEED),
  shard: z.strictObject({
    index: z
      .number()
      .int()
      .min(0)
      .max(MAX_SHARDS - 1),
    count: z.number().int().min(1).max(MAX_SHARDS),
  }),
  batches: z.strictObject({
    first: z.number().int().min(0).max(batchCount(MAX_TRIALS)),
    end: z.number().int().min(0).max(batchCount(MAX_TRIALS)),
  }),
  // the elements are checked once their number is known to be right (an element check here would
  // walk a forged array of millions)
  tallies: z.custom<unknown[]>(Array.isArray, "expected an array with one tally per batch"),
});

/** A rejected shard: `file: path: why`. */
function shardError(file: string, path: string, why: string) {
  return usageError(path === "" ? `${file}: ${why}` : `${file}: ${path}: ${why}`);
}

/** `["tallies", 0, "functional"]` → `tallies[0].functional`. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

function zodError(file: string, prefix: string, error: z.ZodError) {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const path =
      prefix + (prefix !== "" && issue.path.length > 0 && typeof issue.path[0] !== "number" ? "." : "");
    const where = path + pathText(issue.path);
    return where === "" ? `${file}: ${issue.message}` : `${file}: ${where}: ${issue.message}`;
  });
  if (error.issues.length > 3) lines.push(`${file}: … and ${error.issues.length - 3} more problems`);
  return usageError(lines.join("\n"));
}

/** The zod schema of one batch's tally for this model: exactly its arrays, each of its length. */
function tallySchema(run: ShardRun) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, length] of run.layout) {
    shape[name] =
      name === "trials"
        ? z.number().int().min(1).max(BATCH_TRIALS)
        : z.custom<unknown[]>(
            (v) => Array.isArray(v) && v.length === length,
            `expected an array of ${length} numbers (this model's tally)`,
          );
  }
  return z.strictObject(shape);
}

/**
 * Check one parsed shard file against `run` (its model) and turn its tallies into the engine's;
 * anything wrong is a CliError (exit 2) naming the file, the JSON path and the problem.
 */
export function checkShard(run: ShardRun, file: string, json: unknown): CheckedShard {
  const format =
    typeof json === "object" && json !== null ? (json as { format?: unknown }).format : undefined;
  if (typeof format === "string" && OLD_SHARD_FORMATS.includes(format)) {
    throw shardError(
      file,
      "",
      `a "${format}" shard, from before shards carried a fingerprint of their model; ` +
        `run seams simulate --shard again with this version ("${SHARD_FORMAT}")`,
    );
  }
  if (format !== SHARD_FORMAT) {
    throw shardError(
      file,
      "",
      `not a shard file (expected "format": "${SHARD_FORMAT}", as written by seams simulate --shard i/n)`,
    );
  }
  const parsed = HEADER.safeParse(json);
  if (!parsed.success) throw zodError(file, "", parsed.error);
  const { trials, seed, shard, batches, tallies, fingerprint } = parsed.data;
  const { index, count } = shard;
  const runBatches = batchCount(trials);
  if (index >= count) throw shardError(file, "shard.index", `${index} is not below the count ${count}`);
  if (count > runBatches) {
    throw shardError(
      file,
      "shard.count",
      `${count} shards of a run of ${runBatches} batches (at most one a batch)`,
    );
  }
  const expected = shardBatches(trials, index, count);
  if (batches.first !== expected.first || batches.end !== expected.end) {
    throw shardError(
      file,
      "batches",
      `${batches.first}…${batches.end}, but shard ${index}/${count} of ${trials} trials is batches ` +
        `${expected.first}…${expected.end}`,
    );
  }
  if (tallies.length !== expected.end - expected.first) {
    throw shardError(
      file,
      "tallies",
      `${tallies.length} tallies for ${expected.end - expected.first} batches`,
    );
  }
  const own = runFingerprint(run, trials, seed);
  if (fingerprint !== own) {
    throw shardError(
      file,
      "",
      `made from another model (fingerprint ${fingerprint.slice(0, 12)}…; this model with trials ${trials} ` +
        `and seed ${seed} gives ${own.slice(0, 12)}…) — merge it with the model it was run on ` +
        "(and the version of seams that wrote it)",
    );
  }
  const schema = tallySchema(run);
  const checked = tallies.map((plain, i) =>
    checkTally(run, schema, file, `tallies[${i}]`, plain, trialsInBatch(trials, expected.first + i)),
  );
  checkSummary(run, file, checked, seed);
  return { file, trials, seed, index, count, tallies: checked };
}

/** A bound's range for a batch; `top` allows for float sums summed in another order than the bound. */
function limits(b: Bound, scale: Scale): { min: number; max: number; top: number } {
  const max = b.max(scale);
  return { min: b.min(scale), max, top: b.whole ? max : max + Math.abs(max) * FLOAT_SLACK };
}

/** A number as written (1e400 reads as Infinity), anything else as JSON, cut short. */
function shown(v: unknown): string {
  const text = typeof v === "number" ? String(v) : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One batch's tally: its shape, its trial count, every number within its bound, the histograms whole. */
function checkTally(
  run: ShardRun,
  schema: z.ZodType,
  file: string,
  path: string,
  plain: unknown,
  batchTrials: number,
): ReliabilityTally {
  const parsed = schema.safeParse(plain);
  if (!parsed.success) throw zodError(file, path, parsed.error);
  const given = parsed.data as Record<string, unknown[]> & { trials: number };
  if (given.trials !== batchTrials) {
    throw shardError(file, `${path}.trials`, `${given.trials}, but this batch has ${batchTrials} trials`);
  }
  const c = run.compiled;
  const scale: Scale = { trials: batchTrials, totalKw: c.totalKw, components: c.n, links: c.linkIds.length };
  const tally = createReliabilityTally(c);
  tally.trials = batchTrials;
  for (const [key] of run.layout) {
    if (key === "trials") continue;
    const bounds: Bounds | undefined = Object.hasOwn(TALLY_BOUNDS, key) ? TALLY_BOUNDS[key] : undefined;
    // never merge a number unchecked, nor drop one: an array without a bound is a bug here
    if (bounds === undefined)
      throw new Error(`the shard check has no bound for the tally's "${key}" (a bug)`);
    const values = given[key];
    const target = tally[key as TallyKey];
    if (Array.isArray(bounds) && bounds.length !== values.length) {
      throw new Error(
        `the shard check knows ${bounds.length} ${key} sums, the engine ${values.length} (a bug)`,
      );
    }
    // one bound for the whole array (all but `system`): its range worked out once
    const single = Array.isArray(bounds) ? undefined : (bounds as Bound);
    const range = single && limits(single, scale);
    for (let i = 0; i < values.length; i++) {
      const b = single ?? (bounds as readonly Bound[])[i];
      const { min, max, top } = range ?? limits(b, scale);
      const v = values[i];
      if (
        typeof v !== "number" ||
        !Number.isFinite(v) ||
        (b.whole && !Number.isInteger(v)) ||
        v < min ||
        v > top
      ) {
        throw shardError(
          file,
          `${path}.${key}[${i}]`,
          `${shown(v)} is not ${b.what} of this batch (${rangeText(b, min, max)})`,
        );
      }
      target[i] = v;
    }
  }
  for (const key of ["cascadeHist", "kwHist"] as const) {
    const sum = tally[key].reduce((a, b) => a + b, 0);
    if (sum !== batchTrials) {
      throw shardError(
        file,
        `${path}.${key}`,
        `counts ${sum} trials, but each of the batch's ${batchTrials} falls in one bin`,
      );
    }
  }
  checkChains(file, path, tally);
  return tally;
}

/** Per chain: every timed trial is either broken or in the latency histogram; misses are among the latter. */
function checkChains(file: string, path: string, t: ReliabilityTally): void {
  const chains = t.chainBroken.length;
  if (chains === 0) return;
  const bins = t.chainHist.length / chains;
  const timed = t.chainTimed[0];
  for (let k = 0; k < chains; k++) {
    let through = 0;
    for (let x = 0; x < bins; x++) through += t.chainHist[k * bins + x];
    if (through + t.chainTimedBroken[k] !== timed || t.chainMiss[k] > through) {
      throw shardError(
        file,
        `${path}.chainHist`,
        `chain ${k}: ${through} timed trials through and ${t.chainTimedBroken[k]} broken do not add up to the ` +
          `${timed} timed (or its ${t.chainMiss[k]} deadline misses are more than got through)`,
      );
    }
  }
}

/**
 * The shard's own result: every probability in [0, 1] and every number finite. This catches counts
 * that are each in range but impossible together (more seam failures than unusable trials, a
 * phantom correction below its charger's count), whatever the tally's layout.
 */
function checkSummary(run: ShardRun, file: string, tallies: readonly ReliabilityTally[], seed: number): void {
  const sum = createReliabilityTally(run.compiled);
  for (const t of tallies) mergeReliabilityTally(sum, t);
  const problem = impossible(summarizeReliability(run.compiled, sum, seed), "");
  if (problem !== undefined) {
    throw shardError(
      file,
      "tallies",
      `give an impossible result: ${problem} (the file was altered or damaged)`,
    );
  }
}

/** The first number of a result that cannot be: not finite, or a probability outside [0, 1]. */
function impossible(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.p === "number" && Array.isArray(record.ci95) && !(record.p >= 0 && record.p <= 1)) {
    return `${path}.p = ${record.p}, a probability above 1 or below 0`;
  }
  for (const [key, inner] of Object.entries(record)) {
    const found = impossible(
      inner,
      Array.isArray(value) ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

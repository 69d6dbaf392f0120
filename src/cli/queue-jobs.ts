/**
 * The jobs `--queue` puts on BullMQ and `seams worker` computes: one table of kinds, each a check
 * of the job's data (it comes over the network) and the same code a one-machine run uses —
 * `runShard` of `--shard i/n` for simulate (and for each N of a sweep), the security shard, the
 * whole importance analysis (one job: its Monte Carlo is paired per component inside the engine).
 */
import { importance } from "../engine/index.ts";
import { type Model, parseModelText } from "../model/index.ts";
import { runSecurityShard, type SecurityRunOptions } from "./queue-security.ts";
import { runShard } from "./shard.ts";

/** A part of a split run: part `index` of `count`. */
interface Part {
  index: number;
  count: number;
}

/** What a job carries: the model as JSON text (checked again by the worker) and the run's options. */
export type QueueJobData =
  | ({ kind: "simulate"; modelText: string; trials: number; seed: number } & Part)
  | ({ kind: "security"; modelText: string; options: SecurityRunOptions } & Part)
  | {
      kind: "importance";
      modelText: string;
      method?: "exact" | "monte-carlo";
      trials?: number;
      seed?: number;
    };

export type QueueJobKind = QueueJobData["kind"];

/** A job that can never succeed (malformed data): the worker fails it without retrying. */
export class BadJobError extends Error {}

/** Compute a job: the JSON its kind returns (a shard file, a security part, an importance result). */
export function runQueueJob(data: unknown): unknown {
  const job = data as Partial<QueueJobData> | null;
  const kind = job?.kind;
  switch (kind) {
    case "simulate": {
      const { trials, seed } = job as Extract<QueueJobData, { kind: "simulate" }>;
      const part = checkPart(job);
      wholeNumbers({ trials, seed });
      return runShard(jobModel(job), trials, seed, part.index, part.count);
    }
    case "security": {
      const { options } = job as Extract<QueueJobData, { kind: "security" }>;
      const part = checkPart(job);
      wholeNumbers({ trials: options?.trials, seed: options?.seed });
      if (!(typeof options.horizonDays === "number" && options.horizonDays > 0)) {
        throw new BadJobError("security job: horizonDays is not a number of days");
      }
      return runSecurityShard(jobModel(job), options, part.index, part.count);
    }
    case "importance": {
      const { method, trials, seed } = job as Extract<QueueJobData, { kind: "importance" }>;
      return importance(jobModel(job), { method, trials, seed });
    }
    default:
      throw new BadJobError(`not a seams job (kind ${JSON.stringify(kind)})`);
  }
}

/** A one-line description of a job for the worker's log. */
export function describeJob(data: unknown): string {
  const job = data as Partial<QueueJobData & Part> | null;
  return job?.kind === "importance" ? "importance" : `${job?.kind} part ${job?.index}/${job?.count}`;
}

function jobModel(job: Partial<QueueJobData> | null): Model {
  const text = job?.modelText;
  if (typeof text !== "string") throw new BadJobError("the job carries no model");
  const result = parseModelText(text);
  if (!result.ok) {
    const issues = result.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    throw new BadJobError(`the job's model is invalid: ${issues.join("; ")}`);
  }
  return result.model;
}

function checkPart(job: Partial<Part> | null): Part {
  const index = job?.index;
  const count = job?.count;
  if (!Number.isInteger(index) || !Number.isInteger(count) || index! < 0 || index! >= count!) {
    throw new BadJobError(`part ${index}/${count}: expected i/n with 0 ≤ i < n`);
  }
  return { index: index!, count: count! };
}

function wholeNumbers(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new BadJobError(`${name} is not a whole number (${JSON.stringify(value)})`);
    }
  }
}

/**
 * `seams latency <file> [--trials N] [--seed S] [--workers W] [--json]`: the model's signal chains
 * (SPEC §5) — end-to-end latency percentiles, P(deadline miss) and P(broken) — from the same
 * Monte Carlo as `simulate` (a chain is broken in exactly the trials its providers fail there).
 */

import { formatMs } from "../analysis/format.ts";
import { type ChainKind, deriveChains } from "../engine/derive.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysed, usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { runOnPool } from "./simulate.ts";

export async function latency(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(
    argv,
    { trials: "string", seed: "string", json: "boolean", workers: "string", derive: "string", max: "string" },
    "latency",
  );
  const file = onlyFile(args.positionals, "latency");
  const trialsFlag = integerFlag(args, "trials", 1, 100_000_000);
  const seedFlag = integerFlag(args, "seed", 0, 0xffff_ffff);
  const workers = integerFlag(args, "workers", 1, 256);
  const derive = args.flags.get("derive");
  const kinds = typeof derive === "string" ? derive.split(",").map((k) => k.trim()) : [];
  for (const k of kinds) {
    if (k !== "status" && k !== "control" && k !== "auth") {
      throw usageError(
        `--derive: expected status, control and/or auth (comma-separated), got "${k}"`,
        "latency",
      );
    }
  }
  const max = integerFlag(args, "max", 1, 10_000) ?? 50;
  const loaded = await loadModel(file);
  const model =
    kinds.length > 0
      ? {
          ...loaded,
          chains: [...loaded.chains, ...deriveChains(loaded, { kinds: kinds as ChainKind[], max })],
        }
      : loaded;
  if (model.chains.length === 0) {
    throw usageError(
      `${file} has no signal chains ("chains": [...]) to time; --derive status,control,auth finds them`,
    );
  }
  const trials = trialsFlag ?? model.settings.trials;
  const seed = seedFlag ?? model.settings.seed;
  const { chains } = await analysed(file, () => runOnPool(model, trials, seed, workers));
  if (args.flags.has("json")) {
    printLines(io.stdout, [JSON.stringify({ trials, seed, chains }, null, 2)]);
    return;
  }
  printLines(io.stdout, [
    `${file}: ${trials.toLocaleString("en-US")} trials, seed ${seed}`,
    ...model.chains.map((ch) => {
      const r = chains[ch.id];
      return `  ${ch.id}: p50 ${formatMs(r.p50)}, p95 ${formatMs(r.p95)}, p99 ${formatMs(r.p99)}; P(late > ${formatMs(r.deadlineMs)}) ${r.deadlineMiss.p.toFixed(4)}, P(broken) ${r.broken.p.toFixed(4)}`;
    }),
  ]);
}

/**
 * `seams latency <file> [--trials N] [--seed S] [--workers W] [--json]`: the model's signal chains
 * (SPEC §5) — end-to-end latency percentiles, P(deadline miss) and P(broken) — from the same
 * Monte Carlo as `simulate` (a chain is broken in exactly the trials its providers fail there).
 */

import { formatMs } from "../analysis/format.ts";
import { type ChainKind, deriveChains } from "../engine/index.ts";
import {
  type CliOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  TRIALS_OPTION,
  WORKERS_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysed, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { formatEnUs } from "./numbers.ts";
import { runOnPool } from "./simulate.ts";

const OPTIONS = {
  trials: TRIALS_OPTION,
  seed: SEED_OPTION,
  json: JSON_OPTION,
  workers: WORKERS_OPTION,
  derive: { type: "string" },
  max: { type: "string", wholeNumber: [1, 10_000], default: "50" },
} as const satisfies CliOptions;

const USAGE = `Usage: seams latency <file> [--trials N] [--seed S] [--workers W] [--derive kinds] [--max M] [--json]

Times the model's signal chains ("chains": a path of components and a deadline) in the reliability
Monte Carlo: each hop adds the link's transit, the provider's processing (slower when degraded) and,
on an async pull, a uniform wait up to pollSeconds; a hop whose provider is down breaks the chain.
  --derive kinds  also time chains found on the links' flows: status (each site to each viewer),
                  control (each DSO to each site), auth (the deciding component to each site)
  --max M         at most M derived chains (default 50)
  --json    {trials, seed, chains: {id: {p50, p95, p99, deadlineMs, deadlineMiss, broken, histogram}}}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (or no chains in the model).`;

export const latencyCommand = defineCommand({
  name: "latency",
  usage: USAGE,
  options: OPTIONS,
  run: latency,
});

async function latency(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const trialsFlag = wholeNumber(args, "trials");
  const seedFlag = wholeNumber(args, "seed");
  const workers = wholeNumber(args, "workers");
  const { derive } = args.values;
  const kinds = derive !== undefined ? derive.split(",").map((k) => k.trim()) : [];
  for (const k of kinds) {
    if (k !== "status" && k !== "control" && k !== "auth") {
      throw usageError(
        `--derive: expected status, control and/or auth (comma-separated), got "${k}"`,
        "latency",
      );
    }
  }
  const max = wholeNumber(args, "max");
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
  if (args.values.json) {
    printJson(io, { trials, seed, chains });
    return;
  }
  printLines(io.stdout, [
    `${file}: ${formatEnUs(trials)} trials, seed ${seed}`,
    ...model.chains.map((ch) => {
      const r = chains[ch.id];
      return `  ${ch.id}: p50 ${formatMs(r.p50)}, p95 ${formatMs(r.p95)}, p99 ${formatMs(r.p99)}; P(late > ${formatMs(r.deadlineMs)}) ${r.deadlineMiss.p.toFixed(4)}, P(broken) ${r.broken.p.toFixed(4)}`;
    }),
  ]);
}

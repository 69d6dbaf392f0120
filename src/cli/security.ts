/**
 * `seams security <file> [--horizon-days D] [--trials N] [--seed S] [--start id] [--json]`: the
 * weakest-link attack Monte Carlo of SPEC §4, batch by batch in this process (batches use their own
 * random streams, so the numbers are the ones any split of batches would give).
 */
import { simulateSecurity } from "../engine/index.ts";
import {
  type CliOptions,
  componentOption,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  TRIALS_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysed, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { formatEnUs } from "./numbers.ts";
import { QUEUE_OPTIONS, QUEUE_USAGE, queueOption, securityOnQueue } from "./queue.ts";
import { componentLabel } from "./report.ts";

const OPTIONS = {
  "horizon-days": { type: "string" },
  trials: { ...TRIALS_OPTION, default: "20000" },
  seed: SEED_OPTION,
  start: { type: "string" },
  target: { type: "string" },
  json: JSON_OPTION,
  ...QUEUE_OPTIONS,
} as const satisfies CliOptions;

const USAGE = `Usage: seams security <file> [--horizon-days D] [--trials N] [--seed S] [--start id] [--json] [--queue URL]

Attack Monte Carlo: exponential time to compromise per step (TTC table or ttcDays), shortest attack
times from the internet (or --start) to every component.
  --horizon-days D  P(compromised within D days) (default: the model's settings.horizonDays)
  --trials N        trials (default 20000)
  --seed S          random seed (default: the model's settings.seed)
  --start id        start from this component instead of the internet (what-if)
  --target id       also find the most frequent attack path to this component
  --json            {components: {id: {compromised, ttcDays: {p50, p95}}}, entries, chokepoints,
                    controllableKw: {mean, ci95, totalKw, thresholdKw, pAboveThreshold (null when the
                    threshold exceeds the model's power, with pAboveThresholdReason), systemicShare,
                    systemicKw, pAboveSystemic, histogram}, orgs}
${QUEUE_USAGE}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`;

export const securityCommand = defineCommand({
  name: "security",
  usage: USAGE,
  options: OPTIONS,
  run: security,
});

async function security(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const trials = wholeNumber(args, "trials");
  const seedFlag = wholeNumber(args, "seed");
  const queue = queueOption(args);
  const parts = wholeNumber(args, "parts");
  const rawHorizon = args.values["horizon-days"];
  const horizonFlag = rawHorizon === undefined ? undefined : Number(rawHorizon);
  if (horizonFlag !== undefined && !(Number.isFinite(horizonFlag) && horizonFlag > 0)) {
    throw usageError(`--horizon-days: expected a number of days greater than 0, got "${rawHorizon}"`);
  }
  const model = await loadModel(file);
  const { start, target } = args.values;
  if (start !== undefined) componentOption(model, file, "start", start);
  if (target !== undefined) componentOption(model, file, "target", target);
  const horizonDays = horizonFlag ?? model.settings.horizonDays;
  const seed = seedFlag ?? model.settings.seed;
  const options = {
    horizonDays,
    ...(start !== undefined ? { start } : {}),
    ...(target !== undefined ? { target } : {}),
  };
  const result = await analysed(file, () =>
    queue === undefined
      ? simulateSecurity(model, trials, seed, options)
      : securityOnQueue(queue, model, { trials, seed, ...options }, parts, (line) =>
          printLines(io.stderr, [line]),
        ),
  );
  if (args.values.json) {
    printJson(io, result);
    return;
  }
  const label = componentLabel(model);
  const kw = result.controllableKw;
  const ci = (lo: number, hi: number) => `(95% CI ${Math.round(lo)} – ${Math.round(hi)})`;
  const ciP = ([lo, hi]: [number, number]) => `(95% CI ${lo.toFixed(4)} – ${hi.toFixed(4)})`;
  const percent = (share: number) => `${Number((share * 100).toPrecision(3))} %`;
  const exposed = Object.entries(result.components)
    .sort((a, b) => b[1].compromised.p - a[1].compromised.p)
    .slice(0, 6);
  printLines(io.stdout, [
    `${file}: ${formatEnUs(trials)} attack trials, seed ${seed}, horizon ${horizonDays} days`,
    `  attacker-controllable power  ${Math.round(kw.mean)} kW of ${Math.round(kw.totalKw)} kW ${ci(kw.ci95[0], kw.ci95[1])}`,
    `  P(≥ ${kw.thresholdKw / 1000} MW)                 ${kw.pAboveThreshold ? kw.pAboveThreshold.p.toFixed(4) : `n/a (${kw.pAboveThresholdReason})`}`,
    `  P(≥ ${percent(kw.systemicShare)} of its power, ${Math.round(kw.systemicKw)} kW)  ${kw.pAboveSystemic.p.toFixed(4)} ${ciP(kw.pAboveSystemic.ci95)}`,
    "",
    "  weakest entries (kW compromised through them, share)",
    ...result.entries
      .slice(0, 5)
      .map((e) => `    ${label(e.id)}  ${Math.round(e.kw)} kW  ${(e.share * 100).toFixed(1)} %`),
    "  chokepoint links",
    ...result.chokepoints
      .slice(0, 5)
      .map((e) => `    ${e.id}  ${Math.round(e.kw)} kW  ${(e.share * 100).toFixed(1)} %`),
    ...(result.criticalPath
      ? [
          `  most frequent attack path to ${result.criticalPath.target} (${(result.criticalPath.share.p * 100).toFixed(1)} % of its compromises)`,
          `    ${[result.criticalPath.entry, ...result.criticalPath.links].join(" → ")}`,
        ]
      : []),
    "  most exposed components, P(compromised within the horizon), median days",
    ...exposed.map(
      ([id, c]) => `    ${label(id)}  ${c.compromised.p.toFixed(3)}  ${c.ttcDays.p50 ?? "never"} d`,
    ),
  ]);
}

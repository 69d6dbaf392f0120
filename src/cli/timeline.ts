/**
 * `seams timeline <file> --hours H --seed S [--incident ids] [--series ids] [--json]`: the
 * time-domain simulation of SPEC §11 — incidents, delays, load and retries minute by minute —
 * printing its summary and incidents, or with --json the SPEC §11 document.
 */
import { MAX_HORIZON_HOURS, runTimeline, TimelineError, type TimelineResult } from "../engine/index.ts";
import { type Model, resolveComponent } from "../model/index.ts";
import {
  type CliOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  SEED_OPTION,
  wholeNumber,
} from "./args.ts";
import { analysed, analysisError, fileError, usageError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { formatEnUs } from "./numbers.ts";

/** SPEC §11: a day unless told otherwise. */
const DEFAULT_HOURS = 24;
/** `--incident none`: no incident at all. */
const NO_INCIDENT = "none";

const OPTIONS = {
  hours: { type: "string", default: String(DEFAULT_HOURS) },
  seed: SEED_OPTION,
  incident: { type: "string" },
  series: { type: "string" },
  json: JSON_OPTION,
} as const satisfies CliOptions;

const USAGE = `Usage: seams timeline <file> [--hours H] [--seed S] [--incident ids] [--series ids] [--json]

Simulates the model in time (discrete events): components fail and are repaired, incidents act on
their windows, calls queue at providers with a capacity, time out and retry, status travels with
its delays, drivers arrive and choose by what their app shows.
  --hours H        horizon in hours (default ${DEFAULT_HOURS}, at most ${MAX_HORIZON_HOURS})
  --seed S         random seed (default: the model's)
  --incident ids   run only these incidents (comma-separated; default: all in the model; "none":
                   no incident, the baseline to compare an incident's run with)
  --series ids     components whose series are reported (comma-separated; default: incident
                   targets, viewers and the 20 busiest)
  --json           {hours, seed, binMinutes, minutes, series, components, incidents, summary}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (a file, an incident or an option).`;

export const timelineCommand = defineCommand({
  name: "timeline",
  usage: USAGE,
  options: OPTIONS,
  run: timeline,
});

/** A comma-separated list of ids, or undefined when the option is absent. */
function idList(args: ParsedArgs<typeof OPTIONS>, name: "incident" | "series"): string[] | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const ids = raw
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  if (ids.length === 0) throw usageError(`--${name}: expected one or more ids (comma-separated)`, "timeline");
  return ids;
}

async function timeline(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  const file = onlyFile(args);
  const rawHours = String(args.values.hours ?? DEFAULT_HOURS).trim();
  const hours = /^\d+(\.\d+)?$/.test(rawHours) ? Number(rawHours) : Number.NaN;
  if (!(hours > 0 && hours <= MAX_HORIZON_HOURS))
    throw usageError(
      `--hours: expected a number of hours above 0 and at most ${MAX_HORIZON_HOURS}, got "${rawHours}"`,
      "timeline",
    );
  const seedFlag = wholeNumber(args, "seed");
  const incidents = idList(args, "incident");
  const series = idList(args, "series");
  const model = await loadModel(file);
  const seed = seedFlag ?? model.settings.seed;
  // "--incident none": the run without incidents (unless the model has an incident called "none")
  if (
    incidents?.length === 1 &&
    incidents[0] === NO_INCIDENT &&
    !model.incidents?.some((x) => x.id === NO_INCIDENT)
  )
    incidents.length = 0;
  let run: TimelineResult;
  try {
    run = runTimeline(model, { hours, seed, incidents, series });
  } catch (error) {
    if (!(error instanceof TimelineError)) throw analysisError(file, error);
    const option = error.issues.find(
      (i) => i.path === "incident" || i.path === "series" || i.path === "hours",
    );
    if (option !== undefined) throw usageError(`--${option.path}: ${option.message} in ${file}`, "timeline");
    throw fileError(file, error.issues);
  }
  // a figure that is not finite is a bug: exit 1, never printed
  const result = await analysed(file, () => run);
  if (args.values.json) {
    printJson(io, result);
    return;
  }
  printLines(io.stdout, summaryLines(file, model, result));
}

const share = (x: number | null) => (x === null ? "n/a (no attempt)" : `${(x * 100).toFixed(1)} %`);
const minutes = (x: number | null, never: string) => (x === null ? never : `${x} min`);

/**
 * Why no dashboard turned red for an incident on `target` (SPEC §3.6, §11): what its own monitoring
 * sees, and that none of its callers has a synthetic monitor to see its calls time out.
 */
function undetectedReason(model: Model, target: string): string {
  const component = model.components.find((c) => c.id === target);
  if (component === undefined) return "no dashboard watches a link";
  const own = resolveComponent(component).monitoring;
  const callers = [...new Set(model.links.filter((l) => l.to === target).map((l) => l.from))];
  const synthetic = callers.filter((id) => {
    const c = model.components.find((x) => x.id === id);
    return c !== undefined && resolveComponent(c).monitoring === "synthetic";
  });
  const ownText =
    own === "synthetic"
      ? "its synthetic monitor saw no timeout"
      : `its ${own} monitoring sees it down, never slow or overloaded`;
  const callersText =
    synthetic.length === 0
      ? `none of its ${callers.length} callers has synthetic monitoring`
      : `its synthetic-monitored callers (${synthetic.join(", ")}) saw no call time out`;
  return `${ownText}; ${callersText}`;
}

/** The text report: the summary, then each incident with its detection and recovery. */
function summaryLines(file: string, model: Model, r: TimelineResult): string[] {
  const incidents = model.incidents ?? [];
  const s = r.summary;
  const lines = [
    `${file}: ${r.hours} h simulated, seed ${r.seed}, bins of ${r.binMinutes} min, ${formatEnUs(r.events)} events`,
    `  start success ${share(s.ftcsr)}, demand success ${share(s.demandSuccess)}, reported uptime ${(s.reportedUptime * 100).toFixed(2)} % (what the operators' CSMSs show), phantom ${formatEnUs(s.phantomMinutes)} unit-minutes (shown available, cannot charge), hidden ${formatEnUs(s.hiddenMinutes)} unit-minutes (can charge, the operator's feed shows them unavailable)`,
  ];
  const ids = Object.keys(r.incidents);
  lines.push(ids.length === 0 ? "  no incidents" : "  incidents:");
  for (const id of ids) {
    const x = r.incidents[id];
    const incident = incidents.find((i) => i.id === id);
    const never = `never (${incident === undefined ? "unknown target" : undetectedReason(model, incident.target)})`;
    lines.push(
      `    ${id} (${incident?.name ?? id}): first red dashboard ${minutes(x.detectMinutes, never)}, recovered ${minutes(x.recoverMinutes, "not within the horizon (or no baseline before it)")}`,
    );
  }
  const loaded = Object.entries(r.components).filter(([, c]) => c.metastable !== null || c.timeouts > 0);
  if (loaded.length > 0) lines.push("  under load:");
  for (const [id, c] of loaded) {
    const state =
      c.metastable === null
        ? ""
        : c.metastable
          ? ", METASTABLE (still overloaded 30–60 min after its last incident)"
          : ", not metastable (offered load within capacity 30–60 min after its last incident; a queue may still drain)";
    lines.push(
      `    ${id}: ${formatEnUs(c.timeouts)} timeouts, mean response ${c.meanResponseMs ?? "n/a"} ms, p95 ${c.p95ResponseMs ?? "n/a"} ms${state}`,
    );
  }
  return lines;
}

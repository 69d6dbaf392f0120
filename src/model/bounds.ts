/**
 * Limits a model document must keep (SPEC §9, issue 19): how many items of each kind it may hold
 * (checked before the schema, so a hostile file is refused before any expensive work), and upper
 * bounds on parameters whose arithmetic would overflow or be meaningless (checked after the
 * schema). Every limit is far above any real model, national ones included, and carries its reason.
 */
import { type Issue, MAX_COMPONENTS } from "./schema.ts";

/** Links a document may hold (20,000 components with five dependencies each). */
export const MAX_LINKS = 100_000;

/** A count limit: at most `max` of `what` at `path` (`[]` marks "in each item of the array"). */
export interface CountLimit {
  path: string;
  what: string;
  max: number;
  reason: string;
}

/** How many items of each kind a document may hold; a longer array is refused with its path. */
export const COUNT_LIMITS: readonly CountLimit[] = [
  {
    path: "components",
    what: "components",
    max: MAX_COMPONENTS,
    reason: "SPEC §9; a national network has about 10,000 charger sites",
  },
  {
    path: "links",
    what: "links",
    max: MAX_LINKS,
    reason: "five dependencies for each of 20,000 components",
  },
  { path: "orgs", what: "organisations", max: MAX_COMPONENTS, reason: "one per component at most" },
  { path: "commonCauses", what: "common causes", max: 10_000, reason: "one for every two components" },
  {
    path: "commonCauses[].members",
    what: "members",
    max: MAX_COMPONENTS,
    reason: "a common cause can hold every component once",
  },
  { path: "chains", what: "chains", max: 10_000, reason: "one for every two components" },
  {
    path: "chains[].path",
    what: "components in a chain's path",
    max: 1_000,
    reason: "a signal chain crosses a dozen systems; 1,000 hops take longer than any deadline",
  },
  { path: "scenarios", what: "scenarios", max: 50, reason: "the scenario comparison shows a handful" },
  {
    path: "scenarios[]",
    what: "edits (items added, removed and changed, settings changed)",
    max: 50_000,
    reason: "mirroring every charger's link to a second hub adds 20,000 links and changes 20,000",
  },
  { path: "groups", what: "groups", max: 10_000, reason: "one for every two components" },
  {
    path: "groups[].members",
    what: "members",
    max: MAX_COMPONENTS,
    reason: "a group can hold every component once",
  },
  {
    path: "incidents",
    what: "incidents",
    max: 1_000,
    reason: "a timeline shows a handful; a thousand is a year of daily incidents on three systems",
  },
];

/** An upper bound on a numeric parameter: values above `max` are refused. */
export interface ParameterBound {
  /** The parameter's key (`latencyMs.p95` for a nested one). */
  key: string;
  max: number;
  unit: string;
  reason: string;
  /** Bound the absolute value (positions may be negative). */
  absolute?: boolean;
}

const HOUR_MS = 3_600_000;
const latency = (reason: string): ParameterBound[] =>
  (["p50", "p95"] as const).map((p) => ({ key: `latencyMs.${p}`, max: HOUR_MS, unit: "ms", reason }));
const ttcDays: ParameterBound = {
  key: "ttcDays",
  max: 36_500,
  unit: "days",
  reason: "a century: an attack that takes longer never happens",
};

/** The time domain's component parameters (SPEC §11): rates, times and their retry policy. */
const TIMELINE_COMPONENT_BOUNDS: ParameterBound[] = [
  {
    key: "capacityPerSecond",
    max: 1_000_000,
    unit: "per second",
    reason: "a million requests a second per server: a larger backend is unlimited",
  },
  {
    key: "baseLoad.perSecond",
    max: 1_000_000,
    unit: "per second",
    reason: "a million requests a second: the event simulation would take days",
  },
  { key: "baseLoad.timeoutMs", max: HOUR_MS, unit: "ms", reason: "an hour: no protocol waits longer" },
  {
    key: "baseLoad.retryBackoffMs",
    max: HOUR_MS,
    unit: "ms",
    reason: "an hour: a later retry is a new request",
  },
  {
    key: "degradedMinutes",
    max: 525_600,
    unit: "minutes",
    reason: "a year: a longer brownout is the normal state",
  },
  {
    key: "heartbeatSeconds",
    max: 86_400,
    unit: "s",
    reason: "a day between heartbeats is no liveness signal",
  },
];

const factor = (key: string): ParameterBound => ({
  key,
  max: 1_000,
  unit: "×",
  reason: "a factor of a thousand on a time to compromise",
});

/** Upper bounds per kind of item; every numeric parameter that feeds a product or a sum has one. */
export const PARAMETER_BOUNDS: Readonly<Record<string, readonly ParameterBound[]>> = {
  components: [
    {
      key: "x",
      max: 10_000_000,
      unit: "px",
      reason: "the canvas fits far smaller drawings",
      absolute: true,
    },
    {
      key: "y",
      max: 10_000_000,
      unit: "px",
      reason: "the canvas fits far smaller drawings",
      absolute: true,
    },
    {
      key: "units",
      max: 10_000,
      unit: "units",
      reason: "the largest hubs have a few hundred points; keeps total kW exact",
    },
    {
      key: "kwPerUnit",
      max: 10_000,
      unit: "kW",
      reason: "a megawatt charger is 3,750 kW; keeps total kW far below 2^53",
    },
    {
      key: "mtbfHours",
      max: 10_000_000,
      unit: "hours",
      reason: "over 1,000 years; use availability 1 for a component that never fails",
    },
    {
      key: "mttrHours",
      max: 87_600,
      unit: "hours",
      reason: "ten years: a longer repair is a decommissioning",
    },
    ...latency("an hour: a slower reply is an outage"),
    { key: "degradedFactor", max: 1_000, unit: "×", reason: "a thousand times slower is an outage" },
    { key: "patchCadenceDays", max: 3_650, unit: "days", reason: "ten years without a patch" },
    {
      key: "tariffChangesPerDay",
      max: 86_400,
      unit: "per day",
      reason: "one change a second",
    },
    {
      key: "sessionsPerDay",
      max: 1_440,
      unit: "per unit and day",
      reason: "one session a minute, all day",
    },
    ttcDays,
    ...TIMELINE_COMPONENT_BOUNDS,
  ],
  links: [
    {
      key: "ttlMinutes",
      max: 525_600,
      unit: "minutes",
      reason: "a year: a cache older than that is no cache",
    },
    { key: "pollSeconds", max: 604_800, unit: "s", reason: "a week between polls" },
    { key: "timeoutMs", max: HOUR_MS, unit: "ms", reason: "an hour: no protocol waits longer" },
    ...latency("an hour: a slower reply is an outage"),
    ttcDays,
    { key: "retryBackoffMs", max: HOUR_MS, unit: "ms", reason: "an hour: a later retry is a new request" },
  ],
  incidents: [
    { key: "atMinutes", max: 525_600, unit: "minutes", reason: "a year: no timeline runs longer" },
    { key: "durationMinutes", max: 525_600, unit: "minutes", reason: "a year: no timeline runs longer" },
    { key: "factor", max: 1_000, unit: "×", reason: "a thousand times slower or larger is another system" },
  ],
  chains: [
    { key: "deadlineMs", max: 24 * HOUR_MS, unit: "ms", reason: "a day: a slower signal is no signal" },
  ],
  drivers: [{ key: "patienceSeconds", max: 86_400, unit: "s", reason: "a day of waiting for a start" }],
  settings: [
    { key: "horizonDays", max: 3_650, unit: "days", reason: "ten years of operation" },
    {
      key: "controllableMwThreshold",
      max: 1_000_000,
      unit: "MW",
      reason: "a terawatt: more than any national grid",
    },
    ...(["none", "basic", "token", "mtls", "pki"] as const).map((level) => ({
      key: `ttcAuthDays.${level}`,
      max: 36_500,
      unit: "days",
      reason: "a century: an attack that takes longer never happens",
    })),
    ...["14", "30", "90", "180", "slower"].map((bucket) => factor(`ttcPatchFactors.${bucket}`)),
    ...["1", "2", "3", "4", "5"].map((level) => factor(`ttcMaturityFactors.${level}`)),
  ],
};

/** `["components", 3, "availability"]` → `components[3].availability`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(document)";
}

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const keysOf = (value: unknown): number => Object.keys(asObject(value) ?? {}).length;

/** The edits of one scenario: items added, ids removed, items changed, settings changed. */
function scenarioEdits(scenario: unknown): number {
  const s = asObject(scenario);
  if (!s) return 0;
  let edits = 0;
  for (const kind of Object.values(asObject(s.add) ?? {})) edits += lengthOf(kind);
  for (const kind of Object.values(asObject(s.remove) ?? {})) edits += lengthOf(kind);
  for (const kind of Object.values(asObject(s.set) ?? {})) edits += keysOf(kind);
  return edits;
}

/**
 * The count limits of a document not yet checked against the schema (anything may be anywhere):
 * one issue per array longer than its limit, so a hostile file is refused before the schema's
 * work. Cost: one pass over the top-level arrays' lengths.
 */
export function countIssues(doc: unknown): Issue[] {
  const root = asObject(doc) ?? {};
  const issues: Issue[] = [];
  for (const limit of COUNT_LIMITS) {
    const [top, inner] = limit.path.split("[]");
    const items = root[top];
    if (!Array.isArray(items)) continue;
    const over = (count: number, path: string) => {
      if (count > limit.max) {
        issues.push({
          path,
          message: `${count} ${limit.what}; the limit is ${limit.max} (${limit.reason})`,
        });
      }
    };
    if (inner === undefined) over(items.length, top);
    else if (inner === "") {
      items.forEach((item, i) => {
        over(scenarioEdits(item), `${top}[${i}]`);
      });
    } else {
      const key = inner.slice(1);
      items.forEach((item, i) => {
        over(lengthOf(asObject(item)?.[key]), `${top}[${i}].${key}`);
      });
    }
  }
  return issues;
}

/** `1e+308` → `1e308`; other numbers as JavaScript prints them. */
const shown = (value: number) => String(value).replace("e+", "e");

/** The values of `item` (one component, link, chain, driver, incident or the settings) above their upper bound. */
export function boundIssues(kind: string, item: object, path: string): Issue[] {
  const issues: Issue[] = [];
  for (const bound of PARAMETER_BOUNDS[kind] ?? []) {
    let value: unknown = item;
    for (const part of bound.key.split(".")) value = asObject(value)?.[part];
    if (typeof value !== "number") continue;
    if ((bound.absolute ? Math.abs(value) : value) > bound.max) {
      const limit = bound.absolute ? `beyond the limit ±${bound.max}` : `more than the limit ${bound.max}`;
      issues.push({
        path: `${path}.${bound.key}`,
        message: `${shown(value)} ${bound.unit} is ${limit} ${bound.unit} (${bound.reason})`,
      });
    }
  }
  return issues;
}

/** The bounded parameters of a schema-valid model (its scenarios' edits are checked with them). */
export function modelBoundIssues(model: {
  components: readonly object[];
  links: readonly object[];
  chains: readonly object[];
  drivers?: readonly object[];
  incidents?: readonly object[];
  settings: object;
}): Issue[] {
  const issues: Issue[] = [];
  for (const kind of ["components", "links", "chains", "drivers", "incidents"] as const) {
    (model[kind] ?? []).forEach((item, i) => {
      issues.push(...boundIssues(kind, item, `${kind}[${i}]`));
    });
  }
  issues.push(...boundIssues("settings", model.settings, "settings"));
  return issues;
}

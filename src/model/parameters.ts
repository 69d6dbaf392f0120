/**
 * What each component and link parameter is for people (SPEC §2), answered in one place: its
 * label, unit, how a value is written, help text, and where its value comes from when unset (the
 * catalogue's default with its source, `catalogue.ts` and `sources.ts`, or another fallback). The
 * Inspector, the Assumptions panel, the protocol picker and the report read it. A new parameter
 * fails to compile until it has an entry.
 */
import { CATALOGUE, type ComponentDefaults, type Default, LINK_DEFAULTS } from "./catalogue.ts";
import { LINK_KIND } from "./linkKinds.ts";
import type { ComponentType, LinkKind, Pays } from "./schema.ts";

export interface ParameterInfo {
  /** The name people read ("Mean time to repair"); the schema key is shown beside it for people editing JSON. */
  label: string;
  /** What an input field adds in parentheses: the unit or range a typed value is in ("h", "0–1"). */
  inputHint?: string;
  /** An input field's own wording, where a sentence reads better than the label. */
  fieldLabel?: string;
  /** The unit a value is written with ("h", "per day"). */
  unit?: string;
  /** A value as people read it: percentages, units, latency quantiles. */
  format: (value: unknown) => string;
  /** One line under the input field. */
  help?: string;
  /**
   * Where the value comes from when it is not set, for a parameter without a catalogue default:
   * the field's placeholder, and whether that fallback is an `estimate`.
   */
  unset?: { placeholder: string; isEstimate: boolean };
}

/** A number without floating-point noise (0.9995 × 100 → 99.95). */
const clean = (n: number) => String(Number(n.toPrecision(6)));

/** Any value of a parameter: its numbers by `formatNumber`, the rest by type. */
function formatValue(value: unknown, formatNumber: (n: number) => string): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length === 0 ? "nothing" : value.join(", ");
  if (typeof value === "object" && value !== null && "p50" in value && "p95" in value) {
    const { p50, p95 } = value as { p50: number; p95: number };
    return `p50 ${clean(p50)} ms · p95 ${clean(p95)} ms`;
  }
  return String(value);
}

const percent = (n: number) => `${clean(n * 100)} %`;

function parameter(
  label: string,
  options: Omit<ParameterInfo, "label" | "format"> & { formatNumber?: (n: number) => string } = {},
): ParameterInfo {
  const { formatNumber, ...rest } = options;
  const unit = options.unit;
  const number = formatNumber ?? (unit ? (n: number) => `${clean(n)} ${unit}` : clean);
  return { label, ...rest, format: (value) => formatValue(value, number) };
}

const fromSecurityTable = { placeholder: "from the security table", isEstimate: true };

export type ComponentParameter = keyof ComponentDefaults | "mtbfHours" | "ttcDays";

/** Component parameters (SPEC §2), in the Inspector's order. */
export const COMPONENT_PARAMETERS = {
  availability: parameter("Availability", { inputHint: "0–1", formatNumber: percent }),
  mtbfHours: parameter("Mean time between failures", {
    inputHint: "h",
    unit: "h",
    help: "with MTTR gives availability when availability is not set",
    unset: { placeholder: "not set", isEstimate: false },
  }),
  mttrHours: parameter("Mean time to repair", { inputHint: "h", unit: "h" }),
  silentShare: parameter("Outages not reported", { inputHint: "0–1", formatNumber: percent }),
  degradedProbability: parameter("P(slow but up)", { inputHint: "0–1", formatNumber: percent }),
  latencyMs: parameter("Latency", { inputHint: "ms" }),
  degradedFactor: parameter("Slowdown when degraded", {
    inputHint: "×, ≥ 1",
    formatNumber: (n) => `× ${clean(n)}`,
  }),
  monitoring: parameter("Monitoring"),
  exposure: parameter("Exposure"),
  auth: parameter("Authentication"),
  patchCadenceDays: parameter("Patch cadence", { inputHint: "days", unit: "days" }),
  maturity: parameter("Security maturity", { inputHint: "1–5", formatNumber: (n) => `${n} / 5` }),
  ttcDays: parameter("Mean time to compromise", {
    inputHint: "days",
    unit: "days",
    unset: fromSecurityTable,
  }),
  tariffChangesPerDay: parameter("Tariff changes", { inputHint: "/day", unit: "per day" }),
  decides: parameter("Decides"),
  units: parameter("Charging points", { inputHint: "units" }),
  kwPerUnit: parameter("Power per point", { inputHint: "kW", unit: "kW" }),
  unitAvailability: parameter("Point availability", {
    inputHint: "0–1",
    formatNumber: percent,
    help: "probability that one charging point is up (the site's availability is separate)",
  }),
  unitSilentShare: parameter("Point faults not reported", {
    inputHint: "0–1",
    formatNumber: percent,
    help: "share of a point's faults during which it still reports Available",
  }),
  startFailure: parameter("Start failure", {
    inputHint: "0–1",
    formatNumber: percent,
    help: "per attempt, once authorised: vehicle–charger communication, plug-in, start-up",
  }),
  sessionsPerDay: parameter("Sessions per point", {
    inputHint: "/day",
    unit: "per day",
    help: "intended visits per charging point and day; weights this site in start success",
  }),
} as const satisfies Record<ComponentParameter, ParameterInfo>;

export type LinkParameter =
  | keyof typeof LINK_DEFAULTS
  | "protocol"
  | "flows"
  | "kind"
  | "group"
  | "k"
  | "ttcDays";

/** A link parameter, and the trait of its kind it needs to mean anything (a TTL needs a cache). */
export interface LinkParameterInfo extends ParameterInfo {
  appliesWhen?: "usesTtl" | "usesPoll";
}

/** Link parameters (SPEC §2), in the Inspector's order. */
export const LINK_PARAMETERS = {
  protocol: parameter("Protocol"),
  flows: parameter("Flows", { fieldLabel: "Flows (from the dependency to the dependant)" }),
  kind: parameter("Kind"),
  ttlMinutes: { ...parameter("Cache lifetime", { inputHint: "min", unit: "min" }), appliesWhen: "usesTtl" },
  failMode: { ...parameter("After the cache expires"), appliesWhen: "usesTtl" },
  pollSeconds: {
    ...parameter("Poll interval", {
      inputHint: "s",
      unit: "s",
      formatNumber: (n) => (n === 0 ? "push (0 s)" : `${clean(n)} s`),
    }),
    appliesWhen: "usesPoll",
  },
  timeoutMs: parameter("Timeout", { inputHint: "ms", unit: "ms" }),
  retries: parameter("Retries"),
  latencyMs: parameter("Latency", { inputHint: "ms" }),
  group: parameter("Group", { unset: { placeholder: "none", isEstimate: false } }),
  k: parameter("Needed working", { inputHint: "k", unset: { placeholder: "1", isEstimate: false } }),
  auth: parameter("Authentication"),
  commands: parameter("Provider can command", { fieldLabel: "The dependency can command the dependant" }),
  ttcDays: parameter("Mean time to cross", { inputHint: "days", unit: "days", unset: fromSecurityTable }),
} as const satisfies Record<LinkParameter, LinkParameterInfo>;

/** The label of a parameter's input field: its own wording, else "Label (hint)". */
export function fieldLabelOf(info: ParameterInfo): string {
  if (info.fieldLabel !== undefined) return info.fieldLabel;
  return info.inputHint === undefined ? info.label : `${info.label} (${info.inputHint})`;
}

/** Parameters that mean something at charger sites only: charging points and the driver's view (SPEC §10). */
export const CHARGER_ONLY_PARAMETERS: ReadonlySet<ComponentParameter> = new Set<ComponentParameter>([
  "units",
  "kwPerUnit",
  "unitAvailability",
  "unitSilentShare",
  "startFailure",
  "sessionsPerDay",
]);

/** Whether a component parameter means anything for this type (charging points only at charger sites). */
export function componentParameterApplies(param: ComponentParameter, type: ComponentType): boolean {
  return !CHARGER_ONLY_PARAMETERS.has(param) || type === "charger";
}

/** A driver population's parameters (SPEC §10), in the Assumptions panel's order. */
export const DRIVER_PARAMETERS = {
  share: parameter("Share of visits", { inputHint: "0–1", formatNumber: percent }),
  app: parameter("App", {
    help: "the eMSP, CSMS or OEM app whose map the driver trusts and that issued the token",
  }),
  pays: parameter("Pays by", {
    help: "token (app or RFID), adhoc (card at the site) or pnc (Plug & Charge)",
  }),
  realtimeShare: parameter("Needs real-time authorisation", {
    inputHint: "0–1",
    formatNumber: percent,
    help: "share of tokens the operator cannot authorise from its cache (OCPI whitelist NEVER, new tokens)",
  }),
  patienceSeconds: parameter("Patience", {
    inputHint: "s",
    unit: "s",
    help: "how long the driver waits for authorisation before giving up (too slow)",
  }),
} as const satisfies Record<DriverParameter, ParameterInfo>;

export type DriverParameter = "share" | "app" | "pays" | "realtimeShare" | "patienceSeconds";

/** How a way to pay reads for people. */
export const PAYS_LABEL: Record<Pays, string> = {
  token: "app or RFID token",
  adhoc: "card at the site",
  pnc: "Plug & Charge",
};

/** Whether a link parameter means anything for this kind (`ttlMinutes` and `failMode` need a cache, `pollSeconds` polling). */
export function linkParameterApplies(param: LinkParameter, kind: LinkKind): boolean {
  const info: LinkParameterInfo = LINK_PARAMETERS[param];
  return info.appliesWhen === undefined || LINK_KIND[kind][info.appliesWhen];
}

/** The catalogue default (value and source) of a component parameter for a type; undefined when it has none. */
export function componentDefault(
  type: ComponentType,
  param: ComponentParameter,
): Default<unknown> | undefined {
  const defaults: Partial<Record<ComponentParameter, Default<unknown>>> = CATALOGUE[type].defaults;
  return defaults[param];
}

/** The default (value and source) of a link parameter; undefined when it has none. */
export function linkDefault(param: LinkParameter): Default<unknown> | undefined {
  const defaults: Partial<Record<LinkParameter, Default<unknown>>> = LINK_DEFAULTS;
  return defaults[param];
}

/** What a component or link parameter is called and how its values are written; undefined for an unknown key. */
export function parameterInfo(param: string): ParameterInfo | undefined {
  if (Object.hasOwn(COMPONENT_PARAMETERS, param)) return COMPONENT_PARAMETERS[param as ComponentParameter];
  if (Object.hasOwn(LINK_PARAMETERS, param)) return LINK_PARAMETERS[param as LinkParameter];
  return undefined;
}

/** A parameter's value as people read it (an unknown key: by the value's type). */
export function formatParameter(param: string, value: unknown): string {
  return parameterInfo(param)?.format(value) ?? formatValue(value, clean);
}

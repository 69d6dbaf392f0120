/**
 * The `seams/1` model document (SPEC §2) as a zod schema; the TypeScript types are inferred from it.
 * Component and link parameters are optional: a missing one takes its type's catalogue default
 * (see `catalogue.ts`, `resolve.ts`). Objects are strict so a misspelt key is reported, not ignored.
 */
import { z } from "zod";

export const SCHEMA_VERSION = "seams/1";

export const COMPONENT_TYPES = [
  "charger",
  "csms",
  "emsp",
  "hub",
  "payment",
  "dso",
  "aggregator",
  "oem",
  "pki",
  "telecom",
  "cloud",
  "supplier",
  "registry",
  "custom",
] as const;
export const PROTOCOLS = [
  "ocpp16",
  "ocpp201",
  "ocpi221",
  "oicp",
  "openadr",
  "oscp",
  "iso15118",
  "ieee2030_5",
  "eebus",
  "rest",
  "other",
] as const;
export const FLOWS = [
  "status",
  "auth",
  "tariff",
  "cdr",
  "control",
  "power",
  "connectivity",
  "hosting",
  "certs",
] as const;
export const LINK_KINDS = ["hard", "soft", "cached", "async"] as const;
export const FAIL_MODES = ["open", "closed"] as const;
export const MONITORING = ["none", "liveness", "synthetic"] as const;
export const EXPOSURES = ["internet", "partner", "private"] as const;
export const AUTH_LEVELS = ["none", "basic", "token", "mtls", "pki"] as const;
/** Patch-cadence buckets of the time-to-compromise table: patched within 14, 30, 90, 180 days, or slower. */
export const PATCH_BUCKETS = ["14", "30", "90", "180", "slower"] as const;
export const MATURITY_LEVELS = ["1", "2", "3", "4", "5"] as const;
export const DECISIONS = ["auth", "pricing", "loadControl", "routing", "billing", "certs"] as const;
/** How a driver population pays (SPEC §10): app/RFID token, card at the site, Plug & Charge. */
export const PAYS = ["token", "adhoc", "pnc"] as const;
/** Component types a driver population's `app` may name (SPEC §10). */
export const DRIVER_APP_TYPES = ["emsp", "csms", "oem"] as const;
/** Outages NEVI lets an operator exclude from reported uptime when their root is grid or telecom (SPEC §10). */
export const UPTIME_EXCLUSIONS = ["grid", "telecom"] as const;

export type ComponentType = (typeof COMPONENT_TYPES)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type Flow = (typeof FLOWS)[number];
export type LinkKind = (typeof LINK_KINDS)[number];
export type FailMode = (typeof FAIL_MODES)[number];
export type Monitoring = (typeof MONITORING)[number];
export type Exposure = (typeof EXPOSURES)[number];
export type AuthLevel = (typeof AUTH_LEVELS)[number];
export type Decision = (typeof DECISIONS)[number];
export type Pays = (typeof PAYS)[number];
export type DriverAppType = (typeof DRIVER_APP_TYPES)[number];
export type UptimeExclusion = (typeof UPTIME_EXCLUSIONS)[number];

/** One problem found in a document: where (a JSON path such as `components[3].availability`) and what. */
export interface Issue {
  path: string;
  message: string;
}

/** Limits of SPEC §9: larger documents are refused before parsing. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_COMPONENTS = 20_000;

const id = z
  .string()
  .min(1, "an id cannot be empty")
  .max(128, "an id is at most 128 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "an id uses only letters, digits and _ . : -");
const probability = z.number().min(0, "a probability is at least 0").max(1, "a probability is at most 1");
const nonNegative = z.number().min(0, "cannot be negative");
const positive = z.number().positive("must be greater than 0");
const text = z.string().max(10_000);

export const latencySchema = z
  .strictObject({ p50: positive, p95: positive })
  .refine((l) => l.p95 >= l.p50, { message: "p95 must be at least p50", path: ["p95"] });

export const orgSchema = z.strictObject({
  id,
  name: text,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is #rrggbb"),
});

export const componentSchema = z.strictObject({
  id,
  type: z.enum(COMPONENT_TYPES),
  name: text,
  org: id.optional(),
  x: z.number(),
  y: z.number(),
  description: text.optional(),
  availability: z
    .number()
    .gt(0, "availability is greater than 0")
    .max(1, "availability is at most 1")
    .optional(),
  mtbfHours: positive.optional(),
  mttrHours: positive.optional(),
  silentShare: probability.optional(),
  degradedProbability: probability.optional(),
  latencyMs: latencySchema.optional(),
  degradedFactor: z.number().min(1, "degradedFactor is at least 1").optional(),
  monitoring: z.enum(MONITORING).optional(),
  exposure: z.enum(EXPOSURES).optional(),
  auth: z.enum(AUTH_LEVELS).optional(),
  patchCadenceDays: positive.optional(),
  maturity: z.int().min(1, "maturity is 1–5").max(5, "maturity is 1–5").optional(),
  tariffChangesPerDay: nonNegative.optional(),
  decides: z.array(z.enum(DECISIONS)).optional(),
  units: z.int().min(0, "cannot be negative").optional(),
  kwPerUnit: nonNegative.optional(),
  /** Charger site (SPEC §10): probability that one charging point (EVSE) is up. */
  unitAvailability: probability.optional(),
  /** Charger site: share of a unit's faults it does not report (it stays "Available"). */
  unitSilentShare: probability.optional(),
  /** Charger site: probability that a start fails once authorised (vehicle–charger communication, plug-in). */
  startFailure: probability.optional(),
  /** Charger site: intended sessions per unit per day (weights visits; arrivals in §11). */
  sessionsPerDay: nonNegative.optional(),
  ttcDays: positive.optional(),
  /** Time domain (SPEC §11): requests served per second by one server; absent = unlimited, no queue. */
  capacityPerSecond: positive.optional(),
  /** Time domain: servers working in parallel (default 1). */
  concurrency: z
    .int()
    .min(1, "concurrency is at least 1")
    .max(100_000, "concurrency is at most 100000")
    .optional(),
  /** Time domain: load from clients not drawn, with their own retry policy. */
  baseLoad: z
    .strictObject({
      perSecond: nonNegative,
      timeoutMs: positive.optional(),
      retries: z.int().min(0, "cannot be negative").max(10, "at most 10 retries").optional(),
      retryBackoffMs: nonNegative.optional(),
      jitter: z.boolean().optional(),
      retryBudget: probability.optional(),
    })
    .optional(),
  /** Time domain: mean length of a degraded episode in minutes. */
  degradedMinutes: positive.optional(),
  /** Time domain, charger site: seconds between heartbeats to its CSMS (default 300, estimate). */
  heartbeatSeconds: positive.optional(),
});

export const linkSchema = z.strictObject({
  id,
  from: id,
  to: id,
  protocol: z.enum(PROTOCOLS).optional(),
  flows: z.array(z.enum(FLOWS)),
  kind: z.enum(LINK_KINDS),
  ttlMinutes: nonNegative.optional(),
  failMode: z.enum(FAIL_MODES).optional(),
  pollSeconds: nonNegative.optional(),
  timeoutMs: positive.optional(),
  retries: z.int().min(0, "cannot be negative").max(10, "at most 10 retries").optional(),
  latencyMs: latencySchema.optional(),
  group: z.string().min(1).max(64).optional(),
  k: z.int().min(1, "k is at least 1").optional(),
  auth: z.enum(AUTH_LEVELS).optional(),
  commands: z.boolean().optional(),
  ttcDays: positive.optional(),
  /** Time domain (SPEC §11): retry i waits retryBackoffMs × 2^i. */
  retryBackoffMs: nonNegative.optional(),
  /** Time domain: full jitter on the backoff (a uniform draw in [0, backoff]). */
  jitter: z.boolean().optional(),
  /** Time domain: retries allowed as a share of first attempts over the last minute; absent = unlimited. */
  retryBudget: probability.optional(),
  /** Time domain: status/tariff pushed on change (true) or pulled every pollSeconds (false). */
  pushOnChange: z.boolean().optional(),
});

export const commonCauseSchema = z.strictObject({
  id,
  name: text,
  members: z.array(id).min(1, "a common cause has at least one member"),
  probability,
});

export const chainSchema = z.strictObject({
  id,
  name: text,
  path: z.array(id).min(2, "a chain has at least two components"),
  deadlineMs: positive,
});

export const settingsSchema = z.strictObject({
  trials: z.int().min(1).max(100_000_000),
  seed: z.int().min(0).max(4_294_967_295),
  horizonDays: positive,
  systemicThreshold: probability,
  controllableMwThreshold: nonNegative.optional(),
  /** Security: mean days to defeat each authentication level, replacing the TTC table's estimates. */
  ttcAuthDays: z.partialRecord(z.enum(AUTH_LEVELS), positive).optional(),
  /** Security: the TTC table's multiplier per patch-cadence bucket, replacing its estimates. */
  ttcPatchFactors: z.partialRecord(z.enum(PATCH_BUCKETS), positive).optional(),
  /** Security: the TTC table's multiplier per maturity level 1–5, replacing its estimates. */
  ttcMaturityFactors: z.partialRecord(z.enum(MATURITY_LEVELS), positive).optional(),
  /** Outages left out of reported uptime when their root is outside the operator (SPEC §10, NEVI). */
  uptimeExclusions: z
    .array(
      z.enum(UPTIME_EXCLUSIONS, {
        error: (issue) =>
          `unknown uptime exclusion ${JSON.stringify(issue.input)}: use ${UPTIME_EXCLUSIONS.map((e) => `"${e}"`).join(" or ")}`,
      }),
    )
    .optional(),
});

/** How an incident acts on its target (SPEC §11); `partition` targets a link. */
export const INCIDENT_EFFECTS = ["down", "degraded", "slow", "capacity", "partition"] as const;
export type IncidentEffect = (typeof INCIDENT_EFFECTS)[number];

/**
 * An incident on a time window (SPEC §11): t = 0 is 00:00 on day one. `slow` multiplies latency and
 * `capacity` multiplies capacityPerSecond by `factor`; `partition` cuts a link both ways.
 */
export const incidentSchema = z.strictObject({
  id,
  name: text,
  target: id,
  effect: z.enum(INCIDENT_EFFECTS, {
    error: (issue) =>
      `unknown incident effect ${JSON.stringify(issue.input)}: use ${INCIDENT_EFFECTS.map((e) => `"${e}"`).join(", ")}`,
  }),
  factor: positive.optional(),
  atMinutes: nonNegative,
  durationMinutes: positive,
});

/** Changes to one kind of item, keyed by id: each key's new value (null: back to the default). */
const changes = z.record(id, z.record(z.string(), z.unknown()));

/**
 * A named scenario (issue 8): the baseline with items added, removed and changed. Validated by
 * applying it and validating the result (`checkReferences` reports its problems under `scenarios[i]`).
 */
export const scenarioSchema = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  add: z
    .strictObject({
      orgs: z.array(orgSchema).optional(),
      components: z.array(componentSchema).optional(),
      links: z.array(linkSchema).optional(),
      commonCauses: z.array(commonCauseSchema).optional(),
      incidents: z.array(incidentSchema).optional(),
    })
    .optional(),
  remove: z
    .strictObject({
      orgs: z.array(id).optional(),
      components: z.array(id).optional(),
      links: z.array(id).optional(),
      commonCauses: z.array(id).optional(),
      incidents: z.array(id).optional(),
    })
    .optional(),
  set: z
    .strictObject({
      orgs: changes.optional(),
      components: changes.optional(),
      links: changes.optional(),
      commonCauses: changes.optional(),
      incidents: changes.optional(),
      settings: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

/**
 * A driver population (SPEC §10): its share of intended visits, the app whose map it trusts and
 * that issued its token or contract, how it pays, the share of its tokens that need real-time
 * authorisation, and how long it waits for a start. Cross-checks live in `drivers.ts`.
 */
export const driverSchema = z.strictObject({
  id,
  name: text,
  share: z.number().min(0, "a share cannot be negative").max(1, "a share is at most 1"),
  app: id,
  pays: z.enum(PAYS, {
    error: (issue) =>
      `${issue.input === undefined ? "how the driver pays is missing" : `unknown way to pay ${JSON.stringify(issue.input)}`}: use "token" (app or RFID), "adhoc" (card at the site) or "pnc" (Plug & Charge)`,
  }),
  realtimeShare: z
    .number()
    .min(0, "realtimeShare is a share: at least 0")
    .max(1, "realtimeShare is a share: at most 1")
    .optional(),
  patienceSeconds: z.number().min(0, "patience cannot be negative").optional(),
});

/** A subsystem drawn as one node that opens and closes (issue 8); the analysis ignores it. */
export const groupSchema = z.strictObject({
  id,
  name: text,
  members: z.array(id).min(1, "a group has at least one member"),
  collapsed: z.boolean().optional(),
});

export const modelSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  name: text,
  description: text.optional(),
  orgs: z.array(orgSchema),
  components: z.array(componentSchema).max(MAX_COMPONENTS, `at most ${MAX_COMPONENTS} components`),
  links: z.array(linkSchema),
  commonCauses: z.array(commonCauseSchema),
  chains: z.array(chainSchema),
  settings: settingsSchema,
  scenarios: z.array(scenarioSchema).max(50, "at most 50 scenarios").optional(),
  groups: z.array(groupSchema).optional(),
  drivers: z.array(driverSchema).max(1000, "at most 1000 driver populations").optional(),
  incidents: z.array(incidentSchema).max(1000, "at most 1000 incidents").optional(),
});

export type Latency = z.infer<typeof latencySchema>;
export type Org = z.infer<typeof orgSchema>;
export type Component = z.infer<typeof componentSchema>;
export type Link = z.infer<typeof linkSchema>;
export type CommonCause = z.infer<typeof commonCauseSchema>;
export type Chain = z.infer<typeof chainSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Driver = z.infer<typeof driverSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Model = z.infer<typeof modelSchema>;

export const DEFAULT_SETTINGS: Settings = {
  trials: 200_000,
  seed: 1,
  horizonDays: 30,
  systemicThreshold: 0.1,
  controllableMwThreshold: 30,
};

/** An empty, valid document. */
export function emptyModel(name = "Untitled ecosystem"): Model {
  return {
    schema: SCHEMA_VERSION,
    name,
    orgs: [],
    components: [],
    links: [],
    commonCauses: [],
    chains: [],
    settings: { ...DEFAULT_SETTINGS },
  };
}

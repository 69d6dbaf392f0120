/**
 * Resolve a component or link to its full parameter set: explicit values win, then catalogue
 * defaults. The engine and the Assumptions panel both use these, so they agree on what is in use.
 */
import { CATALOGUE, type ComponentDefaults, type Default, LINK_DEFAULTS } from "./catalogue.ts";
import { componentParameterApplies, linkParameterApplies } from "./parameters.ts";
import {
  type AuthLevel,
  COMPONENT_TYPES,
  type Component,
  type ComponentType,
  type Decision,
  type Exposure,
  type FailMode,
  type Latency,
  type Link,
  type Monitoring,
} from "./schema.ts";

export interface ResolvedComponent {
  id: string;
  type: ComponentType;
  availability: number;
  mttrHours: number;
  silentShare: number;
  degradedProbability: number;
  latencyMs: Latency;
  degradedFactor: number;
  monitoring: Monitoring;
  exposure: Exposure;
  auth: AuthLevel;
  patchCadenceDays: number;
  maturity: number;
  tariffChangesPerDay: number;
  decides: Decision[];
  units: number;
  kwPerUnit: number;
  /** Charger sites (SPEC §10); elsewhere 1, 0, 0 and 0 (no charging points). */
  unitAvailability: number;
  unitSilentShare: number;
  startFailure: number;
  sessionsPerDay: number;
  ttcDays: number | undefined;
}

export interface ResolvedLink {
  id: string;
  from: string;
  to: string;
  timeoutMs: number;
  retries: number;
  latencyMs: Latency;
  ttlMinutes: number;
  failMode: FailMode;
  pollSeconds: number;
  auth: AuthLevel;
  commands: boolean;
  ttcDays: number | undefined;
}

/** Availability from `availability`, else MTBF/(MTBF+MTTR), else the type default. */
export function availabilityOf(c: Component): number {
  if (c.availability !== undefined) return c.availability;
  const mttr = c.mttrHours ?? CATALOGUE[c.type].defaults.mttrHours.value;
  if (c.mtbfHours !== undefined) return c.mtbfHours / (c.mtbfHours + mttr);
  return CATALOGUE[c.type].defaults.availability.value;
}

/** A component with every parameter filled in. */
export function resolveComponent(c: Component): ResolvedComponent {
  const d = CATALOGUE[c.type].defaults;
  const isCharger = c.type === "charger";
  return {
    id: c.id,
    type: c.type,
    availability: availabilityOf(c),
    mttrHours: c.mttrHours ?? d.mttrHours.value,
    silentShare: c.silentShare ?? d.silentShare.value,
    degradedProbability: c.degradedProbability ?? d.degradedProbability.value,
    latencyMs: c.latencyMs ?? d.latencyMs.value,
    degradedFactor: c.degradedFactor ?? d.degradedFactor.value,
    monitoring: c.monitoring ?? d.monitoring.value,
    exposure: c.exposure ?? d.exposure.value,
    auth: c.auth ?? d.auth.value,
    patchCadenceDays: c.patchCadenceDays ?? d.patchCadenceDays.value,
    maturity: c.maturity ?? d.maturity.value,
    tariffChangesPerDay: c.tariffChangesPerDay ?? d.tariffChangesPerDay.value,
    decides: c.decides ?? d.decides.value,
    units: isCharger ? (c.units ?? d.units.value) : 0,
    kwPerUnit: isCharger ? (c.kwPerUnit ?? d.kwPerUnit.value) : 0,
    unitAvailability: isCharger ? (c.unitAvailability ?? d.unitAvailability.value) : 1,
    unitSilentShare: isCharger ? (c.unitSilentShare ?? d.unitSilentShare.value) : 0,
    startFailure: isCharger ? (c.startFailure ?? d.startFailure.value) : 0,
    sessionsPerDay: isCharger ? (c.sessionsPerDay ?? d.sessionsPerDay.value) : 0,
    ttcDays: c.ttcDays,
  };
}

/** A link with every parameter filled in. */
export function resolveLink(l: Link): ResolvedLink {
  return {
    id: l.id,
    from: l.from,
    to: l.to,
    timeoutMs: l.timeoutMs ?? LINK_DEFAULTS.timeoutMs.value,
    retries: l.retries ?? LINK_DEFAULTS.retries.value,
    latencyMs: l.latencyMs ?? LINK_DEFAULTS.latencyMs.value,
    ttlMinutes: l.ttlMinutes ?? LINK_DEFAULTS.ttlMinutes.value,
    failMode: l.failMode ?? LINK_DEFAULTS.failMode.value,
    pollSeconds: l.pollSeconds ?? LINK_DEFAULTS.pollSeconds.value,
    auth: l.auth ?? LINK_DEFAULTS.auth.value,
    commands: l.commands ?? LINK_DEFAULTS.commands.value,
    ttcDays: l.ttcDays,
  };
}

/** The scope of link defaults in assumption rows (component defaults are scoped by type label). */
export const LINK_SCOPE = "Link";

/** One row of the Assumptions panel: a default in use by at least one component or link. */
export interface AssumptionRow {
  scope: string;
  param: string;
  value: unknown;
  source: Default<unknown>["source"];
  range?: [number, number];
  note?: string;
  usedBy: string[];
}

/** Every catalogue default the model relies on (parameter left unset), grouped by type and parameter. */
export function defaultsInUse(components: Component[], links: Link[]): AssumptionRow[] {
  const rows = new Map<string, AssumptionRow>();
  const add = (scope: string, param: string, d: Default<unknown>, id: string) => {
    const key = `${scope}\u0000${param}`;
    let row = rows.get(key);
    if (!row) {
      row = { scope, param, value: d.value, source: d.source, range: d.range, note: d.note, usedBy: [] };
      rows.set(key, row);
    }
    row.usedBy.push(id);
  };
  for (const c of components) {
    const d = CATALOGUE[c.type].defaults;
    for (const param of Object.keys(d) as (keyof ComponentDefaults)[]) {
      if (!componentParameterApplies(param, c.type)) continue;
      if (param === "availability" && c.mtbfHours !== undefined) continue;
      if (c[param] === undefined) add(CATALOGUE[c.type].label, param, d[param], c.id);
    }
  }
  for (const l of links) {
    for (const param of Object.keys(LINK_DEFAULTS) as (keyof typeof LINK_DEFAULTS)[]) {
      if (!linkParameterApplies(param, l.kind)) continue;
      if (l[param] === undefined) add(LINK_SCOPE, param, LINK_DEFAULTS[param], l.id);
    }
  }
  return [...rows.values()];
}

/** Assumption rows grouped by scope: component types in catalogue order, links last. */
export function groupAssumptions(rows: AssumptionRow[]): [string, AssumptionRow[]][] {
  const order = [...COMPONENT_TYPES.map((t) => CATALOGUE[t].label), LINK_SCOPE];
  const groups = new Map<string, AssumptionRow[]>();
  for (const row of rows) {
    const list = groups.get(row.scope) ?? [];
    list.push(row);
    groups.set(row.scope, list);
  }
  return [...groups.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

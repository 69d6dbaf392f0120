/**
 * The time domain's model side (SPEC §11): catalogue defaults of the time-domain parameters (each
 * sourced or `estimate`, like `catalogue.ts`), their resolution, what each incident effect acts on,
 * and the checks of a model's incidents. Pure: no React, no DOM.
 */
import type { Default } from "./catalogue.ts";
import type { Component, Incident, IncidentEffect, Issue, Link, Model } from "./schema.ts";

const est = <T>(value: T, note?: string): Default<T> => (note ? { value, note } : { value });

/** The latest minute an incident may start or end: a year (no timeline runs longer). */
export const MAX_INCIDENT_MINUTES = 525_600;

/** Component defaults of the time domain; `capacityPerSecond` has none (unset = unlimited, no queue). */
export const TIMELINE_COMPONENT_DEFAULTS = {
  concurrency: est(1, "one server: set the number of workers or instances a backend runs"),
  degradedMinutes: est(
    30,
    "a brownout (overload, a slow dependency) lasts tens of minutes before it is mitigated",
  ),
  heartbeatSeconds: {
    value: 300,
    source: "ocppHeartbeat",
    range: [30, 3600],
    note: "SPEC §11 takes 300 s (estimate) between the WebSocket ping (30 s) and the recommended HeartbeatInterval (3600 s); two missed mark the site offline",
  } as Default<number>,
  baseLoadPerSecond: est(0, "no clients beyond those drawn"),
  baseLoadTimeoutMs: est(5000, "typical HTTP / WebSocket request timeout, as links"),
  baseLoadRetries: est(0, "clients not drawn give up at their first timeout unless a policy is set"),
  baseLoadRetryBackoffMs: est(0, "as links"),
  baseLoadJitter: est(false, "as links"),
};

/** Link defaults of the time domain; `retryBudget` has none (unset = retries unlimited). */
export const TIMELINE_LINK_DEFAULTS = {
  retryBackoffMs: est(
    0,
    "retries go at once unless a base is set (attempt i then waits base × 2^i); OCPP and OCPI leave retry timing to implementations",
  ),
  jitter: est(
    false,
    "no jitter: clients retry in step (backoff with jitter is a defence to try, Huang et al. OSDI 2022)",
  ),
  pushOnChange: {
    value: true,
    source: "ocpiLocations",
    note: "the CPO pushes status changes (PUT, PATCH); false: pulled every pollSeconds",
  } as Default<boolean>,
};

/** A component's time-domain parameters with every default filled in. */
export interface TimelineComponentParameters {
  /** Requests served per second by one server; undefined = unlimited (no queue, drawn latency). */
  capacityPerSecond: number | undefined;
  concurrency: number;
  baseLoad: {
    perSecond: number;
    timeoutMs: number;
    retries: number;
    retryBackoffMs: number;
    jitter: boolean;
    /** Retries allowed as a share of first attempts over the last minute; undefined = unlimited. */
    retryBudget: number | undefined;
  };
  degradedMinutes: number;
  heartbeatSeconds: number;
}

/** A link's time-domain parameters with every default filled in. */
export interface TimelineLinkParameters {
  retryBackoffMs: number;
  jitter: boolean;
  /** Undefined = retries unlimited. */
  retryBudget: number | undefined;
  pushOnChange: boolean;
}

/** The time-domain parameters of `c`: its own values, then the defaults above. */
export function resolveTimelineComponent(c: Component): TimelineComponentParameters {
  const d = TIMELINE_COMPONENT_DEFAULTS;
  const b = c.baseLoad;
  return {
    capacityPerSecond: c.capacityPerSecond,
    concurrency: c.concurrency ?? d.concurrency.value,
    baseLoad: {
      perSecond: b?.perSecond ?? d.baseLoadPerSecond.value,
      timeoutMs: b?.timeoutMs ?? d.baseLoadTimeoutMs.value,
      retries: b?.retries ?? d.baseLoadRetries.value,
      retryBackoffMs: b?.retryBackoffMs ?? d.baseLoadRetryBackoffMs.value,
      jitter: b?.jitter ?? d.baseLoadJitter.value,
      retryBudget: b?.retryBudget,
    },
    degradedMinutes: c.degradedMinutes ?? d.degradedMinutes.value,
    heartbeatSeconds: c.heartbeatSeconds ?? d.heartbeatSeconds.value,
  };
}

/** The time-domain parameters of `l`: its own values, then the defaults above. */
export function resolveTimelineLink(l: Link): TimelineLinkParameters {
  const d = TIMELINE_LINK_DEFAULTS;
  return {
    retryBackoffMs: l.retryBackoffMs ?? d.retryBackoffMs.value,
    jitter: l.jitter ?? d.jitter.value,
    retryBudget: l.retryBudget,
    pushOnChange: l.pushOnChange ?? d.pushOnChange.value,
  };
}

/** What an incident effect acts on and whether it needs a factor (one table: editor, checks, CLI). */
export interface IncidentEffectTraits {
  /** What people read in the editor and the legend. */
  label: string;
  target: "component" | "link";
  needsFactor: boolean;
  /** What the factor does, for the editor's field. */
  factorLabel?: string;
}

export const INCIDENT_EFFECT = {
  down: { label: "down", target: "component", needsFactor: false },
  degraded: { label: "degraded (slow, as its own degraded state)", target: "component", needsFactor: false },
  slow: { label: "slow ×N", target: "component", needsFactor: true, factorLabel: "latency × (≥ 1)" },
  capacity: {
    label: "capacity ×N",
    target: "component",
    needsFactor: true,
    factorLabel: "capacity × (below 1 shrinks it)",
  },
  partition: { label: "partition (link cut both ways)", target: "link", needsFactor: false },
} as const satisfies Record<IncidentEffect, IncidentEffectTraits>;

/** The ids an incident may target: the model's components and links. */
export interface IncidentTargets {
  hasComponent(id: string): boolean;
  hasLink(id: string): boolean;
}

/**
 * The problems of one incident at `path` (`incidents[0]`): a target that does not exist or is of
 * the wrong kind for its effect, a missing factor, a window past the limit.
 */
export function incidentIssues(incident: Incident, targets: IncidentTargets, path: string): Issue[] {
  const issues: Issue[] = [];
  const traits = INCIDENT_EFFECT[incident.effect];
  const { target } = incident;
  const isComponent = targets.hasComponent(target);
  const isLink = targets.hasLink(target);
  if (traits.target === "link" && !isLink) {
    issues.push({
      path: `${path}.target`,
      message: isComponent
        ? `a partition cuts a link: "${target}" is a component (pick one of its links)`
        : `incident "${incident.name}" targets unknown link "${target}"`,
    });
  } else if (traits.target === "component" && !isComponent) {
    issues.push({
      path: `${path}.target`,
      message: isLink
        ? `"${incident.effect}" acts on a component: "${target}" is a link (use "partition" to cut a link)`
        : `incident "${incident.name}" targets unknown component "${target}"`,
    });
  }
  if (traits.needsFactor && incident.factor === undefined) {
    issues.push({ path: `${path}.factor`, message: `"${incident.effect}" needs a factor (×N)` });
  }
  if (incident.effect === "slow" && incident.factor !== undefined && incident.factor < 1) {
    issues.push({
      path: `${path}.factor`,
      message: `slow ×${incident.factor} would speed it up: the factor is at least 1`,
    });
  }
  const end = incident.atMinutes + incident.durationMinutes;
  if (end > MAX_INCIDENT_MINUTES) {
    issues.push({
      path: `${path}.durationMinutes`,
      message: `the incident ends at minute ${end}, after the limit ${MAX_INCIDENT_MINUTES} (a year: no timeline runs longer)`,
    });
  }
  return issues;
}

/** The problems of a model's incidents: duplicate ids, then each incident's own (`incidents[i].…`). */
export function checkIncidents(model: Model): Issue[] {
  const incidents = model.incidents ?? [];
  if (incidents.length === 0) return [];
  const components = new Set(model.components.map((c) => c.id));
  const links = new Set(model.links.map((l) => l.id));
  const targets: IncidentTargets = {
    hasComponent: (id) => components.has(id),
    hasLink: (id) => links.has(id),
  };
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  incidents.forEach((incident, i) => {
    const first = seen.get(incident.id);
    if (first !== undefined)
      issues.push({
        path: `incidents[${i}].id`,
        message: `duplicate id "${incident.id}" (also incidents[${first}])`,
      });
    else seen.set(incident.id, i);
    issues.push(...incidentIssues(incident, targets, `incidents[${i}]`));
  });
  return issues;
}

/** Incidents whose target is still in the model (a deleted component or link takes its incidents along). */
export function incidentsOnExisting(
  incidents: readonly Incident[],
  components: readonly { id: string }[],
  links: readonly { id: string }[],
): Incident[] {
  const ids = new Set([...components.map((c) => c.id), ...links.map((l) => l.id)]);
  return incidents.filter((incident) => ids.has(incident.target));
}

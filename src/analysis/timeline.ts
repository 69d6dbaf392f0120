/**
 * View-models of a timeline run (SPEC §11): the clock as people read it, the incident windows the
 * charts shade, and what the canvas draws at one bin — each component's trouble (its incident,
 * the share of its requests that timed out), its queue and offered load, and what a chosen viewer
 * shows against what is true. Pure: the panel and the canvas only render what this returns.
 */
import type { TimelineResult } from "../engine/index.ts";
import { INCIDENT_EFFECT, type Incident, type Model } from "../model/index.ts";
import { formatPercent } from "./format.ts";
import { type NodeOverlay, P_FLOOR, riskFill } from "./overlay.ts";

const MINUTES_PER_DAY = 1440;

/** Minute `m` from 00:00 on day one as people read it: "day 1, 17:00". */
export function formatClock(m: number): string {
  const day = Math.floor(m / MINUTES_PER_DAY) + 1;
  const within = Math.round(m - (day - 1) * MINUTES_PER_DAY);
  const hh = String(Math.floor(within / 60)).padStart(2, "0");
  const mm = String(within % 60).padStart(2, "0");
  return `day ${day}, ${hh}:${mm}`;
}

/** A duration in minutes as people read it: "45 min", "2 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = Math.floor(minutes / 60);
  const rest = Math.round(minutes - h * 60);
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

/** "17:00" on day `day` (1-based) → minutes from 00:00 on day one; undefined when not hh:mm. */
export function parseClock(text: string, day: number): number | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match || !Number.isInteger(day) || day < 1) return undefined;
  const hh = Number(match[1]);
  const mm = Number(match[2]);
  if (hh > 23 || mm > 59) return undefined;
  return (day - 1) * MINUTES_PER_DAY + hh * 60 + mm;
}

/** The name people read for an incident's target (a component's name, a link as "from → to"). */
export function targetName(model: Model, id: string): string {
  const c = model.components.find((x) => x.id === id);
  if (c) return c.name;
  const l = model.links.find((x) => x.id === id);
  if (!l) return id;
  const name = (end: string) => model.components.find((x) => x.id === end)?.name ?? end;
  return `${name(l.from)} → ${name(l.to)}`;
}

/** An incident in one line: "Interroam roaming hub slow ×20, day 1, 17:00 for 2 h". */
export function describeIncident(model: Model, incident: Incident): string {
  const effect = INCIDENT_EFFECT[incident.effect].needsFactor
    ? `${incident.effect} ×${incident.factor ?? "?"}`
    : incident.effect;
  return `${targetName(model, incident.target)} ${effect}, ${formatClock(incident.atMinutes)} for ${formatDuration(incident.durationMinutes)}`;
}

/** An incident's window as the charts shade it. */
export interface IncidentWindow {
  id: string;
  name: string;
  fromMinutes: number;
  toMinutes: number;
}

/** The windows of the incidents the run simulated (those in its result), in the model's order. */
export function incidentWindows(model: Model, result: TimelineResult): IncidentWindow[] {
  return (model.incidents ?? [])
    .filter((x) => Object.hasOwn(result.incidents, x.id))
    .map((x) => ({
      id: x.id,
      name: x.name,
      fromMinutes: x.atMinutes,
      toMinutes: x.atMinutes + x.durationMinutes,
    }));
}

/** What the canvas shows at a bin: the truth, or what one viewer (a CSMS, hub or app) shows. */
export type TimelineView = { kind: "true" } | { kind: "viewer"; id: string };

/** Trouble drawn for a component whose incident holds it down or cuts it off. */
const DOWN = 1;
/** Trouble drawn for a slow or degraded component that times nothing out (yet). */
const SLOWED = 0.05;

/** A series value at bin `b`, or undefined when the component is not among the selected. */
const at = <T>(series: Record<string, T[]>, id: string, b: number): T | undefined => series[id]?.[b];

/**
 * Node overlays at bin `b`: each selected component (and each incident target) coloured by its
 * trouble — 100 % while an incident holds it down, else the share of its requests that timed out
 * in the bin — labelled with its queue and offered load (requests per second). In a viewer's view
 * the viewer is labelled with the units it shows available against the units truly available.
 */
export function timelineOverlays(
  model: Model,
  result: TimelineResult,
  b: number,
  view: TimelineView,
): Record<string, NodeOverlay> {
  const minute = result.minutes[b] ?? 0;
  const binSeconds = result.binMinutes * 60;
  const active = new Map<string, Incident[]>();
  for (const x of model.incidents ?? []) {
    if (!Object.hasOwn(result.incidents, x.id)) continue;
    // active in the bin when its window overlaps the bin's
    if (x.atMinutes >= minute + result.binMinutes || x.atMinutes + x.durationMinutes <= minute) continue;
    // a partition cuts a link: both its ends are drawn as cut off from each other
    const ids = x.effect === "partition" ? linkEnds(model, x.target) : [x.target];
    for (const id of ids) active.set(id, [...(active.get(id) ?? []), x]);
  }
  const out: Record<string, NodeOverlay> = {};
  const { series } = result;
  for (const c of model.components) {
    const offered = at(series.load, c.id, b);
    const incidents = active.get(c.id) ?? [];
    if (offered === undefined && incidents.length === 0) continue;
    const timeouts = at(series.timeouts, c.id, b) ?? 0;
    const queue = at(series.queue, c.id, b) ?? 0;
    const attempts = (offered ?? 0) * binSeconds;
    let trouble = attempts > 0 ? Math.min(1, timeouts / attempts) : 0;
    if (incidents.some((x) => x.effect === "down" || x.effect === "partition")) trouble = DOWN;
    else if (incidents.length > 0) trouble = Math.max(trouble, SLOWED);
    const parts: string[] = [];
    if (incidents.length > 0) parts.push(incidents.map((x) => x.effect).join(", "));
    if (queue >= 1) parts.push(`queue ${Math.round(queue).toLocaleString("en-GB")}`);
    if (offered !== undefined) parts.push(`${formatRate(offered)} req/s offered`);
    if (trouble > 0 && trouble < DOWN) parts.push(`${formatPercent(trouble)} timed out`);
    out[c.id] = {
      fill: riskFill(Math.max(trouble, P_FLOOR)),
      p: trouble,
      label: parts.join(" · "),
      badges: [],
    };
  }
  if (view.kind === "viewer") {
    const shown = series.shown[view.id]?.[b];
    const truth = series.trueAvailable[b];
    if (shown !== undefined && truth !== undefined) {
      // the viewer's lie: the share of the units it shows available that cannot charge
      const phantom = shown > 0 ? Math.max(0, shown - truth) / shown : 0;
      out[view.id] = {
        fill: riskFill(Math.max(phantom, P_FLOOR)),
        p: phantom,
        label: `shows ${Math.round(shown)} units available · ${Math.round(truth)} can charge`,
        badges: [],
      };
    }
  }
  return out;
}

/** Requests per second with the precision a rate needs: 0.04, 2.4, 37. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return "0";
  if (perSecond < 1) return perSecond.toFixed(2);
  if (perSecond < 10) return perSecond.toFixed(1);
  return Math.round(perSecond).toLocaleString("en-GB");
}

function linkEnds(model: Model, id: string): string[] {
  const l = model.links.find((x) => x.id === id);
  return l ? [l.from, l.to] : [];
}

/** The bin holding minute `m` (clamped to the bins there are). */
export function binAt(result: TimelineResult, m: number): number {
  const b = Math.floor(m / result.binMinutes);
  return Math.max(0, Math.min(result.minutes.length - 1, b));
}

/**
 * A series in blocks of `block` bins, each the mean of its measured values (null when none): a
 * chart of a day in one-minute bins draws 1,440 jagged points; in blocks of 10 it reads.
 */
export function coarsen(values: readonly (number | null)[], block: number): (number | null)[] {
  if (block <= 1) return [...values];
  const out: (number | null)[] = [];
  for (let start = 0; start < values.length; start += block) {
    let sum = 0;
    let count = 0;
    for (let i = start; i < Math.min(values.length, start + block); i++) {
      const v = values[i];
      if (v !== null && Number.isFinite(v)) {
        sum += v;
        count += 1;
      }
    }
    out.push(count > 0 ? sum / count : null);
  }
  return out;
}

/**
 * The headline figures of a reliability result as people read them: label, value and 95 %
 * interval, formatted exactly as the Results panel shows them — the driver's view first (start
 * success beside reported uptime, SPEC §10), then the site-level five. Workshop mode and the HTML
 * report read them from here, so a projector, a report and the panel never disagree.
 */
import type { ReliabilityResult } from "../engine/index.ts";
import type { Model } from "../model/schema.ts";
import { driverHeadline, gapShort } from "./drivers.ts";
import { formatInterval, formatKw, formatKwShare, formatPercent } from "./format.ts";

export interface HeadlineFigure {
  /**
   * Stable name (`start-success`, `reported-uptime`, `demand-success`, `unusable-kw`, `systemic`,
   * `phantom`, `seam-share`, `seam-crossing`).
   */
  id: string;
  label: string;
  value: string;
  /** The 95 % interval in the value's unit, e.g. "1.2 MW – 1.4 MW". */
  interval: string;
  hint: string;
}

const percentInterval = (ci: [number, number]) => formatInterval(ci, formatPercent);

/**
 * The driver's view, when the result has it: start success (of attempts) beside reported uptime
 * (of units), then demand success (of intended visits).
 */
function driverFigures(result: ReliabilityResult): HeadlineFigure[] {
  const h = driverHeadline(result.system);
  if (!h) return [];
  return [
    {
      id: "start-success",
      label: "Start success, of drivers' attempts",
      value: formatPercent(h.ftcsr.p),
      interval: percentInterval(h.ftcsr.ci95),
      hint: "Share of drivers' attempts at a site their app showed available that started charging (first-time charge success)",
    },
    {
      id: "reported-uptime",
      label: "Reported uptime, of units (what regulators see)",
      value: formatPercent(h.reportedUptime.p),
      interval: percentInterval(h.reportedUptime.ci95),
      hint: `Mean over charging units of the time their status feed reports them available (NEVI / OCPI status); true uptime ${formatPercent(h.trueUptime.p)}`,
    },
    {
      id: "demand-success",
      label: "Demand success, of intended visits",
      value: formatPercent(h.demandSuccess.p),
      interval: percentInterval(h.demandSuccess.ci95),
      hint: "Share of the visits drivers meant to make that started charging, counting sites their app did not show",
    },
  ];
}

/** The gap in words ("Regulators see 97.9 %, drivers start 77.4 % — a gap of 20.5 percentage points"), if the result has the driver's view. */
export function headlineGap(result: ReliabilityResult): string | undefined {
  const h = driverHeadline(result.system);
  return h && gapShort(h);
}

/**
 * Start success, reported uptime and demand success (when the result has the driver's view), then
 * expected unusable kW, P(systemic event), phantom rate, seam-failure share, seam-crossing share.
 */
export function headlineFigures(model: Model, result: ReliabilityResult): HeadlineFigure[] {
  const s = result.system;
  const share = s.totalKw > 0 ? s.unusableKw.mean / s.totalKw : 0;
  return [
    ...driverFigures(result),
    {
      id: "unusable-kw",
      label: `Expected unusable charging, of all ${formatKw(s.totalKw)}`,
      value: formatKwShare(s.unusableKw.mean, share),
      interval: formatInterval(s.unusableKw.ci95, formatKw),
      hint: "Mean kW of charger sites that cannot charge at a random instant",
    },
    {
      id: "systemic",
      label: `P(systemic event), of instants with ≥ ${formatPercent(model.settings.systemicThreshold)} of kW down`,
      value: formatPercent(s.systemicEvent.p),
      interval: percentInterval(s.systemicEvent.ci95),
      hint: "Probability that at least the systemic threshold of all charging power is unusable at once",
    },
    {
      id: "phantom",
      label: "Phantom availability, of (site, viewer) pairs",
      value: formatPercent(s.phantomRate.mean),
      interval: percentInterval(s.phantomRate.ci95),
      hint: "Mean over (charger, viewer) pairs of P(charger unusable but shown available)",
    },
    {
      id: "seam-share",
      label: "Seam failures, of unusable kW",
      value: formatPercent(s.seamShare.p),
      interval: percentInterval(s.seamShare.ci95),
      hint: "Share of unusable kW where every dashboard on the charger's dependency path is green",
    },
    {
      id: "seam-crossing",
      label: "Crossing organisations, of failure crossings",
      value: formatPercent(s.seamCrossingShare.p),
      interval: percentInterval(s.seamCrossingShare.ci95),
      hint: "Share of failure crossings on links between two organisations",
    },
  ];
}

/**
 * The run's charts (SPEC §11): start success and demand success, requests per second offered to
 * and served by the busiest backends, and their p95 response — each with the incident windows
 * shaded and the player's cursor. Series are picked by name: the incident targets first, then the
 * busiest by offered load.
 */
import { formatPercent } from "../../analysis/format.ts";
import { coarsen, formatRate, type IncidentWindow, targetName } from "../../analysis/timeline.ts";
import { type TimeLine, TimelineChart, TimelineLegend } from "../../charts/timelineChart.tsx";
import type { TimelineResult } from "../../engine/index.ts";
import type { Model } from "../../model/schema.ts";

const WIDTH = 340;
const HEIGHT = 170;
/** Backends drawn in the load and latency charts. */
const CHARTED = 4;
const COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309"];
/** Points drawn across a chart at most: bins are averaged in blocks beyond this. */
const POINTS = 144;

/** The components whose load is charted: incident targets first, then by total offered load. */
function chartedComponents(model: Model, result: TimelineResult): string[] {
  const targets = new Set(
    (model.incidents ?? []).filter((x) => x.id in result.incidents).map((x) => x.target),
  );
  const total = (id: string) => result.series.load[id]?.reduce((a, b) => a + b, 0) ?? 0;
  return Object.keys(result.series.load)
    .sort((a, b) => Number(targets.has(b)) - Number(targets.has(a)) || total(b) - total(a))
    .slice(0, CHARTED);
}

export function TimelineCharts({
  model,
  result,
  windows,
  cursorMinutes,
}: {
  model: Model;
  result: TimelineResult;
  windows: readonly IncidentWindow[];
  cursorMinutes: number | undefined;
}) {
  const { series } = result;
  const block = Math.max(1, Math.ceil(result.minutes.length / POINTS));
  const minutes = result.minutes.filter((_, i) => i % block === 0);
  const binMinutes = result.binMinutes * block;
  const ids = chartedComponents(model, result);
  const success: TimeLine[] = [
    {
      label: "start success (of attempts, last 15 min)",
      values: coarsen(series.ftcsr, block),
      color: COLORS[0],
    },
    {
      label: "demand success (of intended visits)",
      values: coarsen(series.demandSuccess, block),
      color: COLORS[2],
    },
  ];
  const load: TimeLine[] = ids.map((id, i) => ({
    label: `${targetName(model, id)} offered`,
    values: coarsen(series.load[id] ?? [], block),
    color: COLORS[i % COLORS.length],
  }));
  const latency: TimeLine[] = ids.map((id, i) => ({
    label: targetName(model, id),
    // the mean of the bins' p95 responses: a chart's reading, not the block's own p95
    values: coarsen(series.latencyP95Ms[id] ?? [], block),
    color: COLORS[i % COLORS.length],
  }));
  const common = { minutes, binMinutes, windows, cursorMinutes, width: WIDTH, height: HEIGHT };
  return (
    <section className="timeline-charts" data-testid="timeline-charts">
      <TimelineChart
        {...common}
        lines={success}
        title="Start and demand success"
        formatY={formatPercent}
        yDomain={[0, 1]}
        testId="timeline-chart-success"
      />
      <TimelineLegend lines={success} />
      {ids.length > 0 && (
        <>
          <TimelineChart
            {...common}
            lines={load}
            title="Requests offered per second (incl. retries)"
            formatY={formatRate}
            testId="timeline-chart-load"
          />
          <TimelineLegend lines={load} />
          <TimelineChart
            {...common}
            lines={latency}
            title="p95 response (ms, mean over each point's bins)"
            formatY={(ms) => Math.round(ms).toLocaleString("en-GB")}
            testId="timeline-chart-latency"
          />
          <TimelineLegend lines={latency} />
        </>
      )}
    </section>
  );
}

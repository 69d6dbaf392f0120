/**
 * The reliability result's two distributions — unusable charging power (with its mean, interval and
 * the systemic threshold) and cascade size — as the Results panel and the report draw them.
 */
import { formatKw } from "../analysis/format.ts";
import type { ReliabilityResult } from "../engine/index.ts";
import { HistogramChart } from "./HistogramChart.tsx";

export function ResultCharts({
  result,
  systemicThreshold,
  width,
  height,
}: {
  result: ReliabilityResult;
  /** The model's settings.systemicThreshold (a share of all charging power). */
  systemicThreshold: number;
  width: number;
  height: number;
}) {
  const s = result.system;
  return (
    <>
      <HistogramChart
        histogram={s.unusableKwHistogram}
        width={width}
        height={height}
        title="Unusable charging power"
        xLabel="kW unusable at once"
        formatEdge={(e) => formatKw(e)}
        markers={[
          { value: s.unusableKw.mean, label: "mean", className: "marker-mean", interval: s.unusableKw.ci95 },
          { value: systemicThreshold * s.totalKw, label: "systemic", className: "marker-threshold" },
        ]}
      />
      <HistogramChart
        histogram={s.cascadeHistogram}
        width={width}
        height={height}
        title="Cascade size"
        xLabel="components failed through dependencies"
        formatEdge={(e) => String(e)}
      />
    </>
  );
}

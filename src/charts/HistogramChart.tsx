/**
 * A bar chart of a histogram with open-ended last bin: d3 scales and ticks, React renders the SVG.
 * Optional vertical markers (a mean with its interval, a threshold) are drawn over the bars.
 */
import { max, scaleBand, scaleLinear } from "d3";
import type { Histogram } from "../engine/index.ts";

export interface Marker {
  value: number;
  label: string;
  className: string;
  /** Shaded interval around the value, in the same unit. */
  interval?: [number, number];
}

export interface HistogramChartProps {
  histogram: Histogram;
  width: number;
  height: number;
  title: string;
  xLabel: string;
  formatEdge: (edge: number) => string;
  markers?: Marker[];
  /** Draw frequencies on a log axis (rare tails stay visible). */
  isLog?: boolean;
}

const MARGIN = { top: 22, right: 12, bottom: 34, left: 44 };

export function HistogramChart({
  histogram,
  width,
  height,
  title,
  xLabel,
  formatEdge,
  markers = [],
  isLog = true,
}: HistogramChartProps) {
  const total = histogram.counts.reduce((a, b) => a + b, 0) || 1;
  const shares = histogram.counts.map((c) => c / total);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<number>()
    .domain(histogram.edges.map((_, i) => i))
    .range([0, innerW])
    .padding(0.12);
  const top = max(shares) ?? 1;
  const floor = 1 / total;
  // log axis of frequency: a bar for 1 trial in 10^6 must still show
  const toY = (s: number) =>
    isLog
      ? s <= 0
        ? innerH
        : innerH -
          (innerH * (Math.log10(s) - Math.log10(floor / 2))) / (Math.log10(top) - Math.log10(floor / 2) || 1)
      : scaleLinear([0, top], [innerH, 0])(s);
  const yTicks = isLog
    ? Array.from({ length: 8 }, (_, i) => 10 ** -i).filter((t) => t <= top * 1.0001 && t >= floor)
    : scaleLinear([0, top], [innerH, 0]).ticks(4);
  const edgeToX = (value: number) => {
    let i = 0;
    while (i + 1 < histogram.edges.length && histogram.edges[i + 1] <= value) i++;
    const next =
      histogram.edges[i + 1] ??
      histogram.edges[i] + (histogram.edges[i] - (histogram.edges[i - 1] ?? 0) || 1);
    const within = Math.min(1, Math.max(0, (value - histogram.edges[i]) / (next - histogram.edges[i] || 1)));
    return (x(i) ?? 0) + within * x.step();
  };
  const labelEvery = Math.max(1, Math.ceil(histogram.edges.length / Math.max(1, Math.floor(innerW / 48))));
  return (
    <svg className="chart" width={width} height={height} role="img" aria-label={title}>
      <title>{title}</title>
      <text className="chart-title" x={MARGIN.left} y={14}>
        {title}
      </text>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {yTicks.map((t) => (
          <g key={t} transform={`translate(0,${toY(t)})`}>
            <line className="chart-grid" x2={innerW} />
            <text className="chart-tick" x={-4} dy="0.32em" textAnchor="end">
              {t >= 0.01 ? `${Math.round(t * 100)}%` : `${+(t * 100).toPrecision(1)}%`}
            </text>
          </g>
        ))}
        {shares.map((s, i) => (
          <rect
            // by bin: edges can coincide (a blank model's 0 kW puts every edge at 0)
            // biome-ignore lint/suspicious/noArrayIndexKey: the bins are a fixed series, redrawn whole
            key={i}
            className="chart-bar"
            x={x(i)}
            width={x.bandwidth()}
            y={toY(s)}
            height={Math.max(0, innerH - toY(s))}
          >
            <title>{`${formatEdge(histogram.edges[i])}${i === shares.length - 1 ? "+" : ""}: ${(s * 100).toPrecision(3)} % of trials (${histogram.counts[i]})`}</title>
          </rect>
        ))}
        {markers.map((m) => (
          <g key={m.label} className={m.className}>
            {m.interval && (
              <rect
                className="chart-interval"
                x={edgeToX(m.interval[0])}
                width={Math.max(1, edgeToX(m.interval[1]) - edgeToX(m.interval[0]))}
                height={innerH}
              />
            )}
            <line x1={edgeToX(m.value)} x2={edgeToX(m.value)} y2={innerH} />
            <text x={edgeToX(m.value) + 3} y={10}>
              {m.label}
            </text>
          </g>
        ))}
        <g transform={`translate(0,${innerH})`}>
          <line className="chart-axis" x2={innerW} />
          {histogram.edges.map((e, i) =>
            i % labelEvery === 0 ? (
              <text
                // biome-ignore lint/suspicious/noArrayIndexKey: by bin, as the bars
                key={i}
                className="chart-tick"
                x={(x(i) ?? 0) + x.bandwidth() / 2}
                y={13}
                textAnchor="middle"
              >
                {formatEdge(e)}
                {i === histogram.edges.length - 1 ? "+" : ""}
              </text>
            ) : null,
          )}
          <text className="chart-label" x={innerW / 2} y={29} textAnchor="middle">
            {xLabel}
          </text>
        </g>
      </g>
    </svg>
  );
}

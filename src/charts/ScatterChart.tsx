/**
 * A labelled scatter (d3 scales, React SVG): Perrow's chart — interaction complexity (log axis)
 * against tightness of coupling — with the current model highlighted.
 */
import { scaleLinear, scaleLog } from "d3";

export interface ScatterPoint {
  label: string;
  /** Drawn beside the point instead of the label (a number keyed below the chart), when given. */
  mark?: string;
  x: number;
  y: number;
  current?: boolean;
}

const MARGIN = { top: 22, right: 14, bottom: 34, left: 46 };

export function ScatterChart({
  points,
  width,
  height,
  title,
  xLabel,
  yLabel,
  formatY,
  testId,
}: {
  points: ScatterPoint[];
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  formatY: (y: number) => string;
  testId?: string;
}) {
  const xs = points.map((p) => Math.max(1, p.x));
  const lo = Math.min(...xs, 1);
  const hi = Math.max(...xs, 10);
  const x = scaleLog()
    .domain([lo / 1.5, hi * 1.5])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...points.map((p) => p.y))])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const xTicks = x.ticks(4).filter((t) => Number.isInteger(Math.log10(t)));
  return (
    <svg className="chart" width={width} height={height} role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      <text className="chart-title" x={MARGIN.left} y={14}>
        {title}
      </text>
      {y.ticks(4).map((t) => (
        <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
          <line className="chart-grid" x1={MARGIN.left} x2={width - MARGIN.right} />
          <text className="chart-tick" x={MARGIN.left - 4} dy="0.32em" textAnchor="end">
            {formatY(t)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text
          key={`x${t}`}
          className="chart-tick"
          x={x(t)}
          y={height - MARGIN.bottom + 12}
          textAnchor="middle"
        >
          {t >= 1000 ? `${t / 1000}k` : t}
        </text>
      ))}
      <text
        className="chart-label"
        x={(MARGIN.left + width - MARGIN.right) / 2}
        y={height - 4}
        textAnchor="middle"
      >
        {xLabel}
      </text>
      <text
        className="chart-label"
        transform={`translate(11,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {yLabel}
      </text>
      {points.map((p) => (
        <g key={p.label} transform={`translate(${x(Math.max(1, p.x))},${y(p.y)})`} data-label={p.label}>
          <circle r={p.current ? 6 : 4} className={p.current ? "scatter-current" : "scatter-point"} />
          <text className="chart-tick" x={8} dy="0.32em">
            {p.mark ?? p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

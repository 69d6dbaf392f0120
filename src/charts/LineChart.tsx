/** A small line chart of a figure against N, with its 95 % interval as a band (d3 scales, React SVG). */
import { area, line, scaleLinear } from "d3";

export interface LinePoint {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

const MARGIN = { top: 20, right: 10, bottom: 28, left: 50 };

export function LineChart({
  points,
  width,
  height,
  title,
  xLabel,
  formatY,
  testId,
}: {
  points: LinePoint[];
  width: number;
  height: number;
  title: string;
  xLabel: string;
  formatY: (y: number) => string;
  testId?: string;
}) {
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]);
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)])
    .range([MARGIN.left, width - MARGIN.right]);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.1;
  const y = scaleLinear()
    .domain([Math.max(0, lo - pad), hi + pad])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice(4);
  const path = line<LinePoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y))(points);
  const band = area<LinePoint>()
    .x((p) => x(p.x))
    .y0((p) => y(p.lo ?? p.y))
    .y1((p) => y(p.hi ?? p.y))(points);
  return (
    <svg
      width={width}
      height={height}
      className="line-chart"
      data-testid={testId}
      role="img"
      aria-label={title}
    >
      <text x={MARGIN.left} y={13} className="chart-title">
        {title}
      </text>
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} stroke="#eef0f3" />
          <text x={MARGIN.left - 4} y={y(t) + 3} textAnchor="end" className="tick">
            {formatY(t)}
          </text>
        </g>
      ))}
      {xs.map((t) => (
        <text key={t} x={x(t)} y={height - MARGIN.bottom + 12} textAnchor="middle" className="tick">
          {t}
        </text>
      ))}
      <text
        x={(MARGIN.left + width - MARGIN.right) / 2}
        y={height - 3}
        textAnchor="middle"
        className="axis-label"
      >
        {xLabel}
      </text>
      {band && <path d={band} fill="#93c5fd" fillOpacity={0.35} />}
      {path && <path d={path} fill="none" stroke="#1d4ed8" strokeWidth={2} />}
      {points.map((p) => (
        <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3} fill="#1d4ed8" />
      ))}
    </svg>
  );
}

/**
 * A chart of figures over simulated time (SPEC §11): one line per series (gaps where a bin has
 * nothing to measure), the incident windows shaded with their names, and the player's position as
 * a cursor. A function of (data, size): d3 scales and shapes, React SVG; the legend is HTML below.
 */
import { line, scaleLinear } from "d3";

export interface TimeLine {
  label: string;
  values: readonly (number | null)[];
  color: string;
}

export interface TimeWindow {
  name: string;
  fromMinutes: number;
  toMinutes: number;
}

const MARGIN = { top: 20, right: 10, bottom: 30, left: 54 };

/** Hour ticks every 2, 3, 6, 12 or 24 h: about six across the horizon. */
function hourTicks(maxMinutes: number): number[] {
  const hours = maxMinutes / 60;
  const step = [1, 2, 3, 6, 12, 24, 48, 168].find((h) => hours / h <= 8) ?? 336;
  const ticks: number[] = [];
  for (let h = 0; h <= hours; h += step) ticks.push(h * 60);
  return ticks;
}

/** "17:00" within a day, "d2 06:00" past day one. */
function tickLabel(m: number): string {
  const day = Math.floor(m / 1440);
  const within = m - day * 1440;
  const clock = `${String(Math.floor(within / 60)).padStart(2, "0")}:${String(within % 60).padStart(2, "0")}`;
  return day === 0 ? clock : `d${day + 1} ${clock}`;
}

/** The chart's legend: each line's colour and label. */
export function TimelineLegend({ lines }: { lines: readonly TimeLine[] }) {
  return (
    <div className="timeline-legend">
      {lines.map((l) => (
        <span key={l.label}>
          <i style={{ background: l.color }} /> {l.label}
        </span>
      ))}
    </div>
  );
}

/** Lines over time with incident windows shaded and a cursor at `cursorMinutes`. */
export function TimelineChart({
  minutes,
  binMinutes,
  lines,
  windows,
  cursorMinutes,
  width,
  height,
  title,
  formatY,
  yDomain,
  testId,
}: {
  minutes: readonly number[];
  binMinutes: number;
  lines: readonly TimeLine[];
  windows: readonly TimeWindow[];
  cursorMinutes: number | undefined;
  width: number;
  height: number;
  title: string;
  formatY: (y: number) => string;
  /** Fixed y range (shares: [0, 1]); else from the data, starting at 0. */
  yDomain?: [number, number];
  testId?: string;
}) {
  const end = (minutes.at(-1) ?? 0) + binMinutes;
  const x = scaleLinear()
    .domain([0, Math.max(end, binMinutes)])
    .range([MARGIN.left, width - MARGIN.right]);
  let top = 0;
  for (const l of lines)
    for (const v of l.values) if (v !== null && Number.isFinite(v)) top = Math.max(top, v);
  const y = scaleLinear()
    .domain(yDomain ?? [0, top > 0 ? top * 1.1 : 1])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice(4);
  const mid = (i: number) => minutes[i] + binMinutes / 2;
  return (
    <svg
      width={width}
      height={height}
      className="line-chart timeline-chart"
      data-testid={testId}
      role="img"
      aria-label={title}
    >
      <text x={MARGIN.left} y={13} className="chart-title">
        {title}
      </text>
      {windows.map((w) => (
        <g key={`${w.name}-${w.fromMinutes}`} className="incident-window">
          <rect
            x={x(w.fromMinutes)}
            width={Math.max(1, x(Math.min(w.toMinutes, end)) - x(w.fromMinutes))}
            y={MARGIN.top}
            height={height - MARGIN.top - MARGIN.bottom}
            fill="#fca5a5"
            fillOpacity={0.3}
          >
            <title>{w.name}</title>
          </rect>
        </g>
      ))}
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} stroke="#eef0f3" />
          <text x={MARGIN.left - 4} y={y(t) + 3} textAnchor="end" className="tick">
            {formatY(t)}
          </text>
        </g>
      ))}
      {hourTicks(end).map((t) => (
        <text key={t} x={x(t)} y={height - MARGIN.bottom + 12} textAnchor="middle" className="tick">
          {tickLabel(t)}
        </text>
      ))}
      {lines.map((l) => {
        const d = line<number>()
          .defined((i) => l.values[i] !== null && Number.isFinite(l.values[i]))
          .x((i) => x(mid(i)))
          .y((i) => y(l.values[i] as number))(l.values.map((_, i) => i));
        return d ? (
          <path key={l.label} d={d} fill="none" stroke={l.color} strokeWidth={1.6}>
            <title>{l.label}</title>
          </path>
        ) : null;
      })}
      {cursorMinutes !== undefined && (
        <line
          className="timeline-cursor"
          x1={x(cursorMinutes)}
          x2={x(cursorMinutes)}
          y1={MARGIN.top}
          y2={height - MARGIN.bottom}
          stroke="#111827"
          strokeDasharray="3 2"
        />
      )}
    </svg>
  );
}

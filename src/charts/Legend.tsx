/** The log colour scale of the canvas overlay, one swatch per decade. */
import { legendTicks } from "../analysis/overlay.ts";

export function Legend({ title }: { title: string }) {
  return (
    <div className="legend" data-testid="legend">
      <span className="legend-title">{title}</span>
      {legendTicks().map((t) => (
        <span key={t.p} className="legend-item">
          <span className="legend-swatch" style={{ background: t.color }} />
          {t.p === 1e-5 ? `≤ ${t.label}` : t.label}
        </span>
      ))}
    </div>
  );
}

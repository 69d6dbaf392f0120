/**
 * The colour scale of the canvas overlay: one swatch per decade of risk, or in the drivers' view one
 * per ten points of start success (what the colour is a rate of is in the title).
 */
import { legendTicks, type OverlayMode, startSuccessTicks } from "../analysis/overlay.ts";

/** The legend of view `mode` (the risk scale unless it is the drivers' view). */
export function Legend({ title, mode }: { title: string; mode?: OverlayMode }) {
  const ticks = mode === "drivers" ? startSuccessTicks() : legendTicks();
  return (
    <div className="legend" data-testid="legend" data-mode={mode === "drivers" ? "drivers" : "risk"}>
      <span className="legend-title">{title}</span>
      {ticks.map((t) => (
        <span key={t.p} className="legend-item">
          <span className="legend-swatch" style={{ background: t.color }} />
          {mode !== "drivers" && t.p === 1e-5 ? `≤ ${t.label}` : t.label}
        </span>
      ))}
    </div>
  );
}

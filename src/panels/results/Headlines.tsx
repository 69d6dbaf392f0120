/**
 * The results' headline figures, each with its 95 % interval and a hint of what it measures: the
 * driver's view first — start success beside reported uptime and the gap between them in words
 * (SPEC §10) — then the site-level figures. Formatted by analysis/headlines.ts, as workshop mode
 * and the report show them.
 */
import { headlineFigures, headlineGap } from "../../analysis/headlines.ts";
import type { ReliabilityResult } from "../../engine/index.ts";
import type { Model } from "../../model/index.ts";
import "./drivers.css";

/** The headline cards of a run, with the gap between what regulators see and what drivers get. */
export function Headlines({ model, result }: { model: Model; result: ReliabilityResult }) {
  const gap = headlineGap(result);
  return (
    <>
      {gap && (
        <p className="headline-gap" data-testid="headline-gap">
          {gap}
        </p>
      )}
      <div className="headlines">
        {headlineFigures(model, result).map((f) => (
          <div
            key={f.id}
            className={
              f.id === "start-success" || f.id === "reported-uptime" ? "headline driver" : "headline"
            }
            data-testid={`headline-${f.id}`}
            title={f.hint}
          >
            <div className="headline-label">{f.label}</div>
            <div className={f.value.length > 12 ? "headline-value long" : "headline-value"}>{f.value}</div>
            <div className="headline-ci">95 % CI {f.interval}</div>
          </div>
        ))}
      </div>
    </>
  );
}

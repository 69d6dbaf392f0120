/**
 * Switch the canvas between what every component's own dashboard shows, what is true, and how
 * tightly coupled it is (blast radius, betweenness).
 */
import type { OverlayMode } from "../analysis/overlay.ts";

export function DashboardToggle({
  mode,
  onChange,
}: {
  mode: OverlayMode;
  onChange: (mode: OverlayMode) => void;
}) {
  return (
    <fieldset className="mode-toggle" data-testid="mode-toggle" aria-label="Canvas view">
      <button
        type="button"
        aria-pressed={mode === "dashboards"}
        className={mode === "dashboards" ? "on" : ""}
        onClick={() => onChange("dashboards")}
      >
        What dashboards show
      </button>
      <button
        type="button"
        aria-pressed={mode === "true"}
        className={mode === "true" ? "on" : ""}
        onClick={() => onChange("true")}
      >
        What is true
      </button>
      <button
        type="button"
        aria-pressed={mode === "coupling"}
        className={mode === "coupling" ? "on" : ""}
        title="Charging power lost if the component alone fails; betweenness on each node"
        onClick={() => onChange("coupling")}
      >
        Coupling
      </button>
      <button
        type="button"
        aria-pressed={mode === "security"}
        className={mode === "security" ? "on" : ""}
        title="P(an attacker from the internet has compromised it within the horizon)"
        onClick={() => onChange("security")}
      >
        Security
      </button>
    </fieldset>
  );
}

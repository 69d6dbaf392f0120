/**
 * Switch the canvas between what every component's own dashboard shows, what is true, how tightly
 * coupled it is (blast radius, betweenness), how exposed to attack, and what drivers get (start
 * success per charger site).
 */
import type { OverlayMode } from "../analysis/overlay.ts";

const VIEWS: { mode: OverlayMode; label: string; title?: string }[] = [
  {
    mode: "dashboards",
    label: "What dashboards show",
    title: "How often each component's own dashboard shows a problem",
  },
  { mode: "true", label: "What is true", title: "P(not working): what really happens" },
  {
    mode: "coupling",
    label: "Coupling",
    title: "Charging power lost if the component alone fails; betweenness on each node",
  },
  {
    mode: "security",
    label: "Security",
    title: "P(an attacker from the internet has compromised it within the horizon)",
  },
  {
    mode: "drivers",
    label: "Drivers",
    title: "Start success per charger site: of drivers' attempts there, the share that started charging",
  },
];

export function DashboardToggle({
  mode,
  onChange,
}: {
  mode: OverlayMode;
  onChange: (mode: OverlayMode) => void;
}) {
  return (
    <fieldset className="mode-toggle" data-testid="mode-toggle" aria-label="Canvas view">
      {VIEWS.map((v) => (
        <button
          key={v.mode}
          type="button"
          aria-pressed={mode === v.mode}
          className={mode === v.mode ? "on" : ""}
          title={v.title}
          onClick={() => onChange(v.mode)}
        >
          {v.label}
        </button>
      ))}
    </fieldset>
  );
}

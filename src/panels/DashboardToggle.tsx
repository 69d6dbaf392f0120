/**
 * Switch the canvas between what every component's own dashboard shows, what is true, how tightly
 * coupled it is (blast radius, betweenness), how exposed to attack, and what drivers get (start
 * success per charger site).
 */
import type { OverlayMode } from "../analysis/overlay.ts";

/** Each view: its name, its short name for a narrow toolbar (below 1,400 px), its tooltip. */
const VIEWS: { mode: OverlayMode; label: string; short: string; title?: string }[] = [
  {
    mode: "dashboards",
    label: "What dashboards show",
    short: "Dashboards",
    title: "How often each component's own dashboard shows a problem",
  },
  { mode: "true", label: "What is true", short: "Truth", title: "P(not working): what really happens" },
  {
    mode: "coupling",
    label: "Coupling",
    short: "Coupling",
    title: "Charging power lost if the component alone fails; betweenness on each node",
  },
  {
    mode: "security",
    label: "Security",
    short: "Security",
    title: "P(an attacker from the internet has compromised it within the horizon)",
  },
  {
    mode: "drivers",
    label: "Drivers",
    short: "Drivers",
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
          aria-label={v.label}
          onClick={() => onChange(v.mode)}
        >
          <span className="view-long">{v.label}</span>
          <span className="view-short" aria-hidden>
            {v.short}
          </span>
        </button>
      ))}
    </fieldset>
  );
}

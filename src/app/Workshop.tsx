/**
 * Workshop mode: the model on a projector. Full screen where the browser allows it (the mode works
 * without: headless browsers, kiosks, iframes), editing chrome hidden (app.css, `.app.workshop`),
 * the canvas with its current overlay fitted to the room, and the headline figures large with
 * their 95 % intervals, read from the analysis store exactly as the Results panel shows them: the
 * gap between reported uptime and drivers' start success in words, then start success beside
 * reported uptime (SPEC §10) and the site-level figures.
 * W or the exit control leaves; so does Esc, and so does leaving full screen (commands/actions.ts).
 */

import { useReactFlow, useStore } from "@xyflow/react";
import { X } from "lucide-react";
import { useEffect } from "react";
import { headlineFigures, headlineGap } from "../analysis/headlines.ts";
import { fitAll } from "../canvas/fitPadding.ts";
import { useAnalysisStore } from "../store/analysis.ts";
import { useModelStore } from "../store/model.ts";
import { resultFor } from "../store/revision.ts";
import { useUiStore } from "../store/ui.ts";
import { exitWorkshop } from "./commands/actions.ts";
import { VIEW_LABELS } from "./views.ts";

export interface WorkshopProps {
  /**
   * Scenarios to switch between during the workshop, by label ("0 Baseline", "1 Hub outage", …;
   * see scenarioSwitch.ts), the active one and a switch callback; none: no switcher.
   */
  scenarios?: string[];
  activeScenario?: string;
  onScenario?: (name: string) => void;
}

/** The workshop's title bar and figure strip (drawn only in workshop mode). */
export function Workshop({ scenarios, activeScenario, onScenario }: WorkshopProps) {
  const flow = useReactFlow();
  const name = useModelStore((s) => s.model.name);
  const model = useModelStore((s) => s.model);
  const revision = useModelStore((s) => s.revision);
  const result = useAnalysisStore((s) => resultFor(s, revision)?.result);
  const progress = useAnalysisStore((s) => s.progress);
  const mode = useUiStore((s) => s.mode);

  // the user's view comes back on exit; Esc in real full screen goes to the browser, not to us,
  // so leaving full screen leaves the mode
  useEffect(() => {
    const previous = flow.getViewport();
    // only a full screen this presentation was in counts: the end of the previous one's (it can
    // arrive after W has already started a new presentation) must not end this one
    let wasFullscreen = false;
    const onFullscreen = () => {
      if (document.fullscreenElement) wasFullscreen = true;
      else if (wasFullscreen) exitWorkshop();
    };
    document.addEventListener("fullscreenchange", onFullscreen);
    return () => {
      document.removeEventListener("fullscreenchange", onFullscreen);
      void flow.setViewport(previous);
    };
  }, [flow]);
  // fit every component to the stage whenever its size settles (entering, full screen, a resize)
  const stageWidth = useStore((s) => s.width);
  const stageHeight = useStore((s) => s.height);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit on every new stage size
  useEffect(() => {
    // room at the top for the legend and key, which float over the canvas
    void fitAll(flow, 200);
  }, [flow, stageWidth, stageHeight]);

  // only figures of the model as it is now (SPEC §7)
  const figures = result ? headlineFigures(model, result) : undefined;
  const gap = result ? headlineGap(result) : undefined;
  return (
    <>
      <header className="workshop-bar" data-testid="workshop-bar">
        <h1 className="workshop-title">{name}</h1>
        <span className="workshop-view" data-testid="workshop-view">
          {VIEW_LABELS[mode]}
        </span>
        {scenarios && scenarios.length > 0 && (
          <div className="workshop-scenarios" role="tablist" aria-label="Scenarios">
            {scenarios.map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                aria-selected={s === activeScenario}
                className={s === activeScenario ? "on" : ""}
                onClick={() => onScenario?.(s)}
              >
                {s}
              </button>
            ))}
          </div>
        )}
        <span className="workshop-keys">
          {scenarios && scenarios.length > 0 && (
            <>
              <kbd>0</kbd>–<kbd>9</kbd> <kbd>[</kbd> <kbd>]</kbd> scenarios ·{" "}
            </>
          )}
          <kbd>D</kbd> <kbd>C</kbd> views · <kbd>F</kbd> fit · <kbd>Esc</kbd> exit
        </span>
        <button
          type="button"
          className="workshop-exit"
          data-testid="workshop-exit"
          onClick={exitWorkshop}
          title="Leave workshop mode (W or Esc)"
        >
          <X size={18} aria-hidden /> Exit
        </button>
      </header>
      <section className="workshop-figures" data-testid="workshop-figures" aria-label="Headline figures">
        {gap && (
          <p className="workshop-gap" data-testid="workshop-headline-gap">
            {gap}
          </p>
        )}
        {figures ? (
          figures.map((f) => (
            <div
              key={f.id}
              className="workshop-figure"
              data-testid={`workshop-headline-${f.id}`}
              title={f.hint}
            >
              <div className="workshop-figure-label">{f.label}</div>
              <div className="workshop-figure-value">{f.value}</div>
              <div className="workshop-figure-ci">95 % CI {f.interval}</div>
            </div>
          ))
        ) : (
          <p className="workshop-waiting">Analysing…</p>
        )}
        {figures && progress && (
          <p className="workshop-trials">
            {progress.trialsDone.toLocaleString("en")} trials{progress.converged ? " · converged" : "…"}
          </p>
        )}
      </section>
    </>
  );
}

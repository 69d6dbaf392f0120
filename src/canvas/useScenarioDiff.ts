/**
 * The scenario diff the canvas draws (issue 8), apart from the analysis overlay and the what-if:
 * while a scenario is on the canvas (entered or being drafted), its changes against the baseline as
 * they stand, with the baseline components it removes as ghosts; on the baseline, the compared
 * scenario in focus (see comparison.ts). Components whose figures moved significantly come from a comparison that is
 * still current. Off when the panel's "show the differences" is unticked.
 */
import { useMemo } from "react";
import { type ScenarioDiff, scenarioDiff } from "../analysis/scenarioDiff.ts";
import { diffModels } from "../model/scenario.ts";
import type { Component, Model } from "../model/schema.ts";
import { isComparisonCurrent, useComparisonStore } from "../store/comparison.ts";
import { documentOf, useScenarioStore } from "../store/scenarios.ts";
import { useUiStore } from "../store/ui.ts";

export interface CanvasDiff extends ScenarioDiff {
  /** Removed components to draw faintly at their old positions (only while a scenario is shown). */
  ghosts: Component[];
}

/** The diff to draw for `model` on the canvas; `ignoreFlag` for the panel, which lists it regardless. */
export function useScenarioDiff(model: Model, ignoreFlag = false): CanvasDiff | undefined {
  const session = useScenarioStore((s) => s.session);
  const comparison = useComparisonStore((s) => s.comparison);
  const focus = useComparisonStore((s) => s.focus);
  const isShown = useUiStore((s) => s.scenarioDiff);
  return useMemo(() => {
    if (!isShown && !ignoreFlag) return undefined;
    const deltaOf = (id: string | undefined, document: Model) => {
      if (!comparison || id === undefined || !isComparisonCurrent(comparison, document)) return undefined;
      return comparison.result.scenarios.find((s) => s.id === id)?.delta;
    };
    if (session) {
      const { scenarios: _scenarios, ...baseline } = session.base;
      const scenario = diffModels(baseline, model, session.id ?? "draft", session.name);
      const diff = scenarioDiff(baseline, scenario, deltaOf(session.id, documentOf(model)));
      return { ...diff, ghosts: diff.removedComponents };
    }
    if (!comparison || focus === undefined) return undefined;
    const scenario = model.scenarios?.find((s) => s.id === focus);
    if (!scenario) return undefined;
    return { ...scenarioDiff(model, scenario, deltaOf(scenario.id, model)), ghosts: [] };
  }, [isShown, ignoreFlag, session, comparison, focus, model]);
}

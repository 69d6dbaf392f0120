/**
 * Switching between the baseline and the scenarios (issue 8): by position in the list (0 is the
 * baseline), by step ([ and ] in workshop mode), and the workshop bar's switcher.
 */
import { useModelStore } from "../store/model.ts";
import { enterScenario, useScenarioStore } from "../store/scenarios.ts";
import type { WorkshopProps } from "./Workshop.tsx";

/** Baseline (undefined) then each scenario id, in the document's order. */
function scenarioIds(): (string | undefined)[] {
  return [undefined, ...(useModelStore.getState().model.scenarios ?? []).map((s) => s.id)];
}

/** Show entry `index` of the list (0: the baseline); an index past the end does nothing. */
export function showScenarioAt(index: number): void {
  const ids = scenarioIds();
  if (index < 0 || index >= ids.length) return;
  if (ids[index] === useScenarioStore.getState().session?.id && index > 0) return;
  enterScenario(ids[index]);
}

/** Show the previous (−1) or next (+1) entry, wrapping round. */
export function stepScenario(step: -1 | 1): void {
  const ids = scenarioIds();
  const session = useScenarioStore.getState().session;
  const at = session?.id === undefined ? 0 : Math.max(0, ids.indexOf(session.id));
  showScenarioAt((at + step + ids.length) % ids.length);
}

/** The workshop switcher: "0 Baseline", "1 Hub outage", … (the key to press, and unique labels). */
export function useWorkshopScenarios(): WorkshopProps {
  const scenarios = useModelStore((s) => s.model.scenarios);
  const session = useScenarioStore((s) => s.session);
  if (!scenarios || scenarios.length === 0) return {};
  const labels = ["Baseline", ...scenarios.map((s) => s.name)].map((name, i) => `${i} ${name}`);
  const active =
    session === undefined
      ? 0
      : session.id === undefined
        ? -1
        : 1 + scenarios.findIndex((s) => s.id === session.id);
  return {
    scenarios: labels,
    activeScenario: labels[active],
    onScenario: (label) => showScenarioAt(labels.indexOf(label)),
  };
}

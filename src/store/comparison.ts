/**
 * The scenario comparison on screen (issue 8): baseline and up to three scenarios side by side,
 * computed in the decision worker on the baseline document with its scenarios. The result keeps the
 * fingerprint of what it was computed on; `isComparisonCurrent` tells whether the document still
 * says the same (positions aside), so a stale table is marked and the canvas drops its badges.
 * (A fingerprint, not a revision: entering or leaving a scenario changes the revision, not the
 * document compared.)
 * On the baseline, one compared scenario can be shown on the canvas (`focus`): the one compared
 * alone, or the column picked; showing a scenario itself, or leaving it, ends that.
 */
import { comparisonFingerprint } from "../analysis/scenarioDiff.ts";
import type { Model } from "../model/schema.ts";
import { compareScenarios } from "./decision.ts";
import { currentDocument, useScenarioStore } from "./scenarios.ts";
import type { ComparisonState } from "./slices/comparison.ts";
import { sliceHook, useSeamsStore } from "./store.ts";

export type { ComparisonState } from "./slices/comparison.ts";

/** The comparison slice of the one store, as a selector hook. */
export const useComparisonStore = sliceHook("comparison");

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Compare scenarios `ids` of the current document with its baseline (replaces any comparison). */
export function requestComparison(ids: string[]): void {
  const document = currentDocument();
  const fingerprint = comparisonFingerprint(document, ids);
  if (fingerprint === undefined) return;
  useComparisonStore.setState({ running: true, error: undefined });
  compareScenarios(document, ids).then(
    (result) =>
      useComparisonStore.setState({
        comparison: { ids, fingerprint, result },
        running: false,
        focus: ids.length === 1 && !useScenarioStore.getState().session ? ids[0] : undefined,
      }),
    (error: unknown) => useComparisonStore.setState({ running: false, error: message(error) }),
  );
}

export function clearComparison(): void {
  useComparisonStore.setState({ comparison: undefined, error: undefined, focus: undefined });
}

/** Show compared scenario `id`'s diff on the baseline canvas (undefined: none). */
export function focusComparison(id: string | undefined): void {
  useComparisonStore.setState({ focus: id });
}

/** Whether `comparison` is of `document` as it is (its baseline and compared scenarios unchanged). */
export function isComparisonCurrent(comparison: ComparisonState["comparison"], document: Model): boolean {
  return (
    comparison !== undefined && comparisonFingerprint(document, comparison.ids) === comparison.fingerprint
  );
}

useSeamsStore.subscribe((s, prev) => {
  // a new document (file, template, share link): the comparison belongs to the old one
  if (s.loads !== prev.loads) clearComparison();
  // a scenario shown on the canvas (or left) draws its own diff
  if (s.scenario.session !== prev.scenario.session) focusComparison(undefined);
});

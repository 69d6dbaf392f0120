/**
 * The scenario comparison on screen (issue 8): baseline and up to three scenarios side by side,
 * computed in the decision worker on the baseline document with its scenarios. The result keeps the
 * fingerprint of what it was computed on; `isComparisonCurrent` tells whether the document still
 * says the same (positions aside), so a stale table is marked and the canvas drops its badges.
 */
import { create } from "zustand";
import { comparisonFingerprint } from "../analysis/scenarioDiff.ts";
import type { Comparison } from "../engine/compare.ts";
import type { Model } from "../model/schema.ts";
import { compareScenarios } from "./decision.ts";
import { useModelStore } from "./model.ts";
import { currentDocument } from "./scenarios.ts";

export interface ComparisonState {
  comparison: { ids: string[]; fingerprint: string; result: Comparison } | undefined;
  running: boolean;
  error: string | undefined;
}

export const useComparisonStore = create<ComparisonState>()(() => ({
  comparison: undefined,
  running: false,
  error: undefined,
}));

/** Compare scenarios `ids` of the current document with its baseline (replaces any comparison). */
export function requestComparison(ids: string[]): void {
  const document = currentDocument();
  const fingerprint = comparisonFingerprint(document, ids);
  if (fingerprint === undefined) return;
  useComparisonStore.setState({ running: true, error: undefined });
  compareScenarios(document, ids).then(
    (result) => useComparisonStore.setState({ comparison: { ids, fingerprint, result }, running: false }),
    (error: unknown) =>
      useComparisonStore.setState({
        running: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
}

export function clearComparison(): void {
  useComparisonStore.setState({ comparison: undefined, error: undefined });
}

/** Whether `comparison` is of `document` as it is (its baseline and compared scenarios unchanged). */
export function isComparisonCurrent(comparison: ComparisonState["comparison"], document: Model): boolean {
  return (
    comparison !== undefined && comparisonFingerprint(document, comparison.ids) === comparison.fingerprint
  );
}

// a new document (file, template, share link): the comparison belongs to the old one
useModelStore.subscribe((s, prev) => {
  if (s.loads !== prev.loads) clearComparison();
});

/**
 * The comparison slice: the scenario comparison on screen, with the fingerprint of the document it
 * was computed on (see store/comparison.ts), and the compared scenario the baseline canvas shows.
 */
import type { Comparison } from "../../engine/index.ts";
import type { SliceCreator } from "./slice.ts";

export interface ComparisonState {
  comparison: { ids: string[]; fingerprint: string; result: Comparison } | undefined;
  running: boolean;
  error: string | undefined;
  /** The compared scenario whose diff the baseline canvas shows. */
  focus: string | undefined;
}

export const createComparisonSlice: SliceCreator<{ comparison: ComparisonState }> = () => ({
  comparison: { comparison: undefined, running: false, error: undefined, focus: undefined },
});

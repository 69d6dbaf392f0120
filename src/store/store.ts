/**
 * The one store of the editor, built from slices by concern (zustand's slices pattern): the
 * document at the root — zundo's undo writes the model back there — and every other concern under
 * its own key (`analysis`, `decision`, `comparison`, `why`, `scenario`, `ui`), whose fields
 * (`revision`, `running`, `error`, …) would otherwise collide.
 * Undo/redo tracks the model only: the history records `{ model }` when the model changes, never
 * a result, a selection or a panel.
 */
import { temporal } from "zundo";
import { create } from "zustand";
import { type AnalysisState, createAnalysisSlice } from "./slices/analysis.ts";
import { type ComparisonState, createComparisonSlice } from "./slices/comparison.ts";
import { createDecisionSlice, type DecisionState } from "./slices/decision.ts";
import { createDocumentSlice, type DocumentSlice, type Tracked } from "./slices/document.ts";
import { createScenarioSlice, type ScenarioState } from "./slices/scenario.ts";
import { createUiSlice, type UiState } from "./slices/ui.ts";
import { createWhySlice, type WhyState } from "./slices/why.ts";

/** The whole state: the document's fields at the root, each other concern under its key. */
export interface SeamsState extends DocumentSlice {
  analysis: AnalysisState;
  decision: DecisionState;
  comparison: ComparisonState;
  why: WhyState;
  scenario: ScenarioState;
  ui: UiState;
}

/** The concerns kept under a key of their own. */
export type SliceKey = Exclude<keyof SeamsState, keyof DocumentSlice>;

/** The one store (a zustand hook); `useSeamsStore.temporal` is the model's undo history. */
export const useSeamsStore = create<SeamsState>()(
  temporal(
    (...a) => ({
      ...createDocumentSlice(...a),
      ...createAnalysisSlice(...a),
      ...createDecisionSlice(...a),
      ...createComparisonSlice(...a),
      ...createWhySlice(...a),
      ...createScenarioSlice(...a),
      ...createUiSlice(...a),
    }),
    {
      partialize: (s): Tracked => ({ model: s.model }),
      equality: (a, b) => a.model === b.model,
      limit: 200,
    },
  ),
);

/** Merge `patch` into the slice under `key` (one update of the store). */
export function setSlice<K extends SliceKey>(key: K, patch: Partial<SeamsState[K]>): void {
  useSeamsStore.setState((state) => ({ [key]: { ...state[key], ...patch } }) as Partial<SeamsState>);
}

/** One slice seen on its own: a selector hook, with `getState` and `setState` (merging into the slice). */
export interface SliceHook<Slice> {
  (): Slice;
  <Selected>(selector: (slice: Slice) => Selected): Selected;
  getState(): Slice;
  setState(patch: Partial<Slice>): void;
}

/** Subscribe to `select(state[key])` (the whole slice without a selector). */
function useSlice<K extends SliceKey, Selected>(key: K, select?: (slice: SeamsState[K]) => Selected) {
  return useSeamsStore((state) => (select ? select(state[key]) : state[key]));
}

/** The selector hook of the slice under `key`: `useX(select)` subscribes to `select(state[key])`. */
export function sliceHook<K extends SliceKey>(key: K): SliceHook<SeamsState[K]> {
  return Object.assign(<Selected>(select?: (slice: SeamsState[K]) => Selected) => useSlice(key, select), {
    getState: () => useSeamsStore.getState()[key],
    setState: (patch: Partial<SeamsState[K]>) => setSlice(key, patch),
  }) as SliceHook<SeamsState[K]>;
}

/**
 * The document's hook, undo and redo. The document slice (slices/document.ts) lives at the root of
 * the one store — zundo's undo writes the model back there — so its hook is the store itself.
 */
import type { Model } from "../model/schema.ts";
import { pruneSelection } from "./edits.ts";
import { useSeamsStore } from "./store.ts";

export type { Selection } from "./edits.ts";
export type { ShownIssues } from "./slices/document.ts";

/** The document slice (model, revision, selection, edits) and, being the root, the one store. */
export const useModelStore = useSeamsStore;

/** Undo one step; the revision moves on (a result for the undone model is never shown as current). */
export function undo(): void {
  const before = useSeamsStore.getState().model;
  useSeamsStore.temporal.getState().undo();
  bumpIfChanged(before);
}

/** Redo one step; the revision moves on, as for undo. */
export function redo(): void {
  const before = useSeamsStore.getState().model;
  useSeamsStore.temporal.getState().redo();
  bumpIfChanged(before);
}

function bumpIfChanged(before: Model): void {
  const s = useSeamsStore.getState();
  if (s.model === before) return;
  const history = useSeamsStore.temporal.getState();
  history.pause();
  useSeamsStore.setState({ revision: s.revision + 1, selection: pruneSelection(s.model, s.selection) });
  history.resume();
}

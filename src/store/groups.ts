/**
 * Group commands (issue 8): each one undoable edit of the document through the one store. The
 * analysis ignores groups (see `semanticKey`), so none of these changes a figure.
 */
import { groupComponents, setGroupCollapsed, ungroup } from "./edits.ts";
import { useSeamsStore } from "./store.ts";

/** Group the selected components (open, drawn with a frame); returns the group's id. */
export function groupSelection(name?: string): string {
  const { model, selection, replace } = useSeamsStore.getState();
  const count = (model.groups?.length ?? 0) + 1;
  const { model: next, id } = groupComponents(model, selection.components, name ?? `Subsystem ${count}`);
  replace(next);
  return id;
}

/** Open a group (its members drawn one by one) or close it into one node. */
export function setGroupOpen(id: string, isOpen: boolean): void {
  const { model, replace } = useSeamsStore.getState();
  replace(setGroupCollapsed(model, id, !isOpen));
}

export function ungroupById(id: string): void {
  const { model, replace } = useSeamsStore.getState();
  replace(ungroup(model, id));
}

/** Rename a group. */
export function renameGroup(id: string, name: string): void {
  const { model, replace } = useSeamsStore.getState();
  if (!model.groups?.some((g) => g.id === id && g.name !== name)) return;
  replace({ ...model, groups: model.groups.map((g) => (g.id === id ? { ...g, name } : g)) });
}

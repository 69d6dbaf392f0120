/**
 * The document slice: the model, its revision, the selection, the clipboard, the issues of the
 * last refused input, where the model came from and the notices on screen, with the edits as actions. Undo/redo (zundo, see store/store.ts) tracks the
 * model only; selection and issues are not history. Every change of the model bumps `revision`;
 * results are keyed by it (store/revision.ts).
 */
import type { TemporalState } from "zundo";
import type { StoreApi } from "zustand";
import type { Preset } from "../../model/presets.ts";
import type { Component, ComponentType, Issue, Link, Model } from "../../model/schema.ts";
import { emptyModel } from "../../model/schema.ts";
import * as edits from "../edits.ts";
import { type Clipboard, EMPTY_SELECTION, type Selection } from "../edits.ts";
import type { SliceCreator } from "./slice.ts";

/** Where the issues on display came from. */
export interface ShownIssues {
  title: string;
  issues: Issue[];
}

/** Where the model on the canvas came from (a template or a new model can be had again unchanged). */
export interface ModelOrigin {
  kind: "link" | "template" | "file" | "new" | "autosave" | "recent";
  /** A file's or template's name, for the notice. */
  label?: string;
}

/** What a notice's button does (the app maps it to the action). */
export type NoticeAction = { kind: "restore"; recentId: string } | { kind: "take-over" };

/** A message above the canvas that stays until dismissed or replaced (same id). */
export interface Notice {
  id: string;
  text: string;
  tone: "info" | "warning";
  action?: NoticeAction;
}

export interface DocumentSlice {
  model: Model;
  revision: number;
  /** How many documents have been loaded (the canvas fits the view on each). */
  loads: number;
  selection: Selection;
  shownIssues: ShownIssues | undefined;
  clipboard: Clipboard | undefined;
  origin: ModelOrigin;
  /** The model as it was loaded: the document is unedited while the canvas shows this very object. */
  loadedModel: Model;
  notices: Notice[];

  /**
   * Replace the document (open a file, a template, a share link): history starts afresh. The app
   * goes through replaceModel (app/commands/replace.ts), which keeps the previous one in Recent.
   */
  load(model: Model, origin?: ModelOrigin): void;
  patchComponent(id: string, patch: Partial<Component>): void;
  patchLink(id: string, patch: Partial<Link>): void;
  patchModel(patch: Parameters<typeof edits.patchModel>[1]): void;
  addComponent(type: ComponentType, position: { x: number; y: number }): string;
  connect(preset: Preset, a: string, b: string): string[];
  moveComponents(positions: ReadonlyMap<string, { x: number; y: number }>): void;
  /** Replace the whole document as one undoable step (auto-layout). */
  replace(model: Model): void;
  deleteSelection(): void;
  copy(): void;
  cut(): void;
  paste(): void;
  select(selection: Selection): void;
  selectAll(): void;
  showIssues(shown: ShownIssues | undefined): void;
  /** Show `notice`, in place of one with the same id. */
  notify(notice: Notice): void;
  dismissNotice(id: string): void;
}

/** What the undo history records: the model, nothing else. */
export type Tracked = Pick<DocumentSlice, "model">;

/** The undo history of the model (zundo's temporal store). */
export type History = StoreApi<TemporalState<Tracked>>;

export const createDocumentSlice: SliceCreator<DocumentSlice> = (set, get, store) => {
  /** Set a new model (no-op when unchanged), keeping the selection valid. */
  const commit = (model: Model, selection?: Selection) => {
    const s = get();
    if (model === s.model && !selection) return;
    set({
      model,
      revision: model === s.model ? s.revision : s.revision + 1,
      selection: edits.pruneSelection(model, selection ?? s.selection),
    });
  };
  const initial = emptyModel();
  return {
    model: initial,
    revision: 0,
    loads: 0,
    selection: EMPTY_SELECTION,
    shownIssues: undefined,
    clipboard: undefined,
    origin: { kind: "new" },
    loadedModel: initial,
    notices: [],

    load(model, origin = { kind: "file" }) {
      set({
        model,
        revision: get().revision + 1,
        loads: get().loads + 1,
        selection: EMPTY_SELECTION,
        origin,
        loadedModel: model,
      });
      // zundo types the history as unknown inside a slice creator
      (store.temporal as History).getState().clear();
    },
    patchComponent: (id, patch) => commit(edits.patchComponent(get().model, id, patch)),
    patchLink: (id, patch) => commit(edits.patchLink(get().model, id, patch)),
    patchModel: (patch) => commit(edits.patchModel(get().model, patch)),
    addComponent(type, position) {
      const { model, id } = edits.addComponent(get().model, type, position);
      commit(model, { components: [id], links: [] });
      return id;
    },
    connect(preset, a, b) {
      const { model, ids } = edits.connect(get().model, preset, a, b);
      commit(model, { components: [], links: ids });
      return ids;
    },
    moveComponents: (positions) => commit(edits.moveComponents(get().model, positions)),
    replace: (model) => commit(model),
    deleteSelection: () => commit(edits.deleteSelection(get().model, get().selection), EMPTY_SELECTION),
    copy() {
      const clip = edits.copySelection(get().model, get().selection);
      if (clip) set({ clipboard: clip });
    },
    cut() {
      get().copy();
      get().deleteSelection();
    },
    paste() {
      const clip = get().clipboard;
      if (!clip) return;
      const { model, selection } = edits.paste(get().model, clip);
      commit(model, selection);
      // the next paste lands further on, like a stack of copies
      set({
        clipboard: {
          components: clip.components.map((c) => ({ ...c, x: c.x + 40, y: c.y + 40 })),
          links: clip.links,
        },
      });
    },
    select(selection) {
      const s = get().selection;
      if (sameIds(s.components, selection.components) && sameIds(s.links, selection.links)) return;
      // a part that did not change keeps its array: what is drawn from it is not derived again
      // (a click on a component of a 20,000-component model rebuilt every link's edge)
      set({
        selection: {
          components: sameIds(s.components, selection.components) ? s.components : selection.components,
          links: sameIds(s.links, selection.links) ? s.links : selection.links,
        },
      });
    },
    selectAll() {
      const m = get().model;
      set({ selection: { components: m.components.map((c) => c.id), links: m.links.map((l) => l.id) } });
    },
    showIssues: (shownIssues) => set({ shownIssues }),
    notify: (notice) => set({ notices: [...get().notices.filter((n) => n.id !== notice.id), notice] }),
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  };
};

function sameIds(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/** The ui slice: view state that is not part of the document and not undone (panels, overlay mode, dialogs). */
import type { OverlayMode } from "../../analysis/overlay.ts";
import type { SliceCreator } from "./slice.ts";

export type SideTab = "inspector" | "results" | "assumptions" | "orgs" | "scenarios" | "timeline";

export interface UiState {
  mode: OverlayMode;
  tab: SideTab;
  helpOpen: boolean;
  /** Two components being connected: the protocol picker is open. */
  pendingConnection: { a: string; b: string } | undefined;
  shareUrl: string | undefined;
  templatesOpen: boolean;
  exportOpen: boolean;
  /** Workshop mode: full-screen presentation, editing chrome hidden (see app/Workshop.tsx). */
  workshop: boolean;
  /** The scenario diff on the canvas (added, changed, removed, figures moved): its own flag, apart from `mode`. */
  scenarioDiff: boolean;
  set(patch: Partial<Omit<UiState, "set">>): void;
}

export const createUiSlice: SliceCreator<{ ui: UiState }> = (set) => ({
  ui: {
    mode: "true",
    tab: "results",
    helpOpen: false,
    pendingConnection: undefined,
    shareUrl: undefined,
    templatesOpen: false,
    exportOpen: false,
    workshop: false,
    scenarioDiff: true,
    set: (patch) => set((state) => ({ ui: { ...state.ui, ...patch } })),
  },
});

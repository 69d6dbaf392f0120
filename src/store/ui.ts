/** The ui slice's hook: view state that is not part of the document and not undone. */
import { sliceHook } from "./store.ts";

export type { SideTab, UiState } from "./slices/ui.ts";

/** The ui slice of the one store: `useUiStore(select)`, `useUiStore.getState().set(patch)`. */
export const useUiStore = sliceHook("ui");

/** The editor state the commands' predicates read: once for a key press, or subscribed for buttons. */
import { useStore } from "zustand";
import { useModelStore } from "../../store/model.ts";
import { useUiStore } from "../../store/ui.ts";
import { useWhyStore, type WhyState } from "../../store/why.ts";
import type { CommandState, KeyScope } from "./registry.ts";

/** The why panel shows a cascade replay (its arrows step it). */
const isReplayOpen = (why: Pick<WhyState, "target" | "replay">) =>
  why.target?.kind === "charger" && why.replay !== undefined;

/** The command state now. */
export function readCommandState(): CommandState {
  const history = useModelStore.temporal.getState();
  return {
    canUndo: history.pastStates.length > 0,
    canRedo: history.futureStates.length > 0,
    isPresenting: useUiStore.getState().workshop,
    isReplayOpen: isReplayOpen(useWhyStore.getState()),
  };
}

/** The command state, re-rendering when any of it changes. */
export function useCommandState(): CommandState {
  return {
    canUndo: useStore(useModelStore.temporal, (t) => t.pastStates.length > 0),
    canRedo: useStore(useModelStore.temporal, (t) => t.futureStates.length > 0),
    isPresenting: useUiStore((s) => s.workshop),
    isReplayOpen: useWhyStore(isReplayOpen),
  };
}

/**
 * Whether keys of `scope` work now. A key something on the page already took (an arrow that moved
 * a selected node) is no shortcut, but the open replay still steps on it.
 */
export function isKeyScopeLive(scope: KeyScope, state: CommandState, isTakenAlready: boolean): boolean {
  switch (scope) {
    case "editing":
      return !isTakenAlready && !state.isPresenting;
    case "always":
      return !isTakenAlready;
    case "presenting":
      return !isTakenAlready && state.isPresenting;
    case "replay":
      return state.isReplayOpen;
    default:
      return scope satisfies never;
  }
}

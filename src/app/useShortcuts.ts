/** Keyboard shortcuts (listed in the help dialog). Keys typed into a field are never shortcuts. */
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { redo, undo, useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import { autoLayout, exitWorkshop, saveFile, toggleWorkshop } from "./commands.ts";
import { showScenarioAt, stepScenario } from "./scenarioSwitch.ts";

export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: "Ctrl/⌘ Z", does: "Undo" },
  { keys: "Ctrl/⌘ Shift Z, Ctrl Y", does: "Redo" },
  { keys: "Delete, Backspace", does: "Delete the selection" },
  { keys: "Ctrl/⌘ C, X, V", does: "Copy, cut, paste components and the links among them" },
  { keys: "Ctrl/⌘ A", does: "Select everything" },
  { keys: "Ctrl/⌘ S", does: "Save the model as a .seams.json file" },
  { keys: "Ctrl/⌘ O", does: "Open a .seams.json file" },
  { keys: "L", does: "Auto-layout" },
  { keys: "F", does: "Fit the view" },
  { keys: "D", does: "Switch between what dashboards show and what is true" },
  { keys: "C", does: "Coupling view: charging power lost if a component alone fails" },
  { keys: "W", does: "Workshop mode: full screen, large figures, no editing (Esc leaves)" },
  { keys: "0–9, [ ]", does: "In workshop mode: the baseline (0) or a scenario; previous, next" },
  { keys: "Esc", does: "Clear the selection, close dialogs" },
  { keys: "← →", does: "Previous, next step of an open cascade replay (why panel)" },
  { keys: "?", does: "This help" },
  { keys: "Shift drag", does: "Select with a box; Shift/Ctrl click adds to the selection" },
];

/** Keys that work in workshop mode (lower case, no modifier). */
const WORKSHOP_KEYS = new Set(["w", "escape", "d", "c", "f", "?", "[", "]", ..."0123456789"]);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
}

export function useShortcuts(openFilePicker: () => void): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const store = useModelStore.getState();
      const ui = useUiStore.getState();
      // workshop mode presents: only the view keys work, nothing edits what the room cannot see
      if (ui.workshop && (mod || e.altKey || !WORKSHOP_KEYS.has(key))) return;
      let handled = true;
      if (mod && key === "z" && !e.shiftKey) undo();
      else if (mod && ((key === "z" && e.shiftKey) || key === "y")) redo();
      else if (mod && key === "c") store.copy();
      else if (mod && key === "x") store.cut();
      else if (mod && key === "v") store.paste();
      else if (mod && key === "a") store.selectAll();
      else if (mod && key === "s") saveFile();
      else if (mod && key === "o") openFilePicker();
      else if (mod || e.altKey) handled = false;
      else if (key === "delete" || key === "backspace") store.deleteSelection();
      else if (key === "l") void autoLayout();
      else if (key === "f") void flow.fitView({ padding: 0.08, duration: 200 });
      else if (key === "d") ui.set({ mode: ui.mode === "true" ? "dashboards" : "true" });
      else if (key === "c") ui.set({ mode: ui.mode === "coupling" ? "true" : "coupling" });
      else if (key === "w") toggleWorkshop();
      else if (key === "?") ui.set({ helpOpen: !ui.helpOpen });
      // switching scenarios is for the room; while editing, the Scenarios tab does it
      else if (ui.workshop && /^[0-9]$/.test(key)) showScenarioAt(Number(key));
      else if (ui.workshop && (key === "[" || key === "]")) stepScenario(key === "[" ? -1 : 1);
      else if (key === "escape") {
        store.select({ components: [], links: [] });
        ui.set({ helpOpen: false, templatesOpen: false, exportOpen: false, shareUrl: undefined });
        // the first Esc in workshop mode closes its help; the next one leaves
        if (!ui.helpOpen) exitWorkshop();
      } else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flow, openFilePicker]);
}

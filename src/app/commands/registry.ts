/**
 * Every editor command, one object each (Excalidraw's actions/register): its name, keys, when its
 * keys work, when it is enabled and what it does. The toolbar's buttons, the keyboard shortcuts and
 * the help dialog's table are all read from this table; a new command id fails to compile until
 * its entry is written.
 */

import type { ReactFlowInstance } from "@xyflow/react";
import {
  CircleHelp,
  FolderOpen,
  type LucideIcon,
  Maximize,
  Network,
  Presentation,
  Redo2,
  Save,
  Share2,
  Undo2,
} from "lucide-react";
import { fitAll } from "../../canvas/fitPadding.ts";
import { redo, undo, useModelStore } from "../../store/model.ts";
import { useUiStore } from "../../store/ui.ts";
import { stepReplay } from "../../store/why.ts";
import { showScenarioAt, stepScenario } from "../scenarioSwitch.ts";
import {
  autoLayout,
  downloadCanvasImage,
  downloadReport,
  exitWorkshop,
  saveFile,
  share,
  toggleWorkshop,
} from "./actions.ts";
import type { KeyBinding } from "./keys.ts";

export type CommandId =
  | "undo"
  | "redo"
  | "delete-selection"
  | "copy"
  | "cut"
  | "paste"
  | "select-all"
  | "save-file"
  | "open-file"
  | "layout"
  | "fit-view"
  | "view-dashboards"
  | "view-coupling"
  | "workshop"
  | "scenario-at"
  | "scenario-previous"
  | "scenario-next"
  | "dismiss"
  | "replay-back"
  | "replay-on"
  | "help"
  | "share-link"
  | "export-png"
  | "export-svg"
  | "export-report";

/**
 * When a command's keys work. Workshop mode presents: editing keys do nothing while presenting,
 * and switching scenarios by number is for the room only. An open cascade replay (why panel) takes
 * the arrow keys, while presenting too.
 */
export type KeyScope = "editing" | "always" | "presenting" | "replay";

/** What the predicates read: the editor as it is now. */
export interface CommandState {
  canUndo: boolean;
  canRedo: boolean;
  isPresenting: boolean;
  isReplayOpen: boolean;
}

/** What running a command may need from the page. */
export interface CommandContext {
  flow: ReactFlowInstance;
  openFilePicker: () => void;
}

/** One row of the help dialog's keyboard table. */
export interface HelpRow {
  keys: string;
  does: string;
}

export interface Command {
  /** Its name: the text of its button, or the button's accessible name when it shows an icon. */
  label: string;
  /** Its toolbar button's tooltip; the first key binding is added in brackets. */
  title?: string;
  /** The second line of its menu entry. */
  detail?: string;
  icon?: LucideIcon;
  keys: KeyBinding[];
  keyScope: KeyScope;
  /** Its row in the help dialog, or the command whose row also describes its keys. */
  help?: HelpRow | { inRowOf: CommandId };
  /** Off: its button is disabled and its keys do nothing (they are still not the browser's). */
  enabledWhen?: (state: CommandState) => boolean;
  /** Do it; `key` is the key pressed (lower case) when a key ran it. */
  run: (context: CommandContext, key?: string) => void;
}

const DIGITS = [..."0123456789"].map((key) => ({ key }));

export const COMMANDS: Record<CommandId, Command> = {
  undo: {
    label: "Undo",
    title: "Undo",
    icon: Undo2,
    keys: [{ key: "z", mod: true, shift: false }],
    keyScope: "editing",
    help: { keys: "Ctrl/⌘ Z", does: "Undo" },
    enabledWhen: (s) => s.canUndo,
    run: undo,
  },
  redo: {
    label: "Redo",
    title: "Redo",
    icon: Redo2,
    keys: [
      { key: "z", mod: true, shift: true },
      { key: "y", mod: true },
    ],
    keyScope: "editing",
    help: { keys: "Ctrl/⌘ Shift Z, Ctrl Y", does: "Redo" },
    enabledWhen: (s) => s.canRedo,
    run: redo,
  },
  "delete-selection": {
    label: "Delete",
    keys: [{ key: "delete" }, { key: "backspace" }],
    keyScope: "editing",
    help: { keys: "Delete, Backspace", does: "Delete the selection" },
    run: () => useModelStore.getState().deleteSelection(),
  },
  copy: {
    label: "Copy",
    keys: [{ key: "c", mod: true }],
    keyScope: "editing",
    help: { keys: "Ctrl/⌘ C, X, V", does: "Copy, cut, paste components and the links among them" },
    run: () => useModelStore.getState().copy(),
  },
  cut: {
    label: "Cut",
    keys: [{ key: "x", mod: true }],
    keyScope: "editing",
    help: { inRowOf: "copy" },
    run: () => useModelStore.getState().cut(),
  },
  paste: {
    label: "Paste",
    keys: [{ key: "v", mod: true }],
    keyScope: "editing",
    help: { inRowOf: "copy" },
    run: () => useModelStore.getState().paste(),
  },
  "select-all": {
    label: "Select all",
    keys: [{ key: "a", mod: true }],
    keyScope: "editing",
    help: { keys: "Ctrl/⌘ A", does: "Select everything" },
    run: () => useModelStore.getState().selectAll(),
  },
  "save-file": {
    label: "Save",
    title: "Save as a .seams.json file",
    icon: Save,
    keys: [{ key: "s", mod: true }],
    keyScope: "editing",
    help: { keys: "Ctrl/⌘ S", does: "Save the model as a .seams.json file" },
    run: saveFile,
  },
  "open-file": {
    label: "Open",
    title: "Open a .seams.json file",
    icon: FolderOpen,
    keys: [{ key: "o", mod: true }],
    keyScope: "editing",
    help: { keys: "Ctrl/⌘ O", does: "Open a .seams.json file" },
    run: (context) => context.openFilePicker(),
  },
  layout: {
    label: "Layout",
    title: "Auto-layout",
    icon: Network,
    keys: [{ key: "l" }],
    keyScope: "editing",
    help: { keys: "L", does: "Auto-layout" },
    run: () => void autoLayout(),
  },
  "fit-view": {
    label: "Fit the view",
    title: "Fit the view",
    icon: Maximize,
    keys: [{ key: "f" }],
    keyScope: "always",
    help: { keys: "F", does: "Fit the view" },
    run: (context) => void fitAll(context.flow, 200),
  },
  "view-dashboards": {
    label: "What dashboards show",
    keys: [{ key: "d" }],
    keyScope: "always",
    help: { keys: "D", does: "Switch between what dashboards show and what is true" },
    run: () => {
      const ui = useUiStore.getState();
      ui.set({ mode: ui.mode === "true" ? "dashboards" : "true" });
    },
  },
  "view-coupling": {
    label: "Coupling",
    keys: [{ key: "c" }],
    keyScope: "always",
    help: { keys: "C", does: "Coupling view: charging power lost if a component alone fails" },
    run: () => {
      const ui = useUiStore.getState();
      ui.set({ mode: ui.mode === "coupling" ? "true" : "coupling" });
    },
  },
  workshop: {
    label: "Workshop mode",
    title: "Workshop mode: full screen, large figures, no editing",
    icon: Presentation,
    keys: [{ key: "w" }],
    keyScope: "always",
    help: { keys: "W", does: "Workshop mode: full screen, large figures, no editing (Esc leaves)" },
    run: toggleWorkshop,
  },
  "scenario-at": {
    label: "Show a scenario by number",
    keys: DIGITS,
    keyScope: "presenting",
    help: { keys: "0–9, [ ]", does: "In workshop mode: the baseline (0) or a scenario; previous, next" },
    run: (_context, key) => showScenarioAt(Number(key)),
  },
  "scenario-previous": {
    label: "Previous scenario",
    keys: [{ key: "[" }],
    keyScope: "presenting",
    help: { inRowOf: "scenario-at" },
    run: () => stepScenario(-1),
  },
  "scenario-next": {
    label: "Next scenario",
    keys: [{ key: "]" }],
    keyScope: "presenting",
    help: { inRowOf: "scenario-at" },
    run: () => stepScenario(1),
  },
  dismiss: {
    label: "Dismiss",
    keys: [{ key: "escape" }],
    keyScope: "always",
    help: { keys: "Esc", does: "Clear the selection, close dialogs" },
    run: () => {
      const ui = useUiStore.getState();
      useModelStore.getState().select({ components: [], links: [] });
      ui.set({ helpOpen: false, templatesOpen: false, exportOpen: false, shareUrl: undefined });
      // the first Esc in workshop mode closes its help; the next one leaves
      if (!ui.helpOpen) exitWorkshop();
    },
  },
  "replay-back": {
    label: "Previous replay step",
    keys: [{ key: "arrowleft" }],
    keyScope: "replay",
    help: { keys: "← →", does: "Previous, next step of an open cascade replay (why panel)" },
    run: () => stepReplay(-1),
  },
  "replay-on": {
    label: "Next replay step",
    keys: [{ key: "arrowright" }],
    keyScope: "replay",
    help: { inRowOf: "replay-back" },
    run: () => stepReplay(1),
  },
  help: {
    label: "Help",
    title: "Help and shortcuts",
    icon: CircleHelp,
    keys: [{ key: "?" }],
    keyScope: "always",
    help: { keys: "?", does: "This help" },
    run: () => {
      const ui = useUiStore.getState();
      ui.set({ helpOpen: !ui.helpOpen });
    },
  },
  "share-link": {
    label: "Share",
    title: "A link carrying the whole model",
    icon: Share2,
    keys: [],
    keyScope: "editing",
    run: share,
  },
  "export-png": {
    label: "Canvas as PNG",
    detail: "Every component, with the current view's colours, for slides",
    keys: [],
    keyScope: "editing",
    run: (context) => void downloadCanvasImage(context.flow, "png"),
  },
  "export-svg": {
    label: "Canvas as SVG",
    detail: "The same picture, scalable",
    keys: [],
    keyScope: "editing",
    run: (context) => void downloadCanvasImage(context.flow, "svg"),
  },
  "export-report": {
    label: "Report (HTML)",
    detail: "One file that opens offline: figures with intervals, charts, sites, assumptions",
    keys: [],
    keyScope: "editing",
    run: (context) => void downloadReport(context.flow),
  },
};

/** Help rows for what the canvas does with the mouse (React Flow's gestures, not commands). */
export const CANVAS_GESTURES: HelpRow[] = [
  { keys: "Shift drag", does: "Select with a box; Shift/Ctrl click adds to the selection" },
];

/** The help dialog's keyboard table: each command's own row, in the table's order, then the gestures. */
export function helpRows(): HelpRow[] {
  const rows: HelpRow[] = [];
  for (const command of Object.values(COMMANDS)) {
    if (command.help && "keys" in command.help) rows.push(command.help);
  }
  return [...rows, ...CANVAS_GESTURES];
}

/**
 * The command registry: the help table, the toolbar's names and tooltips, and which key runs what
 * in which mode — each checked against what the app did before the registry drew them.
 */
import { describe, expect, it } from "vitest";
import { titleOf } from "../../src/app/commands/CommandButton.tsx";
import type { KeyPress } from "../../src/app/commands/keys.ts";
import { COMMANDS, type CommandId, type CommandState, helpRows } from "../../src/app/commands/registry.ts";
import { shortcutFor } from "../../src/app/useShortcuts.ts";

describe("command registry", () => {
  it("the help dialog lists the keys in the words and order it always had", () => {
    expect(helpRows()).toEqual([
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
    ]);
  });

  it("toolbar buttons keep their names and tooltips, each tooltip naming the first key", () => {
    const shown = (id: CommandId) => ({ label: COMMANDS[id].label, title: titleOf(COMMANDS[id]) });
    expect(shown("open-file")).toEqual({ label: "Open", title: "Open a .seams.json file (Ctrl+O)" });
    expect(shown("save-file")).toEqual({ label: "Save", title: "Save as a .seams.json file (Ctrl+S)" });
    expect(shown("share-link")).toEqual({ label: "Share", title: "A link carrying the whole model" });
    expect(shown("undo")).toEqual({ label: "Undo", title: "Undo (Ctrl+Z)" });
    expect(shown("redo")).toEqual({ label: "Redo", title: "Redo (Ctrl+Shift+Z)" });
    expect(shown("layout")).toEqual({ label: "Layout", title: "Auto-layout (L)" });
    expect(shown("fit-view")).toEqual({ label: "Fit the view", title: "Fit the view (F)" });
    expect(shown("workshop")).toEqual({
      label: "Workshop mode",
      title: "Workshop mode: full screen, large figures, no editing (W)",
    });
    expect(shown("help")).toEqual({ label: "Help", title: "Help and shortcuts (?)" });
    expect(shown("export-png").title).toBeUndefined();
  });

  it("every command with keys is described in the help, in its own row or in the row it names", () => {
    for (const [id, command] of Object.entries(COMMANDS)) {
      if (command.keys.length === 0) continue;
      const help = command.help;
      expect(help, id).toBeDefined();
      if (help && "inRowOf" in help) expect(COMMANDS[help.inRowOf].help, id).toHaveProperty("keys");
    }
  });
});

/** The keys the app listened to before the registry (useShortcuts.ts and the replay's own listener). */
function formerShortcut(
  press: KeyPress,
  state: { isPresenting: boolean; isReplayOpen: boolean; isTakenAlready: boolean },
): CommandId | undefined {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  const workshopKeys = new Set(["w", "escape", "d", "c", "f", "?", "[", "]", ..."0123456789"]);
  const global = ((): CommandId | undefined => {
    if (state.isTakenAlready) return undefined;
    if (state.isPresenting && (mod || press.altKey || !workshopKeys.has(key))) return undefined;
    if (mod && key === "z" && !press.shiftKey) return "undo";
    if (mod && ((key === "z" && press.shiftKey) || key === "y")) return "redo";
    if (mod && key === "c") return "copy";
    if (mod && key === "x") return "cut";
    if (mod && key === "v") return "paste";
    if (mod && key === "a") return "select-all";
    if (mod && key === "s") return "save-file";
    if (mod && key === "o") return "open-file";
    if (mod || press.altKey) return undefined;
    if (key === "delete" || key === "backspace") return "delete-selection";
    if (key === "l") return "layout";
    if (key === "f") return "fit-view";
    if (key === "d") return "view-dashboards";
    if (key === "c") return "view-coupling";
    if (key === "w") return "workshop";
    if (key === "?") return "help";
    if (state.isPresenting && /^[0-9]$/.test(key)) return "scenario-at";
    if (state.isPresenting && key === "[") return "scenario-previous";
    if (state.isPresenting && key === "]") return "scenario-next";
    if (key === "escape") return "dismiss";
    return undefined;
  })();
  if (global) return global;
  if (!state.isReplayOpen || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (press.key === "ArrowRight") return "replay-on";
  if (press.key === "ArrowLeft") return "replay-back";
  return undefined;
}

describe("keyboard shortcuts", () => {
  const keys = [
    ..."abcdefghijklmnopqrstuvwxyz0123456789[]?/!",
    ..."ACDFLOSVWXYZ",
    "Delete",
    "Backspace",
    "Escape",
    "ArrowLeft",
    "ArrowRight",
    "ArrowUp",
    "Enter",
    " ",
    "Shift",
    "Control",
  ];
  const bits = [false, true];

  it("every key, modifier and mode runs the command it ran before the registry", () => {
    let compared = 0;
    for (const key of keys)
      for (const ctrlKey of bits)
        for (const metaKey of bits)
          for (const altKey of bits)
            for (const shiftKey of bits)
              for (const isPresenting of bits)
                for (const isReplayOpen of bits)
                  for (const isTakenAlready of bits) {
                    const press = { key, ctrlKey, metaKey, altKey, shiftKey };
                    const state: CommandState = { canUndo: true, canRedo: true, isPresenting, isReplayOpen };
                    const now = shortcutFor(press, state, isTakenAlready)?.id;
                    const before = formerShortcut(press, { isPresenting, isReplayOpen, isTakenAlready });
                    expect(now, JSON.stringify({ press, state, isTakenAlready })).toBe(before);
                    compared++;
                  }
    expect(compared).toBe(keys.length * 128);
  });

  it("undo and redo keys with no history do nothing but are still taken from the browser", () => {
    const state: CommandState = { canUndo: false, canRedo: false, isPresenting: false, isReplayOpen: false };
    const press = { key: "y", ctrlKey: false, metaKey: true, altKey: false, shiftKey: false };
    expect(shortcutFor(press, state, false)).toEqual({ id: "redo", isEnabled: false });
    expect(shortcutFor({ ...press, key: "z" }, { ...state, canUndo: true }, false)).toEqual({
      id: "undo",
      isEnabled: true,
    });
  });
});

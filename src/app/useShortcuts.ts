/** Keyboard shortcuts: a key press runs the command of the registry bound to it. */
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { isTyping, type KeyPress, matchesKey } from "./commands/keys.ts";
import { COMMANDS, type CommandId, type CommandState } from "./commands/registry.ts";
import { isKeyScopeLive, readCommandState } from "./commands/state.ts";

const BOUND = (Object.keys(COMMANDS) as CommandId[]).filter((id) => COMMANDS[id].keys.length > 0);

/**
 * The command a key press is for now, and whether it runs; undefined: the key is not ours. A
 * disabled command's keys do nothing but stay ours (⌘Y with nothing to redo must not open the
 * browser's history). `isTakenAlready`: something on the page already used the key.
 */
export function shortcutFor(
  press: KeyPress,
  state: CommandState,
  isTakenAlready: boolean,
): { id: CommandId; isEnabled: boolean } | undefined {
  const id = BOUND.find((bound) => COMMANDS[bound].keys.some((binding) => matchesKey(binding, press)));
  if (id === undefined) return undefined;
  const command = COMMANDS[id];
  if (!isKeyScopeLive(command.keyScope, state, isTakenAlready)) return undefined;
  return { id, isEnabled: command.enabledWhen?.(state) ?? true };
}

/** Listen for the registry's keys while the editor is mounted; keys typed into a field are not shortcuts. */
export function useShortcuts(openFilePicker: () => void): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const shortcut = shortcutFor(event, readCommandState(), event.defaultPrevented);
      if (!shortcut) return;
      event.preventDefault();
      if (shortcut.isEnabled) COMMANDS[shortcut.id].run({ flow, openFilePicker }, event.key.toLowerCase());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flow, openFilePicker]);
}

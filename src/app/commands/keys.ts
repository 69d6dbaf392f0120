/**
 * Key bindings: which key press a binding means, and how a binding is written in a tooltip.
 * Plain functions of the event, so the registry's bindings are checked by unit tests.
 */

/**
 * One key press. `key` is `KeyboardEvent.key` in lower case. `mod: true` needs Ctrl or ⌘ (Alt
 * does not matter); without it, Ctrl, ⌘ and Alt must be up. `shift` true or false requires Shift
 * down or up; left out, Shift does not matter (Shift L is L, ? is typed with Shift).
 */
export interface KeyBinding {
  key: string;
  mod?: true;
  shift?: boolean;
}

/** What of a key press a binding looks at. */
export type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/** Whether `press` is the key press `binding` means. */
export function matchesKey(binding: KeyBinding, press: KeyPress): boolean {
  const isModified = press.ctrlKey || press.metaKey;
  if (binding.mod ? !isModified : isModified || press.altKey) return false;
  if (binding.shift !== undefined && binding.shift !== press.shiftKey) return false;
  return press.key.toLowerCase() === binding.key;
}

/** A binding as the toolbar's tooltips write it: `Ctrl+Shift+Z`, `L`, `?`. */
export function keyHint(binding: KeyBinding): string {
  return `${binding.mod ? "Ctrl+" : ""}${binding.shift ? "Shift+" : ""}${binding.key.toUpperCase()}`;
}

/** Whether a key press goes to a field being typed in (then it is never a shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
}

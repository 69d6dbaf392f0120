/** A command of the registry as a button: its label, tooltip with its key, icon and enabled state. */
import { keyHint } from "./keys.ts";
import {
  COMMANDS,
  type Command,
  type CommandContext,
  type CommandId,
  type CommandState,
} from "./registry.ts";

/** The tooltip: the command's title and its first key, "Undo (Ctrl+Z)". */
export function titleOf(command: Command): string | undefined {
  const [first] = command.keys;
  return command.title && first ? `${command.title} (${keyHint(first)})` : command.title;
}

export interface CommandButtonProps {
  id: CommandId;
  /** text: icon and label; icon: the icon alone, the label its accessible name; menu: a menu entry. */
  look: "text" | "icon" | "menu";
  state: CommandState;
  context: CommandContext;
  iconSizePx?: number;
}

/** The button that runs command `id` (its data-testid is the id). */
export function CommandButton({ id, look, state, context, iconSizePx = 16 }: CommandButtonProps) {
  const command = COMMANDS[id];
  const Icon = command.icon;
  const isEnabled = command.enabledWhen?.(state) ?? true;
  return (
    <button
      type="button"
      data-testid={id}
      onClick={() => command.run(context)}
      disabled={!isEnabled}
      title={titleOf(command)}
      aria-label={look === "icon" ? command.label : undefined}
    >
      {look === "menu" ? (
        <>
          <strong>{command.label}</strong>
          <span>{command.detail}</span>
        </>
      ) : (
        <>
          {Icon && <Icon size={iconSizePx} aria-hidden />}
          {look === "text" && ` ${command.label}`}
        </>
      )}
    </button>
  );
}

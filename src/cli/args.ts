/**
 * Command-line options: `--name value`, `--name=value` and boolean `--name`, checked against the
 * command's own list so a typo is an error (exit 2), never silently ignored.
 */
import { usageError } from "./errors.ts";

export type FlagKind = "boolean" | "string";

export interface ParsedArgs {
  /** The command the arguments belong to, named in error messages with its usage. */
  command: string;
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Split `argv` (after the command name) into positionals and the command's known flags. */
export function parseArgs(
  argv: readonly string[],
  known: Record<string, FlagKind>,
  command: string,
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).slice(2);
    const kind = arg.startsWith("--") && Object.hasOwn(known, name) ? known[name] : undefined;
    if (kind === undefined) throw usageError(`unknown option "${arg}" for seams ${command}`, command);
    if (flags.has(name)) throw usageError(`--${name} is given more than once`, command);
    if (kind === "boolean") {
      if (eq >= 0) throw usageError(`--${name} takes no value`, command);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) {
      throw usageError(`--${name} needs a value`, command);
    }
    flags.set(name, value);
  }
  return { command, positionals, flags };
}

/** A whole number in [min, max]; accepts `1e6` and `1_000_000` as people write large counts. */
export function integerFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined) return undefined;
  const text = String(raw).trim().replace(/_/g, "");
  const value = /^[+]?\d+(\.\d+)?(e[+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw usageError(`--${name}: expected a whole number from ${min} to ${max}, got "${raw}"`, args.command);
  }
  return value;
}

/** `--shard i/n`: shard i (0-based) of n. */
export function shardFlag(args: ParsedArgs): { index: number; count: number } | undefined {
  const raw = args.flags.get("shard");
  if (raw === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(String(raw).trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || count > 100_000 || index >= count) {
    throw usageError(
      `--shard: expected i/n with 0 ≤ i < n ≤ 100000 (shards count from 0), got "${raw}"`,
      args.command,
    );
  }
  return { index, count };
}

/** The one model file a command takes. */
export function onlyFile(positionals: readonly string[], command: string): string {
  if (positionals.length === 0) throw usageError("a model file is needed", command);
  if (positionals.length > 1) {
    throw usageError(
      `one model file at a time (got ${positionals.length}: ${positionals.join(", ")})`,
      command,
    );
  }
  return positionals[0];
}

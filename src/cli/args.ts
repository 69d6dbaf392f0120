/**
 * Command-line options. `node:util` `parseArgs` splits the arguments (`--name value`, `--name=value`,
 * boolean `--name`, `--`); each command's option table says which names it takes, and every
 * departure from the table is an error (exit 2) in our own words, never silently ignored.
 */
import { parseArgs as splitArgs } from "node:util";
import type { Model } from "../model/index.ts";
import { usageError } from "./errors.ts";
import type { CliIo } from "./io.ts";

/** One row of a command's option table: `parseArgs`' own `type` and `default`, plus what we check. */
export interface CliOption {
  type: "string" | "boolean";
  /** The value when the option is not given (parseArgs fills it in). */
  default?: string;
  /** A whole-number option's smallest and largest value. */
  wholeNumber?: readonly [min: number, max: number];
  /** Accepted and checked but left out of the command's usage, because it changes nothing there. */
  isUnused?: boolean;
}

export type CliOptions = Readonly<Record<string, CliOption>>;

/** The options given: `true` for a boolean, the text for a string (or its default). */
export type OptionValues<O extends CliOptions> = {
  [K in keyof O]?: O[K]["type"] extends "boolean" ? true : string;
};

export interface ParsedArgs<O extends CliOptions> {
  /** The command the arguments belong to, named in error messages with its usage. */
  command: string;
  options: O;
  positionals: string[];
  values: OptionValues<O>;
}

/** A `seams` command: its option table and usage side by side, and what it does with them. */
export interface CliCommand {
  name: string;
  /** `seams <name> --help`, printed after a usage error too. */
  usage: string;
  options: CliOptions;
  run(argv: readonly string[], io: CliIo): Promise<void>;
}

/** A command whose `run` receives its arguments parsed against its own option table. */
export function defineCommand<O extends CliOptions>(command: {
  name: string;
  usage: string;
  options: O;
  run(args: ParsedArgs<O>, io: CliIo): Promise<void>;
}): CliCommand {
  return { ...command, run: (argv, io) => command.run(readArgs(argv, command.options, command.name), io) };
}

/** The settings schema's bounds (src/model/schema.ts), so a flag accepts what a file may hold. */
export const MAX_TRIALS = 100_000_000;
export const MAX_SEED = 0xffff_ffff;
export const MAX_WORKERS = 256;

/** The rows most commands share. */
export const JSON_OPTION = { type: "boolean" } as const satisfies CliOption;
export const TRIALS_OPTION = { type: "string", wholeNumber: [1, MAX_TRIALS] } as const satisfies CliOption;
export const SEED_OPTION = { type: "string", wholeNumber: [0, MAX_SEED] } as const satisfies CliOption;
export const WORKERS_OPTION = { type: "string", wholeNumber: [1, MAX_WORKERS] } as const satisfies CliOption;

/** `--trials` and `--seed` where nothing is drawn at random: SPEC §8 has every command take them. */
export const UNUSED_RUN_OPTIONS = {
  trials: { ...TRIALS_OPTION, isUnused: true },
  seed: { ...SEED_OPTION, isUnused: true },
} as const satisfies CliOptions;

/** Split `argv` (after the command name) into positionals and the options of `command`'s table. */
export function readArgs<O extends CliOptions>(
  argv: readonly string[],
  options: O,
  command: string,
): ParsedArgs<O> {
  // not strict: parseArgs' own errors would not name the option as we do, nor catch a repeat
  const { values, positionals, tokens } = splitArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const { name } = token;
    const option = token.rawName.startsWith("--") && Object.hasOwn(options, name) ? options[name] : undefined;
    if (option === undefined) {
      // the argument as typed: `--strict=1`, or `-abc` (which parseArgs splits into -a, -b, -c)
      throw usageError(`unknown option "${argv[token.index]}" for seams ${command}`, command);
    }
    if (given.has(name)) throw usageError(`--${name} is given more than once`, command);
    given.add(name);
    if (option.type === "boolean") {
      if (token.inlineValue) throw usageError(`--${name} takes no value`, command);
      continue;
    }
    // parseArgs takes the next argument whatever it is; an option there means the value was forgotten
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) {
      throw usageError(`--${name} needs a value`, command);
    }
  }
  return { command, options, positionals, values: values as OptionValues<O> };
}

/** The names of the options with a whole-number range. */
type WholeNumberName<O extends CliOptions> = {
  [K in keyof O]: O[K] extends { wholeNumber: readonly [number, number] } ? K : never;
}[keyof O] &
  string;

/**
 * A whole-number option within its table range (always there when the table gives a default);
 * accepts `1e6` and `1_000_000` as people write large counts.
 */
export function wholeNumber<O extends CliOptions, K extends WholeNumberName<O>>(
  args: ParsedArgs<O>,
  name: K,
): O[K] extends { default: string } ? number : number | undefined {
  type Result = O[K] extends { default: string } ? number : number | undefined;
  const raw = args.values[name];
  if (raw === undefined) return undefined as Result;
  const [min, max] = (args.options[name] as Required<CliOption>).wholeNumber;
  const text = String(raw).trim().replace(/_/g, "");
  const value = /^[+]?\d+(\.\d+)?(e[+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw usageError(`--${name}: expected a whole number from ${min} to ${max}, got "${raw}"`, args.command);
  }
  return value as Result;
}

/** Check `--trials` and `--seed` where they change nothing (UNUSED_RUN_OPTIONS). */
export function checkUnusedRunOptions(args: ParsedArgs<typeof UNUSED_RUN_OPTIONS>): void {
  wholeNumber(args, "trials");
  wholeNumber(args, "seed");
}

/** `--shard i/n`: shard i (0-based) of n. */
export function shardOption(
  args: ParsedArgs<{ shard: CliOption }>,
): { index: number; count: number } | undefined {
  const raw = args.values.shard;
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
export function onlyFile({
  positionals,
  command,
}: {
  positionals: readonly string[];
  command: string;
}): string {
  if (positionals.length === 0) throw usageError("a model file is needed", command);
  if (positionals.length > 1) {
    throw usageError(
      `one model file at a time (got ${positionals.length}: ${positionals.join(", ")})`,
      command,
    );
  }
  return positionals[0];
}

/** The id an option names (`--start id`), which must be a component of the model in `file`. */
export function componentOption(model: Model, file: string, option: string, id: string): string {
  if (!model.components.some((c) => c.id === id)) {
    throw usageError(`--${option}: no component "${id}" in ${file}`);
  }
  return id;
}

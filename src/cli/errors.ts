/**
 * How the `seams` command fails (SPEC §8): exit 2 for invalid input (a file, a flag), exit 1 when
 * the analysis itself fails. Commands throw a `CliError` to unwind to `main`, which prints its
 * lines on stderr and returns its exit code; anything else thrown is a bug, reported as exit 1.
 */
import { formatPath } from "../model/bounds.ts";
import type { Issue } from "../model/schema.ts";

export const EXIT_OK = 0;
export const EXIT_ANALYSIS = 1;
export const EXIT_INPUT = 2;

/** Issues listed in full before the rest are counted. */
const MAX_ISSUES_SHOWN = 20;

export class CliError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: typeof EXIT_ANALYSIS | typeof EXIT_INPUT,
    /** Print the usage of this command after the message. */
    readonly usageOf?: string,
  ) {
    super(lines.join("\n"));
    this.name = "CliError";
  }
}

/** Invalid input: a bad flag or argument. */
export function usageError(message: string, command?: string): CliError {
  return new CliError([message], EXIT_INPUT, command);
}

/** Invalid input in `file`: one line per issue, `file: path: message` (file-level issues have no path). */
export function fileError(file: string, issues: readonly Issue[]): CliError {
  const lines = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => issueLine(file, i));
  if (issues.length > MAX_ISSUES_SHOWN)
    lines.push(`${file}: … and ${issues.length - MAX_ISSUES_SHOWN} more problems`);
  return new CliError(lines, EXIT_INPUT);
}

/** `model.json: components[1].silentShare: a probability is at most 1`. */
export function issueLine(file: string, issue: Issue): string {
  return issue.path === "(file)" ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`;
}

/** The analysis failed (exit 1). */
export function analysisError(file: string, error: unknown): CliError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError([`${file}: the analysis failed: ${reason}`], EXIT_ANALYSIS);
}

/**
 * Run the analysis of `file`: whatever it throws becomes an analysisError (exit 1), and so does a
 * result holding NaN or ±Infinity (issue 19: never printed as `NaN`, `Infinity` or `n/a`).
 */
export async function analysed<T>(file: string, run: () => T | Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    throw analysisError(file, error);
  }
  assertFinite(result, file);
  return result;
}

interface ScanNode {
  value: unknown;
  parent: ScanNode | undefined;
  key: PropertyKey;
  depth: number;
}

/** Deeper than this a result is not a tree of figures but a cycle; the scan stops there. */
const MAX_RESULT_DEPTH = 100;

/** The JSON path of the first NaN or ±Infinity in `value` (depth first, in key order), or undefined. */
export function firstNonFinite(value: unknown): string | undefined {
  // an explicit stack (results hold long arrays); a node keeps its parent and key, and only
  // objects and non-finite numbers are pushed: a result of 20,000 chargers is scanned in
  // milliseconds (copying a path per value took seconds)
  const pathOf = (node: ScanNode, last?: number): string => {
    const path: PropertyKey[] = last === undefined ? [] : [last];
    for (let at: ScanNode | undefined = node; at?.parent !== undefined; at = at.parent) path.push(at.key);
    return formatPath(path.reverse());
  };
  const bad = (x: unknown) =>
    (typeof x === "object" && x !== null) || (typeof x === "number" && !Number.isFinite(x));
  const stack: ScanNode[] = bad(value) ? [{ value, parent: undefined, key: "", depth: 0 }] : [];
  while (stack.length > 0) {
    const node = stack.pop() as ScanNode;
    const v = node.value;
    if (typeof v === "number") return pathOf(node);
    if (typeof v !== "object" || v === null || node.depth >= MAX_RESULT_DEPTH) continue;
    if (ArrayBuffer.isView(v)) {
      const items = v as unknown as ArrayLike<unknown>;
      if (!(v instanceof DataView))
        for (let i = 0; i < items.length; i++) if (bad(items[i])) return pathOf(node, i);
      continue;
    }
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    const count = keys === undefined ? (v as unknown[]).length : keys.length;
    for (let i = count - 1; i >= 0; i--) {
      const key = keys === undefined ? i : keys[i];
      const child = (v as Record<PropertyKey, unknown>)[key];
      if (bad(child)) stack.push({ value: child, parent: node, key, depth: node.depth + 1 });
    }
  }
  return undefined;
}

/** Throw an analysis error (exit 1) when `result` holds a non-finite number, naming its path. */
export function assertFinite(result: unknown, file?: string): void {
  const path = firstNonFinite(result);
  if (path === undefined) return;
  const where = file === undefined ? "" : `${file}: `;
  throw new CliError(
    [
      `${where}the analysis produced a non-finite value at ${path} — a bug or an extreme model; please report it`,
    ],
    EXIT_ANALYSIS,
  );
}

/**
 * The one restore path (SPEC §9): every import, URL share, template and CLI file goes through
 * `parseModelText` (text) or `validateModel` (parsed value). Each reports every problem it finds
 * with its JSON path; nothing is repaired silently and nothing throws on bad input.
 */
import { type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { countIssues, formatPath, modelBoundIssues } from "./bounds.ts";
import { checkDrivers } from "./drivers.ts";
import { migrate } from "./migrate.ts";
import { checkScenario, indexBaseline } from "./scenarioCheck.ts";
import { type Issue, MAX_FILE_BYTES, type Model, modelSchema } from "./schema.ts";
import { checkIncidents } from "./timeline.ts";

export { formatPath } from "./bounds.ts";

export type Result = { ok: true; model: Model } | { ok: false; issues: Issue[] };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const NON_FINITE = "\uE000seams-non-finite:";
/** How deep a document may nest: a model needs fewer than 10 levels; deeper is an attack or a bug. */
const MAX_DEPTH = 64;
/** Marks a forbidden key in the value scan (reported in document order, its value not read). */
const FORBIDDEN = Symbol("forbidden key");

/** Parse and validate a model file's text. */
export function parseModelText(text: string): Result {
  if (text.length > MAX_FILE_BYTES) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return fail("(file)", `the file is ${mb} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(quoteNonFinite(text));
  } catch (error) {
    return fail("(file)", `not valid JSON: ${describeJsonError(text, error)}`);
  }
  return validateModel(parsed);
}

/** Validate a parsed document: forbidden keys, version, schema, then references. */
export function validateModel(doc: unknown): Result {
  const unsafe: Issue[] = [];
  scanValues(doc, [], unsafe);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  const migrated = migrate(doc);
  if (!migrated.ok) return migrated;
  // before the schema, whose work grows with every item (issue 19: 150,000 links froze the page)
  const tooMany = countIssues(migrated.doc);
  if (tooMany.length > 0) return { ok: false, issues: tooMany };
  const parsed = modelSchema.safeParse(migrated.doc);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const issues = [...modelBoundIssues(parsed.data), ...checkReferences(parsed.data)];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, model: parsed.data };
}

/** Dangling references, duplicate ids, redundancy groups that can never be met, incidents on nothing. */
export function checkReferences(model: Model): Issue[] {
  const issues: Issue[] = [];
  const uniqueIds = (kind: string, items: readonly { id: string }[]) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) {
        issues.push({
          path: `${kind}[${i}].id`,
          message: `duplicate id "${item.id}" (also ${kind}[${first}])`,
        });
      } else seen.set(item.id, i);
    });
    return seen;
  };
  const orgs = uniqueIds("orgs", model.orgs);
  const components = uniqueIds("components", model.components);
  uniqueIds("links", model.links);
  uniqueIds("commonCauses", model.commonCauses);
  uniqueIds("chains", model.chains);

  model.components.forEach((c, i) => {
    if (c.org !== undefined && !orgs.has(c.org)) {
      issues.push({ path: `components[${i}].org`, message: `unknown organisation "${c.org}"` });
    }
  });
  const groups = new Map<string, { size: number; k: number; index: number }>();
  model.links.forEach((l, i) => {
    for (const end of ["from", "to"] as const) {
      if (!components.has(l[end])) {
        issues.push({
          path: `links[${i}].${end}`,
          message: `link "${l.id}" points to unknown component "${l[end]}"`,
        });
      }
    }
    if (l.from === l.to)
      issues.push({ path: `links[${i}].to`, message: `link "${l.id}" connects "${l.from}" to itself` });
    if (l.k !== undefined && l.group === undefined) {
      issues.push({ path: `links[${i}].k`, message: "k is set but the link has no group" });
    }
    if (l.group !== undefined) {
      const key = `${l.from}\u0000${l.group}`;
      const g = groups.get(key) ?? { size: 0, k: 1, index: i };
      g.size += 1;
      g.k = Math.max(g.k, l.k ?? 1);
      groups.set(key, g);
    }
  });
  for (const [key, g] of groups) {
    if (g.k > g.size) {
      const [from, group] = key.split("\u0000");
      issues.push({
        path: `links[${g.index}].k`,
        message: `group "${group}" of "${from}" needs ${g.k} of ${g.size} links: it can never be met`,
      });
    }
  }
  model.commonCauses.forEach((cc, i) => {
    cc.members.forEach((m, j) => {
      if (!components.has(m))
        issues.push({ path: `commonCauses[${i}].members[${j}]`, message: `unknown component "${m}"` });
    });
  });
  model.chains.forEach((ch, i) => {
    ch.path.forEach((m, j) => {
      if (!components.has(m))
        issues.push({ path: `chains[${i}].path[${j}]`, message: `unknown component "${m}"` });
    });
  });
  const grouped = new Map<string, string>();
  uniqueIds("groups", model.groups ?? []);
  (model.groups ?? []).forEach((g, i) => {
    g.members.forEach((m, j) => {
      const path = `groups[${i}].members[${j}]`;
      if (!components.has(m)) issues.push({ path, message: `unknown component "${m}"` });
      const other = grouped.get(m);
      if (other !== undefined) issues.push({ path, message: `"${m}" is already in group "${other}"` });
      grouped.set(m, g.id);
    });
  });
  issues.push(...checkDrivers(model));
  issues.push(...checkIncidents(model));
  uniqueIds("scenarios", model.scenarios ?? []);
  if (model.scenarios?.length) {
    const index = indexBaseline(model);
    model.scenarios.forEach((s, i) => {
      issues.push(...checkScenario(model, index, s, i));
    });
  }
  return issues;
}

function fail(path: string, message: string): Result {
  return { ok: false, issues: [{ path, message }] };
}

/** Forbidden keys (prototype pollution) and the NaN/Infinity markers left by `quoteNonFinite`. */
function scanValues(document: unknown, root: PropertyKey[], issues: Issue[]): void {
  // depth-first with an explicit stack, children pushed in reverse so the order of the issues is
  // the document's; a recursive scan overflowed the stack on 100,000 nested arrays. A node keeps
  // its parent and key, not its path: the path is built only for an issue (copying a path per
  // value was most of the scan's time on 20,000 components). Plain values are never pushed.
  const pathOf = (node: ScanNode): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let at: ScanNode | undefined = node; at !== undefined && at.depth > 0; at = at.parent)
      path.push(at.key);
    return [...root, ...path.reverse()];
  };
  const stack: ScanNode[] = [];
  if (needsScan(document)) stack.push({ value: document, parent: undefined, key: "", depth: 0 });
  while (stack.length > 0 && issues.length < 50) {
    const node = stack.pop() as ScanNode;
    const { value } = node;
    if (typeof value === "number") {
      issues.push({ path: formatPath(pathOf(node)), message: `${value} is not a finite number` });
    } else if (typeof value === "string") {
      const token = value.slice(NON_FINITE.length);
      issues.push({
        path: formatPath(pathOf(node)),
        message: `${token} is not a number JSON allows (use a finite number)`,
      });
    } else if (value === FORBIDDEN) {
      issues.push({
        path: formatPath(pathOf(node)),
        message: `the key "${String(node.key)}" is not allowed`,
      });
    } else if (typeof value === "object" && value !== null) {
      if (root.length + node.depth >= MAX_DEPTH) {
        issues.push({
          path: `${formatPath(pathOf(node).slice(0, 8))}…`,
          message: `nested too deeply: more than ${MAX_DEPTH} levels (a model needs fewer than 10)`,
        });
        return;
      }
      const depth = node.depth + 1;
      const keys = Array.isArray(value) ? undefined : Object.keys(value);
      const count = keys === undefined ? (value as unknown[]).length : keys.length;
      for (let i = count - 1; i >= 0; i--) {
        const key = keys === undefined ? i : keys[i];
        if (typeof key === "string" && FORBIDDEN_KEYS.has(key)) {
          stack.push({ value: FORBIDDEN, parent: node, key, depth });
          continue;
        }
        const child = (value as Record<PropertyKey, unknown>)[key];
        if (needsScan(child)) stack.push({ value: child, parent: node, key, depth });
      }
    }
  }
}

/** A value the scan must visit: an object or array, a non-finite number, a quoted NaN/Infinity. */
function needsScan(value: unknown): boolean {
  if (typeof value === "object") return value !== null;
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "string" && value.startsWith(NON_FINITE);
}

interface ScanNode {
  value: unknown;
  parent: ScanNode | undefined;
  key: PropertyKey;
  depth: number;
}

/**
 * JSON has no NaN or Infinity; some tools write them anyway. Quote such bare tokens (outside
 * strings) so the document still parses and the validator can name the path that holds them.
 */
function quoteNonFinite(text: string): string {
  if (!/NaN|Infinity/.test(text)) return text;
  let out = "";
  let inString = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    for (const token of ["-Infinity", "Infinity", "NaN"]) {
      if (text.startsWith(token, i) && !/[\w$]/.test(text[i + token.length] ?? "")) {
        out += `${text.slice(last, i)}"${NON_FINITE}${token}"`;
        i += token.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return out + text.slice(last);
}

/** JSON.parse's messages differ between engines and rarely say where; jsonc-parser finds the offset. */
function describeJsonError(text: string, error: unknown): string {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `${what} at line ${line}, column ${column}`;
}

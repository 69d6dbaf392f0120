/**
 * Open-PSA Model Exchange Format (MEF 2.0) for "charger site c unusable" (SPEC §6): one fault tree,
 * its gates (or, and, atleast) and its basic events with their probabilities as floats, labelled in
 * words. SCRAM (`scram --probability true --importance true`) or any Open-PSA tool quantifies it.
 */
import type { Model } from "../model/index.ts";
import {
  buildFaultTrees,
  FALSE,
  FaultTreeError,
  type FaultTrees,
  gateOf,
  type Ref,
  TRUE,
} from "./faulttree/index.ts";

function escapeXml(s: string): string {
  // characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF) become
  // U+FFFD: a name may hold them, and SCRAM refuses a file that does
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Gates and events reachable from `top`, gates in definition order (children first). */
function reachable(trees: FaultTrees, top: Ref): { gates: number[]; events: number[] } {
  const gates = new Set<number>();
  const events = new Set<number>();
  const order: number[] = [];
  const visit = (r: Ref) => {
    if (r >= 0) {
      events.add(r);
      return;
    }
    if (r === TRUE || r === FALSE) return;
    const g = gateOf(r);
    if (gates.has(g)) return;
    gates.add(g);
    for (const a of trees.gates[g].args) visit(a);
    order.push(g);
  };
  visit(top);
  return { gates: order.reverse(), events: [...events].sort((a, b) => a - b) };
}

function argXml(trees: FaultTrees, r: Ref): string {
  if (r === TRUE) return '<constant value="true"/>';
  if (r === FALSE) return '<constant value="false"/>';
  if (r >= 0) return `<basic-event name="${trees.events[r].name}"/>`;
  return `<gate name="${trees.gates[gateOf(r)].name}"/>`;
}

export interface MefOptions {
  /** Written into the file's label (e.g. the model's name). */
  title?: string;
}

/** The MEF document for charger `chargerId` of `model`; throws FaultTreeError when it has none. */
export function exportMef(model: Model, chargerId: string, options: MefOptions = {}): string {
  const trees = buildFaultTrees(model, [chargerId]);
  return writeMef(trees, chargerId, options);
}

export function writeMef(trees: FaultTrees, chargerId: string, options: MefOptions = {}): string {
  const top = trees.tops.get(chargerId);
  if (top === undefined) throw new FaultTreeError(`${chargerId} is not a charger site of the model`);
  const { gates, events } = reachable(trees, top);
  const topName = `unusable_${chargerId.replace(/[^A-Za-z0-9_]+/g, "_")}`;
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', "<opsa-mef>"];
  const title = options.title ? ` (${escapeXml(options.title)})` : "";
  lines.push(`  <define-fault-tree name="${topName}">`);
  lines.push(`    <label>Charger site ${escapeXml(chargerId)} unusable${title}; exported by Seams</label>`);
  const topIsGate = top < FALSE - 1;
  if (!topIsGate) {
    lines.push(`    <define-gate name="${topName}_top">`);
    lines.push(`      <label>Charger site ${escapeXml(chargerId)} unusable</label>`);
    lines.push(`      ${argXml(trees, top)}`);
    lines.push("    </define-gate>");
  }
  for (const g of gates) {
    const gate = trees.gates[g];
    if (gate.op === "atleast" && new Set(gate.args).size !== gate.args.length) {
      throw new FaultTreeError(
        `${gate.label}: two links of one redundancy group fail together (same provider); MEF at-least gates need distinct arguments`,
      );
    }
    const open = gate.op === "atleast" ? `<atleast min="${gate.k}">` : `<${gate.op}>`;
    lines.push(`    <define-gate name="${gate.name}">`);
    lines.push(`      <label>${escapeXml(gate.label)}</label>`);
    lines.push(`      ${open}`);
    for (const a of gate.args) lines.push(`        ${argXml(trees, a)}`);
    lines.push(`      </${gate.op}>`);
    lines.push("    </define-gate>");
  }
  lines.push("  </define-fault-tree>");
  lines.push("  <model-data>");
  for (const e of events) {
    const ev = trees.events[e];
    lines.push(`    <define-basic-event name="${ev.name}">`);
    lines.push(`      <label>${escapeXml(ev.label)}</label>`);
    lines.push(
      `      <attributes><attribute name="seams-role" value="${ev.role}"/><attribute name="seams-of" value="${escapeXml(ev.of)}"/></attributes>`,
    );
    lines.push(`      <float value="${ev.p}"/>`);
    lines.push("    </define-basic-event>");
  }
  lines.push("  </model-data>");
  lines.push("</opsa-mef>");
  return `${lines.join("\n")}\n`;
}

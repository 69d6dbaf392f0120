/**
 * Why is this charger site unusable? Its minimal cut sets (issue 8, SPEC §6): the smallest
 * combinations of basic events (a component down, a common cause, an outage older than a cache's
 * TTL, a call timing out) that make it unusable, ranked by probability — exact for models whose
 * requirements are acyclic, from the same fault tree that SCRAM quantifies.
 *
 * Computed top-down over the gates with explicit sets (bitsets of event indices), minimised at
 * every gate; sets above `maxOrder` events are dropped (as SCRAM's product-order limit), and the
 * answer says so.
 */
import type { Model } from "../model/index.ts";
import {
  type BasicEvent,
  buildFaultTrees,
  FALSE,
  type FaultTrees,
  gateOf,
  type Ref,
  TRUE,
} from "./faulttree/index.ts";

export interface CutSet {
  events: { name: string; label: string; role: BasicEvent["role"]; of: string; p: number }[];
  /** The combination in words, one phrase per component, link or cause (ids; the UI names them). */
  phrases: { of: string; text: string }[];
  /** Product of the events' probabilities. */
  p: number;
  /** p over the sum of all cut sets' p (the rare-event share of the top event). */
  share: number;
}

export interface CutSetResult {
  charger: string;
  /** Exact P(unusable) is not computed here; the sum of cut-set probabilities (rare-event bound). */
  sumP: number;
  cutSets: CutSet[];
  /** Cut sets longer than maxOrder were dropped. */
  truncated: boolean;
  maxOrder: number;
}

type Family = Set<string>; // each member: sorted event indices joined by ","

function parse(key: string): number[] {
  return key === "" ? [] : key.split(",").map(Number);
}

function keyOf(events: number[]): string {
  return [...new Set(events)].sort((a, b) => a - b).join(",");
}

/** Keep only the minimal sets of the family. */
function minimise(family: Family): Family {
  const sets = [...family].map(parse).sort((a, b) => a.length - b.length);
  const kept: number[][] = [];
  outer: for (const s of sets) {
    const has = new Set(s);
    for (const k of kept) if (k.every((e) => has.has(e))) continue outer;
    kept.push(s);
  }
  return new Set(kept.map((s) => s.join(",")));
}

class Expander {
  private readonly memo = new Map<number, Family>();
  truncated = false;

  constructor(
    private readonly trees: FaultTrees,
    private readonly maxOrder: number,
    private readonly maxSets: number,
  ) {}

  of(r: Ref): Family {
    if (r === FALSE) return new Set();
    if (r === TRUE) return new Set([""]);
    if (r >= 0) return new Set([String(r)]);
    const g = gateOf(r);
    const found = this.memo.get(g);
    if (found) return found;
    const gate = this.trees.gates[g];
    const args = gate.args.map((a) => this.of(a));
    let out: Family;
    if (gate.op === "or") out = minimise(new Set(args.flatMap((f) => [...f])));
    else if (gate.op === "and") out = args.reduce((acc, f) => this.product(acc, f), new Set([""]));
    else out = this.atLeast(gate.k, args);
    this.memo.set(g, out);
    return out;
  }

  private product(a: Family, b: Family): Family {
    const out: Family = new Set();
    for (const x of a) {
      for (const y of b) {
        const s = keyOf([...parse(x), ...parse(y)]);
        if (parse(s).length > this.maxOrder) {
          this.truncated = true;
          continue;
        }
        out.add(s);
      }
    }
    if (out.size > this.maxSets) throw new RangeError(`more than ${this.maxSets} cut sets`);
    return minimise(out);
  }

  /** At least k of the families: OR over k-subsets of the AND of their members. */
  private atLeast(k: number, args: Family[]): Family {
    const out: Family = new Set();
    const pick = (start: number, left: number, acc: Family) => {
      if (left === 0) {
        for (const s of acc) out.add(s);
        return;
      }
      for (let i = start; i <= args.length - left; i++) pick(i + 1, left - 1, this.product(acc, args[i]));
    };
    pick(0, k, new Set([""]));
    return minimise(out);
  }
}

export function cutSets(
  model: Model,
  chargerId: string,
  options: { maxOrder?: number; maxSets?: number } = {},
): CutSetResult {
  const trees = buildFaultTrees(model, [chargerId]);
  return cutSetsOf(trees, chargerId, options);
}

export function cutSetsOf(
  trees: FaultTrees,
  chargerId: string,
  options: { maxOrder?: number; maxSets?: number } = {},
): CutSetResult {
  const maxOrder = options.maxOrder ?? 6;
  const top = trees.tops.get(chargerId);
  if (top === undefined) throw new RangeError(`${chargerId} is not a charger site`);
  const x = new Expander(trees, maxOrder, options.maxSets ?? 100_000);
  const family = x.of(top);
  const sets = [...family].map(parse).map((events) => {
    const ev = events.map((e) => trees.events[e]);
    return {
      events: ev.map(({ name, label, role, of, p }) => ({ name, label, role, of, p })),
      phrases: phrases(ev),
      p: ev.reduce((acc, e) => acc * e.p, 1),
    };
  });
  const sumP = sets.reduce((acc, s) => acc + s.p, 0);
  const ranked = sets
    .map((s) => ({ ...s, share: sumP > 0 ? s.p / sumP : 0 }))
    .sort((a, b) => b.p - a.p || a.events.length - b.events.length);
  return { charger: chargerId, sumP, cutSets: ranked, truncated: x.truncated, maxOrder };
}

function duration(h: number): string {
  return h >= 1 ? `${+h.toPrecision(3)} h` : `${+(h * 60).toPrecision(3)} min`;
}

/** "x down for more than 1 h", "common cause k", "the call over l times out (while p is degraded)". */
function phrases(events: BasicEvent[]): { of: string; text: string }[] {
  const out: { of: string; text: string }[] = [];
  const longest = (role: BasicEvent["role"], of: string) =>
    Math.max(0, ...events.filter((e) => e.role === role && e.of === of).map((e) => e.atHours ?? 0));
  for (const e of events) {
    if (e.role === "down") {
      const t = longest("age", e.of);
      out.push({ of: e.of, text: t > 0 ? `${e.of} down for more than ${duration(t)}` : `${e.of} down` });
    } else if (e.role === "cause") {
      const t = longest("cause-age", e.of);
      out.push({
        of: e.of,
        text: t > 0 ? `common cause ${e.of} for more than ${duration(t)}` : `common cause ${e.of}`,
      });
    } else if (e.role === "timeout") {
      out.push({ of: e.of, text: `the call over ${e.of} times out` });
    } else if (e.role === "slow") {
      out.push({ of: e.of, text: `the call over ${e.of} times out because its provider is slow` });
    } else if (e.role === "degraded") {
      out.push({ of: e.of, text: `${e.of} degraded (slow)` });
    }
  }
  return out;
}

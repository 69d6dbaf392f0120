/** The fault-tree builder: one tree per charger site, gates shared through a memo (see index.ts). */
import { type Model, resolveComponent } from "../../model/index.ts";
import { type CompiledReliability, KIND_CACHED_CLOSED } from "../compile/index.ts";
import { addThreshold, EPS, hours, identifier, simplify } from "./gates.ts";
import {
  type BasicEvent,
  type EventRole,
  FALSE,
  FaultTreeError,
  type FaultTrees,
  type Gate,
  gateRef,
  type Ref,
  TRUE,
} from "./types.ts";

export class Builder {
  private readonly events: BasicEvent[] = [];
  private readonly gates: Gate[] = [];
  private readonly names = new Set<string>();
  private readonly memo = new Map<string, Ref>();
  private readonly thresholds: number[][];
  private readonly causeThresholds: number[][];
  private readonly causesOf: number[][];
  private readonly downEvent = new Map<string, number>();

  constructor(
    private readonly model: Model,
    private readonly c: CompiledReliability,
  ) {
    this.thresholds = Array.from({ length: c.n }, () => []);
    this.causeThresholds = Array.from({ length: c.ccMttr.length }, () => []);
    this.causesOf = Array.from({ length: c.n }, () => []);
    for (let k = 0; k < c.ccMttr.length; k++) {
      for (let q = c.ccStart[k]; q < c.ccStart[k + 1]; q++) this.causesOf[c.ccMember[q]].push(k);
    }
  }

  build(chargerIds?: string[]): FaultTrees {
    const c = this.c;
    const chargers = chargerIds
      ? chargerIds.map((id) => {
          const i = c.componentIds.indexOf(id);
          if (i < 0 || !c.chargers.includes(i))
            throw new FaultTreeError(`${id} is not a charger site of the model`);
          return i;
        })
      : Array.from(c.chargers);
    // first the age thresholds each component needs, so age chains can be made in order
    const visited = new Set<string>();
    for (const x of chargers) this.collect(x, 0, visited);
    for (const list of this.thresholds) list.sort((a, b) => a - b);
    for (const list of this.causeThresholds) list.sort((a, b) => a - b);
    const tops = new Map<string, Ref>();
    const kw = new Map<string, number>();
    for (const x of chargers) {
      tops.set(c.componentIds[x], this.fails(x, 0));
      kw.set(c.componentIds[x], c.kw[x]);
    }
    return { events: this.events, gates: this.gates, tops, downEvent: this.downEvent, kw };
  }

  private collect(x: number, t: number, visited: Set<string>): void {
    const key = `${x}@${t}`;
    if (visited.has(key)) return;
    visited.add(key);
    if (t > 0) {
      addThreshold(this.thresholds[x], t);
      for (const k of this.causesOf[x]) addThreshold(this.causeThresholds[k], t);
    }
    const c = this.c;
    for (let r = c.reqStart[x]; r < c.reqStart[x + 1]; r++) {
      for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) {
        const j = c.memLink[q];
        this.collect(c.linkTo[j], this.linkThreshold(j, t), visited);
      }
    }
  }

  private linkThreshold(j: number, t: number): number {
    // failed for ≥ t through a fail-closed cache: the provider failed for ≥ t + TTL (SPEC §3.4)
    const ttl = this.c.kind[j] === KIND_CACHED_CLOSED ? this.c.ttlHours[j] : 0;
    return t + ttl;
  }

  private name(raw: string): string {
    const base = identifier(raw);
    let name = base;
    for (let k = 2; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }

  private event(key: string, e: Omit<BasicEvent, "name">, raw: string): Ref {
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const ref = this.events.length;
    this.events.push({ ...e, name: this.name(raw) });
    this.memo.set(key, ref);
    return ref;
  }

  private gate(key: string, raw: string, label: string, op: Gate["op"], k: number, input: Ref[]): Ref {
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const ref = simplify(op, k, input, (op2, k2, args) => {
      this.gates.push({ name: this.name(raw), label, op: op2, k: k2, args });
      return gateRef(this.gates.length - 1);
    });
    this.memo.set(key, ref);
    return ref;
  }

  private down(x: number): Ref {
    const id = this.c.componentIds[x];
    const ref = this.event(
      `down:${x}`,
      { label: `${id} down (intrinsic unavailability)`, p: this.c.pDown[x], role: "down", of: id },
      `down_${id}`,
    );
    this.downEvent.set(id, ref);
    return ref;
  }

  /** "age ≥ list[m]" given down, as the chain of conditional steps (events) up to m. */
  private ageChain(
    keyBase: string,
    rawBase: string,
    of: string,
    label: string,
    list: number[],
    mttr: number,
    t: number,
    role: EventRole,
  ): Ref[] {
    const steps: Ref[] = [];
    let prev = 0;
    for (const th of list) {
      if (th > t + EPS) break;
      steps.push(
        this.event(
          `${keyBase}:${th}`,
          {
            label: `${label}: outage older than ${hours(th)} given older than ${hours(prev)}`,
            p: Math.exp(-(th - prev) / mttr),
            role,
            of,
            atHours: th,
          },
          `${rawBase}_${hours(th).replace(" ", "")}`,
        ),
      );
      prev = th;
    }
    return steps;
  }

  /** D(x, t): x intrinsically down (or by a common cause) for at least t hours. */
  private downFor(x: number, t: number): Ref[] {
    const c = this.c;
    const id = c.componentIds[x];
    const terms: Ref[] = [];
    const own = [
      this.down(x),
      ...(t > 0
        ? this.ageChain(`age:${x}`, `age_${id}`, id, id, this.thresholds[x], c.mttrHours[x], t, "age")
        : []),
    ];
    terms.push(
      own.length === 1
        ? own[0]
        : this.gate(
            `down@${x}@${t}`,
            `down_${id}_${hours(t)}`,
            `${id} down for ≥ ${hours(t)}`,
            "and",
            0,
            own,
          ),
    );
    for (const k of this.causesOf[x]) {
      const cc = this.causeId(k);
      const fire = this.event(
        `cause:${k}`,
        { label: `common cause ${cc}`, p: this.causeProbability(k), role: "cause", of: cc },
        `cause_${cc}`,
      );
      if (t === 0) {
        terms.push(fire);
        continue;
      }
      const chain = this.ageChain(
        `cage:${k}`,
        `cause_age_${cc}`,
        cc,
        `common cause ${cc}`,
        this.causeThresholds[k],
        c.ccMttr[k],
        t,
        "cause-age",
      );
      terms.push(
        this.gate(
          `cdown@${k}@${t}`,
          `cause_${cc}_${hours(t)}`,
          `common cause ${cc} for ≥ ${hours(t)}`,
          "and",
          0,
          [fire, ...chain],
        ),
      );
    }
    return terms;
  }

  private causeList?: { id: string; p: number }[];

  /** Common causes as compiled (those with at least one member in the model), in order. */
  private causes(): { id: string; p: number }[] {
    if (!this.causeList) {
      const ids = new Set(this.c.componentIds);
      this.causeList = this.model.commonCauses
        .filter((cc) => cc.members.some((m) => ids.has(m)))
        .map((cc) => ({ id: cc.id, p: cc.probability }));
    }
    return this.causeList;
  }

  private causeId(k: number): string {
    return this.causes()[k].id;
  }

  private causeProbability(k: number): number {
    return this.causes()[k].p;
  }

  /** E(x, t). */
  fails(x: number, t: number): Ref {
    const key = `E@${x}@${t}`;
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const c = this.c;
    const id = c.componentIds[x];
    const terms = this.downFor(x, t);
    for (let r = c.reqStart[x]; r < c.reqStart[x + 1]; r++) terms.push(this.requirement(x, r, t));
    const label = t === 0 ? `${id} non-functional` : `${id} non-functional for ≥ ${hours(t)}`;
    const raw = t === 0 ? `fails_${id}` : `fails_${id}_${hours(t)}`;
    return this.gate(key, raw, label, "or", 0, terms);
  }

  private requirement(x: number, r: number, t: number): Ref {
    const c = this.c;
    const members: Ref[] = [];
    for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) members.push(this.linkFails(c.memLink[q], t));
    const size = members.length;
    const need = size - c.reqK[r] + 1;
    if (need <= 0) return TRUE;
    if (size === 1) return members[0];
    const id = c.componentIds[x];
    const ids = Array.from(c.memLink.subarray(c.memStart[r], c.memStart[r + 1]), (j) => c.linkIds[j]);
    return this.gate(
      `R@${r}@${t}`,
      `group_${id}_${r - c.reqStart[x]}${t > 0 ? `_${hours(t)}` : ""}`,
      `${id} loses ${need} of ${size} redundant links (${ids.join(", ")})${t > 0 ? ` for ≥ ${hours(t)}` : ""}`,
      "atleast",
      need,
      members,
    );
  }

  private linkFails(j: number, t: number): Ref {
    const c = this.c;
    const p = c.linkTo[j];
    const tt = this.linkThreshold(j, t);
    const provider = this.fails(p, tt);
    if (tt > 0) return provider;
    const call = this.callFails(j);
    if (call === FALSE) return provider;
    const id = c.linkIds[j];
    return this.gate(
      `L@${j}`,
      `link_${id}`,
      `link ${id} unmet (${c.componentIds[p]} non-functional or call timed out)`,
      "or",
      0,
      [provider, call],
    );
  }

  private callFails(j: number): Ref {
    const c = this.c;
    const id = c.linkIds[j];
    const u = c.pCallUp[j];
    const d = Math.max(u, c.pCallDeg[j]);
    const p = c.linkTo[j];
    const pid = c.componentIds[p];
    const dp = resolveComponent(this.model.components[p]).degradedProbability;
    const terms: Ref[] = [];
    if (u > 0)
      terms.push(
        this.event(
          `timeout:${j}`,
          { label: `call over ${id} times out (${pid} up)`, p: u, role: "timeout", of: id },
          `timeout_${id}`,
        ),
      );
    if (dp > 0 && d > u) {
      const degraded = this.event(
        `deg:${p}`,
        { label: `${pid} degraded (slow) given not down`, p: dp, role: "degraded", of: pid },
        `degraded_${pid}`,
      );
      const slow = this.event(
        `slow:${j}`,
        {
          label: `call over ${id} times out only because ${pid} is degraded`,
          p: (d - u) / (1 - u),
          role: "slow",
          of: id,
        },
        `slow_${id}`,
      );
      terms.push(
        this.gate(
          `S@${j}`,
          `slow_call_${id}`,
          `${pid} degraded and the call over ${id} times out`,
          "and",
          0,
          [degraded, slow],
        ),
      );
    }
    return this.gate(`C@${j}`, `call_${id}`, `call over ${id} fails`, "or", 0, terms);
  }
}

/**
 * One attack trial per Dijkstra (SPEC §4): every entry and every barrier draws an exponential time to
 * compromise (the steps into a component through one kind of interface share their barrier's draw);
 * the shortest times from the entries give each component's time to compromise, its entry and the
 * links on its path.
 */
import { clearHeap, createHeap, heapPop, heapPush, type IndexedHeap } from "../kit/heap.ts";
import { binOf } from "../kit/histogram.ts";
import { Rng } from "../rng.ts";
import { trialsInBatch } from "../types.ts";
import { type CompiledSecurity, SECURITY_BATCH_TRIALS } from "./compile.ts";
import { BINS, KW_BINS, type SecurityTally, TTC_HISTOGRAM } from "./tally.ts";

interface AttackMemory {
  rng: Rng;
  /** Per component: days to compromise this trial, the step that reached it (−1: an entry), its entry. */
  timeDays: Float64Array;
  parentStep: Int32Array;
  entryOf: Int32Array;
  /** Dijkstra's frontier; its positions mark settled components (−2). */
  frontier: IndexedHeap;
  /** Per barrier: its drawn days this trial (the steps that cross it share the draw). */
  barrierDays: Float64Array;
  /** Per org: kW compromised this trial, and whether any component was. */
  orgKw: Float64Array;
  orgHit: Uint8Array;
}

const memories = new WeakMap<CompiledSecurity, AttackMemory>();

function memoryFor(c: CompiledSecurity): AttackMemory {
  let s = memories.get(c);
  if (!s) {
    s = {
      rng: new Rng(0, 0),
      timeDays: new Float64Array(c.n),
      parentStep: new Int32Array(c.n),
      entryOf: new Int32Array(c.n),
      frontier: createHeap(c.n),
      barrierDays: new Float64Array(c.barrierMean.length),
      orgKw: new Float64Array(c.orgIds.length),
      orgHit: new Uint8Array(c.orgIds.length),
    };
    memories.set(c, s);
  }
  return s;
}

/** Run batch `batch` of a run of `totalTrials` with `seed` into `t`. */
export function runSecurityBatch(
  c: CompiledSecurity,
  seed: number,
  batch: number,
  totalTrials: number,
  t: SecurityTally,
): void {
  const trials = trialsInBatch(totalTrials, batch, SECURITY_BATCH_TRIALS);
  if (trials <= 0) return;
  const s = memoryFor(c);
  // a stream of its own: security batches never share random numbers with reliability ones
  s.rng.reset(seed ^ 0x5ec0_0000, batch);
  for (let trial = 0; trial < trials; trial++) oneTrial(c, s, t);
  t.trials += trials;
}

function oneTrial(c: CompiledSecurity, s: AttackMemory, t: SecurityTally): void {
  const { rng, timeDays: time, parentStep, entryOf: root, frontier, barrierDays } = s;
  const { stepBarrier } = c;
  const { node: heapNode, key: heapKey, position: pos } = frontier;
  const n = c.n;
  time.fill(Number.POSITIVE_INFINITY);
  clearHeap(frontier);
  for (let b = 0; b < c.barrierMean.length; b++) barrierDays[b] = rng.exponential(c.barrierMean[b]);
  for (let e = 0; e < c.entryNode.length; e++) {
    const v = c.entryNode[e];
    const at = c.entryMean[e] > 0 ? rng.exponential(c.entryMean[e]) : 0;
    if (at < time[v]) {
      time[v] = at;
      parentStep[v] = -1;
      root[v] = v;
      heapPush(frontier, v, at);
    }
  }
  while (frontier.size > 0) {
    const v = heapNode[0];
    const tv = heapKey[0];
    heapPop(frontier);
    pos[v] = -2; // settled
    if (tv > c.horizonDays * 50) break; // far beyond any horizon: nothing more to learn
    for (let q = c.stepStart[v]; q < c.stepStart[v + 1]; q++) {
      const w = c.stepTo[q];
      if (pos[w] === -2) continue;
      const tw = tv + barrierDays[stepBarrier[q]];
      if (tw < time[w]) {
        time[w] = tw;
        parentStep[w] = q;
        root[w] = root[v];
        heapPush(frontier, w, tw);
      }
    }
  }
  const horizon = c.horizonDays;
  for (let i = 0; i < n; i++) {
    const ti = time[i];
    t.hist[i * BINS + binOf(TTC_HISTOGRAM, ti)]++;
    if (ti <= horizon) {
      t.compromised[i]++;
      const o = c.org[i];
      if (o >= 0) s.orgHit[o] = 1;
    }
  }
  let kw = 0;
  for (let x = 0; x < c.chargers.length; x++) {
    const ch = c.chargers[x];
    if (time[ch] > horizon) continue;
    const k = c.kw[ch];
    kw += k;
    t.entryKw[root[ch]] += k;
    const o = c.org[ch];
    if (o >= 0) s.orgKw[o] += k;
    // chokepoints: every link on its attack path
    let v = ch;
    let guard = 0;
    while (parentStep[v] >= 0 && guard++ < n) {
      const q = parentStep[v];
      t.linkKw[c.stepLink[q]] += k;
      v = c.stepFrom[q];
    }
  }
  if (c.target >= 0 && time[c.target] <= horizon) {
    const steps: number[] = [];
    let v = c.target;
    while (parentStep[v] >= 0 && steps.length < n) {
      steps.push(c.stepLink[parentStep[v]]);
      v = c.stepFrom[parentStep[v]];
    }
    const key = `${v}:${steps.reverse().join(",")}`;
    t.paths.set(key, (t.paths.get(key) ?? 0) + 1);
  }
  t.kwSum[0] += kw;
  t.kwSum[1] += kw * kw;
  const total = c.totalKw;
  t.kwHist[total > 0 ? Math.min(KW_BINS - 1, Math.floor((kw / total) * KW_BINS)) : 0]++;
  if (kw >= c.thresholdKw && kw > 0) t.above[0]++;
  if (kw >= c.systemicKw && kw > 0) t.aboveSystemic[0]++;
  for (let o = 0; o < c.orgIds.length; o++) {
    if (s.orgHit[o]) t.orgAny[o]++;
    const ok = s.orgKw[o];
    t.orgKw[o] += ok;
    t.orgKwSq[o] += ok * ok;
    s.orgHit[o] = 0;
    s.orgKw[o] = 0;
  }
}

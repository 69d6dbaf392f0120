/**
 * SPEC §3 steps 6–7 for one word: each hot component's dashboard (red), seam failures (unusable
 * behind green dashboards), unusable kW per trial and organisation, what viewers show of unusable
 * chargers (phantom, hidden), failure crossings, cascade sizes — into the tally.
 */

import { type CompiledReliability, KIND_CACHED_CLOSED } from "../compile/index.ts";
import { lowestBit, popcount, trialsIn } from "../kit/bits.ts";
import { tallyDrivers } from "./drivers.ts";
import type { WorkingMemory } from "./memory.ts";
import { perceiveGroups } from "./perceive.ts";
import { linkMet } from "./propagate.ts";
import { CASCADE_BINS, KW_BINS, SYSTEM, type Tally } from "./tally.ts";
import { tallyTariffs } from "./tariffs.ts";

/** Mark a status group disturbed; `item` is (group << 1) | full (see disturbers). */
function disturbGroup(s: WorkingMemory, item: number): void {
  const g = item >>> 1;
  if (s.isGroupDisturbed[g] === 0) {
    s.isGroupDisturbed[g] = 1;
    s.disturbedGroups[s.disturbedGroupCount++] = g;
    s.isGroupFullyDisturbed[g] = item & 1;
  } else {
    s.isGroupFullyDisturbed[g] |= item & 1;
  }
}

/** Mark a tariff owner disturbed; `item` is (owner index << 1) | full. */
function disturbOwner(s: WorkingMemory, item: number): void {
  const oi = item >>> 1;
  if (s.isOwnerDisturbed[oi] === 0) {
    s.isOwnerDisturbed[oi] = 1;
    s.disturbedOwners[s.disturbedOwnerCount++] = oi;
    s.isOwnerFullyDisturbed[oi] = item & 1;
  } else {
    s.isOwnerFullyDisturbed[oi] |= item & 1;
  }
}

/**
 * Before the tallies: each hot component's red (what its dashboard shows), the red ones something
 * requires (seeds of the seam pass), and the status plans and tariff owners this word disturbs.
 * Returns whether some charger is unusable.
 */
function markWord(c: CompiledReliability, s: WorkingMemory, valid: number): boolean {
  const { hot, hotCount, functional, down, degraded } = s;
  let anyUnusable = false;
  for (let x = 0; x < hotCount; x++) {
    const i = hot[x];
    const d = down[i];
    const g = degraded[i];
    let red = 0;
    if ((d | g) !== 0) {
      const mon = c.monitoring[i];
      red = mon === 0 ? 0 : mon === 1 ? d & ~s.silent[i] : d | g;
      // the seam pass spreads red to consumers; one nothing requires only colours itself (the
      // charger tally reads its own red)
      if (red !== 0 && c.revDepStart[i] !== c.revDepStart[i + 1]) s.redList[s.redCount++] = i;
    }
    s.red[i] = red;
    if (functional[i] === valid) continue;
    if (s.chargerIndexOf[i] >= 0) anyUnusable = true;
    for (let q = s.componentGroupStart[i]; q < s.componentGroupStart[i + 1]; q++)
      disturbGroup(s, s.componentGroupItem[q]);
    for (let q = s.componentOwnerStart[i]; q < s.componentOwnerStart[i + 1]; q++)
      disturbOwner(s, s.componentOwnerItem[q]);
  }
  for (let x = 0; x < s.failedCallCount; x++) {
    const j = s.failedCallLinks[x];
    for (let q = s.linkGroupStart[j]; q < s.linkGroupStart[j + 1]; q++) disturbGroup(s, s.linkGroupItem[q]);
    for (let q = s.linkOwnerStart[j]; q < s.linkOwnerStart[j + 1]; q++) disturbOwner(s, s.linkOwnerItem[q]);
  }
  return anyUnusable;
}

/**
 * Seam failures need whether anything a charger transitively requires is red: spread each red
 * seed's mask to its consumers through hard and cached links (from the few red ones). Returns the
 * number of components reached (s.touched, reset after the word).
 */
function spreadRed(c: CompiledReliability, s: WorkingMemory): number {
  const reach = s.redReach;
  let touched = 0;
  let head = 0;
  let tail = 0;
  for (let x = 0; x < s.redCount; x++) {
    const i = s.redList[x];
    if (reach[i] === 0) s.touched[touched++] = i;
    reach[i] |= s.red[i];
    s.queue[tail++] = i;
  }
  while (head < tail) {
    const x = s.queue[head++];
    const m = reach[x];
    for (let q = c.revDepStart[x]; q < c.revDepStart[x + 1]; q++) {
      const y = c.revDepItem[q];
      const before = reach[y];
      const after = before | m;
      if (after === before) continue;
      if (before === 0) s.touched[touched++] = y;
      reach[y] = after;
      s.queue[tail++] = y;
    }
  }
  return touched;
}

/** Component i's degradation, red, non-functional and cascade figures for this word. */
function tallyComponent(
  c: CompiledReliability,
  s: WorkingMemory,
  t: Tally,
  i: number,
  valid: number,
  inWord: number,
): void {
  const F = s.functional;
  const f = F[i];
  const nf = ~f & valid;
  const g = s.degraded[i];
  let softUnmet = 0;
  for (let q = c.softStart[i]; q < c.softStart[i + 1]; q++) softUnmet |= ~F[c.softProvider[q]];
  const dg = f & (g | softUnmet);
  if (dg !== 0) t.degraded[i] += popcount(dg);
  // without soft dependencies the expected degradation is added once, at the summary
  const expect = c.softStart[i] === c.softStart[i + 1] ? 0 : c.degExpect[i];
  if (expect > 0) {
    const rest = f & ~softUnmet;
    t.degraded[i] += expect * (rest === valid ? inWord : popcount(rest));
  }
  const red = s.red[i];
  if (red !== 0) t.red[i] += popcount(red);
  if (nf === 0) return;
  t.functional[i] += popcount(nf);
  // cascade: non-functional though not down
  let casc = nf & ~s.down[i];
  while (casc !== 0) {
    const b = lowestBit(casc);
    casc &= casc - 1;
    s.trialCascade[b]++;
  }
  const o = c.org[i];
  if (o >= 0) s.orgNonFunctional[o] |= nf;
}

/**
 * An unusable charger: kW lost per trial (and its organisation's), seam failures, and what its
 * viewers show. A charger usable all word reports available; where a viewer does not just show the
 * report it shows "not available" in the same trials for every such charger of the group: counted
 * once per group slot (groupHidden).
 */
function tallyCharger(c: CompiledReliability, s: WorkingMemory, t: Tally, ch: number, valid: number): void {
  const ci = s.chargerIndexOf[ch];
  const usable = s.functional[ch];
  let un = ~usable & valid;
  const kw = c.kw[ch];
  const o = c.org[ch];
  const seam = un & ~(s.redReach[ch] | s.red[ch]);
  if (seam !== 0) t.seam[ci] += popcount(seam);
  if (o >= 0) {
    s.orgTouched[o] |= un;
    const at = o * 32;
    while (un !== 0) {
      const b = lowestBit(un);
      un &= un - 1;
      s.trialKw[b] += kw;
      s.trialOrgKw[at + b] += kw;
    }
  } else {
    while (un !== 0) {
      const b = lowestBit(un);
      un &= un - 1;
      s.trialKw[b] += kw;
    }
  }
  let seamBits = seam;
  while (seamBits !== 0) {
    const b = lowestBit(seamBits);
    seamBits &= seamBits - 1;
    s.trialSeamKw[b] += kw;
  }
  // perception by viewers: the charger's report through its group's plan
  const p0 = c.pairStart[ci];
  const p1 = c.pairStart[ci + 1];
  if (p0 === p1) return;
  const g = c.chargerGroup[ci];
  const report = ~((s.down[ch] & ~s.silent[ch]) | s.connectivityUnmet[ch]) & valid;
  const phBase = ~usable & report & valid;
  const opaque = s.opaqueViewerCount[g];
  if (phBase !== 0) {
    t.phantomBase[ci] += popcount(phBase);
    const pairs = p1 - p0;
    let bits = phBase;
    while (bits !== 0) {
      const b = lowestBit(bits);
      bits &= bits - 1;
      s.trialPhantom[b] += pairs;
    }
  }
  if (opaque === 0) return;
  // a viewer that does not simply show the report differs from the base only in its D bits, and
  // only where the charger is unusable: a usable charger reports available, and its hidden
  // trials there are the group's, counted once in groupHidden
  const v0 = c.groupViewStart[g];
  const notUsable = ~usable & valid;
  for (let x = 0; x < opaque; x++) {
    const k = s.opaqueViewers[v0 + x];
    const dk = s.differsFromReport[k] & notUsable;
    if (dk === 0) continue;
    const pair = p0 + (k - v0);
    const ph = ((report & s.showsReport[k]) | s.showsAvailable[k]) & dk;
    const pb = phBase & dk;
    t.phantom[pair] += popcount(ph) - popcount(pb);
    t.hidden[pair] -= popcount(~(s.showsReport[k] | s.showsAvailable[k]) & dk);
    let more = ph & ~pb;
    while (more !== 0) {
      const b = lowestBit(more);
      more &= more - 1;
      s.trialPhantom[b]++;
    }
    let less = pb & ~ph;
    while (less !== 0) {
      const b = lowestBit(less);
      less &= less - 1;
      s.trialPhantom[b]--;
    }
  }
}

/** Failure crossings into component i, failed through a requirement in trials `hit`. */
function tallyCrossings(
  c: CompiledReliability,
  s: WorkingMemory,
  t: Tally,
  i: number,
  hit: number,
  valid: number,
): void {
  const { functional } = s;
  const sys = t.system;
  for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++) {
    const unmet = s.requirementUnmet[r] & hit;
    if (unmet === 0) continue;
    for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) {
      const j = c.memLink[q];
      const p = c.linkTo[j];
      let cross = unmet & ~functional[p];
      if (cross !== 0 && c.kind[j] === KIND_CACHED_CLOSED) cross &= ~linkMet(c, s, j, valid);
      if (cross === 0) continue;
      const count = popcount(cross);
      t.crossing[j] += count;
      sys[SYSTEM.crossings] += count;
      if (c.isSeam[j]) {
        sys[SYSTEM.seamCrossings] += count;
        const o = c.org[p];
        if (o >= 0) {
          s.orgTouched[o] |= cross;
          while (cross !== 0) {
            const b = lowestBit(cross);
            cross &= cross - 1;
            s.trialOrgExported[o * 32 + b]++;
          }
        }
      }
    }
  }
}

/** Steps 5–6 for one word: outcomes into the tally. */
export function tallyWord(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  const { functional, down } = s;
  const no = c.orgIds.length;
  const inWord = trialsIn(valid);
  const anyUnusable = markWord(c, s, valid);
  const touched = anyUnusable ? spreadRed(c, s) : 0;
  s.redCount = 0;
  perceiveGroups(c, s, valid, t);
  // components: only the hot ones can have failed, degraded or turned red (one pass each: figures,
  // then an unusable charger's, then the crossings into one failed through a requirement); the
  // soft-dependent ones can be degraded through a provider
  const { hot, hotCount } = s;
  for (let x = 0; x < hotCount; x++) {
    const i = hot[x];
    tallyComponent(c, s, t, i, valid, inWord);
    const f = functional[i];
    if (f === valid) continue;
    if (s.chargerIndexOf[i] >= 0) tallyCharger(c, s, t, i, valid);
    const hit = ~f & ~down[i] & valid;
    if (hit !== 0) tallyCrossings(c, s, t, i, hit, valid);
  }
  for (let x = 0; x < s.softDependents.length; x++) {
    const i = s.softDependents[x];
    if (s.hotEpochOf[i] !== s.epoch) tallyComponent(c, s, t, i, valid, inWord);
  }
  tallyDrivers(c, s, valid, t);
  for (let o = 0; o < no; o++) {
    if (s.orgNonFunctional[o] === 0) continue;
    t.orgAny[o] += popcount(s.orgNonFunctional[o]);
    s.orgNonFunctional[o] = 0;
  }

  // the disturbed plans are done: the next word starts with none
  for (let x = 0; x < s.disturbedGroupCount; x++) {
    const g = s.disturbedGroups[x];
    s.opaqueViewerCount[g] = 0;
    s.isGroupDisturbed[g] = 0;
  }
  s.disturbedGroupCount = 0;

  tallyTariffs(c, s, valid, t);

  for (let x = 0; x < touched; x++) s.redReach[s.touched[x]] = 0;

  closeTrials(c, s, valid, t);
}

/** The word's per-trial sums (unusable kW, seam kW, cascade, phantom share, per org) into the tally. */
function closeTrials(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  const sys = t.system;
  const no = c.orgIds.length;
  // trials are the low bits of a word (a replay masks a single one: then only its bit counts)
  const top = 32 - Math.clz32(valid);
  const total = c.totalKw;
  const pairs = c.pairViewer.length;
  for (let b = 0; b < top; b++) {
    if (((valid >>> b) & 1) === 0) continue;
    const kw = s.trialKw[b];
    s.lastTrialKw[b] = kw;
    s.lastTrialSeamKw[b] = s.trialSeamKw[b];
    s.lastTrialPhantomShare[b] = pairs > 0 ? s.trialPhantom[b] / pairs : 0;
    if (kw > 0) {
      const seamKw = s.trialSeamKw[b];
      sys[SYSTEM.kw] += kw;
      sys[SYSTEM.kwSq] += kw * kw;
      sys[SYSTEM.seamKw] += seamKw;
      sys[SYSTEM.seamKwSq] += seamKw * seamKw;
      sys[SYSTEM.seamKwCross] += seamKw * kw;
      if (kw >= c.systemicKw) sys[SYSTEM.systemic]++;
      s.trialKw[b] = 0;
      s.trialSeamKw[b] = 0;
    }
    t.kwHist[total > 0 ? Math.min(KW_BINS - 1, Math.floor((kw / total) * KW_BINS)) : 0]++;
    const casc = s.trialCascade[b];
    if (casc > 0) {
      sys[SYSTEM.cascade] += casc;
      sys[SYSTEM.cascadeSq] += casc * casc;
      s.trialCascade[b] = 0;
    }
    t.cascadeHist[Math.min(CASCADE_BINS - 1, casc)]++;
    const ph = s.trialPhantom[b];
    if (ph > 0) {
      const share = ph / pairs;
      sys[SYSTEM.phantom] += share;
      sys[SYSTEM.phantomSq] += share * share;
      s.trialPhantom[b] = 0;
    }
  }
  for (let o = 0; o < no; o++) {
    let bits = s.orgTouched[o];
    if (bits === 0) continue;
    s.orgTouched[o] = 0;
    while (bits !== 0) {
      const b = lowestBit(bits);
      bits &= bits - 1;
      const at = o * 32 + b;
      const kw = s.trialOrgKw[at];
      if (kw > 0) {
        t.orgKw[o] += kw;
        t.orgKwSq[o] += kw * kw;
        s.trialOrgKw[at] = 0;
      }
      const ex = s.trialOrgExported[at];
      if (ex > 0) {
        t.orgExported[o] += ex;
        t.orgExportedSq[o] += ex * ex;
        s.trialOrgExported[at] = 0;
      }
    }
  }
}

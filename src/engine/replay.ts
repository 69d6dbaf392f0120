/**
 * Cascade replay (issue 8): find a sampled trial in which an outcome happened — a charger site
 * unusable, a phantom (a viewer shows it available while it cannot charge), a seam failure — and
 * lay it out step by step: what failed by itself, what failed because of what (which link, across
 * which organisations), and what each viewer showed the driver.
 *
 * The trial is one of the run's own trials (same seed, same streams), found by running the engine
 * word by word; the word holding it is then run again with only that trial's bit, so every figure
 * of the replay is the engine's own for that trial.
 */
import type { Model } from "../model/index.ts";
import {
  type CompiledReliability,
  compileReliability,
  KIND_CACHED_CLOSED,
  requirementCone,
} from "./compile/index.ts";
import {
  createTally,
  resetTally,
  runWord,
  startBatch,
  type Tally,
  type WorkingMemory,
} from "./reliability/index.ts";
import { BATCH_TRIALS } from "./types.ts";

export type ReplayOutcome =
  | { kind: "unusable"; charger: string }
  | { kind: "seam"; charger: string }
  | { kind: "phantom"; charger: string; viewer: string };

export interface ReplayCause {
  link: string;
  provider: string;
  reason: "provider failed" | "call timed out" | "cache expired";
  /** The link joins two organisations: the failure crossed a seam. */
  seam: boolean;
}

export interface ReplayResult {
  outcome: ReplayOutcome;
  found: boolean;
  /** Trials searched (the trial's index in the run when found). */
  searched: number;
  trial?: number;
  /** Failed by themselves: down (reported or silent), degraded, or by a common cause. */
  intrinsic: { id: string; state: "down" | "down, silent" | "degraded"; ageHours?: number; cause?: string }[];
  /** Failed because of others, in waves: wave 1 needs only intrinsic failures, and so on. */
  steps: { wave: number; id: string; because: ReplayCause[]; ageHours: number }[];
  /** Calls that timed out against working providers. */
  timeouts: string[];
  /** For the outcome's charger: what each viewer showed (available or not) and whether it could charge. */
  charger: { id: string; usable: boolean; viewers: { viewer: string; showsAvailable: boolean }[] };
}

export const REPLAY_MAX_TRIALS = 2_000_000;

/** Trials of the word in which the charger is unusable: every outcome needs that (then checked alone). */
function outcomeBits(c: CompiledReliability, s: WorkingMemory, ci: number, valid: number): number {
  return ~s.functional[c.chargers[ci]] & valid;
}

function pairOf(c: CompiledReliability, ci: number, viewer: number): number {
  for (let p = c.pairStart[ci]; p < c.pairStart[ci + 1]; p++) if (c.pairViewer[p] === viewer) return p;
  return -1;
}

/** Whether the single trial tallied in `t` shows the outcome. */
function happened(c: CompiledReliability, t: Tally, ci: number, o: ReplayOutcome, pair: number): boolean {
  if (o.kind === "unusable") return t.functional[c.chargers[ci]] > 0;
  if (o.kind === "seam") return t.seam[ci] > 0;
  return pair >= 0 && t.phantomBase[ci] + t.phantom[pair] > 0;
}

export function replay(
  model: Model,
  outcome: ReplayOutcome,
  options: { seed?: number; maxTrials?: number } = {},
): ReplayResult {
  // a compiled copy of its own: replays never disturb the live analysis' working memory
  const c = { ...compileReliability(model) };
  const seed = options.seed ?? model.settings.seed;
  const maxTrials = options.maxTrials ?? REPLAY_MAX_TRIALS;
  const index = new Map(c.componentIds.map((id, i) => [id, i]));
  const chIndex = index.get(outcome.charger);
  const ci = chIndex === undefined ? -1 : c.chargers.indexOf(chIndex);
  if (ci < 0) throw new RangeError(`${outcome.charger} is not a charger site`);
  const viewer = outcome.kind === "phantom" ? index.get(outcome.viewer) : undefined;
  const pair = viewer === undefined ? -1 : pairOf(c, ci, viewer);
  if (outcome.kind === "phantom" && pair < 0) {
    throw new RangeError(`${outcome.viewer} does not see ${outcome.charger} through status links`);
  }
  const empty: ReplayResult = {
    outcome,
    found: false,
    searched: 0,
    intrinsic: [],
    steps: [],
    timeouts: [],
    charger: { id: outcome.charger, usable: true, viewers: [] },
  };
  const junk = createTally(c);
  const one = createTally(c);
  const batches = Math.ceil(maxTrials / BATCH_TRIALS);
  for (let batch = 0; batch < batches; batch++) {
    let s = startBatch(c, seed, batch, true);
    const words = BATCH_TRIALS / 32;
    for (let w = 0; w < words; w++) {
      resetTally(junk);
      const valid = runWord(c, s, w, BATCH_TRIALS, junk);
      const candidates = outcomeBits(c, s, ci, valid);
      if (candidates === 0) continue;
      // run the word again for each candidate trial alone, from the start of the batch
      let bits = candidates;
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        s = startBatch(c, seed, batch, true);
        for (let x = 0; x < w; x++) {
          resetTally(junk);
          runWord(c, s, x, BATCH_TRIALS, junk);
        }
        resetTally(one);
        runWord(c, s, w, BATCH_TRIALS, one, 1 << b);
        if (happened(c, one, ci, outcome, pair)) {
          return describe(c, s, b, one, outcome, ci, batch * BATCH_TRIALS + w * 32 + b);
        }
      }
      // back to where the search was: the rest of this word's state is not needed again
      s = startBatch(c, seed, batch, true);
      for (let x = 0; x <= w; x++) {
        resetTally(junk);
        runWord(c, s, x, BATCH_TRIALS, junk);
      }
    }
    empty.searched = (batch + 1) * BATCH_TRIALS;
  }
  return empty;
}

function describe(
  c: CompiledReliability,
  s: WorkingMemory,
  b: number,
  t: Tally,
  outcome: ReplayOutcome,
  ci: number,
  trial: number,
): ReplayResult {
  const ids = c.componentIds;
  const bit = (x: number) => (x >>> b) & 1;
  const intrinsic: ReplayResult["intrinsic"] = [];
  const causeOf = new Map<number, string>();
  for (let k = 0; k < c.ccMttr.length; k++) {
    if (!bit(s.commonCauseFired[k])) continue;
    for (let q = c.ccStart[k]; q < c.ccStart[k + 1]; q++) causeOf.set(c.ccMember[q], c.ccIds[k]);
  }
  for (let i = 0; i < c.n; i++) {
    if (bit(s.down[i])) {
      intrinsic.push({
        id: ids[i],
        state: bit(s.silent[i]) ? "down, silent" : "down",
        ...(c.needsAge[i] ? { ageHours: s.ageHours[i * 32 + b] } : {}),
        ...(causeOf.has(i) ? { cause: causeOf.get(i) } : {}),
      });
    } else if (bit(s.degraded[i])) intrinsic.push({ id: ids[i], state: "degraded" });
  }
  // waves: a failed component's wave is one more than the earliest wave among its failed requirements
  const wave = new Int32Array(c.n).fill(-1);
  for (let i = 0; i < c.n; i++) if (bit(s.down[i])) wave[i] = 0;
  const steps: ReplayResult["steps"] = [];
  const timeouts: string[] = [];
  for (let j = 0; j < c.linkIds.length; j++)
    if (bit(s.callFailed[j]) && bit(s.functional[c.linkTo[j]])) timeouts.push(c.linkIds[j]);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < c.n; i++) {
      if (wave[i] >= 0 || bit(s.functional[i])) continue;
      const because: ReplayCause[] = [];
      let w = -1;
      for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++) {
        if (!bit(s.requirementUnmet[r])) continue;
        for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) {
          const j = c.memLink[q];
          const p = c.linkTo[j];
          const providerFailed = !bit(s.functional[p]);
          if (providerFailed && wave[p] < 0) continue;
          if (!providerFailed && !bit(s.callFailed[j])) continue;
          const reason: ReplayCause["reason"] = !providerFailed
            ? "call timed out"
            : c.kind[j] === KIND_CACHED_CLOSED
              ? "cache expired"
              : "provider failed";
          because.push({ link: c.linkIds[j], provider: ids[p], reason, seam: c.isSeam[j] === 1 });
          const pw = providerFailed ? wave[p] : 0;
          if (w < 0 || pw < w) w = pw;
        }
      }
      if (because.length === 0) continue;
      wave[i] = w + 1;
      steps.push({ wave: w + 1, id: ids[i], because, ageHours: s.ageHours[i * 32 + b] });
      changed = true;
    }
  }
  steps.sort((x, y) => x.wave - y.wave);
  const ch = c.chargers[ci];
  const viewers: ReplayResult["charger"]["viewers"] = [];
  const usable = bit(s.functional[ch]) === 1;
  for (let p = c.pairStart[ci]; p < c.pairStart[ci + 1]; p++) {
    const k = c.groupViewStart[c.chargerGroup[ci]] + (p - c.pairStart[ci]);
    const phantom = t.phantomBase[ci] + t.phantom[p] > 0;
    const hidden = t.groupHidden[k] + t.hidden[p] > 0;
    viewers.push({ viewer: ids[c.pairViewer[p]], showsAvailable: usable ? !hidden : phantom });
  }
  return {
    outcome,
    found: true,
    searched: trial + 1,
    trial,
    intrinsic,
    steps,
    timeouts,
    charger: { id: ids[ch], usable, viewers },
  };
}

export interface SampledCause {
  /** What had failed by itself in those trials, among what the charger depends on. */
  failed: string[];
  /** Share of the charger's unusable trials with exactly this combination. */
  share: number;
  trials: number;
}

/**
 * Why a charger site is unusable, counted from trials (for models whose requirements are cyclic,
 * where there is no fault tree): in each trial where it is unusable, the combination of components
 * it depends on (and common causes, and timed-out calls) that failed by themselves; the most
 * frequent combinations with their share.
 */
export function sampledCauses(
  model: Model,
  chargerId: string,
  options: { trials?: number; seed?: number; top?: number } = {},
): { charger: string; unusableTrials: number; trials: number; causes: SampledCause[] } {
  const c = { ...compileReliability(model) };
  const seed = options.seed ?? model.settings.seed;
  const trials = options.trials ?? 200_000;
  const index = new Map(c.componentIds.map((id, i) => [id, i]));
  const chIndex = index.get(chargerId);
  const ci = chIndex === undefined ? -1 : c.chargers.indexOf(chIndex);
  if (ci < 0 || chIndex === undefined) throw new RangeError(`${chargerId} is not a charger site`);
  // what the charger depends on (through breaking links), itself included
  const seen = requirementCone(c, [chIndex]);
  const cone: number[] = [];
  for (let i = 0; i < c.n; i++) if (seen[i]) cone.push(i);
  const coneLinks: number[] = [];
  for (let j = 0; j < c.linkIds.length; j++) if (seen[c.linkFrom[j]]) coneLinks.push(j);
  const counts = new Map<string, number>();
  let unusable = 0;
  const tally = createTally(c);
  for (let batch = 0; batch * BATCH_TRIALS < trials; batch++) {
    const inBatch = Math.min(BATCH_TRIALS, trials - batch * BATCH_TRIALS);
    const s = startBatch(c, seed, batch, true);
    for (let w = 0; w * 32 < inBatch; w++) {
      resetTally(tally);
      const valid = runWord(c, s, w, inBatch, tally);
      let bits = ~s.functional[chIndex] & valid;
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        unusable++;
        const parts: string[] = [];
        for (const x of cone) if ((s.down[x] >>> b) & 1) parts.push(c.componentIds[x]);
        for (const j of coneLinks) {
          if ((s.callFailed[j] >>> b) & 1 && (s.functional[c.linkTo[j]] >>> b) & 1)
            parts.push(`timeout:${c.linkIds[j]}`);
        }
        const key = parts.sort().join("\u0000");
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const causes = [...counts.entries()]
    .map(([key, n]) => ({
      failed: key === "" ? [] : key.split("\u0000"),
      trials: n,
      share: unusable > 0 ? n / unusable : 0,
    }))
    .sort((a, b) => b.trials - a.trials || a.failed.length - b.failed.length)
    .slice(0, options.top ?? 20);
  return { charger: chargerId, unusableTrials: unusable, trials, causes };
}

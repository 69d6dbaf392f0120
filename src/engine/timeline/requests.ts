/**
 * Requests in time (SPEC §11): a call is one caller's request with its retry policy; each attempt
 * is a job at the provider, served FIFO by `concurrency` servers at exponential rate
 * `capacityPerSecond` (or, without a capacity, after the provider's drawn latency, as §3). Past the
 * timeout the caller gives up on the attempt and retries (backoff × 2^i, full jitter, a retry budget
 * over the last minute); the abandoned job still occupies the provider until served — wasted work.
 */
import { BUDGET_SLICE_SECONDS, BUDGET_SLICES, METASTABLE_FROM_MINUTES } from "./defaults.ts";
import { EV_BASE_ARRIVAL, EV_JOB_ARRIVE, EV_SEND, EV_SERVICE_DONE, EV_TIMEOUT } from "./events.ts";
import type { Recorder } from "./series.ts";
import {
  CALL_BASE,
  drawLatencySeconds,
  JOB_CALL,
  JOB_FIELDS,
  JOB_PROVIDER,
  JOB_TAG,
  type Sim,
} from "./sim.ts";

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

function newCall(sim: Sim): number {
  const free = sim.callFree.pop();
  if (free !== undefined) return free;
  if (sim.callCount === sim.callPolicy.length) {
    sim.callPolicy = grow(sim.callPolicy);
    sim.callProvider = grow(sim.callProvider);
    sim.callLink = grow(sim.callLink);
    sim.callAttempt = grow(sim.callAttempt);
    sim.callTag = grow(sim.callTag);
    sim.callKind = grow(sim.callKind);
    sim.callOwner = grow(sim.callOwner);
    sim.callOwnerTag = grow(sim.callOwnerTag);
    sim.callAttemptAt = grow(sim.callAttemptAt);
  }
  return sim.callCount++;
}

function newJob(sim: Sim): number {
  const free = sim.jobFree.pop();
  if (free !== undefined) return free;
  if (sim.jobCount * JOB_FIELDS === sim.jobs.length) sim.jobs = grow(sim.jobs);
  return sim.jobCount++;
}

/**
 * Start a call of `kind` for `owner` (its generation `ownerTag`) to provider p over link j (−1: base
 * load) with retry policy `policy` (a link's, or L + i for i's base load), sent after `delaySeconds`.
 */
export function startCall(
  sim: Sim,
  kind: number,
  owner: number,
  policy: number,
  p: number,
  j: number,
  delaySeconds: number,
  ownerTag = 0,
): void {
  const call = newCall(sim);
  sim.callOwnerTag[call] = ownerTag;
  sim.callPolicy[call] = policy;
  sim.callProvider[call] = p;
  sim.callLink[call] = j;
  sim.callAttempt[call] = 0;
  sim.callKind[call] = kind;
  sim.callOwner[call] = owner;
  sim.callTag[call] = ++sim.tagCounter;
  if (delaySeconds > 0) sim.agenda.push(sim.now + delaySeconds, EV_SEND, call, sim.callTag[call]);
  else send(sim, call, sim.callTag[call]);
}

/** Bring the budget slices of `policy` up to now (a slice older than a minute is forgotten). */
function budgetNow(sim: Sim, policy: number): number {
  const slice = Math.floor(sim.now / BUDGET_SLICE_SECONDS);
  let last = sim.budgetSlice[policy];
  if (slice - last >= BUDGET_SLICES) last = slice - BUDGET_SLICES;
  while (last < slice) {
    last++;
    const at = policy * BUDGET_SLICES + (last % BUDGET_SLICES);
    sim.budgetFirst[at] = 0;
    sim.budgetRetry[at] = 0;
  }
  sim.budgetSlice[policy] = slice;
  return policy * BUDGET_SLICES + (slice % BUDGET_SLICES);
}

/** An attempt of `call` (tag current) goes out: its job travels to the provider; the caller's clock runs. */
export function send(sim: Sim, call: number, tag: number): void {
  if (sim.callTag[call] !== tag) return;
  const { cp } = sim;
  const policy = sim.callPolicy[call];
  const j = sim.callLink[call];
  if (cp.retryBudget[policy] !== Number.POSITIVE_INFINITY) {
    const at = budgetNow(sim, policy);
    if (sim.callAttempt[call] === 0) sim.budgetFirst[at] += 1;
    else sim.budgetRetry[at] += 1;
  }
  sim.callAttemptAt[call] = sim.now;
  const job = newJob(sim);
  sim.jobs[job * JOB_FIELDS + JOB_CALL] = call;
  sim.jobs[job * JOB_FIELDS + JOB_TAG] = tag;
  sim.jobs[job * JOB_FIELDS + JOB_PROVIDER] = sim.callProvider[call];
  const transit = j < 0 ? 0 : drawLatencySeconds(sim.trafficRng, cp.linkMu[j], cp.linkSigma[j]);
  // the caller's timeout is scheduled only where it can fire: the job arrives late, is lost or
  // queued, or its service ends past the deadline (most attempts need no timeout event at all)
  if (transit >= cp.timeoutSeconds[policy])
    sim.agenda.push(sim.now + cp.timeoutSeconds[policy], EV_TIMEOUT, call, tag);
  if (transit > 0) sim.agenda.push(sim.now + transit, EV_JOB_ARRIVE, job);
  else arrive(sim, job);
}

/** Schedule the timeout of the job's attempt when its deadline is still ahead and may be missed. */
function armTimeout(sim: Sim, job: number, doneAt: number): void {
  const call = sim.jobs[job * JOB_FIELDS + JOB_CALL];
  const tag = sim.jobs[job * JOB_FIELDS + JOB_TAG];
  if (sim.callTag[call] !== tag) return;
  const deadline = sim.callAttemptAt[call] + sim.cp.timeoutSeconds[sim.callPolicy[call]];
  if (deadline > sim.now && doneAt > deadline) sim.agenda.push(deadline, EV_TIMEOUT, call, tag);
}

/** Service time of one job at p now: exponential at the (incident-scaled, slowed) rate, else the drawn latency. */
function serviceSeconds(sim: Sim, p: number): number {
  const { cp } = sim;
  const slow = sim.slowFactor[p] * (sim.degraded[p] ? cp.degradedFactor[p] : 1);
  const rate = cp.capacityPerSecond[p];
  if (rate > 0) return sim.trafficRng.exponential(slow / (rate * sim.capacityFactor[p]));
  return drawLatencySeconds(sim.trafficRng, cp.latencyMu[p], cp.latencySigma[p]) * slow;
}

/** A job reaches its provider: counted as offered; served, queued, or lost when the provider is down or cut off. */
export function arrive(sim: Sim, job: number): void {
  const { cp } = sim;
  const p = sim.jobs[job * JOB_FIELDS + JOB_PROVIDER];
  sim.offeredBin[p] += 1;
  const from = sim.metastableFrom[p];
  if (from >= 0) {
    const minute = Math.floor((sim.now - from) / 60);
    if (minute >= 0 && minute < sim.metastableMinutes)
      sim.metastableCounts[p * sim.metastableMinutes + minute] += 1;
  }
  const j = sim.callLink[sim.jobs[job * JOB_FIELDS + JOB_CALL]];
  if (sim.down[p] || (j >= 0 && sim.linkCut[j] > 0)) {
    armTimeout(sim, job, Number.POSITIVE_INFINITY);
    sim.jobFree.push(job);
    return;
  }
  if (cp.capacityPerSecond[p] === 0 || sim.busy[p] < cp.servers[p]) {
    if (cp.capacityPerSecond[p] > 0) sim.busy[p]++;
    const doneAt = sim.now + serviceSeconds(sim, p);
    armTimeout(sim, job, doneAt);
    sim.agenda.push(doneAt, EV_SERVICE_DONE, job);
    return;
  }
  armTimeout(sim, job, Number.POSITIVE_INFINITY);
  // the attempt waits in p's ring as (call, tag); it takes a job again when a server starts it
  let ring = sim.queueRing[p];
  if (sim.queueLength[p] * 2 === ring.length) ring = growQueue(sim, p);
  const at = ((sim.queueHead[p] + sim.queueLength[p]) & ((ring.length >> 1) - 1)) * 2;
  ring[at] = sim.jobs[job * JOB_FIELDS + JOB_CALL];
  ring[at + 1] = sim.jobs[job * JOB_FIELDS + JOB_TAG];
  sim.queueLength[p]++;
  sim.jobFree.push(job);
  sim.queue.add(p, sim.now, 1);
}

/** Double p's queue ring (at least 16 pairs), its waiting attempts from the start in order. */
function growQueue(sim: Sim, p: number): Int32Array {
  const old = sim.queueRing[p];
  const pairs = old.length >> 1;
  const ring = new Int32Array(Math.max(32, old.length * 2));
  for (let k = 0; k < pairs; k++) {
    const from = ((sim.queueHead[p] + k) & (pairs - 1)) * 2;
    ring[2 * k] = old[from];
    ring[2 * k + 1] = old[from + 1];
  }
  sim.queueRing[p] = ring;
  sim.queueHead[p] = 0;
  return ring;
}

/** Start queued jobs at p while servers are free (after a service, or when p comes back up). */
export function serveQueue(sim: Sim, p: number): void {
  const servers = sim.cp.servers[p];
  while (sim.busy[p] < servers && sim.queueLength[p] > 0 && !sim.down[p]) {
    const ring = sim.queueRing[p];
    const at = sim.queueHead[p] * 2;
    const job = newJob(sim);
    sim.jobs[job * JOB_FIELDS + JOB_CALL] = ring[at];
    sim.jobs[job * JOB_FIELDS + JOB_TAG] = ring[at + 1];
    sim.jobs[job * JOB_FIELDS + JOB_PROVIDER] = p;
    sim.queueHead[p] = (sim.queueHead[p] + 1) & ((ring.length >> 1) - 1);
    sim.queueLength[p]--;
    sim.queue.add(p, sim.now, -1);
    sim.busy[p]++;
    sim.agenda.push(sim.now + serviceSeconds(sim, p), EV_SERVICE_DONE, job);
  }
}

/** A job is served: the caller gets its answer if it still waits for this attempt (else the work was wasted). */
export function complete(sim: Sim, job: number, recorder: Recorder): void {
  const p = sim.jobs[job * JOB_FIELDS + JOB_PROVIDER];
  sim.servedBin[p] += 1;
  if (sim.cp.capacityPerSecond[p] > 0) {
    sim.busy[p]--;
    serveQueue(sim, p);
  }
  const call = sim.jobs[job * JOB_FIELDS + JOB_CALL];
  const tag = sim.jobs[job * JOB_FIELDS + JOB_TAG];
  sim.jobFree.push(job);
  if (sim.callTag[call] !== tag) return;
  const seconds = sim.now - sim.callAttemptAt[call];
  sim.responseSum[p] += seconds;
  sim.responseCount[p] += 1;
  recorder.response(p, seconds * 1000);
  finish(sim, call, true);
}

/**
 * The caller's timeout for an attempt: retry per its policy and budget, or give up. The attempt
 * counts as a response of its timeout (what the caller waited) in p's mean, p95 and latency series:
 * an overloaded provider's answered calls alone would flatter it.
 */
export function timeout(sim: Sim, call: number, tag: number, recorder: Recorder): void {
  if (sim.callTag[call] !== tag) return;
  const { cp } = sim;
  const p = sim.callProvider[call];
  sim.timeoutBin[p] += 1;
  sim.timeouts[p] += 1;
  const policy = sim.callPolicy[call];
  const waited = cp.timeoutSeconds[policy];
  sim.responseSum[p] += waited;
  sim.responseCount[p] += 1;
  recorder.timedOut(p, waited * 1000);
  const attempt = sim.callAttempt[call];
  if (attempt < cp.retries[policy] && budgetAllows(sim, policy)) {
    sim.callAttempt[call] = attempt + 1;
    sim.callTag[call] = ++sim.tagCounter;
    // retry i (from 0) waits base × 2^i; full jitter draws the wait uniformly in [0, that]
    const backoff = cp.backoffSeconds[policy];
    let wait = backoff === 0 ? 0 : backoff * 2 ** attempt;
    if (cp.jitter[policy]) wait *= sim.trafficRng.next();
    if (wait > 0) sim.agenda.push(sim.now + wait, EV_SEND, call, sim.callTag[call]);
    else send(sim, call, sim.callTag[call]);
    return;
  }
  finish(sim, call, false);
}

/** Whether a retry fits the policy's budget: retries over the last minute below budget × first attempts. */
function budgetAllows(sim: Sim, policy: number): boolean {
  const budget = sim.cp.retryBudget[policy];
  if (budget === Number.POSITIVE_INFINITY) return true;
  budgetNow(sim, policy);
  let first = 0;
  let retried = 0;
  for (let k = 0; k < BUDGET_SLICES; k++) {
    first += sim.budgetFirst[policy * BUDGET_SLICES + k];
    retried += sim.budgetRetry[policy * BUDGET_SLICES + k];
  }
  return retried < budget * first;
}

function finish(sim: Sim, call: number, ok: boolean): void {
  sim.callTag[call] = -1;
  sim.callFree.push(call);
  const kind = sim.callKind[call];
  if (kind !== CALL_BASE) sim.onCallDone(kind, sim.callOwner[call], ok, sim.callOwnerTag[call]);
}

/** Start every base-load stream (Poisson at perSecond). */
export function startBaseLoad(sim: Sim): void {
  for (let i = 0; i < sim.cp.n; i++) {
    const rate = sim.cp.basePerSecond[i];
    if (rate > 0) sim.agenda.push(sim.trafficRng.exponential(1 / rate), EV_BASE_ARRIVAL, i);
  }
}

/** A base-load request arrives at component i (its own retry policy at L + i). */
export function baseArrival(sim: Sim, i: number): void {
  const { cp } = sim;
  startCall(sim, CALL_BASE, -1, cp.linkCount + i, i, -1, 0);
  sim.agenda.push(sim.now + sim.trafficRng.exponential(1 / cp.basePerSecond[i]), EV_BASE_ARRIVAL, i);
}

/** Set up the metastability windows: per component, minutes 30–60 after the last incident touching it. */
export function startMetastability(sim: Sim, lastEnd: Float64Array): void {
  for (let i = 0; i < sim.cp.n; i++)
    sim.metastableFrom[i] = lastEnd[i] < 0 ? -1 : lastEnd[i] + METASTABLE_FROM_MINUTES * 60;
}

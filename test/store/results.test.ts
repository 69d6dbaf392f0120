/**
 * Results belong to the model revision they were computed for: an answer for a revision the model
 * has left is dropped, a drag re-tags the current one, and a request with no worker connected
 * rejects with "no analysis worker". The workers are fakes whose answers the test releases.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CouplingShown } from "../../src/engine/coupling.ts";
import type { SecurityResult } from "../../src/engine/security/index.ts";
import type { ReliabilityResult } from "../../src/engine/types.ts";
import type { Model } from "../../src/model/schema.ts";
import { parseModelText } from "../../src/model/validate.ts";
import {
  couplingOfModel,
  DEBOUNCE_MS,
  holdAnalysis,
  requestAttackPath,
  resumeAnalysis,
  runSweep,
  startAnalysis,
  useAnalysisStore,
} from "../../src/store/analysis.ts";
import {
  compareScenarios,
  exportMefOf,
  replayOutcome,
  requestFixFirst,
  requestWhatIf,
  useDecisionStore,
  whyUnusable,
} from "../../src/store/decision.ts";
import { useModelStore } from "../../src/store/model.ts";
import { type AnalysisProgress, setServices } from "../../src/store/services.ts";
import { openWhy, useWhyStore } from "../../src/store/why.ts";

function hello(): Model {
  const parsed = parseModelText(readFileSync("public/templates/hello.seams.json", "utf8"));
  if (!parsed.ok) throw new Error("hello template invalid");
  return parsed.model;
}

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Deferred<T> = ReturnType<typeof deferred<T>>;

/** Fake workers: every call is recorded with the deferred answer the test settles. */
function fakeServices() {
  const runs: { revision: number; onProgress: (p: AnalysisProgress) => void; answer: Deferred<undefined> }[] =
    [];
  const couplings: Deferred<CouplingShown>[] = [];
  const securityRuns: {
    onProgress: (r: SecurityResult) => void;
    answer: Deferred<SecurityResult | undefined>;
  }[] = [];
  const attackPaths: { target: string; answer: Deferred<SecurityResult["criticalPath"]> }[] = [];
  const fixFirsts: Deferred<never>[] = [];
  const whatIfs: Deferred<never>[] = [];
  const whys: Deferred<never>[] = [];
  let cancels = 0;
  const pool = {
    runReliability(_model: Model, options: { revision: number }, onProgress: (p: AnalysisProgress) => void) {
      const answer = deferred<undefined>();
      runs.push({ revision: options.revision, onProgress, answer });
      return answer.promise;
    },
    cancel: () => void cancels++,
    dispose: () => undefined,
  };
  const coupling = () => {
    const answer = deferred<CouplingShown>();
    couplings.push(answer);
    return answer.promise;
  };
  const security = {
    run(_model: Model, onProgress: (r: SecurityResult) => void) {
      const answer = deferred<SecurityResult | undefined>();
      securityRuns.push({ onProgress, answer });
      return answer.promise;
    },
    cancel: () => undefined,
  };
  const attackPath = (_model: Model, target: string) => {
    const answer = deferred<SecurityResult["criticalPath"]>();
    attackPaths.push({ target, answer });
    return answer.promise;
  };
  const pending = <T>(list: Deferred<never>[]) => {
    const answer = deferred<never>();
    list.push(answer);
    return answer.promise as Promise<T>;
  };
  const decision = {
    fixFirst: () => pending<never>(fixFirsts),
    whatIf: () => pending<never>(whatIfs),
    exportMef: () => Promise.resolve("mef"),
    compare: () => pending<never>([]),
    why: () => pending<never>(whys),
    replay: () => pending<never>([]),
  };
  const sweep = () => Promise.resolve([]);
  return {
    services: { pool, coupling, security, attackPath, sweep, decision },
    runs,
    couplings,
    securityRuns,
    attackPaths,
    fixFirsts,
    whatIfs,
    whys,
    cancels: () => cancels,
  };
}

type Fakes = ReturnType<typeof fakeServices>;

/** Connect the fake workers to the store, as app/services.ts connects the real ones. */
function connect(f: Fakes): () => void {
  setServices(f.services);
  const stop = startAnalysis();
  return () => {
    stop();
    setServices(undefined);
  };
}

const progressOf = (revision: number, done = false): AnalysisProgress => ({
  revision,
  trialsDone: 10,
  trialsTarget: 100,
  converged: false,
  done,
  result: { tag: revision } as unknown as ReliabilityResult,
});

const edit = (availability: number) => useModelStore.getState().patchComponent("site", { availability });
const revision = () => useModelStore.getState().revision;
const settle = () => vi.advanceTimersByTimeAsync(DEBOUNCE_MS + 1);

describe("with no analysis worker", () => {
  it("every request that answers with a promise rejects with the same message", async () => {
    useModelStore.getState().load(hello());
    const outcome = { kind: "unusable", charger: "site" } as const;
    for (const request of [
      () => runSweep("site", 3),
      () => couplingOfModel(hello()),
      () => exportMefOf("site"),
      () => compareScenarios(hello(), []),
      () => whyUnusable("site"),
      () => replayOutcome(outcome),
    ]) {
      await expect(request()).rejects.toThrow("no analysis worker");
    }
  });

  it("the fix-first ranking is not asked for; a what-if is shown without a result", () => {
    requestFixFirst();
    expect(useDecisionStore.getState().fixFirstRunning).toBe(false);
    requestWhatIf({ orgsOffline: ["x"] });
    expect(useDecisionStore.getState().whatIf?.result).toBeUndefined();
    expect(useDecisionStore.getState().error).toBeUndefined();
  });
});

describe("results keyed by model revision", () => {
  let fakes: Fakes;
  let disconnect: () => void;

  beforeEach(async () => {
    vi.useFakeTimers();
    useModelStore.getState().load(hello());
    fakes = fakeServices();
    disconnect = connect(fakes);
    await settle();
  });

  afterEach(() => {
    disconnect();
    vi.useRealTimers();
  });

  it("progress of a revision the model has left is dropped; the attack run starts after the first numbers", async () => {
    const first = fakes.runs.at(-1);
    expect(first?.revision).toBe(revision());
    edit(0.5);
    first?.onProgress(progressOf(first.revision));
    expect(useAnalysisStore.getState().result).toBeUndefined();
    expect(useAnalysisStore.getState().running).toBe(true);
    expect(fakes.securityRuns).toHaveLength(0);
    await settle();
    const second = fakes.runs.at(-1);
    expect(second?.revision).toBe(revision());
    second?.onProgress(progressOf(revision()));
    expect(useAnalysisStore.getState().revision).toBe(revision());
    expect(useAnalysisStore.getState().result).toEqual({ tag: revision() });
    expect(fakes.securityRuns).toHaveLength(1);
    second?.onProgress(progressOf(revision()));
    expect(fakes.securityRuns).toHaveLength(1);
    second?.answer.resolve(undefined);
    await settle();
    expect(useAnalysisStore.getState().running).toBe(true);
  });

  it("the last progress ends the run; a drag re-tags the result without a new run", async () => {
    const run = fakes.runs.at(-1);
    run?.onProgress(progressOf(revision(), true));
    expect(useAnalysisStore.getState().running).toBe(false);
    const runsBefore = fakes.runs.length;
    const cancelsBefore = fakes.cancels();
    useModelStore.getState().moveComponents(new Map([["site", { x: 999, y: 999 }]]));
    expect(useAnalysisStore.getState().revision).toBe(revision());
    await settle();
    expect(fakes.runs).toHaveLength(runsBefore);
    expect(fakes.cancels()).toBe(cancelsBefore);
  });

  it("a hold (a file being read) cancels the run; resume runs the same model afresh, and so does loading it again", async () => {
    const cancelsBefore = fakes.cancels();
    const runsBefore = fakes.runs.length;
    holdAnalysis();
    expect(fakes.cancels()).toBe(cancelsBefore + 1);
    resumeAnalysis();
    await settle();
    expect(fakes.runs).toHaveLength(runsBefore + 1);
    expect(fakes.runs.at(-1)?.revision).toBe(revision());
    // resuming twice does nothing more
    resumeAnalysis();
    await settle();
    expect(fakes.runs).toHaveLength(runsBefore + 1);
    // the read gave the same model: loading it runs it although its inputs are the ones held
    holdAnalysis();
    useModelStore.getState().load(hello());
    await settle();
    expect(fakes.runs).toHaveLength(runsBefore + 2);
    expect(fakes.runs.at(-1)?.revision).toBe(revision());
  });

  it("a failed run shows its error only while its revision is current", async () => {
    const failed = fakes.runs.at(-1);
    failed?.answer.reject(new Error("engine broke"));
    await settle();
    expect(useAnalysisStore.getState().error).toBe("engine broke");
    expect(useAnalysisStore.getState().running).toBe(false);
    edit(0.5);
    await settle();
    expect(useAnalysisStore.getState().error).toBeUndefined();
    const stale = fakes.runs.at(-1);
    edit(0.6);
    stale?.answer.reject(new Error("stale failure"));
    await settle();
    expect(useAnalysisStore.getState().error).toBeUndefined();
  });

  it("coupling and attack results land only for their revision", async () => {
    const coupling = { components: { site: { tag: 1 } } } as unknown as CouplingShown;
    const stale = fakes.couplings.at(-1);
    edit(0.5);
    stale?.resolve(coupling);
    await settle();
    expect(useAnalysisStore.getState().coupling).not.toBe(coupling);
    fakes.couplings.at(-1)?.resolve(coupling);
    await settle();
    expect(useAnalysisStore.getState().coupling).toBe(coupling);
    expect(useAnalysisStore.getState().blast).toBe(coupling.components);

    fakes.runs.at(-1)?.onProgress(progressOf(revision()));
    const security = fakes.securityRuns.at(-1);
    const attack = { tag: "attack" } as unknown as SecurityResult;
    security?.onProgress(attack);
    expect(useAnalysisStore.getState().security).toBe(attack);
    expect(useAnalysisStore.getState().securityRevision).toBe(revision());
    edit(0.6);
    security?.onProgress({ tag: "late" } as unknown as SecurityResult);
    expect(useAnalysisStore.getState().security).toBe(attack);
  });

  it("an attack path lands for the revision it was asked on; asking again for it is a no-op", async () => {
    requestAttackPath("csms");
    const asked = fakes.attackPaths.at(-1);
    const path = [] as unknown as SecurityResult["criticalPath"];
    asked?.answer.resolve(path);
    await settle();
    expect(useAnalysisStore.getState().attackPath).toEqual({ revision: revision(), target: "csms", path });
    requestAttackPath("csms");
    expect(fakes.attackPaths).toHaveLength(1);
    requestAttackPath("cloud");
    edit(0.5);
    fakes.attackPaths.at(-1)?.answer.resolve(path);
    await settle();
    expect(useAnalysisStore.getState().attackPath?.target).toBe("csms");
  });

  it("a fix-first ranking of a revision the model has left is dropped and asked again", async () => {
    requestFixFirst();
    expect(useDecisionStore.getState().fixFirstRunning).toBe(true);
    requestFixFirst();
    expect(fakes.fixFirsts).toHaveLength(1);
    edit(0.5);
    fakes.fixFirsts[0].resolve({ tag: "old" } as never);
    await settle();
    expect(useDecisionStore.getState().fixFirst).toBeUndefined();
    expect(fakes.fixFirsts).toHaveLength(2);
    expect(useDecisionStore.getState().fixFirstRunning).toBe(true);
    fakes.fixFirsts[1].resolve({ tag: "new" } as never);
    await settle();
    expect(useDecisionStore.getState().fixFirst).toEqual({ revision: revision(), result: { tag: "new" } });
    expect(useDecisionStore.getState().fixFirstRunning).toBe(false);
    requestFixFirst();
    expect(fakes.fixFirsts).toHaveLength(2);
  });

  it("a what-if result lands only for its spec and revision", async () => {
    const spec = { orgsOffline: ["a"] };
    requestWhatIf(spec);
    fakes.whatIfs.at(-1)?.resolve({ tag: 1 } as never);
    await settle();
    expect(useDecisionStore.getState().whatIf).toEqual({ revision: revision(), spec, result: { tag: 1 } });
    const replaced = { orgsOffline: ["b"] };
    requestWhatIf(spec);
    requestWhatIf(replaced);
    fakes.whatIfs.at(-2)?.resolve({ tag: 2 } as never);
    await settle();
    expect(useDecisionStore.getState().whatIf?.result).toBeUndefined();
    edit(0.5);
    fakes.whatIfs.at(-1)?.resolve({ tag: 3 } as never);
    await settle();
    expect(useDecisionStore.getState().whatIf?.result).toBeUndefined();
  });

  it("an answer to an older why request is dropped; a drag keeps the answer fresh, an edit marks it stale", async () => {
    openWhy({ kind: "charger", charger: "site" });
    openWhy({ kind: "charger", charger: "site" });
    fakes.whys[0].resolve({ tag: "old" } as never);
    await settle();
    expect(useWhyStore.getState().why).toBeUndefined();
    expect(useWhyStore.getState().loading).toBe(true);
    fakes.whys[1].resolve({ tag: "new" } as never);
    await settle();
    expect(useWhyStore.getState().why).toEqual({ tag: "new" });
    expect(useWhyStore.getState().chosen).toBe(0);
    useModelStore.getState().moveComponents(new Map([["site", { x: 5, y: 5 }]]));
    expect(useWhyStore.getState().isStale).toBe(false);
    edit(0.5);
    expect(useWhyStore.getState().isStale).toBe(true);
  });
});

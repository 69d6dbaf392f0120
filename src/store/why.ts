/**
 * "Why?" (issue 8): for a figure the user picked — a charger site's unusability, a phantom, a
 * compromise — the explanation computed in the decision worker (cut sets or counted causes, a
 * replayed trial) and what the canvas highlights for it. The answer belongs to the analysis
 * inputs it was computed for: an edit that changes them marks it stale; a drag, a rename or a
 * group does not.
 */
import type { ReplayOutcome, ReplayResult } from "../engine/index.ts";
import { replayOutcome, whyUnusable } from "./decision.ts";
import { semanticKey } from "./edits.ts";
import type { WhyState, WhyTarget } from "./slices/why.ts";
import { sliceHook, useSeamsStore } from "./store.ts";

export type { ReplayState, WhyState, WhyTarget } from "./slices/why.ts";

/** The why slice of the one store, as a selector hook. */
export const useWhyStore = sliceHook("why");

/** The semantic key of the model the shown answer was computed for. */
let answeredKey = "";
/** Requests made; an answer to an older one is dropped (a newer question, not a newer revision). */
let ticket = 0;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function markFresh(): void {
  answeredKey = semanticKey(useSeamsStore.getState().model);
  if (useWhyStore.getState().isStale) useWhyStore.setState({ isStale: false });
}

/** Open the why panel for a figure; a charger's cut sets are asked for at once. */
export function openWhy(target: WhyTarget): void {
  const mine = ++ticket;
  markFresh();
  useWhyStore.setState({
    target,
    why: undefined,
    chosen: undefined,
    replay: undefined,
    error: undefined,
    loading: target.kind === "charger",
  });
  if (target.kind !== "charger") return;
  whyUnusable(target.charger).then(
    (why) => {
      if (mine === ticket) useWhyStore.setState({ why, loading: false, chosen: 0 });
    },
    (error: unknown) => {
      if (mine === ticket) useWhyStore.setState({ loading: false, error: message(error) });
    },
  );
}

/** Open the panel on a charger site and replay a trial with `outcome` at once. */
export function openReplay(outcome: ReplayOutcome): void {
  openWhy({ kind: "charger", charger: outcome.charger });
  startReplay(outcome);
}

export function closeWhy(): void {
  ticket++;
  useWhyStore.setState({
    target: undefined,
    why: undefined,
    loading: false,
    chosen: undefined,
    replay: undefined,
    error: undefined,
  });
}

export function chooseCause(index: number | undefined): void {
  useWhyStore.setState({ chosen: index });
}

/** Find a sampled trial in which `outcome` happened (in the worker) and show its step 0. */
export function startReplay(outcome: ReplayOutcome): void {
  const mine = ++ticket;
  markFresh();
  useWhyStore.setState({ replay: { outcome, result: undefined, step: 0, error: undefined } });
  replayOutcome(outcome).then(
    (result) => {
      if (mine !== ticket) return;
      useWhyStore.setState({ replay: { outcome, result, step: 0, error: undefined } });
    },
    (error: unknown) => {
      if (mine !== ticket) return;
      useWhyStore.setState({ replay: { outcome, result: undefined, step: 0, error: message(error) } });
    },
  );
}

export function closeReplay(): void {
  ticket++;
  useWhyStore.setState({ replay: undefined });
}

/** The number of the last step of a replay: intrinsic, each wave, then what the viewers showed. */
export function lastStep(result: ReplayResult): number {
  const waves = result.steps.reduce((m, s) => Math.max(m, s.wave), 0);
  return waves + 1;
}

/** Move the replay by `delta` steps, within its range. */
export function stepReplay(delta: number): void {
  const r = useWhyStore.getState().replay;
  if (!r?.result?.found) return;
  const step = Math.min(lastStep(r.result), Math.max(0, r.step + delta));
  if (step !== r.step) useWhyStore.setState({ replay: { ...r, step } });
}

useSeamsStore.subscribe((s, prev) => {
  // an edit that changes what the analysis sees makes the answer stale (not a drag or a group)
  if (s.model === prev.model || !useWhyStore.getState().target) return;
  const isStale = semanticKey(s.model) !== answeredKey;
  if (isStale !== useWhyStore.getState().isStale) useWhyStore.setState({ isStale });
});

/** How the canvas marks a component or a link for the open explanation. */
export type ComponentMark =
  | "cause"
  | "intrinsic"
  | "failed"
  | "outcome"
  | "shows-available"
  | "shows-unavailable";
export type LinkMark = "carried" | "seam";

export interface WhyHighlight {
  components: Record<string, ComponentMark>;
  links: Record<string, LinkMark>;
}

/**
 * What the canvas highlights: the chosen cut set's components, links and causes' members; or the
 * replay up to its current step (intrinsic failures, the waves so far with the links that carried
 * them, and at the end what each viewer showed).
 */
export function whyHighlight(
  state: Pick<WhyState, "target" | "why" | "chosen" | "replay">,
  model: { commonCauses: { id: string; members: string[] }[]; links: { id: string; from: string }[] },
): WhyHighlight | undefined {
  if (state.target?.kind !== "charger") return undefined;
  const components: Record<string, ComponentMark> = {};
  const links: Record<string, LinkMark> = {};
  const charger = state.target.charger;
  const replay = state.replay?.result;
  if (replay?.found && state.replay) {
    const step = state.replay.step;
    for (const f of replay.intrinsic) components[f.id] = "intrinsic";
    for (const l of replay.timeouts) links[l] = "carried";
    for (const s of replay.steps) {
      if (s.wave > step) continue;
      components[s.id] = "failed";
      for (const b of s.because) links[b.link] = b.seam ? "seam" : "carried";
    }
    if (step >= lastStep(replay)) {
      for (const v of replay.charger.viewers) {
        components[v.viewer] = v.showsAvailable ? "shows-available" : "shows-unavailable";
      }
    }
    components[charger] = components[charger] ?? "outcome";
    return { components, links };
  }
  if (state.replay || !state.why || state.chosen === undefined)
    return { components: { [charger]: "outcome" }, links };
  const causes = new Map(model.commonCauses.map((cc) => [cc.id, cc.members]));
  const linkFrom = new Map(model.links.map((l) => [l.id, l.from]));
  const mark = (of: string) => {
    if (causes.has(of)) for (const m of causes.get(of) ?? []) components[m] = "cause";
    else if (linkFrom.has(of)) links[of] = "carried";
    else components[of] = "cause";
  };
  if (state.why.method === "exact") {
    for (const e of state.why.cutSets[state.chosen]?.events ?? []) mark(e.of);
  } else {
    for (const f of state.why.causes[state.chosen]?.failed ?? []) mark(f.replace(/^timeout:/, ""));
  }
  components[charger] = components[charger] ?? "outcome";
  return { components, links };
}

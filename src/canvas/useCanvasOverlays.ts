/**
 * What the canvas draws over the model, for the revision on screen only (SPEC §7): node and edge
 * overlays of the current view, the what-if marks, the scenario diff and the why panel's highlight.
 */
import { useMemo, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import {
  couplingOverlays,
  driverOverlays,
  type EdgeOverlay,
  edgeOverlays,
  type NodeOverlay,
  nodeOverlays,
  type OverlayMode,
  securityOverlays,
  type WhatIfMark,
  whatIfMarks,
} from "../analysis/overlay.ts";
import type { Model } from "../model/schema.ts";
import { useTimelineOverlay } from "../panels/timeline/useTimelineOverlay.ts";
import { type AnalysisState, useAnalysisStore, useDrawnAnalysis } from "../store/analysis.ts";
import { useDecisionStore } from "../store/decision.ts";
import { resultFor } from "../store/revision.ts";
import { useWhyStore, type WhyHighlight, whyHighlight } from "../store/why.ts";
import { type CanvasDiff, useScenarioDiff } from "./useScenarioDiff.ts";

/** What of the analysis the canvas draws. */
const drawnAnalysis = (s: AnalysisState) => ({
  result: s.result,
  revision: s.revision,
  blast: s.blast,
  coupling: s.coupling,
  security: s.security,
  attackPath: s.attackPath,
  isStreaming: s.running,
});

export interface CanvasOverlays {
  nodeOverlay: Record<string, NodeOverlay> | undefined;
  edgeOverlay: Record<string, EdgeOverlay> | undefined;
  whatIfMark: Record<string, WhatIfMark> | undefined;
  diff: CanvasDiff | undefined;
  why: WhyHighlight | undefined;
  /** A run is streaming results in. */
  isStreaming: boolean;
}

/** The overlays of `model` at `revision` in view `mode`. */
export function useCanvasOverlays(model: Model, revision: number, mode: OverlayMode): CanvasOverlays {
  // only what the canvas draws (progress ticks alone must not re-render it), deferred so React
  // renders a streamed result in slices (see useDrawnAnalysis); only the result of the revision on
  // screen is shown
  const analysis = useDrawnAnalysis(useAnalysisStore(useShallow(drawnAnalysis)), revision);
  const { blast, attackPath } = analysis;
  const { coupling: couplingResult, security: securityResult, isStreaming } = analysis;

  // overlays only for the result of this very revision (SPEC §7)
  const current = resultFor(analysis, revision)?.result;
  // the timeline player's bin, while one is shown (SPEC §11), in place of the view's overlay
  const timelineOverlay = useTimelineOverlay(model, revision);
  const nodeOverlay = useMemo(() => {
    if (timelineOverlay) return timelineOverlay;
    if (mode === "coupling") return couplingResult ? couplingOverlays(model, couplingResult) : undefined;
    if (mode === "security") return securityResult ? securityOverlays(model, securityResult) : undefined;
    if (mode === "drivers") return current ? driverOverlays(model, current) : undefined;
    return current ? nodeOverlays(model, current, mode, blast ?? {}) : undefined;
  }, [model, current, mode, blast, couplingResult, securityResult, timelineOverlay]);
  // the last result's edge overlays: a link drawn the same keeps its object (edgeOverlays)
  const lastEdges = useRef<Record<string, EdgeOverlay> | undefined>(undefined);
  const edgeOverlay = useMemo(() => {
    const base = current ? edgeOverlays(model, current, lastEdges.current) : undefined;
    lastEdges.current = base;
    const path = mode === "security" ? resultFor(attackPath, revision)?.path : undefined;
    if (!path) return base;
    const out = { ...base };
    for (const id of path.links) {
      out[id] = { ...(out[id] ?? { width: 1.5, crossing: 0, isSeamCrossing: false }), onAttackPath: true };
    }
    return out;
  }, [model, current, mode, attackPath, revision]);

  // the active what-if: forced components always, charger changes once its result is for this revision
  const whatIf = useDecisionStore((s) => s.whatIf);
  const whatIfMark = useMemo(() => {
    if (!whatIf) return undefined;
    const deltas = resultFor(whatIf, revision)?.result?.delta.chargers;
    return whatIfMarks(model, whatIf.spec, deltas);
  }, [model, whatIf, revision]);

  // the scenario diff (its own flag, see useScenarioDiff.ts)
  const diff = useScenarioDiff(model);

  // the why panel's chosen cut set or the replay's current step (see store/why.ts)
  const whyTarget = useWhyStore((s) => s.target);
  const whyAnswer = useWhyStore((s) => s.why);
  const whyChosen = useWhyStore((s) => s.chosen);
  const replay = useWhyStore((s) => s.replay);
  const why = useMemo(
    () => whyHighlight({ target: whyTarget, why: whyAnswer, chosen: whyChosen, replay }, model),
    [whyTarget, whyAnswer, whyChosen, replay, model],
  );

  return { nodeOverlay, edgeOverlay, whatIfMark, diff, why, isStreaming };
}

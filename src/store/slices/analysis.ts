/**
 * The analysis slice: the live analysis' results, each tagged with the model revision it belongs
 * to (see store/analysis.ts for the run and store/revision.ts for when a result lands).
 */
import type { BlastRadius, CouplingShown, ReliabilityResult, SecurityResult } from "../../engine/index.ts";
import type { SliceCreator } from "./slice.ts";

export interface AnalysisState {
  /** Revision of the model the result belongs to. */
  revision: number;
  result: ReliabilityResult | undefined;
  blast: Record<string, BlastRadius> | undefined;
  /** Coupling metrics of the current revision (deterministic; SPEC §5). */
  coupling: CouplingShown | undefined;
  /** Attack Monte Carlo of the current revision, and of the revision before the last hardening. */
  security: SecurityResult | undefined;
  securityRevision: number;
  /** The most frequent attack path to a chosen component, for the revision it was computed on. */
  attackPath: { revision: number; target: string; path: SecurityResult["criticalPath"] } | undefined;
  progress: { trialsDone: number; trialsTarget: number; converged: boolean; done: boolean } | undefined;
  running: boolean;
  error: string | undefined;
}

export const createAnalysisSlice: SliceCreator<{ analysis: AnalysisState }> = () => ({
  analysis: {
    revision: -1,
    result: undefined,
    blast: undefined,
    coupling: undefined,
    security: undefined,
    securityRevision: -1,
    attackPath: undefined,
    progress: undefined,
    running: false,
    error: undefined,
  },
});

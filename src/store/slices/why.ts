/**
 * The why slice: the figure the user asked "why?" about, the explanation computed for it, and the
 * replayed trial (see store/why.ts for when an answer lands and when it is stale).
 */
import type { ReplayOutcome, ReplayResult, Why } from "../../engine/index.ts";
import type { SliceCreator } from "./slice.ts";

export type WhyTarget = { kind: "charger"; charger: string } | { kind: "compromise"; component: string };

export interface ReplayState {
  outcome: ReplayOutcome;
  result: ReplayResult | undefined;
  /** 0: intrinsic failures; 1…waves: each wave added; waves + 1: what each viewer showed. */
  step: number;
  error: string | undefined;
}

export interface WhyState {
  target: WhyTarget | undefined;
  why: Why | undefined;
  loading: boolean;
  error: string | undefined;
  /** The cut set (or counted cause) highlighted on the canvas. */
  chosen: number | undefined;
  replay: ReplayState | undefined;
  /** The analysis inputs changed since the answer was computed. */
  isStale: boolean;
}

export const createWhySlice: SliceCreator<{ why: WhyState }> = () => ({
  why: {
    target: undefined,
    why: undefined,
    loading: false,
    error: undefined,
    chosen: undefined,
    replay: undefined,
    isStale: false,
  },
});

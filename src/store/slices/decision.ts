/** The decision slice: the ranked fixes and the active what-if, each for the model revision it was asked on. */
import type { FixFirstResult, PairedResult, WhatIf } from "../../engine/index.ts";
import type { SliceCreator } from "./slice.ts";

export interface DecisionState {
  fixFirst: { revision: number; result: FixFirstResult } | undefined;
  fixFirstRunning: boolean;
  /** The active what-if (components forced / orgs offline) and its result, for one revision. */
  whatIf: { revision: number; spec: WhatIf; result: PairedResult | undefined } | undefined;
  error: string | undefined;
}

export const createDecisionSlice: SliceCreator<{ decision: DecisionState }> = () => ({
  decision: { fixFirst: undefined, fixFirstRunning: false, whatIf: undefined, error: undefined },
});

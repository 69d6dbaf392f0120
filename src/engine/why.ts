/**
 * Why a charger site is unusable (SPEC §6): its exact minimal cut sets when its requirements are
 * acyclic, else the failure combinations counted from trials (with the reason exact failed).
 */
import type { Model } from "../model/index.ts";
import { type CutSetResult, cutSets } from "./cutsets.ts";
import { FaultTreeError } from "./faulttree/index.ts";
import { sampledCauses } from "./replay.ts";

export type Why =
  | ({ method: "exact" } & CutSetResult)
  | ({ method: "counted"; reason: string } & ReturnType<typeof sampledCauses>);

/** The top failure combinations of charger site `chargerId`, exact where possible. */
export function explainUnusable(model: Model, chargerId: string): Why {
  try {
    return { method: "exact", ...cutSets(model, chargerId) };
  } catch (error) {
    if (!(error instanceof FaultTreeError || error instanceof RangeError)) throw error;
    const counted = sampledCauses(model, chargerId, { trials: 200_000 });
    return { method: "counted", reason: error.message, ...counted };
  }
}

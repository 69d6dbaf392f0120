/**
 * The canvas overlay of the timeline player (SPEC §11): while a bin is chosen and the run is of the
 * revision on screen, each node is drawn as at that bin (see `timelineOverlays`); otherwise none,
 * and the canvas shows its usual view.
 */
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import type { NodeOverlay } from "../../analysis/overlay.ts";
import { timelineOverlays } from "../../analysis/timeline.ts";
import type { Model } from "../../model/schema.ts";
import { useTimelineStore } from "./timelineStore.ts";

/** Node overlays at the player's bin, or undefined when the player shows nothing. */
export function useTimelineOverlay(model: Model, revision: number): Record<string, NodeOverlay> | undefined {
  const { result, bin, view, runRevision } = useTimelineStore(
    useShallow((s) => ({ result: s.result, bin: s.bin, view: s.view, runRevision: s.revision })),
  );
  return useMemo(() => {
    if (!result || bin === undefined || runRevision !== revision) return undefined;
    return timelineOverlays(model, result, bin, view);
  }, [model, result, bin, view, runRevision, revision]);
}

/** What each canvas view (overlay mode) is called in workshop mode and in exports. */
import type { OverlayMode } from "../analysis/overlay.ts";

export const VIEW_LABELS: Record<OverlayMode, string> = {
  true: "What is true",
  dashboards: "What dashboards show",
  coupling: "Coupling",
  security: "Security",
  drivers: "What drivers get",
};

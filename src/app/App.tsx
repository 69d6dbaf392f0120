/**
 * The application: toolbar, palette, canvas with its legend, and the side panel (inspector,
 * results, assumptions, organisations). On start it opens a shared link, else the last autosave,
 * else the reference ecosystem, and the analysis starts at once.
 */
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Canvas } from "../canvas/Canvas.tsx";
import { Palette } from "../canvas/Palette.tsx";
import { ProtocolPicker } from "../canvas/ProtocolPicker.tsx";
import { Legend } from "../charts/Legend.tsx";
import { loadStartupModel, type StartupModel } from "../io/startup.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import { openFile } from "./commands/actions.ts";
import { openStartupModel } from "./commands/replace.ts";
import { ErrorPanel } from "./ErrorPanel.tsx";
import { HelpDialog } from "./HelpDialog.tsx";
import { Notices } from "./Notices.tsx";
import { ReadingOverlay } from "./ReadingOverlay.tsx";
import { readShareWithProgress } from "./reading.ts";
import { SidePanel } from "./SidePanel.tsx";
import { useWorkshopScenarios } from "./scenarioSwitch.ts";
import { useBackgroundServices } from "./services.ts";
import { Toolbar } from "./Toolbar.tsx";
import { useShortcuts } from "./useShortcuts.ts";
import { noteStartSource, Welcome } from "./Welcome.tsx";
import { Workshop } from "./Workshop.tsx";
import "@xyflow/react/dist/style.css";
import "./app.css";
import type { OverlayMode } from "../analysis/overlay.ts";

const LEGEND_TITLE: Record<OverlayMode, string> = {
  true: "P(not working)",
  dashboards: "P(dashboard shows a problem)",
  coupling: "Charging power lost if it alone fails (share of all)",
  security: "P(compromised within the horizon)",
  drivers: "Start success at the site, of drivers' attempts",
};

type Boot = "loading" | "ready" | "failed";

function Workspace() {
  const fileInput = useRef<HTMLInputElement>(null);
  const openPicker = useCallback(() => fileInput.current?.click(), []);
  useShortcuts(openPicker);
  const mode = useUiStore((s) => s.mode);
  const workshop = useUiStore((s) => s.workshop);
  const scenarios = useWorkshopScenarios();
  // workshop mode hides the editing chrome with CSS: panels keep their state for the way back
  return (
    <div className={workshop ? "app workshop" : "app"} data-testid="app">
      <Toolbar onOpenFile={openPicker} />
      <input
        ref={fileInput}
        type="file"
        accept=".json,.seams.json,application/json"
        data-testid="file-input"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void openFile(file);
        }}
      />
      <Palette />
      <Notices />
      <main className="stage">
        <Canvas />
        <div className="canvas-legend">
          <Legend title={LEGEND_TITLE[mode]} mode={mode} />
        </div>
        <ErrorPanel />
        <Welcome onOpenFile={openPicker} />
      </main>
      <ReadingOverlay />
      <SidePanel />
      <ProtocolPicker />
      <HelpDialog />
      {workshop && <Workshop {...scenarios} />}
    </div>
  );
}

export function App() {
  const [boot, setBoot] = useState<Boot>("loading");
  useEffect(() => {
    let live = true;
    // a shared link is read in a worker, with the reading overlay and its Cancel
    loadStartupModel(undefined, undefined, readShareWithProgress)
      .catch(
        (error: unknown): StartupModel => ({
          // every startup path ends in the canvas or an error panel, never in the spinner
          source: "none",
          issues: [{ path: "(startup)", message: String(error) }],
        }),
      )
      .then(async (start) => {
        if (!live) return;
        const store = useModelStore.getState();
        // a link keeps the autosaved model in Recent models first; a fallen-back autosave says so
        if (start.source !== "none") await openStartupModel(start);
        if (!live) return;
        if (start.issues.length > 0) {
          store.showIssues({
            title: start.source === "none" ? "No model could be opened" : "The shared link was not opened",
            issues: start.issues,
          });
        }
        // a shared link is opened once; reloading keeps the (autosaved) edits, not the link
        if (location.hash) history.replaceState(null, "", location.pathname + location.search);
        noteStartSource(start.source); // the first-run card shows after the reference only
        setBoot(start.source === "none" ? "failed" : "ready");
      });
    return () => {
      live = false;
    };
  }, []);
  useBackgroundServices(boot !== "loading");
  if (boot === "loading")
    return (
      <div className="boot">
        Opening the model…
        <ReadingOverlay />
      </div>
    );
  return (
    <ReactFlowProvider>
      <Workspace />
    </ReactFlowProvider>
  );
}

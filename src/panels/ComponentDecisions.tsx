/**
 * Decision tools for the component in the inspector (SPEC §6): what if it is down, degraded or
 * compromised (run against the baseline on the same random numbers, shown in the what-if panel),
 * and, for a charger site, its "site unusable" fault tree as an Open-PSA MEF file that SCRAM or
 * any Open-PSA tool can evaluate.
 */
import { useState } from "react";
import type { ForcedState } from "../engine/index.ts";
import { downloadBlob } from "../io/download.ts";
import type { Component } from "../model/index.ts";
import "./decide.css";

const FORCED: { state: ForcedState; hint: string }[] = [
  { state: "down", hint: "Out of service, and its own monitoring reports it" },
  { state: "degraded", hint: "Up but slow: calls to it time out more often" },
  { state: "compromised", hint: "Stopped by an attacker while its own health signal stays green" },
];

export interface ComponentDecisionsProps {
  component: Component;
  /** The state forced in the active what-if, if this component is forced. */
  forced: ForcedState | undefined;
  onWhatIf: (state: ForcedState) => void;
  /** The MEF document of "this charger site unusable". */
  exportMef: (chargerId: string) => Promise<string>;
}

export function ComponentDecisions({ component, forced, onWhatIf, exportMef }: ComponentDecisionsProps) {
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string>();
  const isCharger = component.type === "charger";
  const download = () => {
    setExporting(true);
    setError(undefined);
    exportMef(component.id).then(
      (xml) => {
        setExporting(false);
        downloadBlob(new Blob([xml], { type: "application/xml" }), `unusable_${component.id}.xml`);
      },
      (e: unknown) => {
        setExporting(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return (
    <div className="decide-actions" data-testid="component-decisions">
      <h3>What if</h3>
      <div className="decide-buttons">
        {FORCED.map(({ state, hint }) => (
          <button
            key={state}
            type="button"
            data-testid={`whatif-${state}`}
            aria-pressed={forced === state}
            title={hint}
            onClick={() => onWhatIf(state)}
          >
            What if it is {state}
          </button>
        ))}
      </div>
      {isCharger && (
        <>
          <h3>Fault tree</h3>
          <button
            type="button"
            data-testid="export-mef"
            disabled={exporting}
            title="“This site cannot charge” as an Open-PSA MEF fault tree: basic events are intrinsic unavailabilities and common causes"
            onClick={download}
          >
            {exporting ? "Exporting…" : "Export fault tree (Open-PSA MEF)"}
          </button>
          {error && (
            <p className="analysis-error" role="alert">
              Export failed: {error}
            </p>
          )}
        </>
      )}
    </div>
  );
}

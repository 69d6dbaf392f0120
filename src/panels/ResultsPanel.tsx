/**
 * The reliability results: headline figures with their 95 % intervals (start success beside reported
 * uptime first, SPEC §10), the driver populations, convergence, the cascade and unusable-kW
 * distributions, a per-charger table with start success and phantom/hidden per viewer, the signal
 * chains and the decision table; each section is a component of results/.
 */
import { ResultCharts } from "../charts/ResultCharts.tsx";
import type { ReliabilityResult } from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { DecisionTable } from "./DecisionTable.tsx";
import { ChainTable } from "./results/ChainTable.tsx";
import { ChargerTable } from "./results/ChargerTable.tsx";
import { Convergence, type Progress } from "./results/Convergence.tsx";
import { DriverTable } from "./results/DriverTable.tsx";
import { Headlines } from "./results/Headlines.tsx";
import "./results.css";

export interface ResultsPanelProps {
  model: Model;
  result: ReliabilityResult;
  progress: Progress;
  onSelect?: (componentId: string) => void;
  /** Open the why panel for a charger site. */
  onWhy?: (chargerId: string) => void;
  /** Replay a trial in which `viewer` showed the site available while it could not charge. */
  onReplayPhantom?: (chargerId: string, viewer: string) => void;
}

/** The results tab: convergence, headline figures, charts, charger sites, signal chains, decisions. */
export function ResultsPanel({
  model,
  result,
  progress,
  onSelect,
  onWhy,
  onReplayPhantom,
}: ResultsPanelProps) {
  return (
    <div className="results-panel" data-testid="results-panel">
      <div data-section="headlines">
        <Convergence progress={progress} />
        <Headlines model={model} result={result} />
      </div>
      <div data-section="drivers">
        <DriverTable model={model} result={result} />
      </div>
      <div className="charts" data-section="charts">
        <ResultCharts
          result={result}
          systemicThreshold={model.settings.systemicThreshold}
          width={330}
          height={170}
        />
      </div>
      <div data-section="sites">
        <ChargerTable
          model={model}
          result={result}
          onSelect={onSelect}
          onWhy={onWhy}
          onReplayPhantom={onReplayPhantom}
        />
      </div>
      <div data-section="chains">
        <ChainTable model={model} result={result} />
      </div>
      <div data-section="decisions">
        <DecisionTable model={model} result={result} onSelect={onSelect} />
      </div>
    </div>
  );
}

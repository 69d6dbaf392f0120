/**
 * The interoperability sweep (SPEC §5): pick a component — a roaming partner, a CSMS vendor, a
 * payment provider — and see every headline figure as it is replicated N = 1…M times, each copy a
 * separate partner with the same links. Runs on the engine worker pool, one N per worker.
 */
import { memo, useState } from "react";
import { formatKw, formatPercent } from "../analysis/format.ts";
import { LineChart } from "../charts/LineChart.tsx";
import type { SweepRow } from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { runSweep } from "../store/analysis.ts";

function SweepPanelView({ model }: { model: Model }) {
  const candidates = model.components.filter((c) => c.type !== "charger");
  const [id, setId] = useState(candidates.find((c) => c.type === "emsp")?.id ?? candidates[0]?.id ?? "");
  const [max, setMax] = useState(5);
  const [state, setState] = useState<
    | { status: "idle" }
    | { status: "running" }
    | { status: "done"; id: string; rows: SweepRow[] }
    | { status: "error"; message: string }
  >({ status: "idle" });
  if (candidates.length === 0) return null;
  const name = (x: string) => model.components.find((c) => c.id === x)?.name ?? x;
  const run = () => {
    setState({ status: "running" });
    runSweep(id, max).then(
      (rows) => setState({ status: "done", id, rows }),
      (error: unknown) =>
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <section className="sweep-panel" data-testid="sweep-panel">
      <h3>Interoperability sweep</h3>
      <p className="muted">
        How do the figures move as a partner is replicated — N roaming partners, N vendors?
      </p>
      <div className="sweep-controls">
        <label>
          Replicate{" "}
          <select value={id} onChange={(e) => setId(e.target.value)} data-testid="sweep-component">
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          N = 1…
          <input
            type="number"
            min={2}
            max={10}
            value={max}
            onChange={(e) => setMax(Math.max(2, Math.min(10, Math.round(Number(e.target.value) || 2))))}
            data-testid="sweep-max"
          />
        </label>
        <button type="button" onClick={run} disabled={state.status === "running"} data-testid="sweep-run">
          {state.status === "running" ? "Sweeping…" : "Sweep"}
        </button>
      </div>
      {state.status === "error" && <p className="analysis-error">The sweep failed: {state.message}</p>}
      {state.status === "done" && (
        <div className="sweep-charts" data-testid="sweep-charts">
          <p className="muted">
            N copies of {name(state.id)}, each a separate partner with the same links; bands are 95 %
            intervals.
          </p>
          <LineChart
            testId="sweep-chart-unusable"
            points={state.rows.map((r) => ({
              x: r.n,
              y: r.unusableKw.mean,
              lo: r.unusableKw.ci95[0],
              hi: r.unusableKw.ci95[1],
            }))}
            width={330}
            height={150}
            title="Expected unusable charging"
            xLabel="N"
            formatY={formatKw}
          />
          <LineChart
            points={state.rows.map((r) => ({
              x: r.n,
              y: r.phantomRate.mean,
              lo: r.phantomRate.ci95[0],
              hi: r.phantomRate.ci95[1],
            }))}
            width={330}
            height={150}
            title="Phantom availability rate"
            xLabel="N"
            formatY={formatPercent}
          />
          <LineChart
            points={state.rows.map((r) => ({ x: r.n, y: r.seams }))}
            width={330}
            height={150}
            title="Seams (integrations between organisations)"
            xLabel="N"
            formatY={(y) => String(Math.round(y))}
          />
          <LineChart
            points={state.rows.map((r) => ({
              x: r.n,
              y: r.controllableKw.mean,
              lo: r.controllableKw.ci95[0],
              hi: r.controllableKw.ci95[1],
            }))}
            width={330}
            height={150}
            title="Attacker-controllable charging"
            xLabel="N"
            formatY={formatKw}
          />
        </div>
      )}
    </section>
  );
}

/** Memoised: the side panel re-renders with every streamed result, this need not. */
export const SweepPanel = memo(SweepPanelView);

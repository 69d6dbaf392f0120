/**
 * "What to fix first" (SPEC §6, issue 7): the candidate changes ranked by the kW they save, each
 * with its 95 % interval and method, computed in the decision worker for the revision on screen.
 * A section of the Results tab, folded by default: ranking costs seconds of worker time on a large
 * model, so it is asked for only while the section is open (and again after each edit while it
 * is). Apply makes the change an ordinary edit (undo takes it back); clicking a row selects the
 * component or link it changes.
 */
import { useEffect, useState } from "react";
import { create } from "zustand";
import { formatInterval, formatKw, formatPoints } from "../analysis/format.ts";
import type { DriverFixRow, FixRow, ImportanceResult } from "../engine/index.ts";
import { applyFix, type Model } from "../model/index.ts";
import { useAnalysisStore } from "../store/analysis.ts";
import { requestFixFirst, useDecisionStore } from "../store/decision.ts";
import type { Selection } from "../store/edits.ts";
import { resultFor } from "../store/revision.ts";
import "./decide.css";

/**
 * Whether the section is open and the objective ranked by; kept outside the panel so they survive
 * switching tabs.
 */
const useFixFirstView = create<{ isOpen: boolean; objective: FixRow["measure"] }>()(() => ({
  isOpen: false,
  objective: "charging saved",
}));

/** Rows shown before "show all": the ranking's head is what a workshop discusses. */
const ROWS_SHOWN = 8;

/**
 * The objectives a ranking is by, each in one unit (issue 18: three quantities never share a
 * column): the button's words, the column's heading and what it measures.
 */
const OBJECTIVES: Record<FixRow["measure"], { label: string; column: string; hint: string }> = {
  "charging saved": {
    label: "Charging saved",
    column: "kW of charging saved",
    hint: "expected unusable charging power that no longer fails",
  },
  "outage made visible": {
    label: "Outages made visible",
    column: "kW of outages made visible",
    hint: "expected unusable charging behind green dashboards that a dashboard now shows (still unusable, now seen)",
  },
  "attacker power removed": {
    label: "Attacker power removed",
    column: "kW an attacker no longer controls",
    hint: "expected charging power an attacker controls within the horizon, removed",
  },
};
const MEASURES = Object.keys(OBJECTIVES) as FixRow["measure"][];

export interface FixFirstPanelProps {
  model: Model;
  revision: number;
  /** Replace the document as one undoable edit. */
  onReplace: (model: Model) => void;
  onSelect: (selection: Selection) => void;
}

export function FixFirstPanel({ model, revision, onReplace, onSelect }: FixFirstPanelProps) {
  const isOpen = useFixFirstView((s) => s.isOpen);
  const objective = useFixFirstView((s) => s.objective);
  const fixFirst = useDecisionStore((s) => s.fixFirst);
  const isRunning = useDecisionStore((s) => s.fixFirstRunning);
  const error = useDecisionStore((s) => s.error);
  const [isAll, setAll] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rank again after every edit (a new revision)
  useEffect(() => {
    if (isOpen) requestFixFirst();
  }, [isOpen, revision]);
  const result = resultFor(fixFirst, revision)?.result;
  // "now" as the Results headline shows it (issue 18), not the ranking run's own baseline
  const mainKw = useAnalysisStore((s) => resultFor(s, revision)?.result?.system.unusableKw.mean);
  const ranked = result?.rows.filter((r) => r.measure === objective) ?? [];
  const countOf = (m: FixRow["measure"]) => result?.rows.filter((r) => r.measure === m).length ?? 0;
  const select = (row: Pick<FixRow, "kind" | "target">) =>
    onSelect(
      row.kind === "cache"
        ? { components: [], links: [row.target] }
        : { components: [row.target], links: [] },
    );
  return (
    <section className="decide-panel fixfirst" data-testid="fixfirst-panel" data-section="fix-first">
      <button
        type="button"
        className="decide-fold"
        aria-expanded={isOpen}
        data-testid="fixfirst-toggle"
        onClick={() => useFixFirstView.setState({ isOpen: !isOpen })}
      >
        {isOpen ? "▾" : "▸"} What to fix first
      </button>
      {isOpen && !result && (
        <p className="muted" data-testid="fixfirst-status">
          {!isRunning && error ? (
            <span className="analysis-error">Ranking failed: {error}</span>
          ) : (
            <>
              <span className="spinner" aria-hidden /> Ranking the fixes…
            </>
          )}
        </p>
      )}
      {isOpen && result && (
        <>
          <p className="decide-note" data-testid="fixfirst-baseline">
            Expected unusable charging now: <strong>{formatKw(mainKw ?? result.baselineKw)}</strong>. Each
            change is evaluated alone, as a real edit, against it.
          </p>
          <fieldset className="fixfirst-objective" aria-label="Rank the changes by">
            <span className="muted">Rank by</span>
            {MEASURES.map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={objective === m}
                className={objective === m ? "on" : ""}
                data-testid={`fixfirst-objective-${m.replace(/ /g, "-")}`}
                title={OBJECTIVES[m].hint}
                onClick={() => useFixFirstView.setState({ objective: m })}
              >
                {OBJECTIVES[m].label} ({countOf(m)})
              </button>
            ))}
          </fieldset>
          {ranked.length === 0 ? (
            <p className="muted">No change considered here gives any {OBJECTIVES[objective].column}.</p>
          ) : (
            <div className="table-scroll">
              <table className="decide-table" data-testid="fixfirst-table">
                <thead>
                  <tr>
                    <th>Change</th>
                    <th className="num" title={OBJECTIVES[objective].hint}>
                      {OBJECTIVES[objective].column}
                    </th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {(isAll ? ranked : ranked.slice(0, ROWS_SHOWN)).map((row, i) => (
                    <tr
                      key={`${row.kind}:${row.target}`}
                      data-testid="fixfirst-row"
                      data-kind={row.kind}
                      data-target={row.target}
                      className={row.significant ? "" : "noise"}
                      title="Select what it changes on the canvas"
                      onClick={() => select(row)}
                    >
                      <td>
                        <div className="decide-label">
                          {i + 1}. {row.label}
                        </div>
                        <div className="decide-meta">
                          <span data-testid="fixfirst-method">
                            {row.method === "exact" ? "exact" : "Monte Carlo"}
                          </span>
                          {!row.significant && (
                            <>
                              {" "}
                              · <span className="noise-mark">within the noise</span>
                            </>
                          )}
                        </div>
                      </td>
                      <td className="num">
                        <div data-testid="fixfirst-saved">{formatKw(row.saved.mean)}</div>
                        {row.method === "monte-carlo" && (
                          <div className="decide-ci">95 % CI {formatInterval(row.saved.ci95, formatKw)}</div>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          data-testid="fixfirst-apply"
                          title="Make this change to the model (undo takes it back)"
                          onClick={(e) => {
                            e.stopPropagation();
                            onReplace(applyFix(model, row));
                          }}
                        >
                          Apply
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!isAll && ranked.length > ROWS_SHOWN && (
            <button
              type="button"
              className="linklike"
              data-testid="fixfirst-more"
              onClick={() => setAll(true)}
            >
              Show all {ranked.length} changes
            </button>
          )}
          <DriverFixTable
            rows={result.drivers ?? []}
            onApply={(row) => onReplace(applyFix(model, row))}
            onSelect={select}
          />
          <ImportanceTable result={result.importance} model={model} onSelect={onSelect} />
        </>
      )}
    </section>
  );
}

/**
 * The same redundancy and cache candidates ranked by what drivers gain (SPEC §10): demand success,
 * successful charges per intended visit, in percentage points — its own table, never mixed with kW.
 */
function DriverFixTable({
  rows,
  onApply,
  onSelect,
}: {
  rows: DriverFixRow[];
  onApply: (row: DriverFixRow) => void;
  onSelect: (row: DriverFixRow) => void;
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <h4 className="decide-subhead">What drivers gain (demand success)</h4>
      <p className="decide-note">
        Successful charges per intended visit, in percentage points, each change against the model now on the
        same random numbers (Monte Carlo).
      </p>
      <div className="table-scroll">
        <table className="decide-table" data-testid="fixfirst-drivers">
          <thead>
            <tr>
              <th>Change</th>
              <th className="num">Drivers gain</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, ROWS_SHOWN).map((row, i) => (
              <tr
                key={`${row.kind}:${row.target}`}
                data-testid="fixfirst-driver-row"
                className={row.significant ? "" : "noise"}
                onClick={() => onSelect(row)}
              >
                <td>
                  <div className="decide-label">
                    {i + 1}. {row.label}
                  </div>
                  {!row.significant && (
                    <div className="decide-meta">
                      <span className="noise-mark">within the noise</span>
                    </div>
                  )}
                </td>
                <td className="num">
                  <div>{formatPoints(row.gained.mean)}</div>
                  <div className="decide-ci">95 % CI {formatInterval(row.gained.ci95, formatPoints)}</div>
                </td>
                <td>
                  <button
                    type="button"
                    title="Make this change to the model (undo takes it back)"
                    onClick={(e) => {
                      e.stopPropagation();
                      onApply(row);
                    }}
                  >
                    Apply
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Importance of each component for charging (kW over all sites): the measures behind the ranking. */
function ImportanceTable({
  result,
  model,
  onSelect,
}: {
  result: ImportanceResult;
  model: Model;
  onSelect: (selection: Selection) => void;
}) {
  const names = new Map(model.components.map((c) => [c.id, c.name || c.id]));
  const rows = result.components.slice(0, 10);
  if (rows.length === 0) return null;
  const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(x >= 10 ? 0 : 2) : "∞");
  return (
    <>
      <h4 className="decide-subhead">Importance for charging (all sites, kW)</h4>
      <p className="decide-note" data-testid="importance-method">
        {result.method === "exact" ? "Exact" : "Monte Carlo"}: {result.note}
      </p>
      <div className="table-scroll">
        <table className="decide-table" data-testid="importance-table">
          <thead>
            <tr>
              <th>Component</th>
              <th className="num" title="kW lost to its own failures (what it would save never to fail)">
                kW
              </th>
              <th className="num" title="Birnbaum: expected unusable kW with it down minus with it up">
                Birnbaum
              </th>
              <th
                className="num"
                title="Fussell–Vesely: share of expected unusable kW its failures take part in"
              >
                FV
              </th>
              <th className="num" title="Risk achievement worth: expected unusable kW with it down ÷ now">
                RAW
              </th>
              <th className="num" title="Risk reduction worth: now ÷ expected unusable kW were it never down">
                RRW
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                data-testid="importance-row"
                onClick={() => onSelect({ components: [r.id], links: [] })}
                title={
                  result.method === "exact"
                    ? `Birnbaum exact`
                    : `Birnbaum 95 % CI ${formatInterval(r.birnbaumCi, formatKw)}`
                }
              >
                <td>{names.get(r.id) ?? r.id}</td>
                <td className="num">{formatKw(r.savedKw)}</td>
                <td className="num">{formatKw(r.birnbaum)}</td>
                <td className="num">{r.fussellVesely.toFixed(3)}</td>
                <td className="num">{ratio(r.raw)}</td>
                <td className="num">{ratio(r.rrw)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

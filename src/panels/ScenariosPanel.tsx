/**
 * Scenarios (issue 8): the baseline and the model's named scenarios. Draft one from the next edits,
 * enter one to see and edit it on the canvas, delete one; tick up to three and compare them with
 * the baseline on the same random numbers — headline figures with their 95 % intervals, and for
 * each scenario the paired change, marked "moved" or "within the noise". A comparison of an older
 * document is marked stale. While a scenario is shown, what it adds, changes and removes is listed
 * here and drawn on the canvas (its own flag, "Show the differences on the canvas").
 */
import { useMemo, useState } from "react";
import { type ComparisonRow, comparisonRows, type ScenarioDiff } from "../analysis/scenarioDiff.ts";
import { useScenarioDiff } from "../canvas/useScenarioDiff.ts";
import { MAX_COMPARED } from "../engine/index.ts";
import type { Model } from "../model/schema.ts";
import { useAnalysisStore } from "../store/analysis.ts";
import {
  clearComparison,
  focusComparison,
  isComparisonCurrent,
  requestComparison,
  useComparisonStore,
} from "../store/comparison.ts";
import { useModelStore } from "../store/model.ts";
import { resultFor } from "../store/revision.ts";
import {
  deleteScenario,
  discardSession,
  documentOf,
  enterScenario,
  saveSession,
  startDraft,
  useScenarioStore,
} from "../store/scenarios.ts";
import { useUiStore } from "../store/ui.ts";
import "./decide.css";
import "./scenarios.css";

function DraftBanner() {
  const [name, setName] = useState("");
  const save = () => saveSession(name.trim() || undefined);
  return (
    <section
      className="scenario-banner draft"
      data-testid="scenario-draft-banner"
      aria-label="Draft scenario"
    >
      <p>
        <strong>Drafting a scenario</strong> — edit the model, then Save as…
      </p>
      <div className="scenario-banner-row">
        <input
          type="text"
          aria-label="Scenario name"
          placeholder="Scenario name"
          value={name}
          data-testid="scenario-name"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") save();
          }}
        />
        <button type="button" data-testid="scenario-save" onClick={save}>
          Save
        </button>
        <button type="button" data-testid="scenario-discard" onClick={discardSession}>
          Discard
        </button>
      </div>
    </section>
  );
}

function ScenarioBanner({ name }: { name: string }) {
  return (
    <section className="scenario-banner" data-testid="scenario-banner" aria-label="Scenario on the canvas">
      <p>
        <strong>Scenario: {name}</strong> — changes are kept in the scenario
      </p>
      <div className="scenario-banner-row">
        <button type="button" data-testid="scenario-back" onClick={() => enterScenario(undefined)}>
          Back to baseline
        </button>
        <button type="button" data-testid="scenario-discard-changes" onClick={discardSession}>
          Discard changes
        </button>
      </div>
    </section>
  );
}

/** What the shown scenario adds, changes and removes, by name. */
function DiffSummary({ diff, baseline, model }: { diff: ScenarioDiff; baseline: Model; model: Model }) {
  const names = new Map([...baseline.components, ...model.components].map((c) => [c.id, c.name]));
  const of = (change: string) =>
    Object.entries(diff.components)
      .filter(([, m]) => m.change === change)
      .map(([id, m]) => `${names.get(id) ?? id}${m.params ? ` (${m.params.join(", ")})` : ""}`);
  const links = (change: string) => Object.values(diff.links).filter((c) => c === change).length;
  const moved = Object.values(diff.components).filter((m) => m.moved).length;
  const lines: [string, string[], number][] = [
    ["added", of("added"), links("added")],
    ["changed", of("changed"), links("changed")],
    ["removed", of("removed"), links("removed")],
  ];
  if (lines.every(([, c, l]) => c.length === 0 && l === 0)) {
    return (
      <p className="muted" data-testid="diff-summary">
        No differences from the baseline yet.
      </p>
    );
  }
  return (
    <ul className="scenario-diff" data-testid="diff-summary">
      {lines.map(([change, components, linkCount]) =>
        components.length + linkCount === 0 ? null : (
          <li key={change} className={`diff-${change}`} data-testid={`diff-${change}`}>
            <strong>{change[0].toUpperCase() + change.slice(1)}:</strong> {components.join(", ")}
            {linkCount > 0 &&
              `${components.length > 0 ? "; " : ""}${linkCount} link${linkCount > 1 ? "s" : ""}`}
          </li>
        ),
      )}
      {moved > 0 && (
        <li data-testid="diff-moved">
          Figures moved beyond the noise: {moved} component{moved > 1 ? "s" : ""} (▲ better, ▼ worse)
        </li>
      )}
    </ul>
  );
}

function ComparisonTable({
  rows,
  columns,
  focus,
  canFocus,
}: {
  rows: ComparisonRow[];
  columns: { id: string; name: string }[];
  focus: string | undefined;
  canFocus: boolean;
}) {
  return (
    <div className="scenario-compare-scroll">
      <table className="decide-table scenario-compare" data-testid="comparison-table">
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c.id} className="num" data-testid="comparison-column">
                <span data-testid="comparison-column-name">{c.name}</span>
                {canFocus && c.id !== columns[0].id && (
                  <label
                    className="scenario-focus"
                    title="Draw this scenario's differences on the baseline canvas"
                  >
                    <input
                      type="checkbox"
                      data-testid="comparison-focus"
                      checked={focus === c.id}
                      onChange={() => focusComparison(focus === c.id ? undefined : c.id)}
                    />
                    on canvas
                  </label>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`comparison-${row.id}`}>
              <th title={row.hint}>{row.label}</th>
              {row.cells
                .map((cell, i) => ({ cell, id: columns[i].id }))
                .map(({ cell, id }) => (
                  <td key={id} className="num" data-testid="comparison-cell" data-column={id}>
                    <div data-testid="comparison-value">{cell.value}</div>
                    {cell.note && (
                      <div className="decide-ci" data-testid="comparison-value-note">
                        {cell.note}
                      </div>
                    )}
                    {cell.interval && <div className="decide-ci">95 % CI {cell.interval}</div>}
                    {cell.change && (
                      <div
                        className={`scenario-change${cell.change.isMoved ? " moved" : " noise"} tone-${cell.change.tone}`}
                        data-testid="comparison-change"
                        data-moved={cell.change.isMoved}
                        data-tone={cell.change.tone}
                      >
                        <div data-testid="comparison-change-value">{cell.change.value}</div>
                        {cell.change.interval && (
                          <div className="decide-ci" data-testid="comparison-change-ci">
                            95 % CI {cell.change.interval}
                          </div>
                        )}
                        <div className={cell.change.isMoved ? "moved-mark" : "noise-mark"}>
                          {cell.change.mark}
                        </div>
                      </div>
                    )}
                  </td>
                ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ScenariosPanel({ model }: { model: Model }) {
  const session = useScenarioStore((s) => s.session);
  const { comparison, running, error, focus } = useComparisonStore();
  const isDiffShown = useUiStore((s) => s.scenarioDiff);
  const [checked, setChecked] = useState<string[]>([]);
  const scenarios = model.scenarios ?? [];
  const document = useMemo(() => documentOf(model), [model]);
  const isCurrent = isComparisonCurrent(comparison, document);
  // the baseline as the Results headline shows it (issue 18): only while the baseline is on the
  // canvas and the comparison is of this document
  const revision = useModelStore((s) => s.revision);
  const mainResult = useAnalysisStore((s) => resultFor(s, revision)?.result);
  const main = session === undefined && isCurrent ? mainResult : undefined;
  const rows = useMemo(
    () => (comparison ? comparisonRows(comparison.result, main) : undefined),
    [comparison, main],
  );
  const baseline = session?.base ?? model;
  // what the shown (or the one compared) scenario changes, as the canvas draws it
  const diff = useScenarioDiff(model, true);
  const toggle = (id: string) =>
    setChecked((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-MAX_COMPARED)));
  const compared = checked.filter((id) => scenarios.some((s) => s.id === id));
  const activeId = session ? session.id : "baseline";
  return (
    <section className="scenarios-panel" data-testid="scenarios-panel" aria-label="Scenarios">
      {session?.id === undefined && session && <DraftBanner />}
      {session?.id !== undefined && <ScenarioBanner name={session.name} />}
      <ul className="scenario-list">
        <li
          className={activeId === "baseline" ? "on" : ""}
          data-testid="scenario-item"
          data-id="baseline"
          aria-current={activeId === "baseline" ? "true" : undefined}
        >
          <button
            type="button"
            className="scenario-enter"
            data-testid="scenario-enter"
            onClick={() => enterScenario(undefined)}
            disabled={session === undefined || session.id === undefined}
          >
            <kbd>0</kbd> Baseline
          </button>
        </li>
        {scenarios.map((s, i) => (
          <li
            key={s.id}
            className={activeId === s.id ? "on" : ""}
            data-testid="scenario-item"
            data-id={s.id}
            aria-current={activeId === s.id ? "true" : undefined}
          >
            <input
              type="checkbox"
              aria-label={`Compare ${s.name}`}
              data-testid="scenario-compare-check"
              checked={compared.includes(s.id)}
              onChange={() => toggle(s.id)}
            />
            <button
              type="button"
              className="scenario-enter"
              data-testid="scenario-enter"
              title={s.description ?? "Show this scenario on the canvas"}
              onClick={() => enterScenario(s.id)}
            >
              {i < 9 && <kbd>{i + 1}</kbd>} {s.name}
            </button>
            <button
              type="button"
              className="scenario-delete"
              data-testid="scenario-delete"
              aria-label={`Delete ${s.name}`}
              title="Delete this scenario"
              onClick={() => deleteScenario(s.id)}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div className="scenario-actions">
        <button
          type="button"
          data-testid="scenario-new"
          disabled={session !== undefined}
          onClick={() => startDraft()}
        >
          New scenario from my next edits
        </button>
        <button
          type="button"
          data-testid="scenario-compare"
          disabled={compared.length === 0 || running}
          onClick={() => requestComparison(compared)}
          title={`Tick up to ${MAX_COMPARED} scenarios to compare with the baseline`}
        >
          Compare{compared.length > 0 ? ` (${compared.length})` : ""}
        </button>
        <label className="scenario-flag">
          <input
            type="checkbox"
            data-testid="scenario-diff-flag"
            checked={isDiffShown}
            onChange={(e) => useUiStore.getState().set({ scenarioDiff: e.target.checked })}
          />
          Show the differences on the canvas
        </label>
      </div>
      {diff && <DiffSummary diff={diff} baseline={baseline} model={model} />}
      {running && (
        <p className="muted" data-testid="comparison-status">
          <span className="spinner" aria-hidden /> Comparing on the same random numbers as the baseline…
        </p>
      )}
      {error && <p className="analysis-error">The comparison failed: {error}</p>}
      {comparison && rows && (
        <div className={isCurrent ? "" : "stale"} data-testid="comparison" data-current={isCurrent}>
          <header className="scenario-compare-head">
            <h3>Side by side</h3>
            <button type="button" data-testid="comparison-clear" onClick={clearComparison}>
              Clear
            </button>
          </header>
          {!isCurrent && (
            <p className="scenario-stale" data-testid="comparison-stale">
              The model has changed since these figures were computed.{" "}
              <button
                type="button"
                onClick={() => requestComparison(comparison.ids)}
                disabled={comparison.ids.some((id) => !scenarios.some((s) => s.id === id))}
              >
                Compare again
              </button>
            </p>
          )}
          <ComparisonTable
            rows={rows}
            columns={[comparison.result.baseline, ...comparison.result.scenarios]}
            focus={focus}
            canFocus={session === undefined && isCurrent}
          />
          <p className="decide-note">
            {comparison.result.trials.toLocaleString("en")} trials per column on the same random numbers: each
            change's interval is of the paired per-trial differences; “moved” when it leaves out zero and the
            change shows at the figures' precision (0.1 kW, 0.01 pp). Red is worse, green better; fewer
            failures behind green dashboards while unusable charging rises is “now visible” (amber), not
            better.
          </p>
        </div>
      )}
    </section>
  );
}

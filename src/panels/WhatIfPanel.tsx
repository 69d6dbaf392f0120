/**
 * The active what-if (SPEC §6): components forced down, degraded or compromised, or organisations
 * offline, against the baseline run on the same random numbers. Shows the headline figures before →
 * after with the paired 95 % interval of each change (marked "within the noise" when it includes 0)
 * and the charger sites whose P(usable) changed significantly. Shown above every side-panel tab
 * while a what-if is active. After an edit it runs the same what-if on the new model, or clears it
 * when a forced component or organisation is gone.
 */
import { useEffect, useRef } from "react";
import { ANCHORED_NOTE, systemFigures, whatIfFigures } from "../analysis/anchor.ts";
import {
  type ChangeUnit,
  changeTone,
  formatInterval,
  formatKw,
  formatPercent,
  formatPoints,
  formatSigned,
  isMoved,
  TONE_WORD,
} from "../analysis/format.ts";
import type { Delta, PairedResult, WhatIf } from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { useAnalysisStore } from "../store/analysis.ts";
import { clearWhatIf, requestWhatIf, useDecisionStore } from "../store/decision.ts";
import { resultFor } from "../store/revision.ts";
import "./decide.css";

/** Charger sites listed with a significant change, the largest |Δ P(usable)| first. */
const CHARGERS_SHOWN = 10;
/** Wait for a burst of edits to settle before running the what-if again. */
const RERUN_DELAY_MS = 250;

/** Whether every component and organisation the what-if names is still in the model. */
export function isWhatIfValid(model: Model, spec: WhatIf): boolean {
  const components = new Set(model.components.map((c) => c.id));
  const orgs = new Set(model.orgs.map((o) => o.id));
  return (
    Object.keys(spec.components ?? {}).every((id) => components.has(id)) &&
    (spec.orgsOffline ?? []).every((id) => orgs.has(id))
  );
}

/** "Telnova LTE-M down, Voltline offline". */
export function describeWhatIf(model: Model, spec: WhatIf): string {
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const orgNames = new Map(model.orgs.map((o) => [o.id, o.name]));
  return [
    ...Object.entries(spec.components ?? {}).map(([id, state]) => `${names.get(id) ?? id} ${state}`),
    ...(spec.orgsOffline ?? []).map((id) => `${orgNames.get(id) ?? id} offline`),
  ].join(", ");
}

/**
 * A paired change, coloured by what it means: every figure here is worse when higher, except
 * unusable kW behind green dashboards falling while unusable charging rises ("now visible").
 */
function ChangeCell({
  delta,
  unit,
  unusableKwChange,
}: {
  delta: Delta;
  unit: ChangeUnit;
  /** Given for unusable kW behind green dashboards: the change of all unusable kW. */
  unusableKwChange?: number;
}) {
  const format = unit === "kw" ? (x: number) => formatSigned(x, formatKw) : formatPoints;
  const moved = isMoved(delta, unit);
  const tone = moved
    ? changeTone("higher-worse", delta.mean, {
        isHiddenFailure: unusableKwChange !== undefined,
        unusableKwChange,
      })
    : "neutral";
  return (
    <td className={`num${moved ? ` tone-${tone}` : " noise"}`} data-tone={tone}>
      <div data-testid="whatif-change">{format(delta.mean)}</div>
      <div className="decide-ci" data-testid="whatif-change-ci">
        95 % CI {formatInterval(delta.ci95, format)}
      </div>
      {moved ? (
        <div className="moved-mark">{TONE_WORD[tone]}</div>
      ) : (
        <div className="noise-mark">within the noise</div>
      )}
    </td>
  );
}

export function WhatIfPanel({
  model,
  revision,
  onSelect,
}: {
  model: Model;
  revision: number;
  onSelect: (componentId: string) => void;
}) {
  const whatIf = useDecisionStore((s) => s.whatIf);
  // "Now" is the main analysis's figure, as the Results headline shows it (issue 18)
  const main = useAnalysisStore((s) => resultFor(s, revision)?.result);
  const error = useDecisionStore((s) => s.error);
  // an edit: the same what-if on the new model, or none when what it forces is gone
  useEffect(() => {
    if (!whatIf || resultFor(whatIf, revision)) return;
    const spec = whatIf.spec;
    const timer = setTimeout(
      () => (isWhatIfValid(model, spec) ? requestWhatIf(spec) : clearWhatIf()),
      RERUN_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [whatIf, revision, model]);
  // a new what-if is asked for where the panel may be scrolled away: bring it into view
  const panel = useRef<HTMLElement>(null);
  const spec = whatIf?.spec;
  useEffect(() => {
    if (spec) panel.current?.scrollIntoView({ block: "nearest" });
  }, [spec]);
  if (!whatIf) return null;
  const result = resultFor(whatIf, revision)?.result;
  const figures = result && whatIfFigures(result, main && systemFigures(main));
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  return (
    <section ref={panel} className="decide-panel whatif" data-testid="whatif-panel" aria-label="What if">
      <header>
        <h3>
          What if: <span data-testid="whatif-spec">{describeWhatIf(model, whatIf.spec)}</span>
        </h3>
        <button type="button" data-testid="whatif-clear" onClick={clearWhatIf}>
          Clear
        </button>
      </header>
      {!result && (
        <p className="muted" data-testid="whatif-status">
          {error ? (
            <span className="analysis-error">The what-if failed: {error}</span>
          ) : (
            <>
              <span className="spinner" aria-hidden /> Running it on the same random numbers as the baseline…
            </>
          )}
        </p>
      )}
      {result && figures && (
        <>
          <div className="table-scroll">
            <table className="decide-table" data-testid="whatif-headlines">
              <thead>
                <tr>
                  <th />
                  <th className="num">Now</th>
                  <th className="num" title={figures.isAnchored ? `What if = ${ANCHORED_NOTE}` : undefined}>
                    What if
                    {figures.isAnchored && <div className="decide-ci">{ANCHORED_NOTE}</div>}
                  </th>
                  <th className="num">Change</th>
                </tr>
              </thead>
              <tbody>
                <tr data-testid="whatif-unusable-kw">
                  <td>Expected unusable charging</td>
                  <td className="num">{formatKw(figures.unusableKw.baseline)}</td>
                  <td className="num">{formatKw(figures.unusableKw.variant)}</td>
                  <ChangeCell delta={result.delta.unusableKw} unit="kw" />
                </tr>
                <tr data-testid="whatif-systemic">
                  <td>P(systemic event)</td>
                  <td className="num">{formatPercent(figures.systemicEvent.baseline)}</td>
                  <td className="num">{formatPercent(figures.systemicEvent.variant)}</td>
                  <ChangeCell delta={result.delta.systemicEvent} unit="points" />
                </tr>
                <tr data-testid="whatif-phantom">
                  <td>Phantom availability rate</td>
                  <td className="num">{formatPercent(figures.phantomRate.baseline)}</td>
                  <td className="num">{formatPercent(figures.phantomRate.variant)}</td>
                  <ChangeCell delta={result.delta.phantomRate} unit="points" />
                </tr>
                <tr data-testid="whatif-seam-kw">
                  <td title="Expected unusable kW while every dashboard it depends on is green">
                    Unusable behind green dashboards
                  </td>
                  <td className="num">{formatKw(figures.seamKw.baseline)}</td>
                  <td className="num">{formatKw(figures.seamKw.variant)}</td>
                  <ChangeCell
                    delta={result.delta.seamKw}
                    unit="kw"
                    unusableKwChange={result.delta.unusableKw.mean}
                  />
                </tr>
              </tbody>
            </table>
          </div>
          <ChargerChanges result={result} names={names} onSelect={onSelect} />
          <p className="decide-note">
            {result.delta.trials.toLocaleString("en")} trials, the same random numbers in both runs: each
            interval is of the paired per-trial differences. On the canvas, forced components are outlined
            dashed and the sites that change are ringed: red worse, green better.
          </p>
        </>
      )}
    </section>
  );
}

function ChargerChanges({
  result,
  names,
  onSelect,
}: {
  result: PairedResult;
  names: Map<string, string>;
  onSelect: (componentId: string) => void;
}) {
  const changed = Object.entries(result.delta.chargers)
    .filter(([, d]) => isMoved(d, "points"))
    .sort((a, b) => Math.abs(b[1].mean) - Math.abs(a[1].mean));
  if (changed.length === 0) {
    return <p className="muted">No charger site's P(usable) changed beyond the noise.</p>;
  }
  return (
    <>
      <h4>
        Charger sites that change ({Math.min(changed.length, CHARGERS_SHOWN)} of {changed.length})
      </h4>
      <div className="table-scroll">
        <table className="decide-table" data-testid="whatif-chargers">
          <thead>
            <tr>
              <th>Site</th>
              <th className="num">P(usable)</th>
              <th className="num">Change</th>
            </tr>
          </thead>
          <tbody>
            {changed.slice(0, CHARGERS_SHOWN).map(([id, d]) => (
              <tr key={id} data-testid="whatif-charger" data-id={id} onClick={() => onSelect(id)}>
                <td>{names.get(id) ?? id}</td>
                <td className="num">
                  {formatPercent(result.baseline.chargers[id]?.usable.p ?? 0)} →{" "}
                  {formatPercent(result.variant.chargers[id]?.usable.p ?? 0)}
                </td>
                <td className={d.mean < 0 ? "num worse" : "num better"}>{formatPoints(d.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

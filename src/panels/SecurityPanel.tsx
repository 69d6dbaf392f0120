/**
 * The security panel (SPEC §4): attacker-controllable charging power, the weakest entries and the
 * chokepoint links, and a one-click "harden" of the weakest entry whose effect is shown against the
 * numbers before it (the hardening is an ordinary edit: undo takes it back).
 */
import { memo, useState } from "react";
import { formatInterval, formatKw, formatKwShare, formatPercent } from "../analysis/format.ts";
import { namesOf } from "../analysis/why.ts";
import { HistogramChart } from "../charts/HistogramChart.tsx";
import type { SecurityResult } from "../engine/index.ts";
import { harden, type Model } from "../model/index.ts";

interface Baseline {
  id: string;
  name: string;
  kw: number;
  p: number;
  revision: number;
}

function SecurityPanelView({
  model,
  security,
  securityRevision,
  revision,
  onReplace,
  onSelect,
  selectedId,
  attackPath,
}: {
  model: Model;
  security: SecurityResult;
  securityRevision: number;
  revision: number;
  onReplace: (model: Model) => void;
  onSelect: (id: string) => void;
  /** The one selected component: its most frequent attack path is asked for and shown. */
  selectedId?: string;
  attackPath?: { target: string; path: SecurityResult["criticalPath"] };
}) {
  const [baseline, setBaseline] = useState<Baseline | undefined>();
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const linkNames = namesOf(model);
  const kw = security.controllableKw;
  const weakest = security.entries[0];
  const fresh = securityRevision === revision;
  const after = baseline && fresh && securityRevision > baseline.revision ? security : undefined;
  return (
    <section className="security-panel" data-testid="security-panel">
      <h3>Security — {security.horizonDays} days</h3>
      <p className="muted" data-testid="security-trials">
        {security.trials.toLocaleString("en")} attack trials
        {securityRevision === revision ? "" : " (for the model before the last edit)"}
      </p>
      <p className="security-headline" data-testid="controllable-kw">
        Attacker-controllable charging: <strong>{formatKw(kw.mean)}</strong> of {formatKw(kw.totalKw)}{" "}
        <span className="ci">95 % CI {formatInterval(kw.ci95, formatKw)}</span>
        <br />
        <span data-testid="security-threshold">
          P(≥ {kw.thresholdKw / 1000} MW):{" "}
          {kw.pAboveThreshold ? formatPercent(kw.pAboveThreshold.p) : `n/a (${kw.pAboveThresholdReason})`}
        </span>
        {" · "}
        <span data-testid="security-systemic">
          P(≥ {formatPercent(kw.systemicShare)} of its power, {formatKw(kw.systemicKw)}):{" "}
          {formatPercent(kw.pAboveSystemic.p)}
        </span>
      </p>
      <HistogramChart
        histogram={kw.histogram}
        width={330}
        height={160}
        title="Attacker-controllable charging power"
        xLabel="kW compromised within the horizon"
        formatEdge={(e) => formatKw(e)}
        markers={[
          { value: kw.mean, label: "mean", className: "marker-mean", interval: kw.ci95 },
          ...(kw.thresholdKw <= kw.totalKw
            ? [{ value: kw.thresholdKw, label: `${kw.thresholdKw / 1000} MW`, className: "marker-threshold" }]
            : []),
          { value: kw.systemicKw, label: "systemic", className: "marker-threshold" },
        ]}
        isLog
      />
      <OrgExposure security={security} model={model} />
      {selectedId !== undefined && (
        <AttackPathNote model={model} selectedId={selectedId} attackPath={attackPath} />
      )}
      <h4>Weakest entries</h4>
      <ol className="security-list" data-testid="security-entries">
        {security.entries.slice(0, 5).map((e) => (
          <li key={e.id}>
            <button type="button" className="linklike" onClick={() => onSelect(e.id)}>
              {names.get(e.id) ?? e.id}
            </button>{" "}
            {formatKwShare(e.kw, e.share)}
          </li>
        ))}
      </ol>
      <h4>Chokepoint links</h4>
      <ol className="security-list" data-testid="security-chokepoints">
        {security.chokepoints.slice(0, 5).map((e) => (
          <li key={e.id}>
            {linkNames.of(e.id)} {formatKwShare(e.kw, e.share)}
          </li>
        ))}
      </ol>
      {weakest && !baseline && (
        <button
          type="button"
          data-testid="harden-entry"
          disabled={!fresh}
          title="Mutual TLS on it and its links, patches every 14 days, maturity at least 4"
          onClick={() => {
            setBaseline({
              id: weakest.id,
              name: names.get(weakest.id) ?? weakest.id,
              kw: kw.mean,
              p: security.components[weakest.id]?.compromised.p ?? 0,
              revision,
            });
            onReplace(harden(model, weakest.id));
          }}
        >
          Harden {names.get(weakest.id) ?? weakest.id}
        </button>
      )}
      {baseline && (
        <p className="security-delta" data-testid="harden-delta">
          {after ? (
            <>
              Hardening {baseline.name}: controllable {formatKw(baseline.kw)} →{" "}
              {formatKw(after.controllableKw.mean)}; P({baseline.name} compromised){" "}
              {formatPercent(baseline.p)} → {formatPercent(after.components[baseline.id]?.compromised.p ?? 0)}
              .
            </>
          ) : (
            <>Hardening {baseline.name}… </>
          )}{" "}
          <button type="button" className="linklike" onClick={() => setBaseline(undefined)}>
            Dismiss
          </button>
        </p>
      )}
    </section>
  );
}

/** Memoised: the side panel re-renders with every streamed result, this need not. */
export const SecurityPanel = memo(SecurityPanelView);

/** Per organisation: P(any of its components compromised) and its chargers' controllable kW. */
function OrgExposure({ security, model }: { security: SecurityResult; model: Model }) {
  const rows = model.orgs
    .map((o) => ({ o, r: security.orgs[o.id] }))
    .filter((x) => x.r)
    .sort((a, b) => b.r.anyCompromised.p - a.r.anyCompromised.p);
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="org-exposure" data-testid="org-exposure">
        <thead>
          <tr>
            <th>Organisation</th>
            <th>P(breached)</th>
            <th>Its charging controlled</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ o, r }) => (
            <tr key={o.id}>
              <td>
                <span className="org-dot" style={{ background: o.color }} /> {o.name}
              </td>
              <td className="num">{formatPercent(r.anyCompromised.p)}</td>
              <td className="num">{formatKw(r.controllableKw.mean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The most frequent attack path to the selected component, in words (the canvas draws it). */
export function AttackPathNote({
  model,
  selectedId,
  attackPath,
}: {
  model: Model;
  selectedId: string;
  attackPath?: { target: string; path: SecurityResult["criticalPath"] };
}) {
  const linkNames = namesOf(model);
  const name = linkNames.of(selectedId);
  const known = attackPath && attackPath.target === selectedId ? attackPath : undefined;
  const path = known?.path;
  return (
    <p className="attack-path" data-testid="attack-path">
      {path ? (
        <>
          Most frequent attack path to <strong>{name}</strong> ({formatPercent(path.share.p)} of its
          compromises, drawn in red on the canvas):{" "}
          {[linkNames.of(path.entry), ...path.links.map((l) => linkNames.of(l))].join(", then ")}
        </>
      ) : known ? (
        <>{name} is not reached within the horizon.</>
      ) : (
        <>Finding the attack paths to {name}…</>
      )}
    </p>
  );
}

/**
 * The security panel (SPEC §4): attacker-controllable charging power, the weakest entries and the
 * chokepoint links, and a one-click "harden" of the weakest entry whose effect is shown against the
 * numbers before it (the hardening is an ordinary edit: undo takes it back).
 */
import { useState } from "react";
import { formatInterval, formatKw, formatPercent } from "../analysis/format.ts";
import type { SecurityResult } from "../engine/security.ts";
import type { Model } from "../model/index.ts";

/** What "harden" changes: mutual TLS on the component and its links, patching every 14 days. */
export function harden(model: Model, id: string): Model {
  return {
    ...model,
    components: model.components.map((c) =>
      c.id === id ? { ...c, auth: "mtls", patchCadenceDays: 14, maturity: Math.max(c.maturity ?? 3, 4) } : c,
    ),
    links: model.links.map((l) => (l.from === id || l.to === id ? { ...l, auth: "mtls" } : l)),
  };
}

interface Baseline {
  id: string;
  name: string;
  kw: number;
  p: number;
  revision: number;
}

export function SecurityPanel({
  model,
  security,
  securityRevision,
  revision,
  onReplace,
  onSelect,
}: {
  model: Model;
  security: SecurityResult;
  securityRevision: number;
  revision: number;
  onReplace: (model: Model) => void;
  onSelect: (id: string) => void;
}) {
  const [baseline, setBaseline] = useState<Baseline | undefined>();
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const kw = security.controllableKw;
  const weakest = security.entries[0];
  const fresh = securityRevision === revision;
  const after = baseline && fresh && securityRevision > baseline.revision ? security : undefined;
  return (
    <section className="security-panel" data-testid="security-panel">
      <h3>Security — {security.horizonDays} days</h3>
      <p className="security-headline" data-testid="controllable-kw">
        Attacker-controllable charging: <strong>{formatKw(kw.mean)}</strong> of {formatKw(kw.totalKw)}{" "}
        <span className="ci">95 % CI {formatInterval(kw.ci95, formatKw)}</span>
        <br />
        P(≥ {kw.thresholdKw / 1000} MW): {formatPercent(kw.pAboveThreshold.p)}
      </p>
      <h4>Weakest entries</h4>
      <ol className="security-list" data-testid="security-entries">
        {security.entries.slice(0, 5).map((e) => (
          <li key={e.id}>
            <button type="button" className="linklike" onClick={() => onSelect(e.id)}>
              {names.get(e.id) ?? e.id}
            </button>{" "}
            {formatKw(e.kw)} ({formatPercent(e.share)})
          </li>
        ))}
      </ol>
      <h4>Chokepoint links</h4>
      <ol className="security-list" data-testid="security-chokepoints">
        {security.chokepoints.slice(0, 5).map((e) => (
          <li key={e.id}>
            {e.id} {formatKw(e.kw)} ({formatPercent(e.share)})
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

/** The analysis figures of the selected component or link. */
import { formatInterval, formatKw, formatPercent } from "../analysis/format.ts";
import type { BlastRadius, ComponentCoupling, Estimate, ReliabilityResult } from "../engine/index.ts";
import type { Model } from "../model/index.ts";

function Row({ label, e, invert = false }: { label: string; e: Estimate; invert?: boolean }) {
  const p = invert ? 1 - e.p : e.p;
  const ci: [number, number] = invert ? [1 - e.ci95[1], 1 - e.ci95[0]] : e.ci95;
  return (
    <tr>
      <th>{label}</th>
      <td className="num">{formatPercent(p)}</td>
      <td className="ci">{formatInterval(ci, formatPercent)}</td>
    </tr>
  );
}

export interface SelectionStatsProps {
  model: Model;
  result: ReliabilityResult;
  blast: Record<string, BlastRadius>;
  componentId?: string;
  linkId?: string;
}

export function SelectionStats({ model, result, blast, componentId, linkId }: SelectionStatsProps) {
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  if (componentId) {
    const r = result.components[componentId];
    if (!r) return null;
    const charger = result.chargers[componentId];
    const b = blast[componentId];
    return (
      <div className="selection-stats" data-testid="selection-stats">
        <h4>{names.get(componentId)}</h4>
        <table>
          <tbody>
            <Row label="P(non-functional)" e={r.functional} invert />
            <Row label="P(degraded)" e={r.degraded} />
            <Row label="P(own dashboard red)" e={r.red} />
            {charger && <Row label="P(seam failure | unusable)" e={charger.seamFailure} />}
            {charger &&
              Object.keys(charger.phantom).map((v) => (
                <Row key={`p-${v}`} label={`Phantom in ${names.get(v) ?? v}`} e={charger.phantom[v]} />
              ))}
            {charger &&
              Object.keys(charger.hidden).map((v) => (
                <Row key={`h-${v}`} label={`Hidden in ${names.get(v) ?? v}`} e={charger.hidden[v]} />
              ))}
            {b && (
              <tr>
                <th>Blast radius if it fails alone</th>
                <td className="num">{formatKw(b.blastRadiusKw)}</td>
                <td className="ci">{b.spof ? "single point of failure" : `${b.cascade} components`}</td>
              </tr>
            )}
            {b && "betweenness" in b && (
              <tr>
                <th>Coupling</th>
                <td className="num">b {(b as ComponentCoupling).betweenness.toFixed(3)}</td>
                <td className="ci">
                  fan-in {(b as ComponentCoupling).fanIn} · fan-out {(b as ComponentCoupling).fanOut} ·{" "}
                  {formatKw((b as ComponentCoupling).dependantKw)} depend on it
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    );
  }
  if (linkId) {
    const r = result.links[linkId];
    const link = model.links.find((l) => l.id === linkId);
    if (!r || !link) return null;
    return (
      <div className="selection-stats" data-testid="selection-stats">
        <h4>
          {names.get(link.from)} → {names.get(link.to)}
        </h4>
        <table>
          <tbody>
            <Row label="P(failure crosses this link)" e={r.crossing} />
            <tr>
              <th>Organisations</th>
              <td colSpan={2}>
                {r.isSeam ? "crosses a seam between organisations" : "within one organisation"}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    );
  }
  return null;
}

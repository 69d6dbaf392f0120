/** The model's coupling figures (SPEC §5): integrations, seams, cycles, tight coupling. */
import type { CouplingResult } from "../engine/coupling.ts";

export function CouplingSummary({
  coupling,
  names,
}: {
  coupling: CouplingResult;
  names: Map<string, string>;
}) {
  const m = coupling.model;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    <section className="coupling-summary" data-testid="coupling-summary">
      <h3>Coupling</h3>
      <dl>
        <dt>Integrations</dt>
        <dd>{m.integrations}</dd>
        <dt title="Integrations between two organisations">Seams</dt>
        <dd>
          {m.seams} ({pct(m.seamRatio)})
        </dd>
        <dt title="Links that are hard, synchronous, uncached and without redundancy">Tight coupling</dt>
        <dd>{pct(m.tightCoupling)} of links</dd>
        <dt title="Components that depend on each other through hard or cached links">Dependency cycles</dt>
        <dd>
          {m.cycles.length === 0
            ? "none"
            : m.cycles.map((c) => c.map((id) => names.get(id) ?? id).join(" ↔ ")).join("; ")}
        </dd>
      </dl>
    </section>
  );
}

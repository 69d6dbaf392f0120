/**
 * The model's coupling figures (SPEC §5): integrations, seams, cycles, tight coupling, and two
 * organisation heatmaps — who is responsible for whose lost charging, and who integrates with whom.
 */
import { interpolateBlues, interpolateOrRd, scaleSequential } from "d3";
import { memo } from "react";
import { formatKw } from "../analysis/format.ts";
import type { CouplingShown, OrgMatrixCut } from "../engine/index.ts";
import { LINK_KIND, type Model } from "../model/index.ts";
import { ComplexityChart } from "./ComplexityChart.tsx";

function CouplingSummaryView({
  coupling,
  model,
  onSelectOrg,
  onSelect,
}: {
  coupling: CouplingShown;
  model: Model;
  onSelectOrg?: (componentIds: string[]) => void;
  /** Select components and links (the component DSM's cells and headers). */
  onSelect?: (selection: { components: string[]; links: string[] }) => void;
}) {
  const m = coupling.model;
  const names = new Map(model.components.map((c) => [c.id, c.name]));
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
        <dt title="Simple dependency paths starting at a charger site, per site: how many ways failures can interact">
          Interaction paths
        </dt>
        <dd data-testid="paths-per-site">
          {m.pathsPerCharger.toFixed(0)} per site{m.interactionPathsCapped ? " (or more)" : ""}
        </dd>
      </dl>
      <ComplexityChart model={model} coupling={coupling} />
      {coupling.responsibility.orgs.length > 1 && (
        <>
          <OrgHeatmap
            testId="responsibility-matrix"
            title="Responsibility: charging lost (column) when a component of the row fails alone"
            matrix={coupling.responsibility}
            model={model}
            format={formatKw}
            interpolate={interpolateOrRd}
            onSelectOrg={onSelectOrg}
          />
          <OrgHeatmap
            testId="org-dsm"
            title="Design-structure matrix: links from the row organisation to the column"
            matrix={coupling.orgDsm}
            model={model}
            format={(x) => String(x)}
            interpolate={interpolateBlues}
            onSelectOrg={onSelectOrg}
          />
        </>
      )}
      {model.components.length <= COMPONENT_DSM_MAX && <ComponentDsm model={model} onSelect={onSelect} />}
    </section>
  );
}

/** Memoised: the side panel re-renders with every streamed result, this need not. */
export const CouplingSummary = memo(CouplingSummaryView);

function OrgHeatmap({
  testId,
  title,
  matrix,
  model,
  format,
  interpolate,
  onSelectOrg,
}: {
  testId: string;
  title: string;
  matrix: OrgMatrixCut;
  model: Model;
  format: (x: number) => string;
  interpolate: (t: number) => string;
  onSelectOrg?: (componentIds: string[]) => void;
}) {
  const orgs = new Map(model.orgs.map((o) => [o.id, o]));
  const label = (id: string) => (id === "" ? "(none)" : (orgs.get(id)?.name ?? id));
  const short = (id: string) => label(id).slice(0, 3);
  // a large model's organisations (426 at 5,000 components: 181,476 cells) come cut to the few
  // with the most in their row and column (the coupling worker's cutOrgMatrix): the DOM stays a
  // few hundred cells; the colour scale is the whole matrix's
  const { orgs: shown, max } = matrix;
  const color = scaleSequential(interpolate).domain([0, max]);
  const members = (id: string) => model.components.filter((c) => (c.org ?? "") === id).map((c) => c.id);
  return (
    <figure className="org-heatmap" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <table>
        <thead>
          <tr>
            <th />
            {shown.map((column) => (
              <th key={column} title={label(column)} scope="col">
                {short(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => {
            return (
              <tr key={row}>
                <th scope="row">
                  <button type="button" className="linklike" onClick={() => onSelectOrg?.(members(row))}>
                    {label(row)}
                  </button>
                </th>
                {shown.map((column, c) => {
                  const v = matrix.values[r][c];
                  return (
                    <td
                      key={column}
                      title={`${label(row)} → ${label(column)}: ${format(v)}`}
                      style={{
                        background: v > 0 ? color(v) : undefined,
                        color: v > max * 0.6 ? "#fff" : undefined,
                      }}
                    >
                      {v > 0 ? format(v) : ""}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length < matrix.of && (
        <p className="table-note" data-testid={`${testId}-more`}>
          The {shown.length} organisations with the most in their row and column are shown, of{" "}
          {matrix.of.toLocaleString("en-US")}; {(matrix.of - shown.length).toLocaleString("en-US")} more are
          left out (`seams coupling --json` has the whole matrix).
        </p>
      )}
    </figure>
  );
}

/** Above this many components the component × component matrix is too large to read. */
const COMPONENT_DSM_MAX = 60;

/**
 * Component × component design-structure matrix: a dot where the row depends on the column (a link
 * from → to), darker for hard links; click a cell to select its links, a row to select the component.
 */
function ComponentDsm({
  model,
  onSelect,
}: {
  model: Model;
  onSelect?: (selection: { components: string[]; links: string[] }) => void;
}) {
  const ids = model.components.map((c) => c.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const cells = new Map<string, { links: string[]; hard: boolean }>();
  for (const l of model.links) {
    if (!at.has(l.from) || !at.has(l.to)) continue;
    const key = `${l.from}\u0000${l.to}`;
    const cell = cells.get(key) ?? { links: [], hard: false };
    cell.links.push(l.id);
    cell.hard ||= LINK_KIND[l.kind].failsAtOnce;
    cells.set(key, cell);
  }
  const size = 7;
  const label = 110;
  const n = ids.length;
  return (
    <figure className="org-heatmap" data-testid="component-dsm">
      <figcaption>Design-structure matrix: the row depends on the column (dark: hard link)</figcaption>
      <svg
        width={label + n * size + 2}
        height={n * size + 2}
        role="img"
        aria-label="Component dependency matrix"
      >
        {model.components.map((c, r) => (
          <g key={c.id}>
            <text
              x={label - 4}
              y={r * size + size - 1}
              textAnchor="end"
              className="dsm-label"
              onClick={() => onSelect?.({ components: [c.id], links: [] })}
            >
              {c.name.length > 22 ? `${c.name.slice(0, 21)}…` : c.name}
            </text>
            {r % 2 === 0 && <rect x={label} y={r * size} width={n * size} height={size} fill="#f7f8fa" />}
          </g>
        ))}
        {[...cells.entries()].map(([key, cell]) => {
          const [from, to] = key.split("\u0000");
          const r = at.get(from) as number;
          const col = at.get(to) as number;
          return (
            <rect
              key={key}
              x={label + col * size + 1}
              y={r * size + 1}
              width={size - 2}
              height={size - 2}
              fill={cell.hard ? "#1e3a8a" : "#93c5fd"}
              onClick={() => onSelect?.({ components: [], links: cell.links })}
            >
              <title>{`${from} depends on ${to}: ${cell.links.join(", ")}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}

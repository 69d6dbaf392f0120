/**
 * Where the model sits on Perrow's chart (SPEC §5, issue 6): interaction complexity (simple
 * dependency paths per charger site) against tight coupling (share of hard links without cache or
 * redundancy), next to the shipped templates. The templates' coupling is computed in the coupling
 * worker, like the model's.
 */
import { useEffect, useState } from "react";
import { ScatterChart, type ScatterPoint } from "../charts/ScatterChart.tsx";
import type { CouplingResult } from "../engine/index.ts";
import { listTemplates, loadTemplate } from "../io/templates.ts";
import type { Model } from "../model/index.ts";
import { couplingOfModel } from "../store/analysis.ts";

interface Placed {
  label: string;
  pathsPerCharger: number;
  tightCoupling: number;
}

export function ComplexityChart({ model, coupling }: { model: Model; coupling: CouplingResult }) {
  const [templates, setTemplates] = useState<Placed[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    (async () => {
      const list = await listTemplates();
      if (!list.ok) return;
      const placed: Placed[] = [];
      for (const t of list.templates) {
        const loaded = await loadTemplate(t.file);
        if (!loaded.ok) continue;
        const k = (await couplingOfModel(loaded.model)).model;
        placed.push({ label: t.name, pathsPerCharger: k.pathsPerCharger, tightCoupling: k.tightCoupling });
      }
      if (live) setTemplates(placed);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const m = coupling.model;
  // points are numbered on the chart and named in a key below it: names beside close points overlap
  const points: ScatterPoint[] = [
    { label: `${model.name} (this model)`, x: m.pathsPerCharger, y: m.tightCoupling, current: true },
    ...(templates ?? []).map((t) => ({ label: t.label, x: t.pathsPerCharger, y: t.tightCoupling })),
  ].map((p, i) => ({ ...p, mark: String(i + 1) }));
  return (
    <div className="complexity-chart">
      <ScatterChart
        points={points}
        width={320}
        height={200}
        title="Interaction complexity vs tight coupling"
        xLabel="dependency paths per charger site (log)"
        yLabel="tight coupling"
        formatY={(y) => `${Math.round(y * 100)} %`}
        testId="complexity-chart"
      />
      <ol className="complexity-key" data-testid="complexity-key">
        {points.map((p) => (
          <li key={p.label} className={p.current ? "current" : undefined}>
            {p.label}
          </li>
        ))}
      </ol>
      <p className="hint">
        Right and up is Perrow's danger corner: many ways for failures to interact, little slack to absorb
        them.
        {m.interactionPathsCapped ? " (Paths counted up to a million.)" : ""}
      </p>
    </div>
  );
}

/**
 * Decision points (SPEC §5, issue 6): the components that decide (authorisation, pricing, load
 * control, …) and how stale their inputs are — P(an input is lost), P(it is stale: the source is not
 * working and the decider goes on with its last value), and how old a fresh value typically is.
 */
import { useMemo, useState } from "react";
import { formatPercent } from "../analysis/format.ts";
import type { ReliabilityResult } from "../engine/index.ts";
import { decisionPoints } from "../engine/index.ts";
import type { Model } from "../model/index.ts";

const age = (ms: number) =>
  ms >= 60_000
    ? `${+(ms / 60_000).toPrecision(2)} min`
    : ms >= 1000
      ? `${+(ms / 1000).toPrecision(2)} s`
      : `${Math.round(ms)} ms`;

export function DecisionTable({
  model,
  result,
  onSelect,
}: {
  model: Model;
  result: ReliabilityResult;
  onSelect?: (id: string) => void;
}) {
  const [open, setOpen] = useState<string | undefined>(undefined);
  // the result changes every progress tick: derive the table once per result, not per render
  const points = useMemo(
    () =>
      decisionPoints(model, result)
        .filter((d) => d.inputs.length > 0)
        .sort((a, b) => b.worstStale - a.worstStale),
    [model, result],
  );
  const names = useMemo(
    () => new Map(model.components.map((c) => [c.id, c.name || c.id])),
    [model.components],
  );
  if (points.length === 0) return null;
  return (
    <div className="charger-table-wrap">
      <div className="table-scroll">
        <table className="charger-table" data-testid="decision-table">
          <thead>
            <tr>
              <th>Decision point</th>
              <th>Decides</th>
              <th title="The largest P(stale) among its inputs: its source is not working and it decides on the last value it had">
                Stale input
              </th>
              <th title="The oldest typical age of a fresh input (transit, processing and half a poll interval)">
                Input age
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((d) => (
              <DecisionRows
                key={d.id}
                name={names.get(d.id) ?? d.id}
                point={d}
                names={names}
                open={open === d.id}
                onToggle={() => setOpen(open === d.id ? undefined : d.id)}
                onSelect={onSelect}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function DecisionRows({
  name,
  point,
  names,
  open,
  onToggle,
  onSelect,
}: {
  name: string;
  point: ReturnType<typeof decisionPoints>[number];
  names: Map<string, string>;
  open: boolean;
  onToggle: () => void;
  onSelect?: (id: string) => void;
}) {
  const oldest = Math.max(...point.inputs.map((i) => i.delayMs));
  return (
    <>
      <tr onClick={onToggle} data-testid={`decision-${point.id}`} className={open ? "selected" : undefined}>
        <td>
          {open ? "▾" : "▸"}{" "}
          <button
            type="button"
            className="link-button"
            title="Select it on the canvas"
            onClick={(e) => {
              e.stopPropagation();
              onSelect?.(point.id);
            }}
          >
            {name}
          </button>
        </td>
        <td>{point.decides.join(", ")}</td>
        <td className="num">{formatPercent(point.worstStale)}</td>
        <td className="num">{age(oldest)}</td>
      </tr>
      {open &&
        point.inputs.map((i) => (
          <tr key={i.link} className="decision-input">
            <td title={i.link}>
              ← {i.flows.join(", ")} from {names.get(i.provider) ?? i.provider}
            </td>
            <td>{i.kind}</td>
            <td className="num" title={`lost ${formatPercent(i.lost)}`}>
              {formatPercent(i.stale)}
            </td>
            <td className="num">{age(i.delayMs)}</td>
          </tr>
        ))}
    </>
  );
}

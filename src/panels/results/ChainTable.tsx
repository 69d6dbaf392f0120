/**
 * Signal chains in the results: each chain's end-to-end latency (p50 / p95), how often late or
 * lost, its latency histogram, and the buttons that add chains (derived from the links' flows, or
 * through the components selected on the canvas).
 */
import { useState } from "react";
import { formatMs, formatPercent } from "../../analysis/format.ts";
import { HistogramChart } from "../../charts/HistogramChart.tsx";
import type { Histogram, ReliabilityResult } from "../../engine/index.ts";
import { type ChainKind, chainThrough, DERIVED_DEADLINE_MS, deriveChains } from "../../engine/index.ts";
import type { Model } from "../../model/index.ts";
import { useModelStore } from "../../store/model.ts";

/** Chain and links of a chain's path (consumer → provider links between consecutive components). */
function chainSelection(model: Model, path: string[]): { components: string[]; links: string[] } {
  const links: string[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const l =
      model.links.find((x) => x.from === path[i + 1] && x.to === path[i]) ??
      model.links.find((x) => x.from === path[i] && x.to === path[i + 1]);
    if (l) links.push(l.id);
  }
  return { components: [...path], links };
}

/** The chain's latency histogram, trimmed to the bins that happened; the last bin is "lost". */
function trimmedHistogram(h: Histogram): Histogram {
  const n = h.counts.length - 1;
  let first = 0;
  while (first < n && h.counts[first] === 0) first++;
  let last = n - 1;
  while (last > first && h.counts[last] === 0) last--;
  return {
    edges: [...h.edges.slice(first, last + 1), -1],
    counts: [...h.counts.slice(first, last + 1), h.counts[n]],
  };
}

const DERIVE_MAX = 24;

/**
 * Signal chains: how long a status or a curtailment takes end to end, how often late or lost. A row
 * click lights the chain up on the canvas (it selects its components and links) and charts its
 * latency; "Derive" adds the chains found on the links' flows (an undoable edit).
 */
export function ChainTable({ model, result }: { model: Model; result: ReliabilityResult }) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [kinds, setKinds] = useState<ChainKind[]>(["status"]);
  const chains = model.chains.filter((c) => result.chains?.[c.id]);
  const derive = () => {
    const found = deriveChains(model, { kinds, max: DERIVE_MAX });
    const known = new Set(model.chains.map((c) => c.path.join(">")));
    const fresh = found.filter((c) => !known.has(c.path.join(">")));
    if (fresh.length > 0) useModelStore.getState().replace({ ...model, chains: [...model.chains, ...fresh] });
  };
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const selected = useModelStore((st) => st.selection.components);
  const fromSelection = () => {
    const path = chainThrough(model, selected);
    if (!path) {
      setProblem(
        "Select 2–12 components that pass a signal along their links (shift-click them on the canvas).",
      );
      return;
    }
    setProblem(undefined);
    const names = new Map(model.components.map((c) => [c.id, c.name || c.id]));
    const taken = new Set(model.chains.map((c) => c.id));
    let id = `chain-${path[0]}-${path[path.length - 1]}`;
    for (let k = 2; taken.has(id); k++) id = `chain-${path[0]}-${path[path.length - 1]}-${k}`;
    const chain = {
      id,
      name: `${names.get(path[0])} → ${names.get(path[path.length - 1])}`,
      path,
      deadlineMs: DERIVED_DEADLINE_MS.status.value,
    };
    useModelStore.getState().replace({ ...model, chains: [...model.chains, chain] });
  };
  const shown = chosen ? model.chains.find((c) => c.id === chosen) : undefined;
  const shownResult = shown ? result.chains?.[shown.id] : undefined;
  return (
    <div className="charger-table-wrap" data-testid="chains">
      <div className="chain-derive">
        Derive chains:
        {(["status", "control", "auth"] as const).map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
              data-testid={`derive-${k}`}
            />
            {k === "auth" ? "authorisation" : k}
          </label>
        ))}
        <button
          type="button"
          onClick={derive}
          disabled={kinds.length === 0}
          data-testid="derive-chains"
          title={`Adds up to ${DERIVE_MAX} chains found on the links' flows (deadlines are estimates: status 60 s, control 5 min, authorisation 10 s)`}
        >
          Add
        </button>
        <button
          type="button"
          onClick={fromSelection}
          data-testid="chain-from-selection"
          title="A chain through the components selected on the canvas, ordered along their links (deadline 60 s, an estimate)"
        >
          From selection ({selected.length})
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert" data-testid="chain-problem">
          {problem}
        </p>
      )}
      {chains.length > 0 && (
        <table className="charger-table" data-testid="chain-table">
          <thead>
            <tr>
              <th>Signal chain</th>
              <th title="median / 95th percentile of the end-to-end latency when it gets through">
                p50 / p95
              </th>
              <th>Deadline</th>
              <th title="P(it gets through later than the deadline)">Late</th>
              <th title="P(a component on the way is not working: the signal is lost)">Lost</th>
            </tr>
          </thead>
          <tbody>
            {chains.map((c) => {
              const r = result.chains[c.id];
              return (
                <tr
                  key={c.id}
                  className={c.id === chosen ? "selected" : undefined}
                  onClick={() => {
                    setChosen(c.id);
                    useModelStore.getState().select(chainSelection(model, c.path));
                  }}
                  data-testid={`chain-row-${c.id}`}
                >
                  <td title={c.path.join(" → ")}>{c.name}</td>
                  <td className="num">
                    {formatMs(r.p50)} / {formatMs(r.p95)}
                  </td>
                  <td className="num">{formatMs(r.deadlineMs)}</td>
                  <td className="num">{formatPercent(r.deadlineMiss.p)}</td>
                  <td className="num">{formatPercent(r.broken.p)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {shown && shownResult && (
        <div data-testid="chain-chart">
          <HistogramChart
            histogram={trimmedHistogram(shownResult.histogram)}
            width={320}
            height={170}
            title={`${shown.name}: end-to-end latency`}
            xLabel="milliseconds (last bar: lost)"
            formatEdge={(e) =>
              e < 0 ? "lost" : e >= 1000 ? `${+(e / 1000).toPrecision(2)} s` : `${+e.toPrecision(2)}`
            }
            markers={[{ value: shown.deadlineMs, label: "deadline", className: "marker-threshold" }]}
          />
        </div>
      )}
    </div>
  );
}

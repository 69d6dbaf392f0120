/**
 * The reliability results: headline figures with their 95 % intervals, convergence, the cascade
 * and unusable-kW distributions, and a per-charger table with phantom/hidden per viewer.
 */
import { useMemo, useState } from "react";
import { formatInterval, formatKw, formatMs, formatPercent } from "../analysis/format.ts";
import { HistogramChart } from "../charts/HistogramChart.tsx";
import { ResultCharts } from "../charts/ResultCharts.tsx";
import type { Estimate, Histogram, MeanEstimate, ReliabilityResult } from "../engine/index.ts";
import { type ChainKind, chainThrough, DERIVED_DEADLINE_MS, deriveChains } from "../engine/index.ts";
import { type Model, resolveComponent } from "../model/index.ts";
import { useModelStore } from "../store/model.ts";
import { DecisionTable } from "./DecisionTable.tsx";
import "./results.css";

export interface Progress {
  trialsDone: number;
  trialsTarget: number;
  converged: boolean;
}

export interface ResultsPanelProps {
  model: Model;
  result: ReliabilityResult;
  progress: Progress;
  onSelect?: (componentId: string) => void;
  /** Open the why panel for a charger site. */
  onWhy?: (chargerId: string) => void;
  /** Replay a trial in which `viewer` showed the site available while it could not charge. */
  onReplayPhantom?: (chargerId: string, viewer: string) => void;
}

function Headline({
  testId,
  label,
  value,
  interval,
  hint,
}: {
  testId: string;
  label: string;
  value: string;
  interval: string;
  hint: string;
}) {
  return (
    <div className="headline" data-testid={testId} title={hint}>
      <div className="headline-label">{label}</div>
      <div className="headline-value">{value}</div>
      <div className="headline-ci">95 % CI {interval}</div>
    </div>
  );
}

const pct = (e: Estimate) => ({ value: formatPercent(e.p), interval: formatInterval(e.ci95, formatPercent) });
const meanPct = (e: MeanEstimate) => ({
  value: formatPercent(e.mean),
  interval: formatInterval(e.ci95, formatPercent),
});

export function ResultsPanel({
  model,
  result,
  progress,
  onSelect,
  onWhy,
  onReplayPhantom,
}: ResultsPanelProps) {
  const s = result.system;
  const share = s.totalKw > 0 ? s.unusableKw.mean / s.totalKw : 0;
  return (
    <div className="results-panel" data-testid="results-panel">
      <Convergence progress={progress} />
      <div className="headlines">
        <Headline
          testId="headline-unusable-kw"
          label="Expected unusable charging"
          value={`${formatKw(s.unusableKw.mean)} (${formatPercent(share)})`}
          interval={formatInterval(s.unusableKw.ci95, formatKw)}
          hint="Mean kW of charger sites that cannot charge at a random instant"
        />
        <Headline
          testId="headline-systemic"
          label={`P(systemic event ≥ ${formatPercent(model.settings.systemicThreshold)} of kW)`}
          {...pct(s.systemicEvent)}
          hint="Probability that at least the systemic threshold of all charging power is unusable at once"
        />
        <Headline
          testId="headline-phantom"
          label="Phantom availability rate"
          {...meanPct(s.phantomRate)}
          hint="Mean over (charger, viewer) pairs of P(charger unusable but shown available)"
        />
        <Headline
          testId="headline-seam-share"
          label="Seam-failure share of unusable kW"
          {...pct(s.seamShare)}
          hint="Share of unusable kW where every dashboard on the charger's dependency path is green"
        />
        <Headline
          testId="headline-seam-crossing"
          label="Failures crossing organisations"
          {...pct(s.seamCrossingShare)}
          hint="Share of failure crossings on links between two organisations"
        />
      </div>
      <div className="charts">
        <ResultCharts
          result={result}
          systemicThreshold={model.settings.systemicThreshold}
          width={330}
          height={170}
        />
      </div>
      <ChargerTable
        model={model}
        result={result}
        onSelect={onSelect}
        onWhy={onWhy}
        onReplayPhantom={onReplayPhantom}
      />
      <ChainTable model={model} result={result} />
      <DecisionTable model={model} result={result} onSelect={onSelect} />
    </div>
  );
}

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
function ChainTable({ model, result }: { model: Model; result: ReliabilityResult }) {
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

function Convergence({ progress }: { progress: Progress }) {
  const done = Math.min(1, progress.trialsDone / Math.max(1, progress.trialsTarget));
  return (
    <div className="convergence" data-testid="convergence" data-converged={progress.converged}>
      <div className="convergence-bar">
        <div style={{ width: `${(progress.converged ? 1 : done) * 100}%` }} />
      </div>
      <span>
        {progress.trialsDone.toLocaleString("en")} trials
        {progress.converged ? " · converged" : ` of ${progress.trialsTarget.toLocaleString("en")}…`}
      </span>
    </div>
  );
}

type SortKey = "unusable" | "name" | "kw";

/** Rows and viewer columns drawn at first: a 1,000-site model must not draw 80,000 cells per update. */
const ROWS_SHOWN = 25;
const VIEWERS_SHOWN = 8;

function ChargerTable({
  model,
  result,
  onSelect,
  onWhy,
  onReplayPhantom,
}: {
  model: Model;
  result: ReliabilityResult;
  onSelect?: (id: string) => void;
  onWhy?: (id: string) => void;
  onReplayPhantom?: (id: string, viewer: string) => void;
}) {
  const [sortKey, setSortKey] = useState<SortKey>("unusable");
  const [limit, setLimit] = useState(ROWS_SHOWN);
  const all = useMemo(() => {
    const list = model.components
      .filter((c) => result.chargers[c.id])
      .map((c) => {
        const r = resolveComponent(c);
        return { c, kw: r.units * r.kwPerUnit, stats: result.chargers[c.id] };
      });
    const by: Record<SortKey, (a: (typeof list)[number], b: (typeof list)[number]) => number> = {
      unusable: (a, b) => a.stats.usable.p - b.stats.usable.p,
      name: (a, b) => a.c.name.localeCompare(b.c.name),
      kw: (a, b) => b.kw - a.kw,
    };
    return list.sort(by[sortKey]);
  }, [model, result, sortKey]);
  const rows = all.slice(0, limit);
  // viewer columns: those that see the rows shown, the most phantom-prone first, a few at most
  const viewers = useMemo(() => {
    const worst = new Map<string, number>();
    for (const r of rows) {
      for (const [v, e] of Object.entries(r.stats.phantom)) worst.set(v, Math.max(worst.get(v) ?? 0, e.p));
    }
    const names = new Map(model.components.map((c) => [c.id, c.name]));
    const ids = [...worst.keys()];
    const shown =
      ids.length > VIEWERS_SHOWN ? ids.sort((a, b) => (worst.get(b) ?? 0) - (worst.get(a) ?? 0)) : ids;
    return {
      list: shown.slice(0, VIEWERS_SHOWN).map((id) => ({ id, name: names.get(id) ?? id })),
      total: ids.length,
    };
  }, [model, rows]);
  const header = (key: SortKey, label: string) => (
    <th>
      <button type="button" className={sortKey === key ? "sorted" : ""} onClick={() => setSortKey(key)}>
        {label}
      </button>
    </th>
  );
  return (
    <div className="charger-table-wrap">
      <table className="charger-table" data-testid="charger-table">
        <thead>
          <tr>
            {header("name", "Charger site")}
            {header("kw", "kW")}
            {header("unusable", "P(unusable)")}
            <th title="P(seam failure | unusable): unusable while every dashboard is green">Seam share</th>
            {onWhy && <th aria-label="Why" />}
            {viewers.list.map((v) => (
              <th
                key={v.id}
                className="viewer"
                title={`${v.name}: phantom (shown available, cannot charge) / hidden (can charge, not shown available)`}
              >
                {v.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, kw, stats }) => (
            <tr key={c.id} data-id={c.id} onClick={() => onSelect?.(c.id)}>
              <td>{c.name}</td>
              <td className="num">{formatKw(kw)}</td>
              <td className="num">{formatPercent(1 - stats.usable.p)}</td>
              <td className="num">{formatPercent(stats.seamFailure.p)}</td>
              {onWhy && (
                <td>
                  <button
                    type="button"
                    className="linklike"
                    data-testid="charger-why"
                    title="Why is it unusable? The failure combinations that contribute most"
                    onClick={(e) => {
                      e.stopPropagation();
                      onWhy(c.id);
                    }}
                  >
                    Why?
                  </button>
                </td>
              )}
              {viewers.list.map((v) => {
                const phantom = stats.phantom[v.id];
                const hidden = stats.hidden[v.id];
                return (
                  <td key={v.id} className="num pair">
                    {phantom && phantom.p > 0 && onReplayPhantom ? (
                      <button
                        type="button"
                        className="phantom linklike"
                        data-testid="phantom-cell"
                        data-viewer={v.id}
                        title={`Replay a trial in which ${v.name} showed it available while it could not charge`}
                        onClick={(e) => {
                          e.stopPropagation();
                          onReplayPhantom(c.id, v.id);
                        }}
                      >
                        {formatPercent(phantom.p)}
                      </button>
                    ) : phantom ? (
                      <span className="phantom">{formatPercent(phantom.p)}</span>
                    ) : (
                      "–"
                    )}
                    {" / "}
                    {hidden ? <span className="hidden-avail">{formatPercent(hidden.p)}</span> : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {all.length > rows.length && (
        <button
          type="button"
          className="show-more"
          data-testid="charger-table-more"
          onClick={() => setLimit(all.length)}
        >
          Show all {all.length} sites
        </button>
      )}
      <p className="table-note">
        Per viewer: phantom (shown available, cannot charge) / hidden (can charge, not shown available).
        {viewers.total > viewers.list.length &&
          ` The ${viewers.list.length} viewers with the most phantom availability are shown of ${viewers.total}; \`seams simulate --json\` has them all.`}
      </p>
    </div>
  );
}

/**
 * The per-charger table of the results: start success (of drivers' attempts there), P(unusable),
 * seam share, and phantom / hidden availability per viewer, sortable, with a "Why?" and a phantom
 * replay per row.
 */
import { useMemo, useState } from "react";
import { formatInterval, formatKw, formatPercent } from "../../analysis/format.ts";
import type { ReliabilityResult } from "../../engine/index.ts";
import { type Model, resolveComponent } from "../../model/index.ts";
import { firstInOrder } from "./topRows.ts";

type SortKey = "unusable" | "name" | "kw" | "start";

/** Rows and viewer columns drawn at first: a 1,000-site model must not draw 80,000 cells per update. */
const ROWS_SHOWN = 25;
const VIEWERS_SHOWN = 8;

/** The charger sites, the least usable first, a few rows and viewer columns at first. */
export function ChargerTable({
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
  // per model: each site with its kW, and the orders that need no result (names, kW)
  const sites = useMemo(
    () =>
      model.components.map((c) => {
        const r = resolveComponent(c);
        return { c, kw: r.units * r.kwPerUnit };
      }),
    [model],
  );
  const fixedOrder = useMemo(() => {
    if (sortKey === "name") return [...sites].sort((a, b) => a.c.name.localeCompare(b.c.name));
    if (sortKey === "kw") return [...sites].sort((a, b) => b.kw - a.kw);
    return undefined;
  }, [sites, sortKey]);
  // per result: its figures on each site, and the rows shown ranked (not every site sorted)
  const { rows, siteCount } = useMemo(() => {
    const withStats = (list: typeof sites) =>
      list.flatMap(({ c, kw }) => {
        const stats = result.chargers[c.id];
        return stats ? [{ c, kw, stats }] : [];
      });
    if (fixedOrder) {
      const all = withStats(fixedOrder);
      return { rows: all.slice(0, limit), siteCount: all.length };
    }
    const all = withStats(sites);
    type Row = (typeof all)[number];
    const compare: (a: Row, b: Row) => number =
      sortKey === "start"
        ? // the lowest start success first; a result without the driver's view keeps the model's order
          (a, b) => (a.stats.ftcsr?.p ?? 1) - (b.stats.ftcsr?.p ?? 1)
        : (a, b) => a.stats.usable.p - b.stats.usable.p;
    return { rows: firstInOrder(all, limit, compare), siteCount: all.length };
  }, [sites, fixedOrder, result, sortKey, limit]);
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
            {header("start", "Start success")}
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
              <td
                className="num"
                data-testid="charger-start-success"
                title={
                  stats.ftcsr
                    ? `Of drivers' attempts here: charging started (95 % CI ${formatInterval(stats.ftcsr.ci95, formatPercent)})`
                    : undefined
                }
              >
                {stats.ftcsr ? formatPercent(stats.ftcsr.p) : "–"}
              </td>
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
      {siteCount > rows.length && (
        <button
          type="button"
          className="show-more"
          data-testid="charger-table-more"
          onClick={() => setLimit(siteCount)}
        >
          Show all {siteCount} sites
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

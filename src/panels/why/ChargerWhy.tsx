/**
 * Why a charger site is unusable: the failure combinations that contribute most (minimal cut sets
 * ranked by contribution, exact for acyclic models, counted from trials otherwise), each
 * highlighted on the canvas when chosen, and the buttons that replay a trial.
 */
import { useEffect, useState } from "react";
import { formatPercent } from "../../analysis/format.ts";
import { type Names, namePhrase } from "../../analysis/why.ts";
import type { ReplayOutcome } from "../../engine/index.ts";
import { chooseCause, startReplay, useWhyStore } from "../../store/why.ts";
import { Replay } from "./Replay.tsx";

/** Cut sets (or counted combinations) listed. */
const TOP = 8;

/** The causes of `charger`'s unusability, or the open replay of one of its trials. */
export function ChargerWhy({
  charger,
  names,
  viewers,
}: {
  charger: string;
  names: Names;
  viewers: string[];
}) {
  const { why, loading, error, chosen, replay } = useWhyStore();
  const [viewer, setViewer] = useState(viewers[0] ?? "");
  useEffect(() => {
    if (!viewers.includes(viewer)) setViewer(viewers[0] ?? "");
  }, [viewers, viewer]);
  if (replay) return <Replay replay={replay} names={names} />;
  const replayOf = (outcome: ReplayOutcome) => () => startReplay(outcome);
  return (
    <>
      {loading && <p className="muted">Finding the failure combinations…</p>}
      {error && (
        <p className="analysis-error" role="alert">
          {error}
        </p>
      )}
      {why?.method === "exact" && (
        <>
          <p className="why-method" data-testid="why-method">
            Exact: the minimal cut sets of its fault tree, ranked by their share of the rare-event sum (
            {formatPercent(why.sumP)})
            {why.truncated ? `; sets of more than ${why.maxOrder} events left out` : ""}.
          </p>
          <ol className="why-list" data-testid="why-cutsets">
            {why.cutSets.slice(0, TOP).map((cs, i) => (
              <li key={cs.events.map((e) => e.name).join()}>
                <button
                  type="button"
                  className={chosen === i ? "why-cause on" : "why-cause"}
                  data-testid="why-cutset"
                  data-events={cs.events.map((e) => e.name).join(",")}
                  aria-pressed={chosen === i}
                  onClick={() => chooseCause(chosen === i ? undefined : i)}
                >
                  <span className="why-words" data-testid="why-words">
                    {cs.phrases.map((p) => namePhrase(p, names)).join(" and ")}
                  </span>
                  <span className="why-share" data-testid="why-share">
                    {formatPercent(cs.share)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {why.cutSets.length === 0 && <p className="muted">Nothing in the model makes it unusable.</p>}
        </>
      )}
      {why?.method === "counted" && (
        <>
          <p className="why-method" data-testid="why-method">
            Counted from {why.trials.toLocaleString("en")} trials ({why.unusableTrials.toLocaleString("en")}{" "}
            unusable): no exact fault tree — {why.reason}.
          </p>
          <ol className="why-list" data-testid="why-cutsets">
            {why.causes.slice(0, TOP).map((c, i) => (
              <li key={c.failed.join()}>
                <button
                  type="button"
                  className={chosen === i ? "why-cause on" : "why-cause"}
                  data-testid="why-cutset"
                  data-events={c.failed.join(",")}
                  aria-pressed={chosen === i}
                  onClick={() => chooseCause(chosen === i ? undefined : i)}
                >
                  <span className="why-words" data-testid="why-words">
                    {c.failed.length === 0
                      ? "nothing failed by itself (timing)"
                      : c.failed
                          .map((f) =>
                            f.startsWith("timeout:")
                              ? `the call over ${names.of(f.slice(8))} times out`
                              : `${names.of(f)} down`,
                          )
                          .join(" and ")}
                  </span>
                  <span className="why-share" data-testid="why-share">
                    {formatPercent(c.share)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="why-replay-actions">
        <h4>Replay a trial</h4>
        <button type="button" data-testid="replay-unusable" onClick={replayOf({ kind: "unusable", charger })}>
          Unusable
        </button>
        <button type="button" data-testid="replay-seam" onClick={replayOf({ kind: "seam", charger })}>
          Seam failure
        </button>
        {viewers.length > 0 && (
          <span className="why-phantom">
            <select
              aria-label="Viewer"
              data-testid="replay-viewer-select"
              value={viewer}
              onChange={(e) => setViewer(e.target.value)}
            >
              {viewers.map((v) => (
                <option key={v} value={v}>
                  {names.of(v)}
                </option>
              ))}
            </select>
            <button
              type="button"
              data-testid="replay-phantom"
              disabled={!viewer}
              onClick={replayOf({ kind: "phantom", charger, viewer })}
            >
              Phantom
            </button>
          </span>
        )}
      </div>
    </>
  );
}

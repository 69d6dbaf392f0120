/**
 * The Timeline tab (SPEC §11): the incident editor, the run (streamed from its worker, cancelled
 * by any edit), the player that moves the canvas bin by bin (what is true, or what one viewer
 * shows), the run's figures and its charts of start success, load and latency with the incident
 * windows shaded. People read names and rates, never ids.
 */
import { useEffect } from "react";
import { formatPercent } from "../../analysis/format.ts";
import { binAt, formatClock, formatDuration, incidentWindows, targetName } from "../../analysis/timeline.ts";
import type { TimelineResult } from "../../engine/index.ts";
import type { Model } from "../../model/schema.ts";
import { useModelStore } from "../../store/model.ts";
import { IncidentEditor } from "./IncidentEditor.tsx";
import { TimelineCharts } from "./TimelineCharts.tsx";
import { cancelTimelineRun, showBin, startTimelineRun, useTimelineStore } from "./timelineStore.ts";
import "./timeline.css";

/** Bins the player moves per tick, and the tick: a 24-hour run of 1,440 bins plays in about 30 s. */
const PLAY_TICK_MS = 100;
const PLAY_BINS_PER_TICK = 5;

export function TimelinePanel({ model, revision }: { model: Model; revision: number }) {
  const state = useTimelineStore();
  const { result, status, bin, playing } = state;
  const isCurrent = state.revision === revision;

  // the player: a bin every tick until the last bin simulated so far
  useEffect(() => {
    if (!playing || !result) return;
    const timer = setInterval(() => {
      const s = useTimelineStore.getState();
      const last = (s.result?.minutes.length ?? 1) - 1;
      const next = Math.min(last, (s.bin ?? -1) + PLAY_BINS_PER_TICK);
      useTimelineStore.setState({ bin: next, playing: next < last || s.status === "running" });
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, result]);

  const store = useModelStore.getState();
  return (
    <div className="timeline-panel" data-testid="timeline-panel">
      <IncidentEditor
        model={model}
        onReplace={store.replace}
        skipped={state.skipped}
        onToggleRun={(id, isIncluded) =>
          useTimelineStore.setState({
            skipped: isIncluded ? state.skipped.filter((x) => x !== id) : [...state.skipped, id],
          })
        }
      />
      <section className="timeline-run">
        <h3>Run</h3>
        <div className="timeline-controls">
          <label>
            Horizon (hours)
            <input
              type="number"
              min={1}
              max={8784}
              value={state.hours}
              data-testid="timeline-hours"
              onChange={(e) =>
                useTimelineStore.setState({ hours: Math.max(1, Number(e.target.value) || 24) })
              }
            />
          </label>
          {status === "running" ? (
            <button type="button" data-testid="timeline-cancel" onClick={cancelTimelineRun}>
              Cancel
            </button>
          ) : (
            <button
              type="button"
              data-testid="timeline-run"
              onClick={() => startTimelineRun(model, revision)}
            >
              Run the timeline
            </button>
          )}
        </div>
        {status === "running" && (
          <p className="muted" data-testid="timeline-progress">
            Simulating… {formatPercent(state.progress)} of {state.hours} h
          </p>
        )}
        {status === "failed" && (
          <p className="analysis-error" role="alert">
            The timeline failed: {state.error}
          </p>
        )}
        {status === "idle" && (
          <p className="muted">
            Simulates the model minute by minute (seed {model.settings.seed}): failures and repairs, the
            incidents, heartbeats, status pushes, drivers and the load and retries at every backend with a
            capacity. Any edit cancels a run.
          </p>
        )}
      </section>
      {result && isCurrent && (
        <>
          <Player model={model} result={result} bin={bin} playing={playing} />
          <Summary model={model} result={result} />
          <TimelineCharts
            model={model}
            result={result}
            windows={incidentWindows(model, result)}
            cursorMinutes={bin === undefined ? undefined : result.minutes[bin]}
          />
        </>
      )}
    </div>
  );
}

function Player({
  model,
  result,
  bin,
  playing,
}: {
  model: Model;
  result: TimelineResult;
  bin: number | undefined;
  playing: boolean;
}) {
  const view = useTimelineStore((s) => s.view);
  const last = result.minutes.length - 1;
  const viewers = Object.keys(result.series.shown);
  return (
    <section className="timeline-player" data-testid="timeline-player">
      <div className="timeline-controls">
        <button
          type="button"
          data-testid="timeline-play"
          onClick={() =>
            useTimelineStore.setState({ playing: !playing, bin: bin === undefined || bin >= last ? 0 : bin })
          }
        >
          {playing ? "Pause" : "Play"}
        </button>
        <input
          type="range"
          min={0}
          max={Math.max(0, last)}
          value={bin ?? 0}
          aria-label="Time"
          data-testid="timeline-scrubber"
          onChange={(e) => useTimelineStore.setState({ bin: Number(e.target.value), playing: false })}
        />
        <span data-testid="timeline-clock">
          {bin === undefined ? "canvas: snapshot analysis" : formatClock(result.minutes[bin])}
        </span>
      </div>
      <div className="timeline-controls">
        <label>
          Canvas shows
          <select
            value={view.kind === "true" ? "" : view.id}
            data-testid="timeline-view"
            onChange={(e) =>
              useTimelineStore.setState({
                view: e.target.value ? { kind: "viewer", id: e.target.value } : { kind: "true" },
                bin: bin ?? binAt(result, (model.incidents ?? [])[0]?.atMinutes ?? 0),
              })
            }
          >
            <option value="">what is true</option>
            {viewers.map((id) => (
              <option key={id} value={id}>
                what {targetName(model, id)} shows
              </option>
            ))}
          </select>
        </label>
        {bin !== undefined && (
          <button type="button" className="link-button" onClick={() => showBin(undefined)}>
            Back to the snapshot analysis
          </button>
        )}
      </div>
      <p className="muted">
        On the canvas: each backend's share of requests timed out in the bin (colour), its queue and the
        requests per second offered to it (label); an incident's target shows its effect.
      </p>
    </section>
  );
}

/** A share or "—" when nothing was measured. */
const share = (p: number | null) => (p === null ? "—" : formatPercent(p));
const minutesOrNever = (m: number | null) => (m === null ? "not within the run" : formatDuration(m));

function Summary({ model, result }: { model: Model; result: TimelineResult }) {
  const { summary } = result;
  const metastable = Object.entries(result.components).filter(([, c]) => c.metastable === true);
  return (
    <section className="timeline-summary" data-testid="timeline-summary">
      <h3>Over the run ({formatDuration(result.hours * 60)})</h3>
      <dl>
        <dt>Start success</dt>
        <dd>{share(summary.ftcsr)} of drivers' attempts</dd>
        <dt>Demand success</dt>
        <dd>{share(summary.demandSuccess)} of intended visits</dd>
        <dt>Reported uptime</dt>
        <dd>{formatPercent(summary.reportedUptime)} of charging points</dd>
        <dt>Phantom availability</dt>
        <dd>
          {Math.round(summary.phantomMinutes).toLocaleString("en-GB")} unit-minutes shown available that could
          not charge
        </dd>
        <dt>Hidden availability</dt>
        <dd data-testid="timeline-hidden">
          {Math.round(summary.hiddenMinutes).toLocaleString("en-GB")} unit-minutes able to charge that the
          operators' feed showed unavailable
        </dd>
      </dl>
      {Object.keys(result.incidents).length > 0 && (
        <table className="timeline-incidents">
          <thead>
            <tr>
              <th>Incident</th>
              <th>First red dashboard after</th>
              <th>Recovered after</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {Object.entries(result.incidents).map(([id, x]) => {
              const incident = model.incidents?.find((i) => i.id === id);
              return (
                <tr key={id}>
                  <td>{incident?.name ?? id}</td>
                  <td>{minutesOrNever(x.detectMinutes)}</td>
                  <td>{minutesOrNever(x.recoverMinutes)}</td>
                  <td>
                    {incident && (
                      <button
                        type="button"
                        className="link-button"
                        data-testid="timeline-show-incident"
                        title="Move the player to the middle of the incident"
                        onClick={() =>
                          useTimelineStore.setState({
                            playing: false,
                            bin: binAt(result, incident.atMinutes + incident.durationMinutes / 2),
                          })
                        }
                      >
                        Show
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {metastable.length > 0 && (
        <p className="analysis-error" data-testid="timeline-metastable">
          Metastable (overloaded 30–60 min after its last incident ended):{" "}
          {metastable.map(([id]) => targetName(model, id)).join(", ")}
        </p>
      )}
    </section>
  );
}

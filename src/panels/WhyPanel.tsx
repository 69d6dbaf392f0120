/**
 * Why (issue 8): for a charger site, the failure combinations that contribute most to its
 * unusability (minimal cut sets ranked by contribution, exact for acyclic models, counted from
 * trials otherwise), each highlighted on the canvas when chosen; a cascade replay of a sampled
 * trial step by step; for a compromise, the most frequent attack path as steps.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { formatPercent } from "../analysis/format.ts";
import {
  describeCause,
  describeIntrinsic,
  describeViewer,
  type Names,
  namePhrase,
  namesOf,
} from "../analysis/why.ts";
import type { ReplayOutcome, SecurityResult } from "../engine/index.ts";
import type { Model } from "../model/schema.ts";
import {
  chooseCause,
  closeReplay,
  closeWhy,
  lastStep,
  openWhy,
  type ReplayState,
  startReplay,
  stepReplay,
  useWhyStore,
} from "../store/why.ts";
import "./why.css";

/** Cut sets (or counted combinations) listed. */
const TOP = 8;

export interface WhyPanelProps {
  model: Model;
  /** Viewers that see each charger site (from the analysis result), for the phantom replay. */
  viewersOf: (chargerId: string) => string[];
  /** The most frequent attack path to a component, when known for this revision. */
  attackPath: { target: string; path: SecurityResult["criticalPath"] } | undefined;
  /** Ask for the attack path to a component (the security view draws it in red). */
  requestAttackPath: (id: string) => void;
  isSecurityView: boolean;
  onSecurityView: () => void;
}

export function WhyPanel(props: WhyPanelProps) {
  const target = useWhyStore((s) => s.target);
  const isStale = useWhyStore((s) => s.isStale);
  const names = useMemo(() => namesOf(props.model), [props.model]);
  const panel = useRef<HTMLElement>(null);
  // a new question scrolls its answer into view, whatever the tab was scrolled to
  useEffect(() => {
    if (target) panel.current?.scrollIntoView({ block: "nearest" });
  }, [target]);
  if (!target) return null;
  const subject = target.kind === "charger" ? target.charger : target.component;
  const recompute = () => openWhy(target);
  return (
    <section ref={panel} className="why-panel" data-testid="why-panel" aria-label="Why">
      <header>
        <h3>
          {target.kind === "charger" ? "Why is " : "Why could "}
          <strong data-testid="why-subject">{names.of(subject)}</strong>
          {target.kind === "charger" ? " unusable?" : " be compromised?"}
        </h3>
        <button type="button" className="linklike" data-testid="why-close" onClick={closeWhy}>
          Close
        </button>
      </header>
      {isStale && (
        <p className="why-stale" data-testid="why-stale">
          The model changed since this was computed.{" "}
          <button type="button" className="linklike" onClick={recompute}>
            Recompute
          </button>
        </p>
      )}
      {target.kind === "charger" ? (
        <ChargerWhy charger={target.charger} names={names} viewers={props.viewersOf(target.charger)} />
      ) : (
        <CompromiseWhy component={target.component} names={names} {...props} />
      )}
    </section>
  );
}

function ChargerWhy({ charger, names, viewers }: { charger: string; names: Names; viewers: string[] }) {
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

const OUTCOME: Record<ReplayOutcome["kind"], string> = {
  unusable: "unusable",
  seam: "unusable behind green dashboards (a seam failure)",
  phantom: "shown available while it cannot charge (phantom)",
};

function Replay({ replay, names }: { replay: ReplayState; names: Names }) {
  const { outcome, result, step, error } = replay;
  const title = `${names.of(outcome.charger)} ${OUTCOME[outcome.kind]}${outcome.kind === "phantom" ? ` for ${names.of(outcome.viewer)}` : ""}`;
  return (
    <div className="why-replay" data-testid="replay">
      <header>
        <h4>Replay: {title}</h4>
        <button type="button" className="linklike" data-testid="replay-close" onClick={closeReplay}>
          Back to causes
        </button>
      </header>
      {error && (
        <p className="analysis-error" role="alert">
          {error}
        </p>
      )}
      {!result && !error && <p className="muted">Searching the run's trials…</p>}
      {result && !result.found && (
        <p className="why-notfound" data-testid="replay-not-found">
          It did not happen in the {result.searched.toLocaleString("en")} trials searched: too rare to replay.
        </p>
      )}
      {result?.found && <ReplaySteps result={result} step={step} names={names} />}
    </div>
  );
}

function ReplaySteps({
  result,
  step,
  names,
}: {
  result: NonNullable<ReplayState["result"]>;
  step: number;
  names: Names;
}) {
  const last = lastStep(result);
  const waves = Array.from({ length: last - 1 }, (_, i) => i + 1);
  const section = (n: number) => {
    if (n === 0) {
      return (
        <>
          <strong>Failed by itself</strong>
          <ul>
            {result.intrinsic.map((f) => (
              <li key={f.id}>{describeIntrinsic(f, names)}</li>
            ))}
            {result.timeouts.map((l) => (
              <li key={l}>the call over {names.of(l)} timed out</li>
            ))}
          </ul>
        </>
      );
    }
    if (n < last) {
      return (
        <>
          <strong>Wave {n}</strong>
          <ul>
            {result.steps
              .filter((s) => s.wave === n)
              .map((s) => (
                <li key={s.id}>
                  {names.of(s.id)} failed because {s.because.map((b) => describeCause(b, names)).join("; ")}
                </li>
              ))}
          </ul>
        </>
      );
    }
    return (
      <>
        <strong>What each viewer showed the driver</strong>
        <ul>
          {result.charger.viewers.map((v) => (
            <li
              key={v.viewer}
              data-testid="replay-viewer"
              className={v.showsAvailable ? "shows-available" : ""}
            >
              {describeViewer(v, result.charger.usable, names)}
            </li>
          ))}
          {result.charger.viewers.length === 0 && <li>No viewer sees {names.of(result.charger.id)}.</li>}
        </ul>
      </>
    );
  };
  return (
    <>
      <p className="muted" data-testid="replay-trial">
        Trial {(result.trial ?? 0).toLocaleString("en")} of the run; {names.of(result.charger.id)}{" "}
        {result.charger.usable ? "could charge" : "could not charge"}.
      </p>
      <div className="why-stepper">
        <button type="button" data-testid="replay-prev" disabled={step === 0} onClick={() => stepReplay(-1)}>
          ← Previous
        </button>
        <span data-testid="replay-position">
          Step {step} of {last}
        </span>
        <button type="button" data-testid="replay-next" disabled={step >= last} onClick={() => stepReplay(1)}>
          Next →
        </button>
      </div>
      <ol className="why-steps" start={0}>
        {[0, ...waves, last].slice(0, step + 1).map((n) => (
          <li key={n} data-testid="replay-step" className={n === step ? "current" : ""}>
            {section(n)}
          </li>
        ))}
      </ol>
    </>
  );
}

function CompromiseWhy({
  component,
  names,
  model,
  attackPath,
  requestAttackPath,
  isSecurityView,
  onSecurityView,
}: WhyPanelProps & { component: string; names: Names }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: ask again when the model changes
  useEffect(() => {
    requestAttackPath(component);
  }, [component, model, requestAttackPath]);
  const known = attackPath?.target === component ? attackPath : undefined;
  const path = known?.path;
  const links = new Map(model.links.map((l) => [l.id, l]));
  const steps: string[] = [];
  if (path) {
    steps.push(`The attacker enters ${names.of(path.entry)} from the internet`);
    let at = path.entry;
    for (const id of path.links) {
      const l = links.get(id);
      if (!l) continue;
      const next = l.from === at ? l.to : l.from;
      const seam = names.seamOf(id);
      steps.push(
        `moves from ${names.of(at)} to ${names.of(next)} over ${names.of(id)}${seam ? ` (crosses ${seam})` : ""}`,
      );
      at = next;
    }
  }
  return (
    <>
      {!known && <p className="muted">Finding the attack paths…</p>}
      {known && !path && (
        <p data-testid="why-attack-none">{names.of(component)} is not reached within the horizon.</p>
      )}
      {path && (
        <>
          <p className="why-method" data-testid="why-method">
            P(compromised within the horizon) {formatPercent(path.compromised.p)}; the most frequent attack
            path below is {formatPercent(path.share.p)} of its compromises
            {isSecurityView ? ", drawn in red on the canvas." : "."}
          </p>
          <ol className="why-steps" data-testid="why-attack-steps">
            {steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {!isSecurityView && (
            <button type="button" onClick={onSecurityView}>
              Show it on the canvas (Security view)
            </button>
          )}
        </>
      )}
    </>
  );
}

/** The inspector's "why" buttons for a component: unusable for a charger site, compromised in the security view. */
export function WhyActions({
  id,
  isCharger,
  isSecurityView,
}: {
  id: string;
  isCharger: boolean;
  isSecurityView: boolean;
}) {
  if (!isCharger && !isSecurityView) return null;
  return (
    <div className="decide-buttons why-actions">
      {isCharger && (
        <button
          type="button"
          data-testid="why-unusable"
          onClick={() => openWhy({ kind: "charger", charger: id })}
        >
          Why is it unusable?
        </button>
      )}
      {isSecurityView && (
        <button
          type="button"
          data-testid="why-compromised"
          onClick={() => openWhy({ kind: "compromise", component: id })}
        >
          Why compromised?
        </button>
      )}
    </div>
  );
}

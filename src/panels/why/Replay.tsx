/** A cascade replay of a sampled trial, step by step: what failed by itself, each wave, what viewers showed. */
import { describeCause, describeIntrinsic, describeViewer, type Names } from "../../analysis/why.ts";
import type { ReplayOutcome } from "../../engine/index.ts";
import { closeReplay, lastStep, type ReplayState, stepReplay } from "../../store/why.ts";

const OUTCOME: Record<ReplayOutcome["kind"], string> = {
  unusable: "unusable",
  seam: "unusable behind green dashboards (a seam failure)",
  phantom: "shown available while it cannot charge (phantom)",
};

/** The open replay: its title, search state and steps (← → step it too: the command registry). */
export function Replay({ replay, names }: { replay: ReplayState; names: Names }) {
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

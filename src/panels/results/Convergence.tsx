/** The results tab's convergence bar: how far the run is. */

/** Trials done of the target, or converged. */
export interface Progress {
  trialsDone: number;
  trialsTarget: number;
  converged: boolean;
}

/** The convergence bar and its words ("12,000 trials of 200,000…", "· converged"). */
export function Convergence({ progress }: { progress: Progress }) {
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

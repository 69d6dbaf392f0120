/** The results' headline figures, each with its 95 % interval and a hint of what it measures. */
import { formatInterval, formatKw, formatPercent } from "../../analysis/format.ts";
import type { Estimate, MeanEstimate, ReliabilityResult } from "../../engine/index.ts";
import type { Model } from "../../model/index.ts";

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

/** The five headline figures of a run. */
export function Headlines({ model, system: s }: { model: Model; system: ReliabilityResult["system"] }) {
  const share = s.totalKw > 0 ? s.unusableKw.mean / s.totalKw : 0;
  return (
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
  );
}

/**
 * Why (issue 8): for a charger site, the failure combinations that contribute most to its
 * unusability (minimal cut sets ranked by contribution, exact for acyclic models, counted from
 * trials otherwise), each highlighted on the canvas when chosen; a cascade replay of a sampled
 * trial step by step; for a compromise, the most frequent attack path as steps. The answers are
 * drawn by why/ChargerWhy.tsx, why/Replay.tsx and why/CompromiseWhy.tsx.
 */
import { useEffect, useMemo, useRef } from "react";
import { namesOf } from "../analysis/why.ts";
import { closeWhy, openWhy, useWhyStore } from "../store/why.ts";
import { ChargerWhy } from "./why/ChargerWhy.tsx";
import { type AttackPathProps, CompromiseWhy } from "./why/CompromiseWhy.tsx";
import "./why.css";

export interface WhyPanelProps extends AttackPathProps {
  /** Viewers that see each charger site (from the analysis result), for the phantom replay. */
  viewersOf: (chargerId: string) => string[];
}

/** The why panel: the question asked (a charger's unusability or a compromise) and its answer. */
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

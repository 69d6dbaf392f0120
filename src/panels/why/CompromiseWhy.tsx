/** Why a component could be compromised: the most frequent attack path to it, as steps. */
import { useEffect } from "react";
import { formatPercent } from "../../analysis/format.ts";
import type { Names } from "../../analysis/why.ts";
import type { SecurityResult } from "../../engine/index.ts";
import type { Model } from "../../model/schema.ts";

export interface AttackPathProps {
  model: Model;
  /** The most frequent attack path to a component, when known for this revision. */
  attackPath: { target: string; path: SecurityResult["criticalPath"] } | undefined;
  /** Ask for the attack path to a component (the security view draws it in red). */
  requestAttackPath: (id: string) => void;
  isSecurityView: boolean;
  onSecurityView: () => void;
}

/** The attack path to `component`, asked for again whenever the model changes. */
export function CompromiseWhy({
  component,
  names,
  model,
  attackPath,
  requestAttackPath,
  isSecurityView,
  onSecurityView,
}: AttackPathProps & { component: string; names: Names }) {
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

/**
 * The model edit behind the interoperability sweep (SPEC §5): one component replicated with its
 * links — N roaming partners, N CSMS vendors. Each copy is a separate organisation (a different
 * partner) when the original has one, and takes every link the original has, in both directions.
 */
import type { Component, Link, Model, Org } from "../schema.ts";

/** The model with `id` present `n` times in all (n ≥ 1; n = 1 is the model itself). */
export function replicate(model: Model, id: string, n: number): Model {
  const original = model.components.find((c) => c.id === id);
  if (!original) throw new RangeError(`no component "${id}" to replicate`);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`the number of copies must be a whole number ≥ 1 (got ${n})`);
  const taken = new Set([
    ...model.components.map((c) => c.id),
    ...model.links.map((l) => l.id),
    ...model.orgs.map((o) => o.id),
  ]);
  const fresh = (stem: string) => {
    let k = 2;
    while (taken.has(`${stem}.${k}`)) k++;
    const next = `${stem}.${k}`;
    taken.add(next);
    return next;
  };
  const components: Component[] = [...model.components];
  const links: Link[] = [...model.links];
  const orgs: Org[] = [...model.orgs];
  const org = original.org ? model.orgs.find((o) => o.id === original.org) : undefined;
  const touching = model.links.filter((l) => l.from === id || l.to === id);
  for (let k = 2; k <= n; k++) {
    const copyId = fresh(id);
    let copyOrg = original.org;
    if (org) {
      copyOrg = fresh(org.id);
      orgs.push({ ...org, id: copyOrg, name: `${org.name} #${k}` });
    }
    components.push({
      ...original,
      id: copyId,
      name: `${original.name} #${k}`,
      x: original.x + 40 * (k - 1),
      y: original.y + 40 * (k - 1),
      ...(copyOrg ? { org: copyOrg } : {}),
    });
    for (const l of touching) {
      links.push({
        ...l,
        id: fresh(l.id),
        from: l.from === id ? copyId : l.from,
        to: l.to === id ? copyId : l.to,
      });
    }
  }
  return { ...model, orgs, components, links };
}

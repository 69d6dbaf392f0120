/**
 * Words for the why panel and the cascade replay: the engine speaks in ids, people read names.
 * Pure: the panel only renders what these return.
 */
import type { ReplayCause, ReplayResult } from "../engine/index.ts";
import type { Model } from "../model/schema.ts";

export interface Names {
  /** A component, common cause or link by id, as a person reads it. */
  of(id: string): string;
  /** The organisations a link joins, "Voltline → Interroam", when it is a seam. */
  seamOf(linkId: string): string | undefined;
}

export function namesOf(model: Model): Names {
  const components = new Map(model.components.map((c) => [c.id, c]));
  const causes = new Map(model.commonCauses.map((cc) => [cc.id, cc.name]));
  const links = new Map(model.links.map((l) => [l.id, l]));
  const orgs = new Map(model.orgs.map((o) => [o.id, o.name]));
  const component = (id: string) => components.get(id)?.name ?? id;
  return {
    of(id) {
      if (components.has(id)) return component(id);
      const cause = causes.get(id);
      if (cause !== undefined) return cause;
      const l = links.get(id);
      return l ? `${component(l.from)} → ${component(l.to)}` : id;
    },
    seamOf(linkId) {
      const l = links.get(linkId);
      if (!l) return undefined;
      const a = components.get(l.from)?.org;
      const b = components.get(l.to)?.org;
      if ((a ?? "") === (b ?? "")) return undefined;
      const org = (o: string | undefined) => (o === undefined ? "no organisation" : (orgs.get(o) ?? o));
      return `${org(b)} → ${org(a)}`;
    },
  };
}

/** A cut-set phrase with its id replaced by the name ("csms-a down" → "Voltline CSMS down"). */
export function namePhrase(phrase: { of: string; text: string }, names: Names): string {
  return phrase.text.replace(phrase.of, names.of(phrase.of));
}

const hours = (h: number) => (h >= 1 ? `${+h.toPrecision(3)} h` : `${Math.max(1, Math.round(h * 60))} min`);

/** "Telnova down (silent) for 3.2 h, by common cause X". */
export function describeIntrinsic(f: ReplayResult["intrinsic"][number], names: Names): string {
  const age = f.ageHours !== undefined && f.state !== "degraded" ? ` for ${hours(f.ageHours)}` : "";
  const cause = f.cause ? `, by ${names.of(f.cause)}` : "";
  return `${names.of(f.id)} ${f.state === "down, silent" ? "down (its monitoring silent)" : f.state}${age}${cause}`;
}

/** "over Site → CSMS (cache expired; crosses Voltline → Interroam)". */
export function describeCause(b: ReplayCause, names: Names): string {
  const seam = names.seamOf(b.link);
  return `${names.of(b.provider)} ${b.reason === "provider failed" ? "failed" : b.reason === "cache expired" ? "failed and the cache expired" : "— the call timed out"} over ${names.of(b.link)}${seam ? ` (crosses ${seam})` : ""}`;
}

/** What a viewer showed the driver, against what the site could do. */
export function describeViewer(
  v: { viewer: string; showsAvailable: boolean },
  usable: boolean,
  names: Names,
): string {
  const shown = v.showsAvailable ? "showed it available" : "showed it unavailable";
  const truth = usable ? "while it could charge" : "while it could not charge";
  return `${names.of(v.viewer)} ${shown} ${truth}`;
}

/**
 * Driver populations (SPEC §10): who visits the sites, which app they trust and how they pay.
 * `checkDrivers` cross-checks a parsed model's `drivers`; `driverPopulations` gives the ones in
 * use — the model's own, or the derived defaults (own customers per CSMS, roaming drivers per
 * eMSP, ad hoc card payers) when the model has none. Pure functions, no engine.
 */
import { CATALOGUE, DRIVER_DEFAULTS } from "./catalogue.ts";
import {
  type Component,
  type ComponentType,
  DRIVER_APP_TYPES,
  type DriverAppType,
  type Issue,
  type Model,
  type Pays,
} from "./schema.ts";

/** How far driver shares may stray from summing to 1 (floating-point noise of hand-written thirds). */
export const SHARE_SUM_TOLERANCE = 1e-6;

/** A driver population with every parameter filled in, and where each came from. */
export interface DriverPopulation {
  id: string;
  /** What people read: "Voltline's own customers". */
  name: string;
  /** Share of intended visits (all populations sum to 1). */
  share: number;
  /** Component id of the app whose map the driver trusts and that issued the token or contract. */
  app: string;
  pays: Pays;
  realtimeShare: number;
  patienceSeconds: number;
  /** True when derived from the model's components (SPEC §10), false when listed in `drivers`. */
  derived: boolean;
  /** Parameters that took their `estimate` default (all of them for a derived population). */
  defaulted: ("share" | "realtimeShare" | "patienceSeconds")[];
}

const isAppType = (type: ComponentType): type is DriverAppType =>
  (DRIVER_APP_TYPES as readonly string[]).includes(type);

/** Component types by id (the first of duplicated ids, as the reference checks report them). */
function typesById(components: readonly Component[]): Map<string, ComponentType> {
  const types = new Map<string, ComponentType>();
  for (const c of components) if (!types.has(c.id)) types.set(c.id, c.type);
  return types;
}

/** A number as people read it, without floating-point noise (0.1 + 0.2 → 0.3). */
const clean = (n: number) => String(Number(n.toPrecision(6)));

/**
 * Problems with a parsed model's `drivers` beyond the schema (which checks ranges and `pays`):
 * duplicate ids, an `app` that is unknown or not an eMSP, CSMS or OEM, shares not summing to 1.
 */
export function checkDrivers(model: Model): Issue[] {
  const drivers = model.drivers;
  if (drivers === undefined) return [];
  if (drivers.length === 0) {
    return [
      {
        path: "drivers",
        message:
          "no driver populations: list at least one, or leave drivers out to use the derived ones (own customers, roaming, ad hoc)",
      },
    ];
  }
  const issues: Issue[] = [];
  const types = typesById(model.components);
  const seen = new Map<string, number>();
  drivers.forEach((d, i) => {
    const first = seen.get(d.id);
    if (first !== undefined) {
      issues.push({ path: `drivers[${i}].id`, message: `duplicate id "${d.id}" (also drivers[${first}])` });
    } else seen.set(d.id, i);
    const type = types.get(d.app);
    if (type === undefined) {
      issues.push({ path: `drivers[${i}].app`, message: `unknown component "${d.app}"` });
    } else if (!isAppType(type)) {
      issues.push({
        path: `drivers[${i}].app`,
        message: `"${d.app}" is a ${type} (${CATALOGUE[type].label}); a driver's app is an emsp, csms or oem`,
      });
    }
  });
  const sum = drivers.reduce((total, d) => total + d.share, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    const terms = drivers.length <= 8 ? ` (${drivers.map((d) => clean(d.share)).join(" + ")})` : "";
    issues.push({
      path: "drivers",
      message: `driver shares sum to ${clean(sum)}${terms}; they are shares of intended visits and must sum to 1`,
    });
  }
  return issues;
}

/** The `estimate` share of tokens that need real-time authorisation, by how a population pays and its app's type. */
export function defaultRealtimeShare(pays: Pays, appType: ComponentType | undefined): number {
  if (pays === "adhoc") return DRIVER_DEFAULTS.realtimeShareAdhoc.value;
  if (pays === "pnc") return DRIVER_DEFAULTS.realtimeSharePnc.value;
  return appType === "csms"
    ? DRIVER_DEFAULTS.realtimeShareOwn.value
    : DRIVER_DEFAULTS.realtimeShareRoaming.value;
}

/**
 * The populations in use: the model's `drivers` with unset parameters defaulted, or, when the
 * model has none, the derived ones of SPEC §10 (see `derivedPopulations`).
 */
export function driverPopulations(model: Model): DriverPopulation[] {
  if (model.drivers === undefined || model.drivers.length === 0) return derivedPopulations(model);
  const types = typesById(model.components);
  return model.drivers.map((d) => {
    const defaulted: DriverPopulation["defaulted"] = [];
    if (d.realtimeShare === undefined) defaulted.push("realtimeShare");
    if (d.patienceSeconds === undefined) defaulted.push("patienceSeconds");
    return {
      id: d.id,
      name: d.name,
      share: d.share,
      app: d.app,
      pays: d.pays,
      realtimeShare: d.realtimeShare ?? defaultRealtimeShare(d.pays, types.get(d.app)),
      patienceSeconds: d.patienceSeconds ?? DRIVER_DEFAULTS.patienceSeconds.value,
      derived: false,
      defaulted,
    };
  });
}

/**
 * SPEC §10's default populations: one `token` population per CSMS (its own customers), one per
 * eMSP (roaming drivers), and one `adhoc` population when a payment provider is on an
 * authorisation path from a charger site. Shares 50 % own / 40 % roaming / 10 % ad hoc, split
 * evenly inside each group; an empty group's share goes to the others in proportion (no eMSP:
 * own 5/6, ad hoc 1/6). The ad hoc drivers' map is the first OEM app (the in-car map), else the
 * first eMSP, else the first CSMS, in model order.
 */
export function derivedPopulations(model: Model): DriverPopulation[] {
  const ofType = (type: ComponentType) => model.components.filter((c) => c.type === type);
  const csmses = ofType("csms");
  const emsps = ofType("emsp");
  const adhocApp = [...ofType("oem"), ...emsps, ...csmses][0];
  const hasAdhoc = adhocApp !== undefined && paymentReachableFromSites(model);
  const groups = [
    { members: csmses, weight: DRIVER_DEFAULTS.shareOwnCustomers.value },
    { members: emsps, weight: DRIVER_DEFAULTS.shareRoaming.value },
    { members: hasAdhoc ? [adhocApp] : [], weight: DRIVER_DEFAULTS.shareAdhoc.value },
  ];
  const totalWeight = groups.reduce((sum, g) => sum + (g.members.length > 0 ? g.weight : 0), 0);
  const shareOf = (group: number) => groups[group].weight / totalWeight / groups[group].members.length;
  const who = displayNames(model);
  const population = (
    id: string,
    name: string,
    share: number,
    app: Component,
    pays: Pays,
  ): DriverPopulation => ({
    id,
    name,
    share,
    app: app.id,
    pays,
    realtimeShare: defaultRealtimeShare(pays, app.type),
    patienceSeconds: DRIVER_DEFAULTS.patienceSeconds.value,
    derived: true,
    defaulted: ["share", "realtimeShare", "patienceSeconds"],
  });
  return [
    ...csmses.map((c) =>
      population(`own-${c.id}`, `${possessive(who(c))} own customers`, shareOf(0), c, "token"),
    ),
    ...emsps.map((c) => population(`roaming-${c.id}`, `${who(c)} roaming drivers`, shareOf(1), c, "token")),
    ...(hasAdhoc ? [population("adhoc", "Ad hoc (card at the site)", shareOf(2), adhocApp, "adhoc")] : []),
  ];
}

/**
 * Whether a `payment` component lies on an authorisation path from any charger site: links from
 * → to that carry `auth` and are hard, cached or soft (never async), as SPEC §10 follows them.
 */
export function paymentReachableFromSites(model: Model): boolean {
  const next = new Map<string, string[]>();
  for (const l of model.links) {
    if (l.kind === "async" || !l.flows.includes("auth")) continue;
    const list = next.get(l.from) ?? [];
    list.push(l.to);
    next.set(l.from, list);
  }
  const types = typesById(model.components);
  const queue = model.components.filter((c) => c.type === "charger").map((c) => c.id);
  const visited = new Set(queue);
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (types.get(id) === "payment") return true;
    for (const to of next.get(id) ?? []) {
      if (!visited.has(to)) {
        visited.add(to);
        queue.push(to);
      }
    }
  }
  return false;
}

/**
 * How a derived population names its app: the organisation's name without its parenthesised
 * role ("Voltline Charging (CPO A)" → "Voltline Charging") when that organisation has no other
 * component of the same type, else the component's own name.
 */
function displayNames(model: Model): (c: Component) => string {
  const orgNames = new Map(model.orgs.map((o) => [o.id, o.name.replace(/\s*\([^)]*\)\s*$/, "").trim()]));
  const count = new Map<string, number>();
  for (const c of model.components) {
    if (c.org !== undefined)
      count.set(`${c.org}\u0000${c.type}`, (count.get(`${c.org}\u0000${c.type}`) ?? 0) + 1);
  }
  return (c) => {
    const orgName = c.org === undefined ? undefined : orgNames.get(c.org);
    const alone = c.org !== undefined && count.get(`${c.org}\u0000${c.type}`) === 1;
    return orgName && alone ? orgName : c.name.trim() || c.id;
  };
}

/** "Voltline's", "Ampere Roads'". */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

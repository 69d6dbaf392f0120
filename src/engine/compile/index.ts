/**
 * Compile a model to flat typed arrays for the reliability engine (SPEC §3, §7): component
 * probabilities, requirements (one per ungrouped breaking link, one per redundancy group), call
 * failure probabilities, a providers-first evaluation order, and for each charger the components
 * that can perceive it through `status` links and the viewers among them. Done once per revision.
 * One file per part: links (kinds, calls, requirements), perception, chains; `types.ts` holds the
 * compiled shape.
 */
import { type Model, type Monitoring, resolveComponent } from "../../model/index.ts";
import { csrOf } from "../kit/csr.ts";
import { invLogComplement, streamKeys } from "../rng.ts";
import { compileChains } from "./chains.ts";
import { compileDrivers } from "./drivers.ts";
import {
  compileCalls,
  compileDependencies,
  compileLinks,
  compileRequirements,
  outageAgeNeeded,
  requirementsOf,
} from "./links.ts";
import { compileStatus, compileTariffs } from "./perception.ts";
import type { CompiledReliability } from "./types.ts";
import { siteRootLists } from "./visitClasses.ts";

export { HOP_DEGRADED, HOP_TIMED_OUT, HOP_UP } from "./authTime.ts";
export { LATENCY_QUANTILES } from "./chains.ts";
export { HOP_CSMS_CACHE, PART_ADHOC, PART_CERTS, PART_TOKEN } from "./drivers.ts";
export { withForces } from "./forces.ts";
export { requirementCone } from "./graph.ts";
export { breaks, kindCode } from "./links.ts";
export { isViewer } from "./perception.ts";
export * from "./types.ts";
export { viaSlot } from "./visitClasses.ts";

const MONITORING_CODE = { none: 0, liveness: 1, synthetic: 2 } as const satisfies Record<Monitoring, number>;

/** The compiled model of `model`: what every reliability trial reads, computed once per revision. */
export function compileReliability(model: Model): CompiledReliability {
  const n = model.components.length;
  const index = new Map(model.components.map((c, i) => [c.id, i]));
  const comps = model.components.map(resolveComponent);
  const orgIds = model.orgs.map((o) => o.id);
  const orgIndex = new Map(orgIds.map((id, i) => [id, i]));
  const org = Int32Array.from(model.components, (c) =>
    c.org === undefined ? -1 : (orgIndex.get(c.org) ?? -1),
  );

  const pDown = Float64Array.from(comps, (c) => 1 - c.availability);
  const kw = Float64Array.from(comps, (c) => (c.type === "charger" ? c.units * c.kwPerUnit : 0));
  const mttrHours = Float64Array.from(comps, (c) => c.mttrHours);

  const arrays = compileLinks(model, index, org);
  const { links, linkFrom, linkTo, kind, ttlHours, isSeam } = arrays;
  const calls = compileCalls(arrays, comps);
  const reqOf = requirementsOf(arrays, n);
  const requirements = compileRequirements(reqOf, linkTo);
  const { soft, revDeps } = compileDependencies(arrays, n);

  // common causes
  const causes = model.commonCauses
    .map((cc) => ({
      cc,
      members: [...new Set(cc.members.filter((id) => index.has(id)).map((id) => index.get(id) as number))],
    }))
    .filter((c) => c.members.length > 0);
  const ccFlat = csrOf(causes.map((c) => c.members));

  // chargers and their perceivers
  const chargerList: number[] = [];
  comps.forEach((c, i) => {
    if (c.type === "charger") chargerList.push(i);
  });
  const totalKw = chargerList.reduce((s, i) => s + kw[i], 0);
  const status = compileStatus(arrays, comps, chargerList);
  const tariffs = compileTariffs(arrays, comps, chargerList);
  const needsAge = outageAgeNeeded(arrays, reqOf);
  const chains = compileChains(model, index, arrays, comps);
  const drivers = compileDrivers(
    model,
    comps,
    arrays,
    chargerList,
    status,
    siteRootLists(chargerList, requirements.reqStart, requirements.memStart, requirements.memLink, linkTo),
  );
  // a provider on an authorisation path is never "inert": its degradation slows drivers down
  const onAuthPath = new Uint8Array(n);
  for (const j of drivers.hopLink) onAuthPath[linkTo[j]] = 1;

  // a component on a chain is never "inert": its degradation slows the chain
  const callIn = calls.callIn;
  const degInert = (i: number) =>
    callIn.start[i] === callIn.start[i + 1] &&
    comps[i].monitoring !== "synthetic" &&
    !chains.onChain[i] &&
    !onAuthPath[i];

  const orgTotalKw = new Float64Array(orgIds.length);
  for (const c of chargerList) if (org[c] >= 0) orgTotalKw[org[c]] += kw[c];

  return {
    componentIds: model.components.map((c) => c.id),
    linkIds: links.map((l) => l.id),
    n,
    pDown,
    invLogDown: pDown.map(invLogComplement),
    pSilent: Float64Array.from(comps, (c) => c.silentShare),
    invLogDeg: Float64Array.from(comps, (c, i) =>
      degInert(i) ? Number.NEGATIVE_INFINITY : invLogComplement(c.degradedProbability),
    ),
    degExpect: Float64Array.from(comps, (c, i) => (degInert(i) ? c.degradedProbability : 0)),
    mttrHours,
    needsAge,
    force: new Uint8Array(n),
    forced: new Int32Array(0),
    streamKey: streamKeys(model.components.map((c) => c.id)),
    ccStreamKey: streamKeys(causes.map((c) => `cause:${c.cc.id}`)),
    kw,
    monitoring: Uint8Array.from(comps, (c) => MONITORING_CODE[c.monitoring]),
    org,
    tariffRate: Float64Array.from(comps, (c) => c.tariffChangesPerDay),
    order: requirements.order,
    cyclic: requirements.cyclic,
    reqStart: requirements.reqStart,
    memStart: requirements.memStart,
    memLink: requirements.memLink,
    reqK: requirements.reqK,
    reqConn: requirements.reqConn,
    consStart: requirements.consumers.start,
    consItem: requirements.consumers.items,
    linkFrom,
    linkTo,
    kind,
    ttlHours,
    isSeam,
    pCallUp: calls.pCallUp,
    pCallDeg: calls.pCallDeg,
    upLinks: calls.upLinks,
    upMax: calls.upMax,
    invLogUpMax: invLogComplement(calls.upMax),
    callInStart: callIn.start,
    callInItem: callIn.items,
    softStart: soft.start,
    softProvider: soft.items,
    revDepStart: revDeps.start,
    revDepItem: revDeps.items,
    ccIds: causes.map((c) => c.cc.id),
    ccInvLog: Float64Array.from(causes, (c) => invLogComplement(c.cc.probability)),
    ccMttr: Float64Array.from(causes, (c) => Math.max(...c.members.map((i) => mttrHours[i]))),
    ccStart: ccFlat.start,
    ccMember: ccFlat.items,
    chargers: Int32Array.from(chargerList),
    totalKw,
    systemicKw: model.settings.systemicThreshold * totalKw,
    status: status.status,
    groupViewStart: status.groupViewStart,
    groupViewSlot: status.groupViewSlot,
    chargerGroup: status.chargerGroup,
    pairStart: status.pairStart,
    pairViewer: status.pairViewer,
    owners: tariffs.owners,
    tariff: tariffs.tariff,
    tpairStart: tariffs.tpairStart,
    tpairSlot: tariffs.tpairSlot,
    tpairViewer: tariffs.tpairViewer,
    chargerOwner: tariffs.chargerOwner,
    orgIds,
    orgTotalKw,
    maxMembers: requirements.maxMembers,
    chainIds: chains.chainIds,
    chainDeadline: chains.chainDeadline,
    hopStart: chains.hopStart,
    hopProvider: chains.hopProvider,
    hopProcQ: chains.hopProcQ,
    hopLinkQ: chains.hopLinkQ,
    hopFactor: chains.hopFactor,
    hopPollMs: chains.hopPollMs,
    drivers,
  };
}

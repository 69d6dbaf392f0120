/**
 * The engine's one door (SPEC §3–7): the workers, the view-models, the UI and the CLI import the
 * engine from here only (test/architecture.test.ts checks it). Everything is pure and
 * deterministic for a seed.
 */
export * from "./blast.ts";
// The other analyses (SPEC §4–6): what the workers, the view-models, the UI and the CLI use.
export { type Comparison, compareScenarios, MAX_COMPARED, type ScenarioFigures } from "./compare.ts";
export {
  type ComponentCoupling,
  type CouplingResult,
  type CouplingShown,
  coupling,
  couplingShown,
  cutOrgMatrix,
  heatmapRows,
  type OrgMatrix,
  type OrgMatrixCut,
} from "./coupling.ts";
export { type CutSetResult, cutSets } from "./cutsets.ts";
export { decisionPoints } from "./decisions.ts";
export { type ChainKind, chainThrough, DERIVED_DEADLINE_MS, deriveChains } from "./derive.ts";
export { FaultTreeError } from "./faulttree/index.ts";
export { type DriverFixRow, type FixFirstResult, type FixRow, fixFirst } from "./fixfirst.ts";
export { type ImportanceResult, importance } from "./importance.ts";
export { exactImportance } from "./importance-exact.ts";
export { tallyBuffers } from "./kit/tally.ts";
export { exportMef } from "./mef.ts";
export type { Delta, PairedDeltas, PairedResult } from "./paired.ts";
export type { DriverDelta, DriverDeltas, PairedDriverDeltas } from "./reliability/driverDelta.ts";
export * from "./reliability/simulate.ts";
export { type ReplayCause, type ReplayOutcome, type ReplayResult, replay, sampledCauses } from "./replay.ts";
export {
  type CompiledSecurity,
  compileSecurity,
  createSecurityTally,
  isSecurityPrecise,
  mergeSecurityTally,
  runSecurityBatch,
  SECURITY_BATCH_TRIALS,
  type SecurityResult,
  type SecurityTally,
  securityTrials,
  simulateSecurity,
  summarizeSecurity,
} from "./security/index.ts";
export { type SweepRow, sweepRow, sweepTrials } from "./sweep.ts";
export * from "./timeline/index.ts";
export { AUTH_DAYS, COMMANDS_FACTOR, MATURITY_FACTORS, PATCH_FACTORS } from "./ttc.ts";
export * from "./types.ts";
export { type ForcedState, simulateWhatIf, type WhatIf, WhatIfError } from "./whatif.ts";
export { explainUnusable, type Why } from "./why.ts";

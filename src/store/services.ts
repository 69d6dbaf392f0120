/**
 * The workers behind the store, connected once at start-up (app/services.ts) and disconnected at
 * shutdown. A request made with none connected (before start-up, after shutdown, in a test) rejects
 * with one message, here.
 */
import type {
  Comparison,
  CouplingShown,
  FixFirstResult,
  PairedResult,
  ReliabilityResult,
  ReplayOutcome,
  ReplayResult,
  SecurityResult,
  SweepRow,
  WhatIf,
  Why,
} from "../engine/index.ts";
import type { Model } from "../model/schema.ts";

/** The part of the worker pool the UI uses (workers/pool.ts implements it). */
export interface AnalysisPool {
  runReliability(
    model: Model,
    options: { revision: number; trials: number; seed: number; targetHalfWidth?: number },
    onProgress: (p: AnalysisProgress) => void,
  ): Promise<AnalysisProgress | undefined>;
  cancel(): void;
  dispose(): void;
}

export interface AnalysisProgress {
  revision: number;
  trialsDone: number;
  trialsTarget: number;
  converged: boolean;
  done: boolean;
  result: ReliabilityResult;
}

/** Deterministic coupling metrics and blast radius, computed off the main thread (a worker). */
export type CouplingService = (model: Model) => Promise<CouplingShown>;

/**
 * The attack Monte Carlo (SPEC §4), off the main thread: `run`'s partial results (with their
 * intervals) go to `onProgress` as batches land; its promise settles with the last one (undefined:
 * superseded or cancelled). `cancel` ends the current run.
 */
export interface SecurityService {
  run(model: Model, onProgress: (r: SecurityResult) => void): Promise<SecurityResult | undefined>;
  cancel(): void;
}

/** Attack paths to a chosen component, off the main thread (a worker). */
export type AttackPathService = (model: Model, target: string) => Promise<SecurityResult["criticalPath"]>;

/** The interoperability sweep, off the main thread (the engine worker pool, one N per worker). */
export type SweepService = (model: Model, id: string, max: number) => Promise<SweepRow[]>;

/** "What do we change first?" and "why?" (SPEC §6), in the decision worker. */
export interface DecisionService {
  fixFirst(model: Model): Promise<FixFirstResult>;
  whatIf(model: Model, w: WhatIf): Promise<PairedResult & { whatIf: WhatIf }>;
  exportMef(model: Model, chargerId: string): Promise<string>;
  compare(model: Model, ids: string[]): Promise<Comparison>;
  why(model: Model, chargerId: string): Promise<Why>;
  replay(model: Model, outcome: ReplayOutcome): Promise<ReplayResult>;
}

/** Every worker the store asks. */
export interface Services {
  pool: AnalysisPool;
  coupling: CouplingService;
  security: SecurityService;
  attackPath: AttackPathService;
  sweep: SweepService;
  decision: DecisionService;
}

let connected: Services | undefined;

/** Connect the workers (undefined: disconnect them). */
export function setServices(services: Services | undefined): void {
  connected = services;
}

/** The connected workers, or undefined when none are. */
export function connectedServices(): Services | undefined {
  return connected;
}

/** Ask a connected worker; rejects with "no analysis worker" when none is connected. */
export function askService<T>(ask: (services: Services) => Promise<T>): Promise<T> {
  if (!connected) return Promise.reject(new Error("no analysis worker"));
  return ask(connected);
}

/**
 * Time-to-compromise table (SPEC §4): mean days for one attack step, from the target's
 * authentication, patch cadence and maturity. The scale is securiCAD/MAL's (Easy 1 day, Hard 10,
 * VeryHard 100: ../shared/DOMAIN.md); the mapping of auth × patching × maturity onto it is an
 * `estimate`, shown in the Assumptions panel and overridable with `ttcDays` on a component (entering
 * it) or a link (crossing it, both directions).
 */
import type { AuthLevel } from "../model/schema.ts";

export const TTC_SOURCE = "malTtc";

/**
 * Mean days to defeat each authentication level with average patching and maturity (estimate),
 * anchored on MAL's presets: none = Easy (1 day), token = Hard (10), mutual TLS = VeryHard (100).
 */
export const AUTH_DAYS: Record<AuthLevel, number> = {
  none: 1,
  basic: 3,
  token: 10,
  mtls: 100,
  pki: 150,
};

/** Multiplier by patch cadence: a known hole closes sooner when patches come often (estimate). */
export const PATCH_FACTORS: { upToDays: number; factor: number }[] = [
  { upToDays: 14, factor: 2 },
  { upToDays: 30, factor: 1.5 },
  { upToDays: 90, factor: 1 },
  { upToDays: 180, factor: 0.7 },
  { upToDays: Number.POSITIVE_INFINITY, factor: 0.5 },
];

/** Multiplier by security maturity 1–5 (estimate). */
export const MATURITY_FACTORS = [0.5, 0.75, 1, 1.5, 2.5];

/** Moving in the `commands` direction (the commander pushes to what it commands) is this much faster. */
export const COMMANDS_FACTOR = 0.2;

export function patchFactor(days: number): number {
  for (const p of PATCH_FACTORS) if (days <= p.upToDays) return p.factor;
  return 0.5;
}

export function maturityFactor(maturity: number): number {
  return MATURITY_FACTORS[Math.min(5, Math.max(1, Math.round(maturity))) - 1];
}

/**
 * Mean days of one step into a target with these properties, guarded by `auth`; `authDays`
 * (the model's `settings.ttcAuthDays`) replaces the table's estimate for the levels it sets.
 */
export function stepDays(
  auth: AuthLevel,
  patchCadenceDays: number,
  maturity: number,
  authDays?: Partial<Record<AuthLevel, number>>,
): number {
  return (authDays?.[auth] ?? AUTH_DAYS[auth]) * patchFactor(patchCadenceDays) * maturityFactor(maturity);
}

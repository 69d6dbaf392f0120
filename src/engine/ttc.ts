/**
 * Time-to-compromise table (SPEC §4): mean days for one attack step, from the target's
 * authentication, patch cadence and maturity. The scale is securiCAD/MAL's (Easy 1 day, Hard 10,
 * VeryHard 100: ../shared/DOMAIN.md); the mapping of auth × patching × maturity onto it is an
 * `estimate`, shown in the Assumptions panel and overridable with `ttcDays` on a component (entering
 * it) or a link (crossing it, both directions).
 */
import type { AuthLevel, MATURITY_LEVELS, PATCH_BUCKETS, Settings } from "../model/schema.ts";

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
export const PATCH_FACTORS: { key: (typeof PATCH_BUCKETS)[number]; upToDays: number; factor: number }[] = [
  { key: "14", upToDays: 14, factor: 2 },
  { key: "30", upToDays: 30, factor: 1.5 },
  { key: "90", upToDays: 90, factor: 1 },
  { key: "180", upToDays: 180, factor: 0.7 },
  { key: "slower", upToDays: Number.POSITIVE_INFINITY, factor: 0.5 },
];

/** Multiplier by security maturity 1–5 (estimate). */
export const MATURITY_FACTORS = [0.5, 0.75, 1, 1.5, 2.5];

/** Moving in the `commands` direction (the commander pushes to what it commands) is this much faster. */
export const COMMANDS_FACTOR = 0.2;

/** A model's own values for the table (its settings), replacing the estimates entry by entry. */
export type TtcOverrides = Pick<Settings, "ttcAuthDays" | "ttcPatchFactors" | "ttcMaturityFactors">;

export function patchFactor(days: number, overrides?: TtcOverrides): number {
  const bucket = PATCH_FACTORS.find((p) => days <= p.upToDays) ?? PATCH_FACTORS[PATCH_FACTORS.length - 1];
  return overrides?.ttcPatchFactors?.[bucket.key] ?? bucket.factor;
}

export function maturityFactor(maturity: number, overrides?: TtcOverrides): number {
  const level = Math.min(5, Math.max(1, Math.round(maturity)));
  const key = String(level) as (typeof MATURITY_LEVELS)[number];
  return overrides?.ttcMaturityFactors?.[key] ?? MATURITY_FACTORS[level - 1];
}

/**
 * Mean days of one step into a target with these properties, guarded by `auth`; the model's
 * settings (`ttcAuthDays`, `ttcPatchFactors`, `ttcMaturityFactors`) replace the estimates they set.
 */
export function stepDays(
  auth: AuthLevel,
  patchCadenceDays: number,
  maturity: number,
  overrides?: TtcOverrides,
): number {
  return (
    (overrides?.ttcAuthDays?.[auth] ?? AUTH_DAYS[auth]) *
    patchFactor(patchCadenceDays, overrides) *
    maturityFactor(maturity, overrides)
  );
}

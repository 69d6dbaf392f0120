/**
 * Time-to-compromise table (SPEC §4): mean days for one attack step, from the target's
 * authentication, patch cadence and maturity. The scale is securiCAD/MAL's (Easy 1 day, Hard 10,
 * VeryHard 100: ../shared/DOMAIN.md); the mapping of auth × patching × maturity onto it is an
 * `estimate` (each figure's reasoning below), shown in the Assumptions panel and overridable with
 * `ttcDays` on a component (entering it) or a link (crossing it, both directions). A step's mean is
 * the time a capable, motivated attacker needs, not a breach rate; with the defaults an
 * internet-facing backend is taken within a 30-day horizon with probability 0.1–0.5.
 */
import type { AuthLevel, MATURITY_LEVELS, PATCH_BUCKETS, Settings } from "../model/schema.ts";

export const TTC_SOURCE = "malTtc";

/**
 * Mean days to take control of a component through an interface guarded by each authentication
 * level, at 90-day patching and average maturity: a credential step on MAL's scale (none 0; basic
 * Hard, 10 d: guessed, reused or default passwords; token 30 d, between Hard and VeryHard: a leaked
 * API key or OAuth token; mutual TLS VeryHard, 100 d: a client private key; PKI 300 d: a certificate
 * chaining to a trusted root) plus a control step behind it (Hard, 10 d: a flaw behind the login, or
 * misusing what the credential grants). The composition is an `estimate` on MAL's presets: an
 * internet-facing, token-protected backend patched monthly takes about two months, a mutual-TLS one
 * patched fortnightly at maturity 4 most of a year.
 */
export const AUTH_DAYS: Record<AuthLevel, number> = {
  none: 10,
  basic: 20,
  token: 40,
  mtls: 110,
  pki: 310,
};

/**
 * Multiplier by patch cadence c (the slowest cadence of each bucket): a credential route patching
 * does not close and a vulnerability route it does, equally likely at 90 days. Exploitation starts
 * within days of disclosure (Mandiant 2023: 5 days on average; DBIR 2024: mass scanning of KEV 5
 * days after publication) while patches take weeks, so the vulnerability route's rate grows with the
 * patch lag (k = 90 / c): factor = 2k / (1 + k), capped at 2 by the credential route (estimate).
 */
export const PATCH_FACTORS: { key: (typeof PATCH_BUCKETS)[number]; upToDays: number; factor: number }[] = [
  { key: "14", upToDays: 14, factor: 1.7 },
  { key: "30", upToDays: 30, factor: 1.5 },
  { key: "90", upToDays: 90, factor: 1 },
  { key: "180", upToDays: 180, factor: 0.67 },
  { key: "slower", upToDays: Number.POSITIVE_INFINITY, factor: 0.4 },
];

/** Multiplier by security maturity 1–5: practices range from none to mature (Sandia 2022; spread `estimate`). */
export const MATURITY_FACTORS = [0.5, 0.75, 1, 1.5, 2.5];

/**
 * Moving in the `commands` direction (the commander pushes to what it commands, a host to what it
 * hosts) is this much faster: a compromised CSMS is already authorised to command its chargers
 * (Pen Test Partners 2021: admin rights pushed firmware to every charger); the factor is an `estimate`.
 */
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

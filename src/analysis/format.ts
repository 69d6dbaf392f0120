/**
 * Number formatting for figures shown to people — one format for percentages, percentage points and
 * kW across the app (panels, canvas, workshop, report), never in scientific notation — and the rules
 * that say what a change means: whether it moved beyond the display's precision, and whether it is
 * worse, better or a failure made visible.
 */

/** Below this many percent a probability is shown as "<0.001 %" (three decimals are the finest shown). */
const SMALLEST_PERCENT = 0.001;

/**
 * 0.0042 → "0.42 %": one decimal from 10 %, two from 0.1 %, two significant digits below that, and
 * "<0.001 %" under a thousandth of a percent (never "4.2e-4 %").
 */
export function formatPercent(p: number): string {
  const pct = p * 100;
  if (pct === 0) return "0 %";
  const size = Math.abs(pct);
  const sign = pct < 0 ? "−" : "";
  if (size >= 10) return `${sign}${size.toFixed(1)} %`;
  if (size >= 0.1) return `${sign}${size.toFixed(2)} %`;
  if (size >= SMALLEST_PERCENT) return `${sign}${size.toPrecision(2)} %`;
  return `${sign}<${SMALLEST_PERCENT} %`;
}

/** kW with a unit that fits: "8.5 kW", "850 kW", "1.20 MW", "12.1 MW". */
export function formatKw(kw: number): string {
  const size = Math.abs(kw);
  const sign = kw < 0 ? "−" : "";
  if (size >= 1000) return `${sign}${(size / 1000).toFixed(size >= 10_000 ? 1 : 2)} MW`;
  if (size >= 10) return `${sign}${size.toFixed(0)} kW`;
  return `${sign}${size.toFixed(1)} kW`;
}

/** "850 kW (2.29 %)": power with its share of all charging power. */
export function formatKwShare(kw: number, share: number): string {
  return `${formatKw(kw)} (${formatPercent(share)})`;
}

/** A 95 % interval in the same unit as its value. */
export function formatInterval(ci: [number, number], format: (x: number) => string): string {
  return `${format(ci[0])} – ${format(ci[1])}`;
}

/** A change with its sign: +850 kW, −1.20 MW, ±0 kW (the unit from `format` of its size). */
export function formatSigned(x: number, format: (x: number) => string): string {
  const sign = x > 0 ? "+" : x < 0 ? "−" : "±";
  return `${sign}${format(Math.abs(x))}`;
}

/** The finest change in percentage points the app shows: 0.01 pp (a probability of 0.0001). */
const POINTS_STEP = 0.0001;

/**
 * A change of a probability in percentage points, two decimals: −0.0333 → "−3.33 pp"; below the
 * display's precision "+<0.01 pp"; none "±0 pp".
 */
export function formatPoints(d: number): string {
  if (d === 0) return "±0 pp";
  const sign = d > 0 ? "+" : "−";
  const points = Math.abs(d) * 100;
  return Math.abs(d) < POINTS_STEP / 2 ? `${sign}<0.01 pp` : `${sign}${points.toFixed(2)} pp`;
}

/** A latency: "850 ms", "2.04 s"; "—" when there is none (a signal that never got through). */
export function formatMs(ms: number | null): string {
  return ms === null ? "—" : ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${ms} ms`;
}

/** The units a change is shown in: kW (formatKw), percentage points (formatPoints), or a count. */
export type ChangeUnit = "kw" | "points" | "count";

/**
 * Whether a change is large enough to show as one: it does not round to zero at the display's
 * precision (0.1 kW below 10 kW, whole kW above; 0.01 pp; one for a count).
 */
export function isAboveDisplayPrecision(change: number, unit: ChangeUnit): boolean {
  const size = Math.abs(change);
  switch (unit) {
    case "kw":
      return size >= 0.05;
    case "points":
      return size >= POINTS_STEP / 2;
    case "count":
      return size >= 0.5;
    default:
      return unit satisfies never;
  }
}

/**
 * "Moved" (issue 18): the paired interval leaves out zero (`significant`) and the change is larger
 * than the display's precision — a 0.0006-point change is never "moved".
 */
export function isMoved(change: { mean: number; significant: boolean }, unit: ChangeUnit): boolean {
  return change.significant && isAboveDisplayPrecision(change.mean, unit);
}

/** Which way is bad for a figure: more unusable kW is worse, more start success better. */
export type FigureSense = "higher-worse" | "higher-better" | "neutral";

/** What a change means to a reader, for its colour and word. */
export type ChangeTone = "worse" | "better" | "visible" | "neutral";

/**
 * The meaning of a moved change. Unusable behind green dashboards (`isHiddenFailure`) falling while
 * unusable charging does not fall as much means the failures became visible, not fewer: "visible".
 */
export function changeTone(
  sense: FigureSense,
  change: number,
  options: { isHiddenFailure?: boolean; unusableKwChange?: number } = {},
): ChangeTone {
  if (sense === "neutral" || change === 0) return "neutral";
  if (options.isHiddenFailure && change < 0 && (options.unusableKwChange ?? 0) > change) return "visible";
  const isUp = change > 0;
  return isUp === (sense === "higher-better") ? "better" : "worse";
}

/** The word beside a moved change: "worse", "better", "now visible" (none for a neutral figure). */
export const TONE_WORD: Record<ChangeTone, string> = {
  worse: "worse",
  better: "better",
  visible: "now visible",
  neutral: "",
};

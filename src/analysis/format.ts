/** Number formatting for figures shown to people: percentages, power, intervals. */

/** 0.0042 → "0.42 %", with enough digits for small probabilities. */
export function formatPercent(p: number): string {
  const pct = p * 100;
  if (pct === 0) return "0 %";
  if (pct >= 10) return `${pct.toFixed(1)} %`;
  if (pct >= 0.1) return `${pct.toFixed(2)} %`;
  if (pct >= 0.001) return `${pct.toPrecision(2)} %`;
  return `${pct.toExponential(1)} %`;
}

/** kW with a unit that fits: "850 kW", "12.1 MW". */
export function formatKw(kw: number): string {
  if (Math.abs(kw) >= 1000) return `${(kw / 1000).toFixed(kw >= 10_000 ? 1 : 2)} MW`;
  if (Math.abs(kw) >= 10) return `${kw.toFixed(0)} kW`;
  return `${kw.toFixed(1)} kW`;
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

/** A change of a probability in percentage points: −0.0042 → "−0.42 pp". */
export function formatPoints(d: number): string {
  return formatSigned(d, (x) => formatPercent(x).replace(" %", " pp"));
}

/** A latency: "850 ms", "2.04 s"; "—" when there is none (a signal that never got through). */
export function formatMs(ms: number | null): string {
  return ms === null ? "—" : ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${ms} ms`;
}

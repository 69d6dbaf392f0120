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

/** Statistical assertions shared by the engine tests. */
import { expect } from "vitest";

/**
 * |engine − exact| ≤ 4σ, σ the binomial standard error of a proportion at the exact value over n
 * trials (floored at 1/n so a probability of 0 or 1 still has a tolerance).
 */
export function expectClose(engine: number, exact: number, n: number, what: string): void {
  const sigma = Math.sqrt(Math.max(exact * (1 - exact), 1 / n) / n);
  expect(
    Math.abs(engine - exact),
    `${what}: engine ${engine}, exact ${exact}, σ ${sigma}`,
  ).toBeLessThanOrEqual(4 * sigma);
}

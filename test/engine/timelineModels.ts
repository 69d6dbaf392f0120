/** Small models for the time-domain engine's tests (SPEC §11): one provider, a renewal process, a cached consumer. */
import { type Component, DEFAULT_SETTINGS, type Link, type Model } from "../../src/model/index.ts";

/** A model of these components and links (no orgs, causes or chains). */
export function modelOf(components: Partial<Component>[], links: Partial<Link>[] = []): Model {
  return {
    schema: "seams/1",
    name: "timeline test",
    orgs: [],
    components: components.map(
      (c, k) => ({ type: "custom", name: c.id ?? `c${k}`, x: k * 100, y: 0, ...c }) as Component,
    ),
    links: links.map(
      (l) => ({ protocol: "rest", flows: ["auth"], kind: "hard", id: `${l.from}--${l.to}`, ...l }) as Link,
    ),
    commonCauses: [],
    chains: [],
    settings: { ...DEFAULT_SETTINGS },
  };
}

/** One provider that never fails, with a capacity, servers and a base load (no timeouts unless given). */
export function providerModel(options: {
  capacityPerSecond: number;
  concurrency?: number;
  perSecond: number;
  timeoutMs?: number;
  retries?: number;
  retryBackoffMs?: number;
  jitter?: boolean;
  retryBudget?: number;
}): Model {
  const { capacityPerSecond, concurrency, perSecond, ...policy } = options;
  return modelOf([
    {
      id: "api",
      availability: 1,
      degradedProbability: 0,
      monitoring: "synthetic",
      capacityPerSecond,
      concurrency,
      baseLoad: { perSecond, timeoutMs: policy.timeoutMs ?? 1e9, retries: policy.retries ?? 0, ...policy },
    },
  ]);
}

/** Mean and 95 % half-width of independent replications (batch means over seeds). */
export function batchMean(values: number[]): { mean: number; halfWidth: number } {
  const k = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / k;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1);
  // Student t, 0.975 quantile for k − 1 = 9 degrees of freedom (the tests use 10 replications)
  const t = k === 10 ? 2.262 : 1.96;
  return { mean, halfWidth: t * Math.sqrt(variance / k) };
}

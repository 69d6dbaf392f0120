import type { Model } from "../src/model/schema.ts";
import type { AsyncEngineApi } from "./engine-api.ts";

/**
 * What each worker has compiled for one kind of run — its key (revision, horizon) and the model
 * object it came from — and the compiled model the pool merges and summarises with.
 */
export class CompiledOn<C> {
  private readonly held: ({ key: string; model: Model } | undefined)[];
  private summary: { key: string; model: Model; compiled: Promise<C> } | undefined;

  constructor(workers: number) {
    this.held = Array.from({ length: workers }, () => undefined);
  }

  /** Compile on every worker that does not hold `key` yet; resolves with the compiled model. */
  async ensure(
    workers: readonly { readonly api: AsyncEngineApi }[],
    key: string,
    model: Model,
    compile: (api: AsyncEngineApi) => Promise<void>,
    fetch: (api: AsyncEngineApi) => Promise<C>,
  ): Promise<C> {
    const pending: Promise<void>[] = [];
    workers.forEach((w, i) => {
      const held = this.held[i];
      if (held?.key === key && held.model === model) return;
      this.held[i] = { key, model };
      pending.push(
        compile(w.api).catch((error: unknown) => {
          this.held[i] = undefined;
          throw error;
        }),
      );
    });
    if (this.summary?.key !== key || this.summary.model !== model) {
      this.summary = { key, model, compiled: fetch(workers[0].api) };
    }
    const summary = this.summary;
    try {
      const [compiled] = await Promise.all([summary.compiled, ...pending]);
      return compiled;
    } catch (error) {
      if (this.summary === summary) this.summary = undefined;
      throw error;
    }
  }
}

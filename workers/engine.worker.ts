/**
 * Browser Web Worker entry of the reliability engine (SPEC §7): the engine API on comlink.
 * `workers/pool.worker.ts` starts these with `new Worker(new URL("./engine.worker.ts", import.meta.url))`.
 */
import { expose } from "comlink";
import { createEngineApi } from "./engine-api.ts";

expose(createEngineApi());

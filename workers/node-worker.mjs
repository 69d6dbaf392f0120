// Node worker_threads entry of the reliability engine: lets Node load our TypeScript (tsx), then
// exposes the same engine API as the browser worker over comlink's Node adapter.
import { parentPort } from "node:worker_threads";
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { register } from "tsx/esm/api";

register();
const { createEngineApi } = await import("./engine-api.ts");
expose(createEngineApi(), nodeEndpoint(parentPort));

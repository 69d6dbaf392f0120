/**
 * The engine's worker_threads entry in the compiled CLI (dist-cli/node-worker.mjs, see
 * bin/build-cli.mjs): the same engine API as workers/node-worker.mjs, which serves the TypeScript
 * sources under tsx for the tests and the bench.
 */
import { parentPort } from "node:worker_threads";
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { createEngineApi } from "../../workers/engine-api.ts";

if (parentPort === null) throw new Error("node-worker.mjs runs as a worker thread, not on its own");
expose(createEngineApi(), nodeEndpoint(parentPort));

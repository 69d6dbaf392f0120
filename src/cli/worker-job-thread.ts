/**
 * The thread a `seams worker` computes its jobs on (dist-cli/job-thread.mjs in the compiled CLI):
 * a shard keeps a core busy for seconds, and on the worker's main thread it would stop BullMQ from
 * renewing the job's lock — the job would look abandoned and be computed twice. Each message is a
 * job's data; each reply its result, or why it failed and whether trying again could help.
 */
import { parentPort } from "node:worker_threads";
import { CliError } from "./errors.ts";
import { BadJobError, runQueueJob } from "./queue-jobs.ts";

/** The thread's reply to one job. */
export type JobReply =
  | { ok: true; result: unknown }
  | { ok: false; message: string; isUnrecoverable: boolean; stack?: string };

const port = parentPort;
if (port === null) throw new Error("job-thread.mjs runs as a worker thread, not on its own");
port.on("message", (data: unknown) => {
  let reply: JobReply;
  try {
    reply = { ok: true, result: runQueueJob(data) };
  } catch (error) {
    const message =
      error instanceof CliError ? error.lines.join("; ") : String((error as Error)?.message ?? error);
    // a malformed job fails the same way every time
    const isUnrecoverable = error instanceof BadJobError || error instanceof CliError;
    reply = { ok: false, message, isUnrecoverable, stack: (error as Error)?.stack };
  }
  port.postMessage(reply);
});

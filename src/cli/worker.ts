/**
 * `seams worker --queue redis://…`: computes the jobs `--queue` runs put on BullMQ (queue-jobs.ts),
 * one at a time, until stopped. A job whose computation throws is retried (JOB_ATTEMPTS in all); a
 * job whose worker dies — the process killed, the machine lost — keeps its lock for
 * `--lock-seconds`, is then found stalled by another worker and computed again there.
 */
import { hostname } from "node:os";
import type { Worker as Thread } from "node:worker_threads";
import { type CliOptions, defineCommand, type ParsedArgs, wholeNumber } from "./args.ts";
import { usageError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { displayUrl, JOB_ATTEMPTS, QUEUE_NAME, queueOption } from "./queue.ts";
import { describeJob } from "./queue-jobs.ts";
import type { JobReply } from "./worker-job-thread.ts";

const OPTIONS = {
  queue: { type: "string" },
  "lock-seconds": { type: "string", wholeNumber: [1, 86_400], default: "30" },
} as const satisfies CliOptions;

const USAGE = `Usage: seams worker --queue redis://host:port[/db] [--lock-seconds S]

Computes the jobs of runs split with --queue (simulate, sweep, security, importance) from the
BullMQ queue "${QUEUE_NAME}" on that Redis, one job at a time, until stopped (Ctrl-C or SIGTERM
finish the job in hand first). Start one per core, on as many machines as you like; each logs a
line per job on stderr.
  --queue URL        the Redis the runs use (required)
  --lock-seconds S   how long a job stays with a worker that stopped answering before another
                     takes it over (default 30); a job that fails is tried ${JOB_ATTEMPTS} times in all

Exit codes: 0 stopped, 1 the worker failed, 2 invalid input.`;

export const workerCommand = defineCommand({ name: "worker", usage: USAGE, options: OPTIONS, run: work });

async function work(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  if (args.positionals.length > 0) {
    throw usageError(
      `a worker takes no file (got ${args.positionals.join(", ")}): the jobs carry their model`,
      "worker",
    );
  }
  const url = queueOption(args);
  if (url === undefined)
    throw usageError("--queue redis://host:port is required: the Redis the runs use", "worker");
  const lockMs = wholeNumber(args, "lock-seconds") * 1000;
  const log = (line: string) => printLines(io.stderr, [`seams worker ${process.pid}: ${line}`]);
  const { Worker, UnrecoverableError } = await import("bullmq");
  const thread = new JobThread();
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const started = performance.now();
      log(`job ${job.id} ${describeJob(job.data)} started (attempt ${job.attemptsMade + 1})`);
      const reply = await thread.run(job.data);
      if (reply.ok) {
        log(`job ${job.id} done in ${Math.round(performance.now() - started)} ms`);
        return reply.result;
      }
      log(`job ${job.id} failed: ${reply.message}`);
      // a malformed job fails the same way every time: no further attempts
      if (reply.isUnrecoverable) throw new UnrecoverableError(reply.message);
      throw new Error(reply.message);
    },
    {
      connection: { url },
      concurrency: 1,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 2,
      name: `seams@${hostname()}:${process.pid}`,
    },
  );
  let lastError = "";
  worker.on("error", (error) => {
    // ioredis reconnects by itself; say so once per distinct problem, not every retry
    if (error.message !== lastError) log(`queue error (retrying): ${error.message}`);
    lastError = error.message;
  });
  await worker.waitUntilReady();
  log(`ready on ${displayUrl(url)} (queue "${QUEUE_NAME}")`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      log("stopping after the job in hand");
      void worker.close().then(() => {
        thread.close();
        resolve();
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * The thread jobs are computed on (worker-job-thread.ts), one job at a time; started again if it
 * dies (out of memory, say), the job in hand then failing with the reason, to be tried again.
 */
class JobThread {
  private thread: Thread | undefined;
  private pending: { resolve(reply: JobReply): void } | undefined;

  /** Compute one job's data on the thread. */
  run(data: unknown): Promise<JobReply> {
    const thread = this.thread ?? this.start();
    return new Promise((resolve) => {
      this.pending = { resolve };
      thread.postMessage(data);
    });
  }

  close(): void {
    void this.thread?.terminate();
    this.thread = undefined;
  }

  private start(): Thread {
    // fetched here, not imported: the other commands' starts need not load node:worker_threads
    const { Worker } = process.getBuiltinModule("node:worker_threads");
    // the compiled CLI has dist-cli/job-thread.mjs beside this chunk; from the sources, tsx loads the .ts
    const isCompiled = import.meta.url.endsWith(".mjs");
    const thread = isCompiled
      ? new Worker(new URL("./job-thread.mjs", import.meta.url))
      : new Worker(new URL("./worker-job-thread.ts", import.meta.url), { execArgv: ["--import", "tsx"] });
    const settle = (reply: JobReply) => {
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(reply);
    };
    thread.on("message", (reply: JobReply) => settle(reply));
    thread.on("error", (error) => settle({ ok: false, message: error.message, isUnrecoverable: false }));
    thread.on("exit", (code) => {
      if (this.thread === thread) this.thread = undefined;
      settle({ ok: false, message: `the job thread exited with code ${code}`, isUnrecoverable: false });
    });
    this.thread = thread;
    return thread;
  }
}

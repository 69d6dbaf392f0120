/**
 * Runs across machines on BullMQ (issue 17 item 4, SPEC §8): Debian's redis-server on a free local
 * port, two `seams worker` processes, and simulate / security / sweep / importance with `--queue`
 * give exactly the JSON of the one-machine run; a worker killed in the middle of a job does not
 * lose it — its lock runs out, the other worker finds it stalled and computes it again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  type Running,
  redisMissingReason,
  seamsProcess,
  start,
  startSeams,
} from "./queue-redis.ts";
import { ROOT, seams } from "./run.ts";

const REFERENCE = `${ROOT}public/templates/reference.seams.json`;
/** The lock of a job whose worker died: short, so the test sees the job taken over in seconds. */
const LOCK_SECONDS = 2;

const missing = redisMissingReason();
if (missing !== undefined) console.log(`queue test skipped: ${missing}`);

describe.skipIf(missing !== undefined)("seams --queue on BullMQ with two seams worker processes", () => {
  let redis: Running;
  let url = "";
  const workers: Running[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = start("redis-server", [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ]);
    await redis.waitFor(/Ready to accept connections/);
    for (let i = 0; i < 2; i++) {
      const worker = startSeams(["worker", "--queue", url, "--lock-seconds", String(LOCK_SECONDS)]);
      workers.push(worker);
      await worker.waitFor(/ready on redis:/);
    }
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => w.exited));
    redis?.child.kill("SIGTERM");
    await redis?.exited;
  }, 60_000);

  /** The one-machine run's stdout (in-process, from the sources) and the queued run's (compiled CLI). */
  async function bothWays(args: string[], queueArgs: string[] = []) {
    const local = await seams(...args);
    expect(local.code, local.stderr).toBe(0);
    const queued = await seamsProcess(...args, "--queue", url, ...queueArgs);
    expect(queued.code, queued.stderr).toBe(0);
    return { local: local.stdout, queued: queued.stdout, queuedLog: queued.stderr };
  }

  it("simulate --queue: the same JSON as one machine, each part computed once", async () => {
    const jobsBefore = workers.map((w) => w.stderr.match(/ done in /g)?.length ?? 0);
    const run = await bothWays(
      ["simulate", REFERENCE, "--trials", "60000", "--seed", "7", "--json"],
      ["--parts", "6"],
    );
    expect(run.queuedLog).toMatch(/6 jobs on redis:/);
    expect(JSON.parse(run.queued).system).toEqual(JSON.parse(run.local).system);
    expect(run.queued).toBe(run.local);
    const jobsDone = workers.map((w, i) => (w.stderr.match(/ done in /g)?.length ?? 0) - jobsBefore[i]);
    // each part computed once: none taken over while its worker was still at it
    expect(jobsDone[0] + jobsDone[1], workers.map((w) => w.stderr).join("\n")).toBe(6);
  });

  it("security, sweep and importance --queue: the same JSON as one machine", async () => {
    const security = await bothWays(
      ["security", REFERENCE, "--trials", "3000", "--seed", "3", "--json"],
      ["--parts", "3"],
    );
    expect(security.queued).toBe(security.local);
    const sweep = await bothWays([
      "sweep",
      REFERENCE,
      "--component",
      "csms-a",
      "--max",
      "2",
      "--trials",
      "16384",
      "--json",
    ]);
    expect(sweep.queuedLog).toMatch(/2 jobs on redis:/);
    expect(sweep.queued).toBe(sweep.local);
    const importance = await bothWays(["importance", REFERENCE, "--json"]);
    expect(importance.queued).toBe(importance.local);
  });

  it("a worker killed in the middle of a job: the other computes it again and the result is unchanged", async () => {
    const args = ["simulate", REFERENCE, "--trials", String(10 * 8192), "--seed", "11", "--json"];
    const local = await seams(...args);
    const queued = startSeams([...args, "--queue", url, "--parts", "2"]);
    // the first worker to start a job of this run is killed at once, before it can finish it
    const started = await firstToStart(workers, /job (\d+) simulate part \d\/2 started/);
    started.w.child.kill("SIGKILL");
    expect(await started.w.exited).toBe("SIGKILL");
    const survivor = workers.find((w) => w !== started.w)!;
    const code = await queued.exited;
    expect(code, queued.stderr).toBe(0);
    expect(queued.stdout).toBe(local.stdout);
    // the killed worker never finished the job; the survivor took it over after its lock ran out
    expect(started.w.stderr).not.toMatch(new RegExp(`job ${started.id} done`));
    expect(survivor.stderr).toMatch(new RegExp(`job ${started.id} simulate part \\d/2 started`));
    expect(survivor.stderr).toMatch(new RegExp(`job ${started.id} done`));
  });
});

/** The first of `workers` to write `pattern` on stderr from now on, and the job id it names. */
async function firstToStart(workers: Running[], pattern: RegExp): Promise<{ w: Running; id: string }> {
  const from = workers.map((w) => w.stderr.length);
  for (;;) {
    for (const [i, w] of workers.entries()) {
      const match = w.stderr.slice(from[i]).match(pattern);
      if (match !== null) return { w, id: match[1] };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * What the queue test runs: Debian's `redis-server` on a free local port (installed with apt when
 * missing and we are root, as in CI), and `seams` processes from bin/seams.mjs — the compiled CLI,
 * as a user runs it — with their output collected as it comes.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "./run.ts";

const SEAMS = join(ROOT, "bin/seams.mjs");

function has(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Why the queue test cannot run here, or undefined once `redis-server` is there. */
export function redisMissingReason(): string | undefined {
  if (has("redis-server")) return undefined;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) return "redis-server is missing and we are not root: sudo apt-get install -y redis-server";
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["install", "-y", "-q", "redis-server"], { stdio: "ignore", env });
  } catch {
    execFileSync("apt-get", ["update", "-q"], { stdio: "ignore", env });
    execFileSync("apt-get", ["install", "-y", "-q", "redis-server"], { stdio: "ignore", env });
  }
  return undefined;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process and everything it has written so far. */
export interface Running {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves when `pattern` has appeared on stdout or stderr (rejects if the process ends first). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  exited: Promise<number | string>;
}

/** Start `command args…` and collect its output. */
export function start(command: string, args: readonly string[]): Running {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const waiters: { pattern: RegExp; resolve(m: RegExpMatchArray): void; reject(e: Error): void }[] = [];
  const running: Running = {
    child,
    stdout: "",
    stderr: "",
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      });
    },
    exited: new Promise((resolve) => {
      child.on("close", (code, signal) => {
        resolve(code ?? signal ?? "?");
        for (const w of waiters.splice(0)) {
          w.reject(new Error(`${command} ended before ${w.pattern}: ${running.stderr.slice(-2000)}`));
        }
      });
    }),
  };
  function check() {
    for (const w of [...waiters]) {
      const match = `${running.stdout}\n${running.stderr}`.match(w.pattern);
      if (match === null) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(match);
    }
  }
  child.stdout?.on("data", (chunk) => {
    running.stdout += chunk;
    check();
  });
  child.stderr?.on("data", (chunk) => {
    running.stderr += chunk;
    check();
  });
  return running;
}

/** Start `seams args…` (bin/seams.mjs, the compiled CLI). */
export function startSeams(args: readonly string[]): Running {
  return start(process.execPath, [SEAMS, ...args]);
}

/** Run `seams args…` to its end: exit code and output. */
export async function seamsProcess(
  ...args: string[]
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const running = startSeams(args);
  const code = await running.exited;
  return { code, stdout: running.stdout, stderr: running.stderr };
}

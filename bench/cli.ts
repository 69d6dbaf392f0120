/**
 * Issue 17's CLI start figures: `node bin/seams.mjs --help` (wall and CPU time, median of several
 * runs, after one warm-up that also builds dist-cli/ if it is missing or stale) against < 300 ms,
 * and `seams simulate` on the reference with one trial and one worker — start → result printed,
 * an upper bound on start → first trial — against < 0.5 s. CPU time is the children's user +
 * system time the kernel reports for this process (/proc/self/stat, 10 ms ticks).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadText } from "./load.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = "bin/seams.mjs";
const REFERENCE = "public/templates/reference.seams.json";

/** Seconds of CPU used by this process's finished children (user + system), or NaN off Linux. */
function childCpuSeconds(): number {
  try {
    // the fields after the command name's closing parenthesis: cutime and cstime are 14th and 15th
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall and CPU ms of `node args…` over `runs` runs after one warm-up: medians, min–max wall. */
function timeCommand(args: string[], runs: number): { wall: number[]; cpu: number[]; status: number | null } {
  const run = () => spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const warm = run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = childCpuSeconds();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    cpu.push((childCpuSeconds() - c0) * 1000);
  }
  return { wall, cpu, status: warm.status };
}

/** Print the CLI start figures, each with its target and the load average. */
export function cliBench(runs: number): void {
  console.log(`CLI start (node ${BIN}, median of ${runs} runs after a warm-up):`);
  const rows: [string, string[], number][] = [
    ["--help:", [BIN, "--help"], 300],
    ["simulate reference, 1 trial:", [BIN, "simulate", REFERENCE, "--trials", "1", "--workers", "1"], 500],
  ];
  for (const [label, args, targetMs] of rows) {
    const { wall, cpu, status } = timeCommand(args, runs);
    const wallMs = median(wall);
    const exit = status === 0 ? "" : ` (exit ${status})`;
    console.log(
      `  ${label.padEnd(30)}${wallMs.toFixed(0).padStart(6)} ms wall (${Math.min(...wall).toFixed(0)} – ${Math.max(...wall).toFixed(0)}), ${median(cpu).toFixed(0)} ms CPU — target < ${targetMs} ms: ${wallMs < targetMs ? "met" : "not met"}${exit} [${loadText()}]`,
    );
  }
  console.log("  (simulate: start → result printed for one trial, an upper bound on start → first trial)");
}

/**
 * The compiled `seams` (bin/seams.mjs → dist-cli/, issue 17) prints what the TypeScript sources
 * print in-process, byte for byte, for the same seed: its engine thread is bundled on its own
 * (without zod), the first one starts before the commands load, modules of the model, engine and
 * analysis layers a bundle does not use are left out (they only declare), zod keeps English alone,
 * and the build is minified — none of which may change a number or a message. Also the Intl-free
 * number formatting the reports use.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { formatEnUs } from "../../src/cli/numbers.ts";
import { BATCH_TRIALS } from "../../src/engine/index.ts";
import { HELLO, ROOT, seams } from "./run.ts";

const REFERENCE = join(ROOT, "public/templates/reference.seams.json");

/** Run the compiled `seams args…` as a child process: exit code, stdout, stderr. */
async function compiled(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [join(ROOT, "bin/seams.mjs"), ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

describe("the compiled seams", () => {
  it.each([
    ["simulate", REFERENCE, "--trials", "1", "--workers", "1"],
    ["simulate", REFERENCE, "--trials", "20000", "--seed", "7", "--workers", "2"],
    ["simulate", REFERENCE, "--trials", "20000", "--seed", "3", "--json"],
    ["latency", REFERENCE, "--trials", "20000", "--seed", "3"],
    ["security", HELLO, "--trials", "2000", "--seed", "4"],
  ])("%s %s %s %s … prints what the sources print in-process", async (...args) => {
    const [child, inProcess] = [await compiled(...args), await seams(...args)];
    expect(child.code).toBe(0);
    expect(child.stderr).toBe("");
    expect(child.stdout.length).toBeGreaterThan(100);
    expect(child.stdout).toBe(inProcess.stdout);
  });

  it("exits 2 on an invalid model although an engine thread was started for it", async () => {
    const run = await compiled("simulate", join(ROOT, "package.json"), "--trials", "1");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("package.json");
    expect(run.stdout).toBe("");
  });

  it("words schema errors as the sources do (zod in English, its other languages left out)", async () => {
    const doc = JSON.parse(await readFile(HELLO, "utf8"));
    doc.components[0].availability = 1.5;
    doc.components[1].type = "nonsense";
    doc.components[2].bogus = 1;
    doc.links[0].kind = 5;
    const dir = await mkdtemp(join(tmpdir(), "seams-compiled-"));
    const file = join(dir, "bad.seams.json");
    await writeFile(file, JSON.stringify(doc));
    try {
      const [child, inProcess] = [await compiled("validate", file), await seams("validate", file)];
      expect(child.code).toBe(2);
      expect(child.stderr).toContain('components[1].type: Invalid option: expected one of "charger"');
      expect(child.stderr).toBe(inProcess.stderr);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe("bin/seams.mjs", () => {
  it("sizes the engine threads it starts early by the engine's batch size", async () => {
    const bin = await readFile(join(ROOT, "bin/seams.mjs"), "utf8");
    expect(bin).toContain(`const BATCH_TRIALS = ${BATCH_TRIALS};`);
  });
});

describe("formatEnUs", () => {
  it("writes what toLocaleString('en-US') writes, ties and carries included", () => {
    const values = [0, -0, 7, 1234, 1234567, 200_000, 1.05, 1.15, 2.25, 0.05, 9.95, 99.96, 999.95, -0.04];
    const cases = values.flatMap((x) => [0, 1, 2, 3].map((digits) => [x, digits] as const));
    // and a fixed pseudo-random spread of magnitudes and fractions
    let state = 12345;
    for (let i = 0; i < 20_000; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const x = ((state / 2 ** 32 - 0.3) * 10 ** ((state % 12) - 3)) / (i % 7 === 0 ? 1 : 1.0001);
      cases.push([x, i % 4], [Math.round(x * 100) / 100, 1]);
    }
    for (const [x, digits] of cases) {
      expect(formatEnUs(x, digits)).toBe(x.toLocaleString("en-US", { maximumFractionDigits: digits }));
    }
    expect(formatEnUs(1234567.891, 1)).toBe("1,234,567.9");
    expect(formatEnUs(99.96, 1)).toBe("100");
    expect(formatEnUs(-0.04, 1)).toBe("-0");
    expect(formatEnUs(Number.NaN)).toBe("NaN");
  });
});

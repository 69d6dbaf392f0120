/**
 * The `seams` command run in-process with captured output (SPEC §8, §9), plus one run of the real
 * executable to check the process exit code.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELLO, ROOT, seams } from "./run.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "seams-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** hello.seams.json with `edit` applied, written to the temp folder. */
async function helloWith(name: string, edit: (doc: { components: Record<string, unknown>[] }) => void) {
  const doc = JSON.parse(await readFile(HELLO, "utf8"));
  edit(doc);
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(doc));
  return file;
}

describe("seams validate", () => {
  it("accepts the hello template and counts its parts", async () => {
    const { code, stdout, stderr } = await seams("validate", HELLO);
    expect(code).toBe(0);
    expect(stdout).toBe(`${HELLO}: valid (5 components, 6 links)\n`);
    expect(stderr).toBe("");
  });

  it("reports a valid file as JSON with --json", async () => {
    const { code, stdout } = await seams("validate", HELLO, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, components: 5, links: 6 });
  });

  it("rejects a probability above 1 with the file and the JSON path", async () => {
    const file = await helloWith("prob.json", (doc) => {
      doc.components[0].availability = 1.5;
    });
    const { code, stdout, stderr } = await seams("validate", file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${file}: components[0].availability: `);
  });

  it("lists the issues as JSON with --json", async () => {
    const file = await helloWith("prob-json.json", (doc) => {
      doc.components[0].availability = 1.5;
    });
    const { code, stdout } = await seams("validate", file, "--json");
    expect(code).toBe(2);
    const verdict = JSON.parse(stdout);
    expect(verdict.valid).toBe(false);
    expect(verdict.issues.map((i: { path: string }) => i.path)).toContain("components[0].availability");
  });

  it("rejects a file that is not JSON", async () => {
    const file = join(dir, "broken.json");
    await writeFile(file, '{ "schema": "seams/1", ');
    const { code, stderr } = await seams("validate", file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: not valid JSON`);
  });

  it("names a missing file", async () => {
    const file = join(dir, "does-not-exist.json");
    const { code, stderr } = await seams("validate", file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: no such file`);
  });
});

describe("seams arguments", () => {
  it("rejects an unknown option with the command's usage", async () => {
    const { code, stderr } = await seams("validate", HELLO, "--strict");
    expect(code).toBe(2);
    expect(stderr).toContain('unknown option "--strict"');
    expect(stderr).toContain("Usage: seams validate");
  });

  it("rejects an unknown command with the usage", async () => {
    const { code, stderr } = await seams("simulat", HELLO);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: seams <command>");
  });

  it("rejects a trial count that is not a whole number", async () => {
    const { code, stderr } = await seams("simulate", HELLO, "--trials", "many");
    expect(code).toBe(2);
    expect(stderr).toContain("--trials");
  });

  it("latency --derive times the chains found on the flows; a wrong kind is exit 2", async () => {
    const ok = await seams("latency", HELLO, "--derive", "status,auth", "--trials", "5000", "--json");
    expect(ok.code).toBe(0);
    const ids = Object.keys(JSON.parse(ok.stdout).chains);
    expect(ids.some((id) => id.startsWith("derived-status-"))).toBe(true);
    expect(ids.some((id) => id.startsWith("derived-auth-"))).toBe(true);
    const bad = await seams("latency", HELLO, "--derive", "gossip");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"gossip"');
  });

  it("export-mef writes MEF for a charger site, and names the sites when --outcome is wrong", async () => {
    const model = JSON.parse(await readFile(HELLO, "utf8"));
    const charger = model.components.find((c: { type: string }) => c.type === "charger").id;
    const ok = await seams("export-mef", HELLO, "--outcome", charger);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^<\?xml[\s\S]*<opsa-mef>[\s\S]*<define-fault-tree name="unusable_/);
    const json = await seams("export-mef", HELLO, "--outcome", charger, "--json");
    expect(JSON.parse(json.stdout).probability).toBeGreaterThan(0);
    const bad = await seams("export-mef", HELLO, "--outcome", "nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`"nope" is not a charger site`);
    expect(bad.stderr).toContain(charger);
    const missing = await seams("export-mef", HELLO);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--outcome");
  });

  it("export-mef refuses a model with cyclic requirements (exit 1, the cycle named)", async () => {
    const file = await helloWith("cyclic.json", (m) => {
      const doc = m as unknown as { components: { id: string; type: string }[]; links: unknown[] };
      const [a, b] = doc.components.filter((c) => c.type !== "charger");
      doc.links.push({ id: "x1", from: a.id, to: b.id, flows: ["auth"], kind: "hard" });
      doc.links.push({ id: "x2", from: b.id, to: a.id, flows: ["auth"], kind: "hard" });
    });
    const model = JSON.parse(await readFile(file, "utf8"));
    const charger = model.components.find((c: { type: string }) => c.type === "charger").id;
    const r = await seams("export-mef", file, "--outcome", charger);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cycle");
  });

  it("importance ranks components (exact) and whatif gives paired changes with intervals", async () => {
    const imp = await seams("importance", HELLO, "--json");
    expect(imp.code).toBe(0);
    const r = JSON.parse(imp.stdout);
    expect(r.method).toBe("exact");
    expect(r.components.length).toBeGreaterThan(0);
    for (let k = 1; k < r.components.length; k++) {
      expect(r.components[k - 1].savedKw).toBeGreaterThanOrEqual(r.components[k].savedKw);
    }
    const top = r.components[0].id;
    const w = await seams("whatif", HELLO, "--down", top, "--trials", "20000", "--json");
    expect(w.code).toBe(0);
    const d = JSON.parse(w.stdout).delta.unusableKw;
    expect(d.mean).toBeGreaterThan(0);
    expect(d.significant).toBe(true);
    const bad = await seams("whatif", HELLO, "--down", "nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"nope"');
  });

  it("coupling --json keys every component by its id, with SPEC §8's fields", async () => {
    const { code, stdout } = await seams("coupling", HELLO, "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const model = JSON.parse(await readFile(HELLO, "utf8"));
    expect(Object.keys(out.components).sort()).toEqual(
      model.components.map((c: { id: string }) => c.id).sort(),
    );
    for (const c of Object.values(out.components) as Record<string, unknown>[]) {
      for (const key of ["fanIn", "fanOut", "betweenness", "blastRadiusKw", "spof"])
        expect(c).toHaveProperty(key);
    }
    for (const key of ["integrations", "seams", "seamRatio", "cycles", "tightCoupling"]) {
      expect(out.model).toHaveProperty(key);
    }
  });

  it("security --json: SPEC §8's keys, deterministic for a seed", async () => {
    const run = () =>
      seams("security", HELLO, "--horizon-days", "30", "--trials", "3000", "--seed", "4", "--json");
    const first = await run();
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    for (const c of Object.values(out.components) as { compromised: { p: number; ci95: number[] } }[]) {
      expect(c.compromised.ci95[0]).toBeLessThanOrEqual(c.compromised.p);
      expect(c.compromised.p).toBeLessThanOrEqual(c.compromised.ci95[1]);
    }
    expect(Array.isArray(out.entries)).toBe(true);
    expect(out.controllableKw).toHaveProperty("mean");
    // hello has 900 kW: P(≥ 30 MW) is n/a (null with its reason, never NaN), beside P(≥ 10 % of 900 kW)
    expect(out.controllableKw).toMatchObject({
      totalKw: 900,
      thresholdKw: 30_000,
      pAboveThreshold: null,
      pAboveThresholdReason: "the model has 0.9 MW",
      systemicShare: 0.1,
      systemicKw: 90,
    });
    expect(out.controllableKw.pAboveSystemic.p).toBeGreaterThan(0);
    expect(first.stdout).not.toContain("NaN");
    // calibrated defaults: no organisation is breached in 30 days with P ≥ 0.5 (was 94–97 %)
    for (const o of Object.values(out.orgs) as { anyCompromised: { p: number } }[]) {
      expect(o.anyCompromised.p).toBeLessThan(0.5);
    }
    expect((await run()).stdout).toBe(first.stdout);
    const text = await seams("security", HELLO, "--trials", "2000", "--seed", "4");
    expect(text.stdout).toContain("P(≥ 30 MW)                 n/a (the model has 0.9 MW)");
    expect(text.stdout).toMatch(/P\(≥ 10 % of its power, 90 kW\) {2}0\.\d{4}/);
    const bad = await seams("security", HELLO, "--horizon-days", "-1");
    expect(bad.code).toBe(2);
  });

  it("latency --json times the model's chains; a model without chains is refused", async () => {
    const reference = join(ROOT, "public/templates/reference.seams.json");
    const { code, stdout } = await seams("latency", reference, "--trials", "20000", "--seed", "2", "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const model = JSON.parse(await readFile(reference, "utf8"));
    expect(Object.keys(out.chains).sort()).toEqual(model.chains.map((c: { id: string }) => c.id).sort());
    for (const c of Object.values(out.chains) as { p50: number; p95: number; broken: { p: number } }[]) {
      expect(c.p50).toBeLessThanOrEqual(c.p95);
      expect(c.broken.p).toBeGreaterThanOrEqual(0);
    }
    const noChains = await helloWith("no-chains.json", (doc) => {
      (doc as unknown as { chains: unknown[] }).chains = [];
    });
    const none = await seams("latency", noChains);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no signal chains");
  });

  it("sweep --json: one row per N, the integrations grow with every copy", async () => {
    const { code, stdout } = await seams(
      "sweep",
      HELLO,
      "--component",
      "app",
      "--max",
      "3",
      "--trials",
      "8192",
      "--json",
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.rows.map((r: { n: number }) => r.n)).toEqual([1, 2, 3]);
    const integrations = out.rows.map((r: { coupling: { integrations: number } }) => r.coupling.integrations);
    expect(integrations[1]).toBeGreaterThan(integrations[0]);
    expect(integrations[2]).toBeGreaterThan(integrations[1]);
    expect((await seams("sweep", HELLO, "--component", "nope")).code).toBe(2);
  });

  it("coupling on a bad file exits 2 naming the path", async () => {
    const file = await helloWith("coupling-bad.json", (doc) => {
      doc.components[1].availability = 1.5;
    });
    const { code, stderr } = await seams("coupling", file);
    expect(code).toBe(2);
    expect(stderr).toContain("components[1].availability");
  });

  it("simulate --shard i/n parts merge into exactly the unsplit run", async () => {
    const whole = await seams(
      "simulate",
      HELLO,
      "--trials",
      "30000",
      "--seed",
      "9",
      "--json",
      "--workers",
      "1",
    );
    expect(whole.code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), "seams-shards-"));
    const files: string[] = [];
    for (const i of [2, 0, 1]) {
      const part = await seams("simulate", HELLO, "--trials", "30000", "--seed", "9", "--shard", `${i}/3`);
      expect(part.code).toBe(0);
      const file = join(dir, `part-${i}.json`);
      await writeFile(file, part.stdout);
      files.push(file);
    }
    const merged = await seams("merge", HELLO, ...files, "--json");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    const missing = await seams("merge", HELLO, files[0], files[1]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing");
    await rm(dir, { recursive: true, force: true });
  });

  it("prints help on stdout", async () => {
    const { code, stdout } = await seams("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("simulate <file>");
  });
});

describe("seams simulate", () => {
  const ids = async () => {
    const doc = JSON.parse(await readFile(HELLO, "utf8")) as { components: { id: string; type: string }[] };
    return {
      components: doc.components.map((c) => c.id).sort(),
      chargers: doc.components
        .filter((c) => c.type === "charger")
        .map((c) => c.id)
        .sort(),
    };
  };

  it("prints SPEC §8's JSON keyed by the model's ids, every estimate inside its interval", async () => {
    const { code, stdout, stderr } = await seams(
      "simulate",
      HELLO,
      "--trials",
      "20000",
      "--seed",
      "7",
      "--json",
      "--workers",
      "2",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const expected = await ids();
    expect(result.trials).toBe(20_000);
    expect(result.seed).toBe(7);
    expect(Object.keys(result.components).sort()).toEqual(expected.components);
    expect(Object.keys(result.chargers).sort()).toEqual(expected.chargers);
    expect(Object.keys(result.system)).toEqual(
      expect.arrayContaining(["unusableKw", "systemicEvent", "phantomRate", "seamShare"]),
    );

    const estimates: { p: number; ci95: [number, number] }[] = [];
    for (const component of Object.values<{ functional: (typeof estimates)[0] }>(result.components)) {
      estimates.push(component.functional);
    }
    for (const charger of Object.values<{
      usable: (typeof estimates)[0];
      seamFailure: (typeof estimates)[0];
      phantom: Record<string, (typeof estimates)[0]>;
      hidden: Record<string, (typeof estimates)[0]>;
    }>(result.chargers)) {
      estimates.push(charger.usable, ...Object.values(charger.phantom), ...Object.values(charger.hidden));
      // P(seam failure | unusable) is undefined (null in JSON) when the charger was never unusable
      if (charger.seamFailure.p !== null) estimates.push(charger.seamFailure);
    }
    estimates.push(result.system.systemicEvent);
    expect(estimates.length).toBeGreaterThan(expected.components.length);
    for (const { p, ci95 } of estimates) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(ci95[0]).toBeLessThanOrEqual(p);
      expect(p).toBeLessThanOrEqual(ci95[1]);
    }
  });

  it("prints the same numbers whatever the number of workers", async () => {
    const run = (workers: string) =>
      seams("simulate", HELLO, "--trials", "50000", "--seed", "3", "--json", "--workers", workers);
    const one = await run("1");
    const three = await run("3");
    expect(one.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    const summaries = [await seams("simulate", HELLO, "--trials", "50000", "--seed", "3", "--workers", "1")];
    summaries.push(await seams("simulate", HELLO, "--trials", "50000", "--seed", "3", "--workers", "3"));
    expect(summaries[0].code).toBe(0);
    expect(summaries[0].stdout).toContain("least usable chargers");
    expect(summaries[1].stdout).toBe(summaries[0].stdout);
  });
});

describe("the driver's view in the CLI (SPEC §10)", () => {
  type Est = { p: number; ci95: [number, number] };
  const CAUSES = ["notShown", "siteDown", "noUnit", "unitFault", "auth", "tooSlow", "startFailure"];
  // within [0, 1] up to rounding: unit faults are tallied by expectation, so a site that is down
  // in every trial can come out at −1e-14 (reported to the engine's owner)
  const inUnit = (e: Est) => {
    expect(e.p).toBeGreaterThanOrEqual(-1e-12);
    expect(e.p).toBeLessThanOrEqual(1 + 1e-12);
    expect(e.ci95[0]).toBeLessThanOrEqual(e.p + 1e-12);
    expect(e.p).toBeLessThanOrEqual(e.ci95[1] + 1e-12);
  };

  it("simulate --json: drivers by id with name, ftcsr, demandSuccess, seen and causes; per site and system figures", async () => {
    const { code, stdout } = await seams("simulate", HELLO, "--trials", "20000", "--seed", "7", "--json");
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    const populations = Object.entries<Record<string, unknown>>(r.drivers);
    expect(populations.length).toBeGreaterThan(0);
    for (const [, d] of populations) {
      expect(typeof d.name).toBe("string");
      for (const key of ["ftcsr", "demandSuccess", "seen"]) inUnit(d[key] as Est);
      expect(Object.keys(d.causes as object).sort()).toEqual([...CAUSES].sort());
      for (const cause of CAUSES) inUnit((d.causes as Record<string, Est>)[cause]);
      // a success is an attempt that was seen: demand success = start success × P(seen)
      const [f, s, seen] = [d.ftcsr, d.demandSuccess, d.seen] as Est[];
      expect(s.p).toBeCloseTo(f.p * seen.p, 9);
    }
    for (const charger of Object.values<Record<string, Est>>(r.chargers)) {
      for (const key of ["ftcsr", "demandSuccess", "seen", "reportedUptime", "trueUptime"])
        inUnit(charger[key]);
    }
    for (const key of ["ftcsr", "demandSuccess", "reportedUptime", "trueUptime"]) inUnit(r.system[key]);
    // the gap the view exists for: what regulators see exceeds what drivers get
    expect(r.system.reportedUptime.p).toBeGreaterThan(r.system.ftcsr.p);
  });

  it("simulate's text leads with the gap in words and lists the populations by name with their causes", async () => {
    const { code, stdout } = await seams("simulate", HELLO, "--trials", "20000", "--seed", "7");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[1]).toMatch(
      /^ {2}Regulators see \d+\.\d % reported uptime; drivers start \d+\.\d % of attempts \(demand success \d+\.\d %\)$/,
    );
    expect(stdout).toMatch(/start success +\d+\.\d % \(95% CI .*\) +of attempts/);
    expect(stdout).toContain("of intended visits");
    expect(stdout).toContain("ChargeCo's own customers");
    expect(stdout).toContain("DriveApp roaming drivers");
    expect(stdout).toContain("start failed");
    expect(stdout).toContain("lowest start success, of attempts at the site");
    // names people read, never the ids of the populations
    expect(stdout).not.toMatch(/own-csms|roaming-emsp/);
  });

  it("whatif --json carries the driver's keys in baseline, variant and delta", async () => {
    const imp = JSON.parse((await seams("importance", HELLO, "--json")).stdout);
    const top = imp.components[0].id;
    const { code, stdout } = await seams("whatif", HELLO, "--down", top, "--trials", "20000", "--json");
    expect(code).toBe(0);
    const w = JSON.parse(stdout);
    for (const run of [w.baseline, w.variant]) {
      for (const key of ["ftcsr", "demandSuccess", "reportedUptime", "trueUptime"]) inUnit(run[key]);
      expect(Object.keys(run.drivers).length).toBeGreaterThan(0);
      for (const d of Object.values<Record<string, Est>>(run.drivers)) inUnit(d.ftcsr);
      for (const c of Object.values<Record<string, Est>>(run.chargers)) inUnit(c.ftcsr);
    }
    // the most important component down: demand success falls, variant − baseline
    const d = w.delta.demandSuccess;
    expect(d.mean).toBeCloseTo(w.variant.demandSuccess.p - w.baseline.demandSuccess.p, 9);
    expect(d.mean).toBeLessThan(0);
    expect(d.significant).toBe(true);
    expect(Object.keys(w.delta.drivers).sort()).toEqual(Object.keys(w.baseline.drivers).sort());
    for (const [id, change] of Object.entries<Record<string, { mean: number }>>(w.delta.drivers)) {
      expect(change.ftcsr.mean).toBeCloseTo(
        w.variant.drivers[id].ftcsr.p - w.baseline.drivers[id].ftcsr.p,
        9,
      );
    }
    for (const [id, change] of Object.entries<Record<string, { mean: number }>>(w.delta.chargers)) {
      expect(change.ftcsr.mean).toBeCloseTo(
        w.variant.chargers[id].ftcsr.p - w.baseline.chargers[id].ftcsr.p,
        9,
      );
    }
    // the paired change of P(usable) is still there beside them
    expect(w.delta.unusableKw.significant).toBe(true);
  });
});

describe("the seams executable", () => {
  it("exits with code 2 on an invalid file", async () => {
    const file = await helloWith("exit-code.json", (doc) => {
      doc.components[0].availability = 1.5;
    });
    const error = await promisify(execFile)(
      process.execPath,
      [join(ROOT, "bin/seams.mjs"), "validate", file],
      {
        cwd: dir,
      },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(2);
    expect(error?.stderr).toContain("components[0].availability");
  });
});

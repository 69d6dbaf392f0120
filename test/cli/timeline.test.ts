/** `seams timeline` (SPEC §11 CLI): the JSON document, the text report, and bad input as exit 2. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELLO, ROOT, seams } from "./run.ts";

const REFERENCE = join(ROOT, "public/templates/reference.seams.json");

/** Write `model` to a temporary file and return its path. */
function fileOf(model: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "seams-timeline-")), "model.seams.json");
  writeFileSync(path, JSON.stringify(model));
  return path;
}

describe("seams timeline", () => {
  it("--json gives the SPEC §11 document for the hours and seed asked, the same for the same seed", async () => {
    const a = await seams(
      "timeline",
      REFERENCE,
      "--hours",
      "12",
      "--seed",
      "3",
      "--incident",
      "csms-a-outage",
      "--json",
    );
    expect(a.code).toBe(0);
    const result = JSON.parse(a.stdout);
    expect(result.hours).toBe(12);
    expect(result.seed).toBe(3);
    expect(result.binMinutes).toBe(1);
    expect(result.minutes).toHaveLength(720);
    expect(Object.keys(result.incidents)).toEqual(["csms-a-outage"]);
    // the outage of csms-a at 08:00 is on its dashboard at once (monitored, loud)
    expect(result.incidents["csms-a-outage"].detectMinutes).toBe(0);
    expect(result.components["csms-a"].downFraction).toBeGreaterThanOrEqual(45 / 720);
    for (const key of ["trueAvailable", "shown", "ftcsr", "demandSuccess", "load", "latencyP95Ms", "queue"])
      expect(result.series).toHaveProperty(key);
    expect(result.series.load["csms-a"]).toHaveLength(720);
    expect(Object.keys(result.summary).sort()).toEqual([
      "demandSuccess",
      "ftcsr",
      "hiddenMinutes",
      "phantomMinutes",
      "reportedUptime",
    ]);
    const b = await seams(
      "timeline",
      REFERENCE,
      "--hours",
      "12",
      "--seed",
      "3",
      "--incident",
      "csms-a-outage",
      "--json",
    );
    expect(b.stdout).toBe(a.stdout);
  });

  it("--series picks the components whose series are reported", async () => {
    const { code, stdout } = await seams(
      "timeline",
      HELLO,
      "--hours",
      "2",
      "--series",
      "csms,cloud",
      "--json",
    );
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout).series.load)).toEqual(["csms", "cloud"]);
  });

  it("text mode prints the summary and the incidents", async () => {
    const { code, stdout } = await seams("timeline", REFERENCE, "--hours", "10", "--seed", "1");
    expect(code).toBe(0);
    expect(stdout).toMatch(/10 h simulated, seed 1/);
    expect(stdout).toMatch(/start success \d+\.\d %/);
    expect(stdout).toMatch(
      /csms-a-outage \(CSMS outage, then the reconnect storm\): first red dashboard 0 min/,
    );
  });

  it("--incident none runs without incidents (the baseline of an incident's run)", async () => {
    const none = await seams(
      "timeline",
      REFERENCE,
      "--hours",
      "2",
      "--seed",
      "1",
      "--incident",
      "none",
      "--json",
    );
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).incidents).toEqual({});
    const text = await seams("timeline", REFERENCE, "--hours", "2", "--seed", "1", "--incident", "none");
    expect(text.stdout).toMatch(/no incidents/);
  });

  it("refuses an unknown incident, an unknown series id, a horizon over the limit (exit 2)", async () => {
    const unknown = await seams("timeline", HELLO, "--incident", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--incident: no incident "nope"/);
    const series = await seams("timeline", HELLO, "--series", "ghost");
    expect(series.code).toBe(2);
    expect(series.stderr).toMatch(/--series: no component "ghost"/);
    const long = await seams("timeline", HELLO, "--hours", "100000");
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/--hours: expected a number of hours above 0 and at most 8784/);
    const zero = await seams("timeline", HELLO, "--hours", "0");
    expect(zero.code).toBe(2);
  });

  it("refuses an incident on an unknown target and a negative duration, naming the file and JSON path (exit 2)", async () => {
    const model = JSON.parse(readFileSync(HELLO, "utf8"));
    model.incidents = [
      { id: "x", name: "x", target: "ghost", effect: "down", atMinutes: 10, durationMinutes: 5 },
    ];
    const path = fileOf(model);
    const target = await seams("timeline", path, "--hours", "1");
    expect(target.code).toBe(2);
    expect(target.stderr).toContain(`${path}: incidents[0].target:`);
    expect(target.stderr).toContain('"ghost"');
    model.incidents = [
      { id: "x", name: "x", target: "csms", effect: "down", atMinutes: 10, durationMinutes: -5 },
    ];
    const negative = await seams("timeline", fileOf(model), "--hours", "1");
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/incidents\[0\]\.durationMinutes/);
  });

  it("says why an incident was never detected: the hub's liveness check and no synthetic caller", async () => {
    const model = JSON.parse(readFileSync(REFERENCE, "utf8"));
    for (const c of model.components) if (c.id === "csms-b") c.monitoring = "liveness";
    const { code, stdout } = await seams(
      "timeline",
      fileOf(model),
      "--hours",
      "20",
      "--seed",
      "1",
      "--incident",
      "hub-slow",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /hub-slow \(.*\): first red dashboard never \(its liveness monitoring sees it down, never slow or overloaded; none of its \d+ callers has synthetic monitoring\)/,
    );
    const seen = await seams("timeline", REFERENCE, "--hours", "20", "--seed", "1", "--incident", "hub-slow");
    expect(seen.stdout).toMatch(/hub-slow \(.*\): first red dashboard \d+(\.\d+)? min/);
    expect(seen.stdout).toMatch(/reported uptime \d+\.\d+ % \(what the operators' CSMSs show\)/);
  });
});

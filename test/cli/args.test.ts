/**
 * The `seams` arguments (SPEC §8): each mistake is exit 2 with the message word for word, then the
 * command's usage; every command's option table agrees with its usage and with `seams --help`.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.ts";
import { USAGE } from "../../src/cli/usage.ts";
import { HELLO, ROOT, seams } from "./run.ts";

function usageOf(name: string): string {
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) throw new Error(`no command ${name}`);
  return command.usage;
}

/** What `wholeNumber` says when `got` is not a whole number in range. */
const wholeNumberMessage = (name: string, max: number, got: string) =>
  `--${name}: expected a whole number from ${name === "seed" ? 0 : 1} to ${max}, got "${got}"`;

describe("seams arguments: a mistake is exit 2, the message, then the command's usage", () => {
  const cases: [argv: string[], message: string][] = [
    [["validate", HELLO, "--strict"], 'unknown option "--strict" for seams validate'],
    [["validate", HELLO, "--strict=1"], 'unknown option "--strict=1" for seams validate'],
    [["validate", HELLO, "-abc"], 'unknown option "-abc" for seams validate'],
    [["simulate", HELLO, "-5"], 'unknown option "-5" for seams simulate'],
    [["simulate", HELLO, "-h"], 'unknown option "-h" for seams simulate'],
    [["coupling", HELLO, "--constructor"], 'unknown option "--constructor" for seams coupling'],
    [["merge", HELLO, "--trials", "5"], 'unknown option "--trials" for seams merge'],
    [["validate", HELLO, "--json=1"], "--json takes no value"],
    [["validate", HELLO, "--json="], "--json takes no value"],
    [["validate", HELLO, "--json", "--json"], "--json is given more than once"],
    [["simulate", HELLO, "--trials", "5", "--trials", "6"], "--trials is given more than once"],
    [["simulate", HELLO, "--trials"], "--trials needs a value"],
    [["simulate", HELLO, "--trials", "--json"], "--trials needs a value"],
    [["simulate", HELLO, "--trials", "--"], "--trials needs a value"],
    [["simulate", HELLO, "--trials", "-5"], wholeNumberMessage("trials", 100_000_000, "-5")],
    [["simulate", HELLO, "--trials="], wholeNumberMessage("trials", 100_000_000, "")],
    [["simulate", HELLO, "--trials", "many"], wholeNumberMessage("trials", 100_000_000, "many")],
    [["simulate", HELLO, "--trials", "2.5"], wholeNumberMessage("trials", 100_000_000, "2.5")],
    [["simulate", HELLO, "--seed=-1"], wholeNumberMessage("seed", 4_294_967_295, "-1")],
    [["simulate", HELLO, "--workers", "0"], wholeNumberMessage("workers", 256, "0")],
    [["importance", HELLO, "--trials", "1e8"], wholeNumberMessage("trials", 10_000_000, "1e8")],
    [["importance", HELLO, "--top", "0"], wholeNumberMessage("top", 100_000, "0")],
    [["latency", HELLO, "--max", "0"], wholeNumberMessage("max", 10_000, "0")],
    [["sweep", HELLO, "--component", "app", "--max", "51"], wholeNumberMessage("max", 50, "51")],
    [["validate", HELLO, "--seed", "4294967296"], wholeNumberMessage("seed", 4_294_967_295, "4294967296")],
    [
      ["simulate", HELLO, "--shard", "bad"],
      '--shard: expected i/n with 0 ≤ i < n ≤ 100000 (shards count from 0), got "bad"',
    ],
    [
      ["simulate", HELLO, "--shard", "3/3"],
      '--shard: expected i/n with 0 ≤ i < n ≤ 100000 (shards count from 0), got "3/3"',
    ],
    [["importance", HELLO, "--method", "x"], '--method: expected exact or monte-carlo, got "x"'],
    [
      ["latency", HELLO, "--derive", "status,gossip"],
      '--derive: expected status, control and/or auth (comma-separated), got "gossip"',
    ],
    [["whatif", HELLO], "nothing to change: give --down, --up, --degraded, --compromised or --org-offline"],
    [["validate"], "a model file is needed"],
    [["simulate", "--trials", "x"], "a model file is needed"],
    [["validate", HELLO, "--", "--json"], `one model file at a time (got 2: ${HELLO}, --json)`],
    [
      ["merge", HELLO],
      "merge needs the model file and the shard files: seams merge model.seams.json part-*.json",
    ],
  ];
  it.each(cases)("seams %j", async (argv, message) => {
    const { code, stdout, stderr } = await seams(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`seams: ${message}\n\n${usageOf(argv[0])}\n`);
  });

  it("checks --trials and --seed before the file where nothing runs, after it where something does", async () => {
    expect((await seams("validate", "--seed", "x")).stderr).toMatch(/^seams: --seed: expected/);
    expect((await seams("simulate", "--seed", "x")).stderr).toMatch(/^seams: a model file is needed/);
  });
});

describe("seams arguments: a mistake about the model's contents is exit 2 and the message alone", () => {
  const cases: [argv: string[], message: string][] = [
    [
      ["security", HELLO, "--horizon-days", "-1"],
      '--horizon-days: expected a number of days greater than 0, got "-1"',
    ],
    [["security", HELLO, "--start", "nope"], `--start: no component "nope" in ${HELLO}`],
    [["security", HELLO, "--target", "nope"], `--target: no component "nope" in ${HELLO}`],
    [["sweep", HELLO], "--component id is required: the component to replicate"],
    [["sweep", HELLO, "--component", "nope"], `--component: no component "nope" in ${HELLO}`],
    [["validate", join(ROOT, "no-such.seams.json")], `${join(ROOT, "no-such.seams.json")}: no such file`],
  ];
  it.each(cases)("seams %j", async (argv, message) => {
    const { code, stdout, stderr } = await seams(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${message}\n`);
  });
});

describe("seams help", () => {
  it("--help, -h and help print the general usage on stdout", async () => {
    for (const argv of [["--help"], ["-h"], ["help"], ["help", "-x"]]) {
      expect(await seams(...argv)).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: "" });
    }
  });

  it("help for a word that is not a command is exit 2 with the general usage", async () => {
    for (const topic of ["x", "constructor"]) {
      expect(await seams("help", topic)).toEqual({
        code: 2,
        stdout: "",
        stderr: `seams: no help for "${topic}": it is not a command\n\n${USAGE}\n`,
      });
    }
    expect(await seams("simulat", HELLO)).toEqual({
      code: 2,
      stdout: "",
      stderr: `seams: unknown command "simulat"\n\n${USAGE}\n`,
    });
    expect(await seams()).toEqual({ code: 2, stdout: "", stderr: `seams: no command given\n\n${USAGE}\n` });
  });

  it.each(COMMANDS.map((c) => [c.name]))(
    "%s: --help anywhere, and help %s, print its usage",
    async (name) => {
      const usage = { code: 0, stdout: `${usageOf(name)}\n`, stderr: "" };
      expect(await seams(name, "--help")).toEqual(usage);
      expect(await seams(name, HELLO, "--trials", "--help")).toEqual(usage);
      expect(await seams("help", name)).toEqual(usage);
      expect(await seams("help", "--json", name)).toEqual(usage);
    },
  );
});

describe("seams option tables", () => {
  it.each(COMMANDS.map((c) => [c.name, c]))("%s: its usage shows each option it takes", (_, command) => {
    const synopsis = command.usage.split("\n")[0];
    for (const [name, option] of Object.entries(command.options)) {
      expect(command.usage.includes(`--${name}`), `--${name} in the usage`).toBe(!option.isUnused);
    }
    for (const [, name] of synopsis.matchAll(/--([\w-]+)/g)) expect(command.options).toHaveProperty(name);
  });

  it("seams --help lists exactly the commands there are", () => {
    const listed = [...USAGE.matchAll(/^ {2}([\w-]+) </gm)].map(([, name]) => name);
    expect(listed.sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });
});

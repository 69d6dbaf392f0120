/**
 * `seams merge` takes shard files as untrusted input (issue 19 item 5): a shard of another model,
 * forged or damaged numbers, absurd counts and malformed tallies are refused with exit 2 naming the
 * file and why, before anything in them is used; a valid split still equals the unsplit run.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELLO, ROOT, seams } from "./run.ts";

const TRIALS = "30000"; // 4 batches of 8192: shard 0/3 is batch 0, 1/3 batch 1, 2/3 batches 2 and 3
const SEED = "9";

type Shard = {
  format: string;
  fingerprint: string;
  trials: number;
  seed: number;
  shard: { index: number; count: number };
  batches: { first: number; end: number };
  tallies: Record<string, number | number[]>[];
};

let dir = "";
let whole = "";
const parts: string[] = [];
const shards: Shard[] = [];

async function shardOf(model: string, i: number, count = 3) {
  return seams("simulate", model, "--trials", TRIALS, "--seed", SEED, "--shard", `${i}/${count}`);
}

/** A copy of shard `i` changed by `edit`, written as `name`; its path. */
async function forged(name: string, i: number, edit: (shard: Shard) => void): Promise<string> {
  const shard = structuredClone(shards[i]);
  edit(shard);
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(shard));
  return file;
}

/** Merge part 0 and 1 with `third` in place of part 2. */
const mergeWith = (third: string) => seams("merge", HELLO, parts[0], parts[1], third, "--json");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "seams-merge-"));
  const run = await seams("simulate", HELLO, "--trials", TRIALS, "--seed", SEED, "--json", "--workers", "1");
  expect(run.code).toBe(0);
  whole = run.stdout;
  for (const i of [0, 1, 2]) {
    const part = await shardOf(HELLO, i);
    expect(part.code).toBe(0);
    const file = join(dir, `part-${i}.json`);
    await writeFile(file, part.stdout);
    parts.push(file);
    shards.push(JSON.parse(part.stdout) as Shard);
  }
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("seams merge: valid shards", () => {
  it("a valid split, in any order, equals the unsplit run byte for byte", async () => {
    const merged = await seams("merge", HELLO, parts[2], parts[0], parts[1], "--json");
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole);
  });

  it("the reference model (chains, tariffs, organisations, driver populations) split in two equals its unsplit run", async () => {
    const reference = join(ROOT, "public/templates/reference.seams.json");
    const options = ["--trials", "20000", "--seed", "4"];
    const unsplit = await seams("simulate", reference, ...options, "--json", "--workers", "1");
    expect(unsplit.code).toBe(0);
    const files: string[] = [];
    for (const i of [1, 0]) {
      const part = await seams("simulate", reference, ...options, "--shard", `${i}/2`);
      expect(part.code).toBe(0);
      files.push(join(dir, `reference-${i}.json`));
      await writeFile(files[files.length - 1], part.stdout);
    }
    const merged = await seams("merge", reference, ...files, "--json");
    expect(merged.stderr).toBe("");
    expect(merged.stdout).toBe(unsplit.stdout);
  }, 60_000);

  it("writes seams-shard/2 with a SHA-256 fingerprint that the file's layout does not change", async () => {
    expect(shards[0].format).toBe("seams-shard/2");
    expect(shards[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(shards.map((s) => s.fingerprint)).toEqual([
      shards[0].fingerprint,
      shards[0].fingerprint,
      shards[0].fingerprint,
    ]);
    expect(shards.map((s) => s.batches)).toEqual([
      { first: 0, end: 1 },
      { first: 1, end: 2 },
      { first: 2, end: 4 },
    ]);
    // the same model with its keys in another order and other whitespace: the same fingerprint
    const doc = JSON.parse(await readFile(HELLO, "utf8")) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    const file = join(dir, "hello-reordered.json");
    await writeFile(file, JSON.stringify(reordered, null, 5));
    const part = await shardOf(file, 0);
    expect(part.code).toBe(0);
    expect((JSON.parse(part.stdout) as Shard).fingerprint).toBe(shards[0].fingerprint);
  });

  it("simulate refuses more shards than the run has batches", async () => {
    const { code, stderr } = await shardOf(HELLO, 0, 5);
    expect(code).toBe(2);
    expect(stderr).toContain("--shard 0/5: a run of 30000 trials has 4 batches of 8192 trials");
  });

  it("merge --help names the format and what is refused", async () => {
    const { code, stdout } = await seams("merge", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain('"seams-shard/2"');
    expect(stdout).toContain('("seams-shard/1") are refused');
  });
});

describe("seams merge refuses, exit 2 naming the shard file and why", () => {
  it("a shard of another model", async () => {
    const doc = JSON.parse(await readFile(HELLO, "utf8")) as { components: { availability?: number }[] };
    doc.components[0].availability = 0.9;
    const other = join(dir, "other.seams.json");
    await writeFile(other, JSON.stringify(doc));
    const part = await shardOf(other, 2);
    expect(part.code).toBe(0);
    const file = join(dir, "foreign-2.json");
    await writeFile(file, part.stdout);
    const { code, stdout, stderr } = await mergeWith(file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const foreign = (JSON.parse(part.stdout) as Shard).fingerprint;
    expect(foreign).not.toBe(shards[0].fingerprint);
    expect(stderr).toContain(
      `${file}: made from another model (fingerprint ${foreign.slice(0, 12)}…; this model with trials 30000 ` +
        `and seed 9 gives ${shards[0].fingerprint.slice(0, 12)}…)`,
    );
    expect(stderr).toContain("merge it with the model it was run on");
  });

  it("a shard whose seed was changed (the fingerprint covers trials and seed)", async () => {
    const file = await forged("seed.json", 2, (s) => {
      s.seed = 10;
    });
    const { code, stderr } = await mergeWith(file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: made from another model`);
  });

  it("a count larger than the batch's trials", async () => {
    const file = await forged("count.json", 2, (s) => {
      (s.tallies[1].functional as number[])[0] = 30000;
    });
    const { code, stderr } = await mergeWith(file);
    expect(code).toBe(2);
    // batch 3 is the last, partial one: 30000 − 3 × 8192 = 5424 trials
    expect(stderr).toBe(
      `${file}: tallies[1].functional[0]: 30000 is not a count of trials of this batch (a whole number from 0 to 5424)\n`,
    );
  });

  it("counts each in range but impossible together (a probability above 1)", async () => {
    const file = await forged("seam.json", 0, (s) => {
      // seam failures of charger 0 in every trial of the batch, more than its unusable trials
      (s.tallies[0].seam as number[])[0] = 8192;
    });
    const { code, stderr } = await seams("merge", HELLO, file, parts[1], parts[2]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^.*seam\.json: tallies: give an impossible result: chargers\.[^.]+\.seamFailure\.p = /,
    );
    expect(stderr).toContain("a probability above 1 or below 0");
  });

  it("a fractional count, a negative count, a number too large for a double, a histogram that does not add up", async () => {
    const edits: [string, (s: Shard) => void, string][] = [
      [
        "half.json",
        (s) => ((s.tallies[0].red as number[])[0] = 0.5),
        "tallies[0].red[0]: 0.5 is not a count",
      ],
      ["neg.json", (s) => ((s.tallies[0].orgKw as number[])[0] = -1), "tallies[0].orgKw[0]: -1 is not a sum"],
      [
        "hist.json",
        (s) => ((s.tallies[0].kwHist as number[])[0] += 1),
        "tallies[0].kwHist: counts 8193 trials",
      ],
      [
        "trials.json",
        (s) => (s.tallies[0].trials = 4096),
        "tallies[0].trials: 4096, but this batch has 8192",
      ],
    ];
    for (const [name, edit, message] of edits) {
      const file = await forged(name, 0, edit);
      const { code, stderr } = await seams("merge", HELLO, file, parts[1], parts[2]);
      expect(code, name).toBe(2);
      expect(stderr, name).toContain(`${file}: ${message}`);
    }
    const text = JSON.stringify(shards[0])
      .replace('"functional":[', '"functional":[1e400,')
      .replace(/,\d+\],"degraded"/, '],"degraded"');
    const huge = join(dir, "huge.json");
    await writeFile(huge, text);
    const { code, stderr } = await seams("merge", HELLO, huge, parts[1], parts[2]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${huge}: tallies[0].functional[0]: Infinity is not a count`);
  });

  it('"count": 300000000 and absurd trials, from the numbers alone and fast', async () => {
    const started = Date.now();
    const count = await forged("count-3e8.json", 2, (s) => {
      s.shard.count = 300_000_000;
    });
    const counted = await mergeWith(count);
    expect(counted.code).toBe(2);
    expect(counted.stderr).toContain(`${count}: shard.count: Too big: expected number to be <=100000`);
    const fits = await forged("count-5.json", 2, (s) => {
      s.shard.count = 5;
    });
    const five = await mergeWith(fits);
    expect(five.code).toBe(2);
    expect(five.stderr).toContain(
      `${fits}: shard.count: 5 shards of a run of 4 batches (at most one a batch)`,
    );
    const trials = await forged("trials.json", 2, (s) => {
      s.trials = 1e12;
    });
    const tried = await mergeWith(trials);
    expect(tried.code).toBe(2);
    expect(tried.stderr).toContain(`${trials}: trials: Too big: expected number to be <=100000000`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('"tallies": [null], a missing key, a short array, an unknown key, batches that are not the shard\'s', async () => {
    const edits: [string, (s: Shard) => void, string][] = [
      [
        "null.json",
        (s) => (s.tallies = [null as never]),
        "tallies[0]: Invalid input: expected object, received null",
      ],
      ["nokey.json", (s) => delete s.tallies[0].red, "tallies[0].red: expected an array of"],
      ["short.json", (s) => (s.tallies[0].red as number[]).pop(), "tallies[0].red: expected an array of"],
      ["extra.json", (s) => (s.tallies[0].extra = 1), 'tallies[0]: Unrecognized key: "extra"'],
      [
        "batches.json",
        (s) => (s.batches = { first: 0, end: 2 }),
        "batches: 0…2, but shard 0/3 of 30000 trials is batches 0…1",
      ],
      ["tallies.json", (s) => s.tallies.push(s.tallies[0]), "tallies: 2 tallies for 1 batches"],
      ["index.json", (s) => (s.shard.index = 3), "shard.index: 3 is not below the count 3"],
      ["print.json", (s) => (s.fingerprint = "abc"), "fingerprint: expected 64 hexadecimal digits"],
    ];
    for (const [name, edit, message] of edits) {
      const file = await forged(name, 0, edit);
      const { code, stderr } = await seams("merge", HELLO, file, parts[1], parts[2]);
      expect(code, name).toBe(2);
      expect(stderr, name).toContain(`${file}: ${message}`);
    }
  });

  it("an old seams-shard/1 file, something else, not JSON", async () => {
    const old = await forged("old.json", 2, (s) => {
      s.format = "seams-shard/1";
      s.fingerprint = undefined as never;
    });
    const refusedOld = await mergeWith(old);
    expect(refusedOld.code).toBe(2);
    expect(refusedOld.stderr).toContain(
      `${old}: a "seams-shard/1" shard, from before shards carried a fingerprint`,
    );
    const refusedModel = await mergeWith(HELLO);
    expect(refusedModel.code).toBe(2);
    expect(refusedModel.stderr).toContain(`${HELLO}: not a shard file (expected "format": "seams-shard/2"`);
    const notJson = join(dir, "not.json");
    await writeFile(notJson, "{");
    const refusedText = await mergeWith(notJson);
    expect(refusedText.code).toBe(2);
    expect(refusedText.stderr).toContain(`${notJson}: not JSON`);
  });

  it("a missing shard, a shard given twice, shards of another split", async () => {
    const missing = await seams("merge", HELLO, parts[0], parts[2]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("shards of 3: missing 1");
    const twice = await seams("merge", HELLO, parts[0], parts[1], parts[1], parts[2]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`${parts[1]}: shard 1/3 again (${parts[1]} is shard 1 too)`);
    const half = await shardOf(HELLO, 1, 2);
    const other = join(dir, "half-1.json");
    await writeFile(other, half.stdout);
    const mixed = await seams("merge", HELLO, parts[0], other);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`${other}: belongs to another run (trials 30000, seed 9, 2 shards)`);
  });
});

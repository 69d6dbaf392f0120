/**
 * SCRAM, the Open-PSA reference tool (Debian package `scram`), run on the fault trees Seams
 * exports. Installed with apt when missing and we are root (as in CI); otherwise the error says how.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function has(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function ensureScram(): void {
  if (has("scram")) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) throw new Error("SCRAM is missing. Install it with: sudo apt-get install -y scram");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["install", "-y", "-q", "scram"], { stdio: "ignore", env });
  } catch {
    execFileSync("apt-get", ["update", "-q"], { stdio: "ignore", env });
    execFileSync("apt-get", ["install", "-y", "-q", "scram"], { stdio: "ignore", env });
  }
}

export interface ScramEvent {
  probability: number;
  mif: number;
  cif: number;
  raw: number;
  rrw: number;
}

export interface ScramResult {
  probability: number;
  events: Map<string, ScramEvent>;
  /** Minimal cut sets, each a sorted list of basic-event names. */
  cutSets: string[][];
}

const OUT = join(import.meta.dirname, "..", "output", "scram");

/** Write `xml` to test/output/scram/<name>.xml, run SCRAM on it and read its report. */
export function runScram(name: string, xml: string): ScramResult {
  mkdirSync(OUT, { recursive: true });
  const input = join(OUT, `${name}.xml`);
  const output = join(OUT, `${name}.report.xml`);
  writeFileSync(input, xml);
  execFileSync("scram", ["--probability", "true", "--importance", "true", input, "-o", output], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const report = readFileSync(output, "utf8");
  const sop = /<sum-of-products [^>]*probability="([^"]+)"/.exec(report);
  if (!sop) throw new Error(`no probability in SCRAM's report ${output}`);
  const events = new Map<string, ScramEvent>();
  const imp = report.slice(report.indexOf("<importance"));
  for (const m of imp.matchAll(/<basic-event name="([^"]+)"([^>]*)\/>/g)) {
    const attr = (k: string) => Number(new RegExp(`${k}="([^"]+)"`).exec(m[2])?.[1]);
    events.set(m[1], {
      probability: attr("probability"),
      mif: attr("MIF"),
      cif: attr("CIF"),
      raw: attr("RAW"),
      rrw: attr("RRW"),
    });
  }
  const products = report.slice(report.indexOf("<sum-of-products"), report.indexOf("</sum-of-products>"));
  const cutSets = [...products.matchAll(/<product [^>]*>([\s\S]*?)<\/product>/g)].map((p) =>
    [...p[1].matchAll(/<basic-event name="([^"]+)"\/>/g)].map((e) => e[1]).sort(),
  );
  return { probability: Number(sop[1]), events, cutSets };
}

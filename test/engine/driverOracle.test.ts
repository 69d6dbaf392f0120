/**
 * The driver's view's word pass (SPEC §10: healthy constants, per-site and per-slot counts, per-class
 * route changes, visits of their own) against the plain computation on the same sampled trials: every
 * intended visit evaluated on its own in every trial (evaluateVisit on the trial's state, its sight
 * from the site's report and its app's view). Both are expectations over the same trials, so they
 * agree to rounding — population by population and site by site.
 */
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/engine/index.ts";
import { driverMemory } from "../../src/engine/reliability/driverMemory.ts";
import { summarizeDrivers } from "../../src/engine/reliability/driverSummary.ts";
import { createTally, runWord, startBatch } from "../../src/engine/reliability/index.ts";
import { evaluateVisit, visitScratch } from "../../src/engine/reliability/visit.ts";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";
import { referenceModel } from "../fixtures/templates.ts";

const TRIALS = 2048;

const MODELS = [
  ["the reference ecosystem", referenceModel],
  ["synthetic 200 components", () => generateSyntheticModel(200, 1)],
] as const;

describe("the driver's view against every visit evaluated in every trial", () => {
  it.each(MODELS)("%s: demand success and visits seen per population and per site", (_, model) => {
    const c = compileModel(model());
    const D = c.drivers;
    const P = D.popIds.length;
    const S = c.chargers.length;
    const t = createTally(c);
    const s = startBatch(c, 17, 0);
    const m = driverMemory(c, s);
    const x = visitScratch(c);
    const success = new Float64Array(P + S);
    const attempt = new Float64Array(P + S);
    let disturbed = 0;
    for (let w = 0; w < TRIALS / 32; w++) {
      const valid = runWord(c, s, w, TRIALS, t);
      for (let b = 0; b < 32; b++) {
        if (((valid >>> b) & 1) === 0) continue;
        m.bit = b;
        for (let v = 0; v < D.visitPop.length; v++) {
          const ci = D.visitSite[v];
          const slot = D.visitSlot[v];
          // an app whose view of the slot was disturbed this word shows what it perceived; else the report
          const opaque = slot >= 0 && m.opaqueStamp[slot] === m.word;
          const reports = ((m.siteReport[ci] >>> b) & 1) === 1;
          const unseen = opaque && ((s.showsReport[slot] >>> b) & 1) === 0;
          const fresh = reports && !unseen;
          const stale = !fresh && opaque && ((s.showsAvailable[slot] >>> b) & 1) === 1;
          const works = ((s.functional[c.chargers[ci]] >>> b) & 1) === 1;
          if (!fresh || !works) disturbed++;
          evaluateVisit(c, x, v, m.state, fresh, stale, works, -1);
          for (const e of [D.visitPop[v], P + ci]) {
            success[e] += x.success;
            attempt[e] += x.attempt;
          }
        }
      }
    }
    expect(disturbed, "some visits were not seen fresh at a working site").toBeGreaterThan(50);
    const summary = summarizeDrivers(c, t);
    D.popIds.forEach((id, d) => {
      const view = summary.populations[id];
      const demand = D.popIntended[d] * TRIALS;
      expect(view.demandSuccess.p, `${id} demand success`).toBeCloseTo(success[d] / demand, 9);
      expect(view.seen.p, `${id} seen`).toBeCloseTo(attempt[d] / demand, 9);
    });
    for (let ci = 0; ci < S; ci++) {
      const demand = D.siteIntended[ci] * TRIALS;
      if (demand === 0) continue;
      expect(summary.sites[ci].demandSuccess.p, `site ${ci} demand success`).toBeCloseTo(
        success[P + ci] / demand,
        9,
      );
    }
  });
});

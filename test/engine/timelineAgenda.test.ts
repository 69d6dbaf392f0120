/**
 * The time-domain agenda (SPEC §11): whatever source an event waits in (busy heap, rare-kinds heap,
 * timeout ring), events pop in (time, push order) — the order of one sorted list — through growth.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/engine/rng.ts";
import { Agenda, EV_DRIVER, EV_SERVICE_DONE, EV_TIMEOUT } from "../../src/engine/timeline/events.ts";

describe("timeline agenda", () => {
  it("pops interleaved pushes of every source in time order, ties in push order", () => {
    const rng = new Rng(7, 0);
    const agenda = new Agenda(4); // grows many times
    const waiting: { t: number; seq: number; kind: number }[] = [];
    const popped: number[] = [];
    const expected: number[] = [];
    let seq = 0;
    let now = 0;
    const kinds = [EV_SERVICE_DONE, EV_TIMEOUT, EV_DRIVER];
    for (let step = 0; step < 20_000; step++) {
      if (rng.next() < 0.55 || waiting.length === 0) {
        const kind = kinds[Math.floor(rng.next() * 3)];
        // coarse times make ties; timeouts mostly at now + 10, sometimes earlier (to the busy heap)
        const t = kind === EV_TIMEOUT && rng.next() < 0.8 ? now + 10 : now + Math.floor(rng.next() * 20) / 2;
        agenda.push(t, kind, seq, seq % 7);
        waiting.push({ t, seq, kind });
        seq++;
      } else {
        now = agenda.peekTime();
        popped.push(agenda.topArgument(), agenda.topKind(), agenda.topTag());
        agenda.pop();
        expect([agenda.poppedArgument, agenda.poppedKind, agenda.poppedTag]).toEqual(popped.slice(-3));
        waiting.sort((a, b) => a.t - b.t || a.seq - b.seq);
        const first = waiting.shift();
        if (first === undefined) throw new Error("unreachable");
        expect(first.t).toBe(now);
        expected.push(first.seq, first.kind, first.seq % 7);
      }
    }
    expect(popped).toEqual(expected);
    expect(agenda.size).toBe(waiting.length);
    expect(popped.length).toBeGreaterThan(20_000);
  });
});

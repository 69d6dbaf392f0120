/**
 * The time-domain engine's agenda (SPEC §11): a binary min-heap of events over typed arrays, keyed
 * by time in seconds, each carrying a kind, an argument and a tag (a generation, so a superseded
 * event is recognised and skipped when it comes up). Ties pop in insertion order (a sequence number
 * breaks them), so a run is the same whatever the heap's shape.
 */

/** The event kinds the engine dispatches on. */
export const EV_COMPONENT = 0;
export const EV_DEGRADED = 1;
export const EV_UNIT = 2;
export const EV_COMMON_CAUSE = 3;
export const EV_INCIDENT = 4;
export const EV_RECHECK = 5;
export const EV_DELIVER = 6;
export const EV_BASE_ARRIVAL = 7;
export const EV_JOB_ARRIVE = 8;
export const EV_SERVICE_DONE = 9;
export const EV_TIMEOUT = 10;
export const EV_SEND = 11;
export const EV_HEARTBEAT = 12;
export const EV_DRIVER = 13;

/** A growable min-heap of (time, sequence) → (kind, argument, tag). */
export class Agenda {
  size = 0;
  private sequence = 0;
  private time: Float64Array;
  private order: Float64Array;
  private kind: Uint8Array;
  private argument: Int32Array;
  private tag: Int32Array;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.argument = new Int32Array(capacity);
    this.tag = new Int32Array(capacity);
  }

  /** Time of the earliest event (+∞ when empty). */
  peekTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.time[0];
  }

  /** The earliest event's kind, argument and tag (valid until the next pop or push). */
  topKind(): number {
    return this.kind[0];
  }
  topArgument(): number {
    return this.argument[0];
  }
  topTag(): number {
    return this.tag[0];
  }

  /** Schedule an event. */
  push(t: number, kind: number, argument: number, tag = 0): void {
    if (this.size === this.time.length) this.grow();
    const seq = this.sequence++;
    let i = this.size++;
    const { time, order } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (time[parent] < t || (time[parent] === t && order[parent] < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    time[i] = t;
    order[i] = seq;
    this.kind[i] = kind;
    this.argument[i] = argument;
    this.tag[i] = tag;
  }

  /** Remove the earliest event (read it with peekTime/top* first). */
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const { time, order } = this;
    const t = time[last];
    const seq = order[last];
    const kind = this.kind[last];
    const argument = this.argument[last];
    const tag = this.tag[last];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      const m =
        right < last &&
        (time[right] < time[left] || (time[right] === time[left] && order[right] < order[left]))
          ? right
          : left;
      if (time[m] > t || (time[m] === t && order[m] > seq)) break;
      this.move(m, i);
      i = m;
    }
    time[i] = t;
    order[i] = seq;
    this.kind[i] = kind;
    this.argument[i] = argument;
    this.tag[i] = tag;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.order[to] = this.order[from];
    this.kind[to] = this.kind[from];
    this.argument[to] = this.argument[from];
    this.tag[to] = this.tag[from];
  }

  private grow(): void {
    const capacity = this.time.length * 2;
    const time = new Float64Array(capacity);
    const order = new Float64Array(capacity);
    const kind = new Uint8Array(capacity);
    const argument = new Int32Array(capacity);
    const tag = new Int32Array(capacity);
    time.set(this.time);
    order.set(this.order);
    kind.set(this.kind);
    argument.set(this.argument);
    tag.set(this.tag);
    this.time = time;
    this.order = order;
    this.kind = kind;
    this.argument = argument;
    this.tag = tag;
  }
}

/**
 * The time-domain engine's agenda (SPEC §11): events over typed arrays, keyed
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

/** Kinds that are rare and scheduled far ahead (renewals, units, heartbeats, drivers): kept apart. */
const COLD_KINDS = new Uint8Array(16);
for (const kind of [
  EV_COMPONENT,
  EV_DEGRADED,
  EV_UNIT,
  EV_COMMON_CAUSE,
  EV_INCIDENT,
  EV_RECHECK,
  EV_DELIVER,
  EV_HEARTBEAT,
  EV_DRIVER,
])
  COLD_KINDS[kind] = 1;

/**
 * A growable 4-ary min-heap of (time, sequence) → (kind, argument, tag). The heap moves only each
 * entry's time and its slot in a pool holding the rest (the sequence is read on a tie of times
 * alone): half the levels of a binary heap, two arrays written per level instead of five.
 */
class EventHeap {
  size = 0;
  /** The heap: each entry's time and pool slot. */
  time: Float64Array;
  slot: Int32Array;
  /** The pool, by slot: sequence number, kind, argument, tag; free slots on a stack. */
  order: Float64Array;
  kind: Uint8Array;
  argument: Int32Array;
  tag: Int32Array;
  private free: Int32Array;
  private freeCount: number;

  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.argument = new Int32Array(capacity);
    this.tag = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let k = 0; k < capacity; k++) this.free[k] = capacity - 1 - k;
    this.freeCount = capacity;
  }

  push(t: number, seq: number, kind: number, argument: number, tag: number): void {
    if (this.size === this.time.length) this.grow();
    const s = this.free[--this.freeCount];
    this.order[s] = seq;
    this.kind[s] = kind;
    this.argument[s] = argument;
    this.tag[s] = tag;
    let i = this.size++;
    const { time, slot, order } = this;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const tp = time[parent];
      if (tp < t || (tp === t && order[slot[parent]] < seq)) break;
      time[i] = tp;
      slot[i] = slot[parent];
      i = parent;
    }
    time[i] = t;
    slot[i] = s;
  }

  pop(): void {
    const { time, slot, order } = this;
    this.free[this.freeCount++] = slot[0];
    const last = --this.size;
    if (last === 0) return;
    const t = time[last];
    const s = slot[last];
    const seq = order[s];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= last) break;
      const end = Math.min(first + 4, last);
      let m = first;
      let tm = time[first];
      for (let k = first + 1; k < end; k++) {
        const tk = time[k];
        if (tk < tm || (tk === tm && order[slot[k]] < order[slot[m]])) {
          m = k;
          tm = tk;
        }
      }
      if (tm > t || (tm === t && order[slot[m]] > seq)) break;
      time[i] = tm;
      slot[i] = slot[m];
      i = m;
    }
    time[i] = t;
    slot[i] = s;
  }

  private grow(): void {
    const old = this.time.length;
    const capacity = old * 2;
    const time = new Float64Array(capacity);
    const slot = new Int32Array(capacity);
    const order = new Float64Array(capacity);
    const kind = new Uint8Array(capacity);
    const argument = new Int32Array(capacity);
    const tag = new Int32Array(capacity);
    const free = new Int32Array(capacity);
    time.set(this.time);
    slot.set(this.slot);
    order.set(this.order);
    kind.set(this.kind);
    argument.set(this.argument);
    tag.set(this.tag);
    // the heap is full: every old slot is live, the new ones are free
    for (let k = 0; k < old; k++) free[k] = capacity - 1 - k;
    this.freeCount = old;
    this.time = time;
    this.slot = slot;
    this.order = order;
    this.kind = kind;
    this.argument = argument;
    this.tag = tag;
    this.free = free;
  }
}

/** A growable ring of events pushed in (time, sequence) order: first in, first out. */
class EventRing {
  size = 0;
  head = 0;
  /** Time of the last event pushed (−∞ when empty). */
  tailTime = Number.NEGATIVE_INFINITY;
  time: Float64Array;
  order: Float64Array;
  kind: Uint8Array;
  argument: Int32Array;
  tag: Int32Array;

  constructor(atLeast: number) {
    let capacity = 16;
    while (capacity < atLeast) capacity *= 2; // a power of two: positions wrap with a mask
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.argument = new Int32Array(capacity);
    this.tag = new Int32Array(capacity);
  }

  push(t: number, seq: number, kind: number, argument: number, tag: number): void {
    if (this.size === this.time.length) this.grow();
    const at = (this.head + this.size++) & (this.time.length - 1);
    this.time[at] = t;
    this.order[at] = seq;
    this.kind[at] = kind;
    this.argument[at] = argument;
    this.tag[at] = tag;
    this.tailTime = t;
  }

  pop(): void {
    this.head = (this.head + 1) & (this.time.length - 1);
    if (--this.size === 0) this.tailTime = Number.NEGATIVE_INFINITY;
  }

  private grow(): void {
    const old = this.time.length;
    const unroll = <T extends Float64Array | Int32Array | Uint8Array>(a: T, b: T): T => {
      for (let k = 0; k < old; k++) b[k] = a[(this.head + k) & (old - 1)];
      return b;
    };
    this.time = unroll(this.time, new Float64Array(old * 2));
    this.order = unroll(this.order, new Float64Array(old * 2));
    this.kind = unroll(this.kind, new Uint8Array(old * 2));
    this.argument = unroll(this.argument, new Int32Array(old * 2));
    this.tag = unroll(this.tag, new Int32Array(old * 2));
    this.head = 0;
  }
}

/** Which source holds the earliest event. */
const HOT = 0;
const COLD = 1;
const RING = 2;

/**
 * The agenda: the events of (time, sequence) in three sources, the earliest of whose heads comes
 * first — a heap of the busy kinds (requests), a heap of the rare ones scheduled far ahead, and a
 * ring of timeouts (most are pushed in time order: a timeout later than the ring's last goes there,
 * any other to the busy heap). The order of events is that of one heap.
 */
export class Agenda {
  private sequence = 0;
  private readonly hot: EventHeap;
  private readonly cold: EventHeap;
  private readonly ring: EventRing;
  /** The source of the earliest event, as found by the last peekTime. */
  private top = HOT;
  /** The last popped event's kind, argument and tag. */
  poppedKind = 0;
  poppedArgument = 0;
  poppedTag = 0;

  constructor(capacity = 1024) {
    this.hot = new EventHeap(capacity);
    this.cold = new EventHeap(capacity);
    this.ring = new EventRing(capacity);
  }

  /** Events waiting. */
  get size(): number {
    return this.hot.size + this.cold.size + this.ring.size;
  }

  /** Time of the earliest event (+∞ when empty); it is the one top* and pop then see. */
  peekTime(): number {
    const { hot, cold, ring } = this;
    let source = HOT;
    let t = Number.POSITIVE_INFINITY;
    let seq = 0;
    if (hot.size > 0) {
      t = hot.time[0];
      seq = hot.order[hot.slot[0]];
    }
    if (cold.size > 0) {
      const tc = cold.time[0];
      if (tc < t || (tc === t && cold.order[cold.slot[0]] < seq)) {
        source = COLD;
        t = tc;
        seq = cold.order[cold.slot[0]];
      }
    }
    if (ring.size > 0) {
      const tr = ring.time[ring.head];
      if (tr < t || (tr === t && ring.order[ring.head] < seq)) {
        source = RING;
        t = tr;
      }
    }
    this.top = source;
    return t;
  }

  /** The earliest event's kind, argument and tag (after peekTime; valid until the next pop or push). */
  topKind(): number {
    if (this.top === RING) return this.ring.kind[this.ring.head];
    const heap = this.top === HOT ? this.hot : this.cold;
    return heap.kind[heap.slot[0]];
  }
  topArgument(): number {
    if (this.top === RING) return this.ring.argument[this.ring.head];
    const heap = this.top === HOT ? this.hot : this.cold;
    return heap.argument[heap.slot[0]];
  }
  topTag(): number {
    if (this.top === RING) return this.ring.tag[this.ring.head];
    const heap = this.top === HOT ? this.hot : this.cold;
    return heap.tag[heap.slot[0]];
  }

  /** Schedule an event. */
  push(t: number, kind: number, argument: number, tag = 0): void {
    const seq = this.sequence++;
    if (COLD_KINDS[kind]) this.cold.push(t, seq, kind, argument, tag);
    else if (kind === EV_TIMEOUT && t >= this.ring.tailTime) this.ring.push(t, seq, kind, argument, tag);
    else this.hot.push(t, seq, kind, argument, tag);
  }

  /** Remove the earliest event (after peekTime); its kind, argument and tag are then in popped*. */
  pop(): void {
    if (this.top === RING) {
      const { ring } = this;
      this.poppedKind = ring.kind[ring.head];
      this.poppedArgument = ring.argument[ring.head];
      this.poppedTag = ring.tag[ring.head];
      ring.pop();
      return;
    }
    const heap = this.top === HOT ? this.hot : this.cold;
    const s = heap.slot[0];
    this.poppedKind = heap.kind[s];
    this.poppedArgument = heap.argument[s];
    this.poppedTag = heap.tag[s];
    heap.pop();
  }
}

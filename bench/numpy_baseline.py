"""Vectorised numpy baseline of the boolean layer alone (issue 17), run by `npm run bench`.

Reads the model as bench/numpy.ts exports it (the engine's compiled requirements of one model:
per component P(down); per requirement its breaking member links' providers and k; common causes)
and runs the same number of trials in blocks: intrinsic down per component per trial (one uniform
draw each), common causes (members down), then the greatest fixed point of the requirements: a
requirement is met when at least k of its members' providers are functional; cached links count
as hard (no outage ages, TTLs or call timeouts). The state is packed 64 trials to a uint64 word,
so every pass is a whole-array gather and AND/OR. Tallies P(functional) per component and prints
one JSON line: trials, wall and CPU seconds, the mean P(functional) over chargers.

Usage: python3 bench/numpy_baseline.py MODEL.json TRIALS [BLOCK] [SEED]
"""
import json, sys, time
import numpy as np

def padded(starts, values, fill):
    """Rows of a CSR list as a dense (rows, widest) index matrix, short rows padded with fill."""
    sizes = np.diff(starts)
    out = np.full((len(sizes), max(1, sizes.max(initial=0))), fill)
    for j in range(out.shape[1]):
        rows = np.flatnonzero(sizes > j)
        out[rows, j] = values[starts[rows] + j]
    return out

m = json.load(open(sys.argv[1]))
trials, block = int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 8192
rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
n, p_down = m["n"], np.asarray(m["pDown"], np.float32)[:, None]
req_start, req_k = np.asarray(m["reqStart"]), np.asarray(m["reqK"])
reqs, max_k = len(req_k), max(1, int(req_k.max(initial=1)))
members = padded(np.asarray(m["memStart"]), np.asarray(m["memProvider"]), n)  # n: never functional
has_req = np.flatnonzero(np.diff(req_start) > 0)
req_of = padded(np.append(req_start[has_req], reqs), np.arange(reqs), reqs)  # reqs: met
cc_members = [np.asarray(x, int) for x in m["ccMembers"]]
functional_count = np.zeros(n, np.int64)
wall0, cpu0 = time.perf_counter(), time.process_time()
for done in range(0, trials, block):
    t = min(block, trials - done)
    down = rng.random((n, t), dtype=np.float32) < p_down  # 1. intrinsic state
    for p, group in zip(m["ccProbability"], cc_members):  # 2. common causes
        down[group] |= rng.random(t, dtype=np.float32) < p
    up = np.packbits(~down, axis=1, bitorder="little")
    up = np.pad(up, ((0, 0), (0, -up.shape[1] % 8))).view(np.uint64)  # (n, words)
    functional, ones = up.copy(), np.full((1, up.shape[1]), ~np.uint64(0))
    while reqs:  # 4. greatest fixed point: drop components with an unmet requirement until stable
        state = np.vstack([functional, 0 * ones])
        at_least = [np.broadcast_to(ones, (reqs, up.shape[1]))] + [0] * max_k  # ≥ j members met
        for j in range(members.shape[1]):
            x = state[members[:, j]]
            for level in range(max_k, 0, -1):
                at_least[level] = at_least[level] | (at_least[level - 1] & x)
        met = np.vstack([np.stack(at_least)[np.maximum(req_k, 0), np.arange(reqs)], ones])
        after = up[has_req] & np.bitwise_and.reduce(met[req_of], axis=1)
        if np.array_equal(after, functional[has_req]):
            break
        functional[has_req] = after
    if hasattr(np, "bitwise_count"):  # numpy ≥ 2 (pad bits are 0)
        functional_count += np.bitwise_count(functional).sum(axis=1, dtype=np.int64)
    else:
        bits = np.unpackbits(functional.view(np.uint8), axis=1, count=t, bitorder="little")
        functional_count += bits.sum(axis=1, dtype=np.int64)
wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
chargers = np.asarray(m["chargers"], int)
print(json.dumps({"trials": trials, "wallSeconds": wall, "cpuSeconds": cpu,
                  "meanChargerFunctional": float(functional_count[chargers].mean() / trials)}))

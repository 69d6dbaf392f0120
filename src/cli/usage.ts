/** `seams --help`: the commands in a line each (SPEC §8); each command's own usage sits in its file. */

export const USAGE = `Usage: seams <command> <model.seams.json> [options]

Commands:
  validate <file>    check a model file; every problem is listed with its JSON path
  simulate <file>    reliability Monte Carlo: start success vs reported uptime, usable chargers,
                     phantoms, seam failures
  coupling <file>    fan-in/out, betweenness, blast radius, seams, cycles, tight coupling
  security <file>    weakest-link attack Monte Carlo: exposure, entries, controllable MW
  latency <file>     signal chains: latency p50/p95/p99, P(deadline miss), P(broken)
  timeline <file>    incidents in time: queues, timeouts, retries, stale status, metastable
                     overload, minute by minute (--hours H, --incident ids)
  sweep <file>       replicate a component N = 1…M times; every headline figure against N
  importance <file>  Birnbaum, Fussell–Vesely, RAW, RRW per component, in kW of charging
  whatif <file>      force components down/degraded/compromised or orgs offline; Δ vs baseline
  export-mef <file>  "charger site c unusable" as an Open-PSA MEF fault tree (SCRAM, …)
  merge <file> <shard>...   the result of a run split with simulate --shard i/n
  worker <queue URL> compute the jobs of runs split with --queue (BullMQ on Redis):
                     seams worker --queue redis://host:port
  help [command]     this help, or a command's

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (a file or an option).`;

/** The help texts of `seams` and its commands (SPEC §8). */

export const USAGE = `Usage: seams <command> <model.seams.json> [options]

Commands:
  validate <file>    check a model file; every problem is listed with its JSON path
  simulate <file>    reliability Monte Carlo: usable chargers, phantoms, seam failures
  coupling <file>    fan-in/out, betweenness, blast radius, seams, cycles, tight coupling
  security <file>    weakest-link attack Monte Carlo: exposure, entries, controllable MW
  latency <file>     signal chains: latency p50/p95/p99, P(deadline miss), P(broken)
  sweep <file>       replicate a component N = 1…M times; every headline figure against N
  importance <file>  Birnbaum, Fussell–Vesely, RAW, RRW per component, in kW of charging
  whatif <file>      force components down/degraded/compromised or orgs offline; Δ vs baseline
  export-mef <file>  "charger site c unusable" as an Open-PSA MEF fault tree (SCRAM, …)
  merge <file> <shard>...   the result of a run split with simulate --shard i/n
  help [command]     this help, or a command's

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (a file or an option).`;

export const COMMAND_USAGE: Record<string, string> = {
  "": USAGE,
  validate: `Usage: seams validate <file> [--json]

Checks a model file (schema, references, limits) without running anything.
  --json    print {"valid": true, …} or {"valid": false, "issues": [{path, message}]}

Exit codes: 0 valid, 2 invalid (each problem on stderr as <file>: <path>: <message>).`,
  simulate: `Usage: seams simulate <file> [--trials N] [--seed S] [--json] [--workers W] [--shard i/n]

Runs the reliability Monte Carlo on a pool of worker threads. The same model, trials and seed give
the same numbers whatever the number of workers.
  --trials N     trials to run (default: the model's settings.trials)
  --seed S       random seed, 0 to 4294967295 (default: the model's settings.seed)
  --json         print the full result as JSON (every estimate {p, ci95: [lo, hi]})
  --workers W    worker threads (default: one per core but one)
  --shard i/n    run only the i-th of n parts (0-based) and print its tallies as JSON, for
                 seams merge; the merged result equals the whole run

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`,
  security: `Usage: seams security <file> [--horizon-days D] [--trials N] [--seed S] [--start id] [--json]

Attack Monte Carlo: exponential time to compromise per step (TTC table or ttcDays), shortest attack
times from the internet (or --start) to every component.
  --horizon-days D  P(compromised within D days) (default: the model's settings.horizonDays)
  --trials N        trials (default 20000)
  --seed S          random seed (default: the model's settings.seed)
  --start id        start from this component instead of the internet (what-if)
  --target id       also find the most frequent attack path to this component
  --json            {components: {id: {compromised, ttcDays: {p50, p95}}}, entries, chokepoints, controllableKw, orgs}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`,
  latency: `Usage: seams latency <file> [--trials N] [--seed S] [--workers W] [--derive kinds] [--max M] [--json]

Times the model's signal chains ("chains": a path of components and a deadline) in the reliability
Monte Carlo: each hop adds the link's transit, the provider's processing (slower when degraded) and,
on an async pull, a uniform wait up to pollSeconds; a hop whose provider is down breaks the chain.
  --derive kinds  also time chains found on the links' flows: status (each site to each viewer),
                  control (each DSO to each site), auth (the deciding component to each site)
  --max M         at most M derived chains (default 50)
  --json    {trials, seed, chains: {id: {p50, p95, p99, deadlineMs, deadlineMiss, broken, histogram}}}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (or no chains in the model).`,
  sweep: `Usage: seams sweep <file> --component id [--max M] [--trials N] [--seed S] [--workers W] [--json]

The interoperability sweep: the model with the component (and all its links) present N = 1…M
times — each copy a separate organisation, like N roaming partners or N CSMS vendors — and for each
N the reliability, coupling and security headline figures with their intervals.
  --component id  the component to replicate (required)
  --max M         largest N (default 5, at most 50)
  --trials N      reliability trials per N (default: the model's, at most 100000); security: 5000
  --json          {component, trials, seed, rows: [{n, reliability, coupling, security}]}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`,
  importance: `Usage: seams importance <file> [--method exact|monte-carlo] [--trials N] [--seed S] [--top K] [--json]

Importance of each component for "charger site usable", summed over sites in kW: Birnbaum (kW per
unit of unavailability), Fussell–Vesely, RAW, RRW, the kW its own failures cost ("kW saved" if it
never failed) and what a redundant twin would save. Exact (fault trees, BDD) when requirements are
acyclic, else Monte Carlo with common random numbers (forced up vs forced down, paired).
  --method M   exact or monte-carlo (default: exact when possible)
  --trials N   Monte Carlo trials per component (default 50000)
  --top K      rows printed (default 10)
  --json       {method, note, expectedKw, components: [{id, birnbaum, fussellVesely, raw, rrw, savedKw, …}], chargers}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`,
  whatif: `Usage: seams whatif <file> [--down ids] [--degraded ids] [--compromised ids] [--up ids] [--org-offline orgs] [--trials N] [--seed S] [--json]

Forces components (comma-separated ids) down, degraded, compromised (down and silent) or up, or
organisations offline, and compares every headline figure with the baseline computed from the same
random numbers; each change has its paired 95 % interval and says when it is within the noise.
  --json    {trials, seed, whatIf, baseline, variant, delta: {unusableKw, seamKw, phantomRate, systemicEvent, chargers, components}}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (an unknown id).`,
  "export-mef": `Usage: seams export-mef <file> --outcome <chargerId> [--out file.xml] [--json]

Writes "charger site <chargerId> unusable" as an Open-PSA Model Exchange Format fault tree: basic
events for intrinsic unavailabilities, common causes, outage ages against cache TTLs and call
timeouts; OR gates for requirements, atleast gates for k-of-n groups. SCRAM reproduces Seams' exact
probability: scram --probability true --importance true file.xml
  --out F   write the XML to F (default: stdout)
  --json    {outcome, probability, xml | file}

Exit codes: 0 ok, 1 the model has cyclic requirements (no fault tree), 2 invalid input.`,
  merge: `Usage: seams merge <model file> <shard file>... [--json]

Adds the parts of a run split with \`seams simulate <file> --shard i/n\` (any order, each once) in
batch order and prints the result, identical to the unsplit run.

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input (a missing or foreign shard).`,
  coupling: `Usage: seams coupling <file> [--json]

Deterministic coupling metrics: per component fan-in, fan-out, betweenness (networkx's normalised
directed betweenness on links from → to), dependant kW, single-failure blast radius and single point
of failure; per model integrations, seams, seam ratio, dependency cycles and tight coupling.
  --json    print {components: {id: {fanIn, fanOut, betweenness, blastRadiusKw, spof, …}}, model: {…}}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`,
};

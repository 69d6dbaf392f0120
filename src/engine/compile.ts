/** The model compiler's door (SPEC §3, §7); the compiler itself is `compile/`, one file per part. */
export * from "./compile/index.ts";

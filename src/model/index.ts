/**
 * The model package: schema, catalogue, presets, migrations, validation and the model edits the
 * engine evaluates (fixes, replication). No React, no DOM.
 */
export * from "./bounds.ts";
export * from "./catalogue.ts";
export * from "./drivers.ts";
export * from "./edits/fixes.ts";
export * from "./edits/incidents.ts";
export * from "./edits/replicate.ts";
export * from "./linkKinds.ts";
export * from "./migrate.ts";
export * from "./parameters.ts";
export * from "./presets.ts";
export * from "./resolve.ts";
export * from "./scenario.ts";
export * from "./schema.ts";
export * from "./sources.ts";
export * from "./timeline.ts";
export * from "./validate.ts";

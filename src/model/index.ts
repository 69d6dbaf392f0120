/** The model package: schema, catalogue, presets, migrations and validation. No React, no DOM. */
export * from "./catalogue.ts";
export * from "./migrate.ts";
export * from "./presets.ts";
export * from "./resolve.ts";
export * from "./scenario.ts";
export * from "./schema.ts";
export * from "./sources.ts";
export * from "./validate.ts";

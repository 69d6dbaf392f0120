/**
 * Model files: canonical text (schema key order, one record per line so diffs stay readable),
 * download as `<slug>.seams.json`, and reading a dropped or chosen file through the one restore
 * path (`parseModelText`, SPEC §9) — on the page in a worker, so a large file never freezes it.
 */

import {
  type OnReadProgress,
  type ReadJob,
  type StartReadWorker,
  startRead,
} from "../../workers/parse-client.ts";
import { readModelBlob } from "../../workers/parse-core.ts";
import {
  chainSchema,
  commonCauseSchema,
  componentSchema,
  latencySchema,
  linkSchema,
  type Model,
  modelSchema,
  orgSchema,
  type Result,
  settingsSchema,
} from "../model/index.ts";
import { downloadBlob } from "./download.ts";

/** File name suffix of a Seams model. */
export const MODEL_FILE_SUFFIX = ".seams.json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);
const MODEL_KEYS = keysOf(modelSchema);
const ORDER: Record<string, string[]> = {
  orgs: keysOf(orgSchema),
  components: keysOf(componentSchema),
  links: keysOf(linkSchema),
  commonCauses: keysOf(commonCauseSchema),
  chains: keysOf(chainSchema),
};
const SETTINGS_KEYS = keysOf(settingsSchema);
const LATENCY_KEYS = keysOf(latencySchema);

/** Copy of `value` with its keys in `order` first (schema order), then any others as found. */
function ordered(value: object, order: readonly string[]): { [key: string]: Json } {
  const source = value as Record<string, unknown>;
  const out: { [key: string]: Json } = {};
  const put = (key: string) => {
    const v = source[key];
    if (v === undefined) return;
    out[key] =
      key === "latencyMs" && typeof v === "object" && v !== null ? ordered(v, LATENCY_KEYS) : (v as Json);
  };
  for (const key of order) put(key);
  for (const key of Object.keys(source)) if (!order.includes(key)) put(key);
  return out;
}

/** The model as plain JSON data with every object's keys in schema order. */
export function canonicalModel(model: Model): { [key: string]: Json } {
  const top = ordered(model, MODEL_KEYS);
  for (const [key, order] of Object.entries(ORDER)) {
    const list = top[key];
    if (Array.isArray(list)) top[key] = list.map((item) => ordered(item as object, order));
  }
  if (top.settings) top.settings = ordered(top.settings as object, SETTINGS_KEYS);
  return top;
}

/** One JSON value on one line, with a space after `:` and `,` as people write it. */
function inline(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** Stable, pretty text of a model: schema key order, one org/component/link/… per line. */
export function modelToText(model: Model): string {
  const top = canonicalModel(model);
  const lines = Object.entries(top).map(([key, value]) => {
    const name = JSON.stringify(key);
    if (Array.isArray(value) && value.length > 0) {
      return `  ${name}: [\n${value.map((item) => `    ${inline(item)}`).join(",\n")}\n  ]`;
    }
    return `  ${name}: ${inline(value)}`;
  });
  return `{\n${lines.join(",\n")}\n}\n`;
}

/** A file-name-safe slug of the model's name (`Reference ecosystem` → `reference-ecosystem`). */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "model";
}

/** The file name a model is downloaded under. */
export function modelFileName(model: Model): string {
  return `${slugOf(model.name)}${MODEL_FILE_SUFFIX}`;
}

/** Offer the model as a `<slug>.seams.json` download (browser only). */
export function downloadModel(model: Model): void {
  downloadBlob(new Blob([modelToText(model)], { type: "application/json" }), modelFileName(model));
}

/** Read and validate a chosen or dropped file in this thread (tests; the page reads in a worker). */
export function readModelFile(file: File, onProgress?: OnReadProgress): Promise<Result> {
  return readModelBlob(file, file.name, onProgress);
}

/**
 * Read and validate a chosen or dropped file off the main thread (a Web Worker of its own; inline
 * where there are none), reporting each phase; files over 20 MB are refused before reading.
 */
export function startReadingFile(
  file: File,
  onProgress?: OnReadProgress,
  startWorker?: StartReadWorker,
): ReadJob {
  return startRead({ kind: "file", file, name: file.name }, onProgress, startWorker);
}

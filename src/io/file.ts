/**
 * Model files: canonical text (schema key order, one record per line so diffs stay readable),
 * download as `<slug>.seams.json`, and reading a dropped or chosen file through the one restore
 * path (`parseModelText`, SPEC §9) — on the page in a worker, so a large file never freezes it.
 */

import { canonicalModel } from "../../workers/parse-canonical.ts";
import {
  type OnReadProgress,
  type ReadJob,
  type StartReadWorker,
  startRead,
} from "../../workers/parse-client.ts";
import { readModelBlob } from "../../workers/parse-core.ts";
import type { Model, Result } from "../model/index.ts";
import { downloadBlob } from "./download.ts";

// canonical order lives with the reading worker (it sends models in canonical parts)
export { canonicalModel, canonicalText } from "../../workers/parse-canonical.ts";

/** File name suffix of a Seams model. */
export const MODEL_FILE_SUFFIX = ".seams.json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

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

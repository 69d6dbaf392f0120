/**
 * Templates shipped in public/templates/: the menu (index.json) and each template, fetched from the
 * app's base URL and validated through the one restore path like any other file.
 */
import { type Issue, parseModelText, type Result } from "../model/index.ts";

/** One entry of the templates menu. */
export interface TemplateEntry {
  file: string;
  name: string;
  description: string;
}

export type TemplateList = { ok: true; templates: TemplateEntry[] } | { ok: false; issues: Issue[] };

/** The template opened on first run (no autosave, no shared link). */
export const REFERENCE_TEMPLATE = "reference.seams.json";

/** A template file name: no directories, so a menu entry cannot point outside templates/. */
const FILE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.json$/;

function templateUrl(file: string): string {
  return `${import.meta.env.BASE_URL}templates/${file}`;
}

async function fetchText(url: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const response = await fetch(url);
    if (!response.ok)
      return { ok: false, message: `${url} answered ${response.status} ${response.statusText}` };
    return { ok: true, text: await response.text() };
  } catch (error) {
    return {
      ok: false,
      message: `${url} could not be fetched: ${error instanceof Error ? error.message : error}`,
    };
  }
}

/** The templates menu; entries that are malformed are left out. */
export async function listTemplates(): Promise<TemplateList> {
  const fetched = await fetchText(templateUrl("index.json"));
  if (!fetched.ok) return { ok: false, issues: [{ path: "(templates)", message: fetched.message }] };
  let value: unknown;
  try {
    value = JSON.parse(fetched.text);
  } catch {
    return {
      ok: false,
      issues: [{ path: "(templates)", message: "templates/index.json is not valid JSON" }],
    };
  }
  if (!Array.isArray(value)) {
    return { ok: false, issues: [{ path: "(templates)", message: "templates/index.json is not a list" }] };
  }
  return { ok: true, templates: value.filter(isTemplateEntry) };
}

/** Fetch and validate one template by its file name (e.g. `reference.seams.json`). */
export async function loadTemplate(file: string): Promise<Result> {
  if (!FILE_NAME.test(file)) {
    return { ok: false, issues: [{ path: "(template)", message: `"${file}" is not a template file name` }] };
  }
  const fetched = await fetchText(templateUrl(file));
  if (!fetched.ok) return { ok: false, issues: [{ path: "(template)", message: fetched.message }] };
  return parseModelText(fetched.text);
}

function isTemplateEntry(value: unknown): value is TemplateEntry {
  if (typeof value !== "object" || value === null) return false;
  const { file, name, description } = value as Record<string, unknown>;
  return (
    typeof file === "string" &&
    FILE_NAME.test(file) &&
    typeof name === "string" &&
    typeof description === "string"
  );
}

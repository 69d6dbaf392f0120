/**
 * Which model the app opens with: a shared link in the URL wins, then the last autosave, then the
 * reference ecosystem (first run). A damaged or invalid link is reported and skipped, never half
 * applied (SPEC §9).
 */
import type { Issue, Model } from "../model/index.ts";
import { type KeyValueStore, loadAutosave } from "./autosave.ts";
import { decodeShare, hasShare } from "./share.ts";
import { loadTemplate, REFERENCE_TEMPLATE } from "./templates.ts";

export type StartupSource = "share" | "autosave" | "template";

/** The model to open and where it came from; `issues` explains a refused link or a failed fetch. */
export type StartupModel =
  | { source: StartupSource; model: Model; issues: Issue[] }
  | { source: "none"; issues: Issue[] };

/** Resolve the model to open from the URL fragment, the autosave and the reference template. */
export async function loadStartupModel(
  hash: string = globalThis.location?.hash ?? "",
  store?: KeyValueStore,
): Promise<StartupModel> {
  const issues: Issue[] = [];
  if (hasShare(hash)) {
    try {
      const shared = decodeShare(hash);
      if (shared.ok) return { source: "share", model: shared.model, issues };
      issues.push(...shared.issues);
    } catch (error) {
      // a link must never keep the app from opening: report it and go on with the autosave
      issues.push({ path: "(link)", message: `the link could not be read: ${String(error)}` });
    }
  }
  const saved = await loadAutosave(store);
  if (saved) return { source: "autosave", model: saved, issues };
  const reference = await loadTemplate(REFERENCE_TEMPLATE);
  if (reference.ok) return { source: "template", model: reference.model, issues };
  return { source: "none", issues: [...issues, ...reference.issues] };
}

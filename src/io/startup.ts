/**
 * Which model the app opens with: a shared link in the URL wins, then the last autosave, then the
 * reference ecosystem (first run). A damaged or invalid link is reported and skipped, never half
 * applied (SPEC §9).
 */
import type { Issue, Model, Result } from "../model/index.ts";
import { type AutosaveRead, type KeyValueStore, readAutosave } from "./autosave.ts";
import { decodeShare, hasShare } from "./share.ts";
import { loadTemplate, REFERENCE_TEMPLATE } from "./templates.ts";

export type StartupSource = "share" | "autosave" | "template";

/**
 * The model to open and where it came from; `issues` explains a refused link or a failed fetch;
 * `autosave` is what reading the autosave found (which copy, and why the newest was skipped).
 */
export type StartupModel =
  | { source: StartupSource; model: Model; issues: Issue[]; autosave?: AutosaveRead }
  | { source: "none"; issues: Issue[] };

/** Reads a share link to its model or issues; "cancelled" when the user stopped it (the page: in a worker). */
export type ShareReader = (hash: string) => Promise<Result | "cancelled">;

/** Read the link in this thread (tests, the CLI); the page passes a reader that uses a worker. */
const decodeHere: ShareReader = async (hash) => decodeShare(hash);

/**
 * Resolve the model to open from the URL fragment, the autosave and the reference template. A link
 * the user cancelled is skipped like an absent one (the autosave opens, no issue).
 */
export async function loadStartupModel(
  hash: string = globalThis.location?.hash ?? "",
  store?: KeyValueStore,
  readShare: ShareReader = decodeHere,
): Promise<StartupModel> {
  const issues: Issue[] = [];
  if (hasShare(hash)) {
    try {
      const shared = await readShare(hash);
      // cancelled: the user stopped reading the link; open what they had, as without one
      if (shared !== "cancelled") {
        if (shared.ok) return { source: "share", model: shared.model, issues };
        issues.push(...shared.issues);
      }
    } catch (error) {
      // a link must never keep the app from opening: report it and go on with the autosave
      issues.push({ path: "(link)", message: `the link could not be read: ${String(error)}` });
    }
  }
  const saved = await readAutosave(store);
  if (saved) return { source: "autosave", model: saved.model, issues, autosave: saved };
  const reference = await loadTemplate(REFERENCE_TEMPLATE);
  if (reference.ok) return { source: "template", model: reference.model, issues };
  return { source: "none", issues: [...issues, ...reference.issues] };
}

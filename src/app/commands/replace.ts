/**
 * The one way a model takes the place of the one on the canvas — a share link, a template, a file,
 * a new model, a restore from Recent models, and the model the app starts with (issue 19: nothing a
 * person made is lost without asking). The document on the canvas is kept in Recent models first,
 * unless it can be had again unchanged (a template or a new model nobody edited); a notice then
 * says where it went, with Restore. When it cannot be kept (storage refuses), the user is asked.
 */
import { fallbackNotice, readAutosave } from "../../io/autosave.ts";
import { keepInRecent, type RecentSource, readRecent } from "../../io/recent.ts";
import type { StartupModel } from "../../io/startup.ts";
import { emptyModel, type Model } from "../../model/index.ts";
import { resumeAnalysis } from "../../store/analysis.ts";
import { useModelStore } from "../../store/model.ts";
import { currentDocument } from "../../store/scenarios.ts";
import type { ModelOrigin } from "../../store/slices/document.ts";
import { noteAutosaveVersion, saveOnStart } from "../saving.ts";

/** The notice of the last replacement (one at a time: the newest replaces the older). */
const REPLACED_NOTICE = "replaced";

const SOURCE_OF: Record<ModelOrigin["kind"], RecentSource> = {
  link: "link",
  template: "template",
  file: "file",
  new: "new",
  recent: "restore",
  autosave: "restore",
};

/** How the notice says where the new model came from. */
function fromWhere(origin: ModelOrigin): string {
  switch (origin.kind) {
    case "link":
      return "from a link";
    case "template":
      return "from the templates";
    case "file":
      return origin.label ? `from the file “${origin.label}”` : "from a file";
    case "recent":
      return "from Recent models";
    case "autosave":
      return "from the autosave";
    case "new":
      return "as a new model";
    default:
      return origin.kind satisfies never;
  }
}

/** Whether the document on the canvas must be kept before it goes: all but an unedited template or new model. */
function needsKeeping(): boolean {
  const { model, loadedModel, origin } = useModelStore.getState();
  const unedited = model === loadedModel;
  return !(unedited && (origin.kind === "template" || origin.kind === "new"));
}

/**
 * Keep the document on the canvas in Recent models (again if it changed while it was stored).
 * Resolves to the entry's id, undefined when it needs no keeping, or an error text.
 */
async function keepCurrent(
  source: RecentSource,
  keepUnedited = false,
): Promise<{ id?: string; name?: string; error?: string }> {
  if (!keepUnedited && !needsKeeping()) return {};
  try {
    for (;;) {
      const previous = currentDocument();
      const entry = await keepInRecent(previous, source);
      // an edit landed while the copy was written: keep the document as it is now
      if (currentDocument() === previous) return { id: entry.id, name: entry.name };
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Put `next` on the canvas in place of the current document, which goes to Recent models first
 * (`keepUnedited`: even an unedited template). Resolves to false when the user chose to keep the
 * current model (it could not be stored).
 */
export async function replaceModel(next: Model, origin: ModelOrigin, keepUnedited = false): Promise<boolean> {
  const previousName = currentDocument().name;
  const kept = await keepCurrent(SOURCE_OF[origin.kind], keepUnedited);
  if (kept.error !== undefined) {
    const replace = window.confirm(
      `Your model “${previousName}” could not be kept in Recent models (${kept.error}). ` +
        `Open “${next.name}” anyway and lose it? Cancel keeps it on the canvas (Save downloads it).`,
    );
    if (!replace) {
      // the model stays: its analysis, held while the new one was read, runs again
      resumeAnalysis();
      return false;
    }
  }
  const store = useModelStore.getState();
  store.load(next, origin);
  store.showIssues(undefined);
  announce(next, origin, kept);
  return true;
}

function announce(next: Model, origin: ModelOrigin, kept: { id?: string; name?: string }): void {
  const store = useModelStore.getState();
  if (!kept.id) {
    store.dismissNotice(REPLACED_NOTICE);
    return;
  }
  const opened = origin.kind === "new" ? "Started a new model" : `Opened “${next.name}” ${fromWhere(origin)}`;
  store.notify({
    id: REPLACED_NOTICE,
    tone: "info",
    text: `${opened}. Your previous model “${kept.name}” is in Recent models.`,
    action: { kind: "restore", recentId: kept.id },
  });
}

/**
 * Start a new, empty model (the previous one goes to Recent models; `keepUnedited`: even an unedited
 * template, as the first-run card's Start blank keeps the reference with Restore).
 */
export function newModel(keepUnedited = false): Promise<boolean> {
  return replaceModel(emptyModel(), { kind: "new" }, keepUnedited);
}

/** Bring back the model kept in Recent models as `recentId` (the one on the canvas is kept in its place). */
export async function restoreRecent(recentId: string): Promise<void> {
  const read = await readRecent(recentId);
  if (!read.ok) {
    useModelStore
      .getState()
      .showIssues({ title: "The model from Recent models was not opened", issues: read.issues });
    return;
  }
  await replaceModel(read.model, { kind: "recent" });
}

/**
 * Open the model the app starts with. A share link keeps the autosaved model in Recent models
 * before anything can overwrite the autosave, then its model is autosaved at once (a reload before
 * any edit keeps it); an autosave that fell back to its older copy says so.
 */
export async function openStartupModel(
  start: StartupModel & { source: "share" | "autosave" | "template" },
): Promise<void> {
  const store = useModelStore.getState();
  if (start.source === "share") {
    const saved = await readAutosave();
    noteAutosaveVersion(saved?.version);
    let kept: { id?: string; name?: string } = {};
    let isAutosaveKept = !saved;
    if (saved) {
      try {
        const entry = await keepInRecent(saved.model, "link");
        kept = { id: entry.id, name: entry.name };
        isAutosaveKept = true;
      } catch (error) {
        // the link opens all the same: the autosave is untouched until the first edit here
        store.notify({
          id: "recent-failed",
          tone: "warning",
          text: `Your autosaved model “${saved.model.name}” could not be kept in Recent models (${String(error)}); the next edit here replaces it. Download it first if you need it.`,
        });
      }
    }
    store.load(start.model, { kind: "link" });
    // the autosave it replaces is in Recent models (or there was none): the link's model is saved now
    if (isAutosaveKept) saveOnStart();
    announce(start.model, { kind: "link" }, kept);
    return;
  }
  if (start.source === "autosave") {
    const read = start.autosave;
    noteAutosaveVersion(read?.version);
    store.load(start.model, { kind: "autosave" });
    const fallback = read && fallbackNotice(read);
    if (fallback) store.notify({ id: "autosave-fallback", tone: "warning", text: fallback });
    return;
  }
  noteAutosaveVersion(undefined);
  store.load(start.model, { kind: "template", label: "the reference" });
}

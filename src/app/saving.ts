/**
 * Saving the document as the user edits, coordinated across tabs (issue 19). The writer tab (it
 * holds the Web Lock, io/tabs.ts) autosaves, guarded: when another tab saved since this one last
 * looked, that tab's model goes to Recent models before it is overwritten, and a notice says so.
 * A follower tab saves each edit into an entry of its own in Recent models and shows "Seams is open
 * in another tab" with "Take over here". The tab a takeover displaces is told, and its model is in
 * Recent models too. Chosen like Excalidraw/Figma: every tab stays editable, one writes the
 * autosave, and nothing changes hands without a notice. A model the app starts with from a share
 * link is saved as soon as saving starts (`saveOnStart`), as an opened file's is at its load.
 */
import { createAutosaver, type SaveGuard, type SaveResult, saveAutosave } from "../io/autosave.ts";
import { keepInRecent } from "../io/recent.ts";
import { coordinateTabs, type RoleCause, type TabCoordination, type TabRole } from "../io/tabs.ts";
import type { Model } from "../model/index.ts";
import { useModelStore } from "../store/model.ts";
import { currentDocument, documentOf } from "../store/scenarios.ts";

/** The Recent entry of the last model another tab had autosaved and this tab's save displaced. */
let displacedEntry: string | undefined;

/** The autosave version this tab last saw or wrote; another tab's save since then is kept first. */
const guard: SaveGuard = {
  version: undefined,
  keep: async (previous) => {
    displacedEntry = (await keepInRecent(previous, "tab")).id;
  },
};

/** Whether the document the app started with is to be saved at once (a share link's model). */
let isSaveOnStart = false;

/**
 * Save the document as soon as saving starts (the app opened a share link: its model was loaded
 * before the autosaver listened). Call it only once the autosave it replaces is in Recent models.
 */
export function saveOnStart(): void {
  isSaveOnStart = true;
}

/** What this tab does when its role changes hands: save the document where it now belongs. */
let saveNow: (() => void) | undefined;
let knowRole: () => void = () => undefined;
const roleKnown = new Promise<void>((resolve) => {
  knowRole = resolve;
});
/** This tab's entry in Recent models, where it saves while another tab keeps the autosave. */
const tabEntry = `tab-${globalThis.crypto?.randomUUID?.() ?? Date.now().toString(36)}`;

/** The tab's coordination: one for the page's life (a remount must not queue behind its own lock). */
let coordination: TabCoordination | undefined;

function tabs(): TabCoordination {
  coordination ??= coordinateTabs({
    onRole: (role, cause) => {
      knowRole();
      showRole(role, cause);
      // a role that changed hands: the document goes where this tab now saves, at once
      if (cause !== "opened") saveNow?.();
    },
    onPeerOpened: () =>
      useModelStore.getState().notify({
        id: ROLE_NOTICE,
        tone: "info",
        text: "Seams is open in another tab too. This tab keeps the autosave; edits made there are kept in Recent models.",
      }),
  });
  return coordination;
}

/** Record the autosave version the app opened with (its startup read). */
export function noteAutosaveVersion(version: number | undefined): void {
  guard.version = version;
}

/** Make this tab the one that autosaves (the "Take over here" button). */
export function takeOverHere(): void {
  tabs().takeOver();
}

const ROLE_NOTICE = "tab-role";

/** Save `model` where this tab's role says: the autosave (guarded) or the tab's Recent entry. */
async function save(model: Model): Promise<SaveResult> {
  await roleKnown;
  if (tabs().role() !== "follower") return saveAutosave(model, undefined, guard);
  try {
    await keepInRecent(model, "tab", { id: tabEntry });
    return { ok: true, savedAt: Date.now() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      isQuotaExceeded: false,
      error: `This tab's model could not be kept in Recent models (${reason}).`,
    };
  }
}

/** Start autosaving the document the way this tab's role says; returns the stop. */
export function startSaving(): () => void {
  tabs();
  const autosaver = createAutosaver({ delayMs: 400, save, onResult: reportSave });
  const now = () => {
    autosaver.schedule(currentDocument());
    void autosaver.flush();
  };
  saveNow = now;
  const stopWatching = useModelStore.subscribe((s, prev) => {
    // the document: the baseline with its scenarios, also while a scenario is on the canvas
    if (s.model !== prev.model) autosaver.schedule(documentOf(s.model));
  });
  if (isSaveOnStart) {
    isSaveOnStart = false;
    now();
  }
  const flush = () => void autosaver.flush();
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", flush);
  return () => {
    if (saveNow === now) saveNow = undefined;
    stopWatching();
    window.removeEventListener("pagehide", flush);
    document.removeEventListener("visibilitychange", flush);
    void autosaver.flush();
  };
}

function reportSave(result: SaveResult): void {
  const store = useModelStore.getState();
  if (!result.ok) {
    store.showIssues({
      title: "Autosave failed; the previous autosave is kept",
      issues: [{ path: "(autosave)", message: result.error }],
    });
    return;
  }
  if (result.displaced) {
    store.notify({
      id: "tab-displaced",
      tone: "info",
      text: `Another tab had autosaved a different model, “${result.displaced.name}”; it is kept in Recent models. This tab's model is the autosave now.`,
      ...(displacedEntry ? { action: { kind: "restore" as const, recentId: displacedEntry } } : {}),
    });
  }
}

function showRole(role: TabRole, cause: RoleCause): void {
  const store = useModelStore.getState();
  if (role === "writer") {
    store.dismissNotice(ROLE_NOTICE);
    return;
  }
  const name = currentDocument().name;
  store.notify({
    id: ROLE_NOTICE,
    tone: "warning",
    text:
      cause === "taken"
        ? `Another tab took over the autosave. This tab's model “${name}” is kept in Recent models, and so are your edits here.`
        : `Seams is open in another tab, which keeps the autosave. Your edits here are kept in Recent models as “${name}”.`,
    action: { kind: "take-over" },
  });
}

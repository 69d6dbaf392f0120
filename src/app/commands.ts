/**
 * What the toolbar, the menus and the keyboard shortcuts do. Every input that could replace the
 * model (a file, a template, a share link) is validated first; a refusal shows its issues and
 * leaves the current model untouched (SPEC §9).
 */
import { layoutPositions } from "../canvas/layout.ts";
import { downloadModel, readModelFile } from "../io/file.ts";
import { shareUrl } from "../io/share.ts";
import { loadTemplate } from "../io/templates.ts";
import { moveComponents } from "../store/edits.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";

export async function openFile(file: File): Promise<void> {
  const result = await readModelFile(file);
  const store = useModelStore.getState();
  if (!result.ok) {
    store.showIssues({ title: `“${file.name}” was not opened`, issues: result.issues });
    return;
  }
  store.load(result.model);
  store.showIssues(undefined);
}

export async function openTemplate(file: string): Promise<void> {
  useUiStore.getState().set({ templatesOpen: false });
  const result = await loadTemplate(file);
  const store = useModelStore.getState();
  if (!result.ok) {
    store.showIssues({ title: `Template “${file}” was not opened`, issues: result.issues });
    return;
  }
  store.load(result.model);
  store.showIssues(undefined);
}

export function saveFile(): void {
  downloadModel(useModelStore.getState().model);
}

export function share(): void {
  const url = shareUrl(useModelStore.getState().model, `${location.origin}${location.pathname}`);
  useUiStore.getState().set({ shareUrl: url });
  navigator.clipboard?.writeText(url).catch(() => undefined);
}

export async function autoLayout(): Promise<void> {
  const { model, replace } = useModelStore.getState();
  const positions = await layoutPositions(model);
  // the model may have changed while ELK worked: apply to whatever is current
  replace(moveComponents(useModelStore.getState().model, positions));
}

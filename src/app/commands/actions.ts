/**
 * What the commands of the toolbar, the menus and the keyboard do beyond one store call (the
 * registry, registry.ts, names them). Every input that could replace the model (a file, a
 * template, a share link) is validated first; a refusal shows its issues and leaves the current
 * model untouched (SPEC §9).
 */

import { formatInterval, formatKw } from "../../analysis/format.ts";
import { comparisonColumns } from "../../analysis/scenarioDiff.ts";
import { canvasImage, type FlowView, type ImageFormat } from "../../canvas/exportImage.ts";
import { layoutPositions } from "../../canvas/layout.ts";
import { dataUrlToBlob, downloadBlob } from "../../io/download.ts";
import { downloadModel, slugOf } from "../../io/file.ts";
import { shareUrl } from "../../io/share.ts";
import { loadTemplate } from "../../io/templates.ts";
import type { FixFirstItem } from "../../report/Report.tsx";
import { useAnalysisStore } from "../../store/analysis.ts";
import { isComparisonCurrent, useComparisonStore } from "../../store/comparison.ts";
import { useDecisionStore } from "../../store/decision.ts";
import { moveComponents } from "../../store/edits.ts";
import { useModelStore } from "../../store/model.ts";
import { resultFor } from "../../store/revision.ts";
import { currentDocument } from "../../store/scenarios.ts";
import { useUiStore } from "../../store/ui.ts";
import { readFileWithProgress } from "../reading.ts";
import { VIEW_LABELS } from "../views.ts";
import { replaceModel } from "./replace.ts";

/** Open a chosen or dropped file: read in a worker with the reading overlay; Cancel changes nothing. */
export async function openFile(file: File): Promise<void> {
  const result = await readFileWithProgress(file);
  if (result === "cancelled") return;
  const store = useModelStore.getState();
  if (!result.ok) {
    store.showIssues({ title: `“${file.name}” was not opened`, issues: result.issues });
    return;
  }
  // the model on the canvas goes to Recent models first (replace.ts)
  await replaceModel(result.model, { kind: "file", label: file.name });
}

export async function openTemplate(file: string): Promise<void> {
  useUiStore.getState().set({ templatesOpen: false });
  const result = await loadTemplate(file);
  const store = useModelStore.getState();
  if (!result.ok) {
    store.showIssues({ title: `Template “${file}” was not opened`, issues: result.issues });
    return;
  }
  await replaceModel(result.model, { kind: "template", label: result.model.name });
}

export function saveFile(): void {
  downloadModel(currentDocument());
}

export function share(): void {
  const url = shareUrl(currentDocument(), `${location.origin}${location.pathname}`);
  useUiStore.getState().set({ shareUrl: url });
  navigator.clipboard?.writeText(url).catch(() => undefined);
}

export async function autoLayout(): Promise<void> {
  const { model, replace } = useModelStore.getState();
  const positions = await layoutPositions(model);
  // the model may have changed while ELK worked: apply to whatever is current
  replace(moveComponents(useModelStore.getState().model, positions));
}

/** Enter workshop mode, asking for full screen (refused or unsupported is fine: the mode works). */
export function enterWorkshop(): void {
  const ui = useUiStore.getState();
  if (ui.workshop) return;
  ui.set({ workshop: true, helpOpen: false, templatesOpen: false, exportOpen: false, shareUrl: undefined });
  if (document.fullscreenEnabled && !document.fullscreenElement) {
    document.documentElement.requestFullscreen().catch(() => undefined);
  }
}

/** Leave workshop mode, and full screen if the page is in it. */
export function exitWorkshop(): void {
  if (!useUiStore.getState().workshop) return;
  useUiStore.getState().set({ workshop: false });
  if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
}

export function toggleWorkshop(): void {
  if (useUiStore.getState().workshop) exitWorkshop();
  else enterWorkshop();
}

function showExportFailure(what: string, error: unknown): void {
  useModelStore.getState().showIssues({
    title: `The ${what} could not be made`,
    issues: [{ path: "(export)", message: error instanceof Error ? error.message : String(error) }],
  });
}

/** Download the canvas, fitted to all components with its current overlay, as PNG or SVG. */
export async function downloadCanvasImage(flow: FlowView, format: ImageFormat): Promise<void> {
  useUiStore.getState().set({ exportOpen: false });
  try {
    const url = await canvasImage(flow, format);
    if (!url) return;
    downloadBlob(dataUrlToBlob(url), `${slugOf(useModelStore.getState().model.name)}.${format}`);
  } catch (error) {
    showExportFailure("picture", error);
  }
}

/** The "what to fix first" ranking of this revision, in words, for the report (undefined: none). */
function fixFirstItems(revision: number): FixFirstItem[] | undefined {
  const known = resultFor(useDecisionStore.getState().fixFirst, revision);
  if (!known) return undefined;
  return known.result.rows.slice(0, 10).map((row) => ({
    name: row.label,
    why: `${formatKw(row.saved.mean)} ${row.measure}${
      row.method === "exact" ? " (exact)" : ` (95 % CI ${formatInterval(row.saved.ci95, formatKw)})`
    }${row.significant ? "" : ", within the noise"}`,
  }));
}

/**
 * Download a self-contained HTML report of the model and its current figures. Only results of
 * the model as it is now go in; the report code (and React's static renderer) loads on first use.
 */
export async function downloadReport(flow: FlowView): Promise<void> {
  useUiStore.getState().set({ exportOpen: false });
  try {
    const { model, revision } = useModelStore.getState();
    const analysis = useAnalysisStore.getState();
    const isCurrent = resultFor(analysis, revision)?.result !== undefined;
    const canvasPng = await canvasImage(flow, "png", 1).catch(() => undefined);
    const { comparison } = useComparisonStore.getState();
    const document = currentDocument();
    const { buildReportHtml } = await import("../../report/buildReport.tsx");
    const html = buildReportHtml({
      model,
      generatedAt: new Date(),
      viewLabel: VIEW_LABELS[useUiStore.getState().mode],
      canvasPng,
      reliability:
        isCurrent && analysis.result && analysis.progress
          ? {
              result: analysis.result,
              trialsDone: analysis.progress.trialsDone,
              converged: analysis.progress.converged,
            }
          : undefined,
      security: analysis.security,
      // the ranked fixes, when they were computed for the model as it is
      fixFirst: fixFirstItems(revision),
      // the scenario comparison on screen, when it is of the document as it is
      scenarios:
        comparison && isComparisonCurrent(comparison, document)
          ? comparisonColumns(document, comparison.result)
          : undefined,
    });
    downloadBlob(new Blob([html], { type: "text/html" }), `${slugOf(model.name)}-report.html`);
  } catch (error) {
    showExportFailure("report", error);
  }
}

/**
 * The top bar: the model's name, file and template actions, exports, undo/redo, layout, view,
 * workshop mode and help.
 */
import { useReactFlow } from "@xyflow/react";
import {
  CircleHelp,
  Download,
  FolderOpen,
  LayoutTemplate,
  Maximize,
  Network,
  Presentation,
  Redo2,
  Save,
  Share2,
  Undo2,
} from "lucide-react";
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { listTemplates, type TemplateEntry } from "../io/templates.ts";
import { DashboardToggle } from "../panels/DashboardToggle.tsx";
import { redo, undo, useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import {
  autoLayout,
  downloadCanvasImage,
  downloadReport,
  enterWorkshop,
  openTemplate,
  saveFile,
  share,
} from "./commands.ts";

const stemOf = (file: string) => file.replace(/\.seams\.json$|\.json$/, "");

export function Toolbar({ onOpenFile }: { onOpenFile: () => void }) {
  const name = useModelStore((s) => s.model.name);
  const canUndo = useStore(useModelStore.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(useModelStore.temporal, (t) => t.futureStates.length > 0);
  const mode = useUiStore((s) => s.mode);
  const templatesOpen = useUiStore((s) => s.templatesOpen);
  const exportOpen = useUiStore((s) => s.exportOpen);
  const shareLink = useUiStore((s) => s.shareUrl);
  const set = useUiStore((s) => s.set);
  const flow = useReactFlow();
  const [templates, setTemplates] = useState<TemplateEntry[]>([]);
  useEffect(() => {
    if (!templatesOpen || templates.length > 0) return;
    listTemplates().then((t) => {
      if (t.ok) setTemplates(t.templates);
      else
        useModelStore
          .getState()
          .showIssues({ title: "The templates menu could not be read", issues: t.issues });
    });
  }, [templatesOpen, templates.length]);

  return (
    <header className="toolbar">
      <div className="brand" title="Seams — what breaks when this integration breaks?">
        <img src="/favicon.svg" alt="" width={22} height={22} />
        <span>Seams</span>
      </div>
      <button
        type="button"
        className="model-name"
        data-testid="model-name"
        title="The model: click to edit its name, description and settings"
        onClick={() => {
          useModelStore.getState().select({ components: [], links: [] });
          set({ tab: "inspector" });
        }}
      >
        {name}
      </button>
      <div className="toolbar-group">
        <div className="menu">
          <button
            type="button"
            data-testid="templates"
            aria-expanded={templatesOpen}
            onClick={() => set({ templatesOpen: !templatesOpen, exportOpen: false })}
          >
            <LayoutTemplate size={16} aria-hidden /> Templates
          </button>
          {templatesOpen && (
            <ul className="menu-list" data-testid="templates-menu">
              {templates.map((t) => (
                <li key={t.file}>
                  <button
                    type="button"
                    data-testid={`template-${stemOf(t.file)}`}
                    onClick={() => void openTemplate(t.file)}
                  >
                    <strong>{t.name}</strong>
                    <span>{t.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button
          type="button"
          data-testid="open-file"
          onClick={onOpenFile}
          title="Open a .seams.json file (Ctrl+O)"
        >
          <FolderOpen size={16} aria-hidden /> Open
        </button>
        <button
          type="button"
          data-testid="save-file"
          onClick={saveFile}
          title="Save as a .seams.json file (Ctrl+S)"
        >
          <Save size={16} aria-hidden /> Save
        </button>
        <button
          type="button"
          data-testid="share-link"
          onClick={share}
          title="A link carrying the whole model"
        >
          <Share2 size={16} aria-hidden /> Share
        </button>
        <div className="menu">
          <button
            type="button"
            data-testid="export"
            aria-expanded={exportOpen}
            onClick={() => set({ exportOpen: !exportOpen, templatesOpen: false })}
            title="The canvas as a picture, or a report to hand out"
          >
            <Download size={16} aria-hidden /> Export
          </button>
          {exportOpen && (
            <ul className="menu-list" data-testid="export-menu">
              <li>
                <button
                  type="button"
                  data-testid="export-png"
                  onClick={() => void downloadCanvasImage(flow, "png")}
                >
                  <strong>Canvas as PNG</strong>
                  <span>Every component, with the current view's colours, for slides</span>
                </button>
              </li>
              <li>
                <button
                  type="button"
                  data-testid="export-svg"
                  onClick={() => void downloadCanvasImage(flow, "svg")}
                >
                  <strong>Canvas as SVG</strong>
                  <span>The same picture, scalable</span>
                </button>
              </li>
              <li>
                <button type="button" data-testid="export-report" onClick={() => void downloadReport(flow)}>
                  <strong>Report (HTML)</strong>
                  <span>One file that opens offline: figures with intervals, charts, sites, assumptions</span>
                </button>
              </li>
            </ul>
          )}
        </div>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          data-testid="undo"
          onClick={undo}
          disabled={!canUndo}
          title="Undo (Ctrl+Z)"
          aria-label="Undo"
        >
          <Undo2 size={16} aria-hidden />
        </button>
        <button
          type="button"
          data-testid="redo"
          onClick={redo}
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z)"
          aria-label="Redo"
        >
          <Redo2 size={16} aria-hidden />
        </button>
        <button type="button" data-testid="layout" onClick={() => void autoLayout()} title="Auto-layout (L)">
          <Network size={16} aria-hidden /> Layout
        </button>
        <button
          type="button"
          data-testid="fit-view"
          onClick={() => void flow.fitView({ padding: 0.08, duration: 200 })}
          title="Fit the view (F)"
          aria-label="Fit the view"
        >
          <Maximize size={16} aria-hidden />
        </button>
      </div>
      <DashboardToggle mode={mode} onChange={(m) => set({ mode: m })} />
      <button
        type="button"
        data-testid="workshop"
        onClick={enterWorkshop}
        title="Workshop mode: full screen, large figures, no editing (W)"
        aria-label="Workshop mode"
      >
        <Presentation size={18} aria-hidden />
      </button>
      <button
        type="button"
        data-testid="help"
        onClick={() => set({ helpOpen: true })}
        title="Help and shortcuts (?)"
        aria-label="Help"
      >
        <CircleHelp size={18} aria-hidden />
      </button>
      {shareLink && (
        <div className="share-popover" role="dialog" aria-label="Share link">
          <p>
            Anyone with this link opens this model (it is in the link; nothing is uploaded). Copied to the
            clipboard.
          </p>
          <code data-testid="share-url">{shareLink}</code>
          <button type="button" onClick={() => set({ shareUrl: undefined })}>
            Close
          </button>
        </div>
      )}
    </header>
  );
}

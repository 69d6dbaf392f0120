/**
 * The top bar: the model's name, file and template actions, exports, undo/redo, layout, view,
 * workshop mode and help. Its buttons are commands of the registry (commands/registry.ts).
 */
import { useReactFlow } from "@xyflow/react";
import { Download, LayoutTemplate } from "lucide-react";
import { useEffect, useState } from "react";
import { listTemplates, type TemplateEntry } from "../io/templates.ts";
import { DashboardToggle } from "../panels/DashboardToggle.tsx";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import { openTemplate } from "./commands/actions.ts";
import { CommandButton } from "./commands/CommandButton.tsx";
import type { CommandContext } from "./commands/registry.ts";
import { newModel } from "./commands/replace.ts";
import { useCommandState } from "./commands/state.ts";
import { RecentModels } from "./RecentModels.tsx";

const stemOf = (file: string) => file.replace(/\.seams\.json$|\.json$/, "");

/** The toolbar; `onOpenFile` opens the file picker (the Open command). */
export function Toolbar({ onOpenFile }: { onOpenFile: () => void }) {
  const name = useModelStore((s) => s.model.name);
  const mode = useUiStore((s) => s.mode);
  const templatesOpen = useUiStore((s) => s.templatesOpen);
  const exportOpen = useUiStore((s) => s.exportOpen);
  const shareLink = useUiStore((s) => s.shareUrl);
  const set = useUiStore((s) => s.set);
  const flow = useReactFlow();
  const state = useCommandState();
  const context: CommandContext = { flow, openFilePicker: onOpenFile };
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
              <li>
                <button
                  type="button"
                  data-testid="template-new"
                  onClick={() => {
                    set({ templatesOpen: false });
                    void newModel();
                  }}
                >
                  <strong>New model</strong>
                  <span>Start from an empty canvas (the model here goes to Recent models)</span>
                </button>
              </li>
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
        <RecentModels />
        <CommandButton id="open-file" look="text" state={state} context={context} />
        <CommandButton id="save-file" look="text" state={state} context={context} />
        <CommandButton id="share-link" look="text" state={state} context={context} />
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
              {(["export-png", "export-svg", "export-report"] as const).map((id) => (
                <li key={id}>
                  <CommandButton id={id} look="menu" state={state} context={context} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="toolbar-group">
        <CommandButton id="undo" look="icon" state={state} context={context} />
        <CommandButton id="redo" look="icon" state={state} context={context} />
        <CommandButton id="layout" look="text" state={state} context={context} />
        <CommandButton id="fit-view" look="icon" state={state} context={context} />
      </div>
      <DashboardToggle mode={mode} onChange={(m) => set({ mode: m })} />
      <CommandButton id="workshop" look="icon" iconSizePx={18} state={state} context={context} />
      <CommandButton id="help" look="icon" iconSizePx={18} state={state} context={context} />
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

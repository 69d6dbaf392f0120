/**
 * The side panel: inspector, results, assumptions, organisations and scenarios, one tab each. An active
 * what-if shows above every tab; "what to fix first" is the first section of the Results tab.
 */
import { memo, useCallback, useEffect } from "react";
import { AssumptionsPanel } from "../panels/AssumptionsPanel.tsx";
import { ComponentDecisions } from "../panels/ComponentDecisions.tsx";
import { CouplingSummary } from "../panels/CouplingSummary.tsx";
import { FixFirstPanel } from "../panels/FixFirstPanel.tsx";
import { GroupActions } from "../panels/GroupActions.tsx";
import { Inspector } from "../panels/Inspector.tsx";
import { JumpList, type JumpSection, SideResizer } from "../panels/JumpList.tsx";
import { OrgsPanel } from "../panels/OrgsPanel.tsx";
import { ResultsPanel } from "../panels/ResultsPanel.tsx";
import { ScenariosPanel } from "../panels/ScenariosPanel.tsx";
import { AttackPathNote, SecurityPanel } from "../panels/SecurityPanel.tsx";
import { SelectionStats } from "../panels/SelectionStats.tsx";
import { SweepPanel } from "../panels/SweepPanel.tsx";
import { TimelinePanel } from "../panels/timeline/TimelinePanel.tsx";
import { WhatIfPanel } from "../panels/WhatIfPanel.tsx";
import { WhyActions, WhyPanel } from "../panels/WhyPanel.tsx";
import {
  type AnalysisState,
  requestAttackPath,
  useAnalysisStore,
  useDrawnAnalysis,
} from "../store/analysis.ts";
import { exportMefOf, requestWhatIf, useDecisionStore } from "../store/decision.ts";
import { useModelStore } from "../store/model.ts";
import { resultFor } from "../store/revision.ts";
import { type SideTab, useUiStore } from "../store/ui.ts";
import { openReplay, openWhy } from "../store/why.ts";

const TABS: { id: SideTab; label: string }[] = [
  { id: "inspector", label: "Inspector" },
  { id: "results", label: "Results" },
  { id: "assumptions", label: "Assumptions" },
  { id: "orgs", label: "Organisations" },
  { id: "scenarios", label: "Scenarios" },
  { id: "timeline", label: "Timeline" },
];

/** The Results tab's sections, in its order, as far as they are drawn. */
function resultSections(has: {
  hasResult: boolean;
  hasSecurity: boolean;
  hasCoupling: boolean;
}): JumpSection[] {
  return [
    { id: "fix-first", label: "Fix first" },
    ...(has.hasResult
      ? [
          { id: "headlines", label: "Headlines" },
          { id: "drivers", label: "Drivers" },
          { id: "charts", label: "Charts" },
          { id: "sites", label: "Sites" },
          { id: "chains", label: "Chains" },
          { id: "decisions", label: "Decisions" },
        ]
      : []),
    ...(has.hasSecurity ? [{ id: "security", label: "Security" }] : []),
    ...(has.hasCoupling ? [{ id: "coupling", label: "Coupling" }] : []),
    { id: "sweep", label: "Sweep" },
  ];
}

function AnalysisStatus() {
  const { running, error, progress } = useAnalysisStore();
  if (error) return <p className="analysis-error">The analysis failed: {error}</p>;
  if (running && !progress) return <p className="muted">Analysing…</p>;
  return null;
}

/** The drawn analysis as one word: "failed", "done" (converged or its trial budget spent), "running" or "idle". */
function analysisStateOf(analysis: AnalysisState): "failed" | "done" | "running" | "idle" {
  if (analysis.error) return "failed";
  if (analysis.progress?.done) return "done";
  return analysis.running ? "running" : "idle";
}

export function SidePanel() {
  // the analysis is drawn as a transition: React renders a streamed result in slices, between
  // which the page answers (only the result of the revision on screen is ever shown, see below)
  const analysis = useDrawnAnalysis(
    useAnalysisStore(),
    useModelStore((s) => s.revision),
  );
  return <SidePanelBody analysis={analysis} />;
}

const SidePanelBody = memo(function SidePanelBody({ analysis }: { analysis: AnalysisState }) {
  const tab = useUiStore((s) => s.tab);
  const set = useUiStore((s) => s.set);
  const model = useModelStore((s) => s.model);
  const revision = useModelStore((s) => s.revision);
  const selection = useModelStore((s) => s.selection);
  const store = useModelStore.getState();
  const current = resultFor(analysis, revision)?.result;
  const one = selection.components.length + selection.links.length === 1;
  // selecting one component or link shows it (and its numbers) in the inspector
  const selected = one ? (selection.components[0] ?? selection.links[0]) : undefined;
  useEffect(() => {
    if (selected !== undefined) useUiStore.getState().set({ tab: "inspector" });
  }, [selected]);
  // in the security view, the most frequent attack path to the one selected component
  const mode = useUiStore((s) => s.mode);
  const selectedComponent =
    selection.components.length === 1 && selection.links.length === 0 ? selection.components[0] : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: ask again after every edit (a new revision)
  useEffect(() => {
    if (mode === "security" && selectedComponent !== undefined) requestAttackPath(selectedComponent);
  }, [mode, selectedComponent, revision]);
  const pathHere = resultFor(analysis.attackPath, revision);
  const whatIfSpec = useDecisionStore((s) => s.whatIf?.spec);
  const inspected = selectedComponent ? model.components.find((c) => c.id === selectedComponent) : undefined;
  // stable handlers: the panels that do not show the streaming result are memoised on their props
  const focus = useCallback((id: string) => {
    useModelStore.getState().select({ components: [id], links: [] });
    useUiStore.getState().set({ tab: "inspector" });
  }, []);
  const selectComponents = useCallback(
    (ids: string[]) => useModelStore.getState().select({ components: ids, links: [] }),
    [],
  );
  return (
    <aside
      className="side-panel"
      data-testid="side-panel"
      // the run state of the analysis drawn here, for tests and tools: it shows the model on the
      // canvas once data-analysis-revision equals data-revision
      data-revision={revision}
      data-analysis-revision={analysis.revision}
      data-analysis={analysisStateOf(analysis)}
      data-security-revision={analysis.securityRevision}
    >
      <SideResizer />
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? "on" : ""}
            data-testid={`tab-${t.id}`}
            onClick={() => set({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-body">
        <WhatIfPanel model={model} revision={revision} onSelect={focus} />
        <WhyPanel
          model={model}
          viewersOf={(id) => Object.keys(current?.chargers[id]?.phantom ?? {})}
          attackPath={pathHere}
          requestAttackPath={requestAttackPath}
          isSecurityView={mode === "security"}
          onSecurityView={() => set({ mode: "security" })}
        />
        {tab === "inspector" && (
          <Inspector
            model={model}
            selection={selection}
            onPatchComponent={store.patchComponent}
            onPatchLink={store.patchLink}
            onPatchModel={store.patchModel}
            onDelete={store.deleteSelection}
            onSelect={store.select}
          >
            {mode === "security" && selectedComponent !== undefined && (
              <AttackPathNote model={model} selectedId={selectedComponent} attackPath={pathHere} />
            )}
            {inspected && (
              <WhyActions
                id={inspected.id}
                isCharger={inspected.type === "charger"}
                isSecurityView={mode === "security"}
              />
            )}
            <GroupActions model={model} selected={selection.components} />
            {inspected && (
              <ComponentDecisions
                component={inspected}
                forced={whatIfSpec?.components?.[inspected.id]}
                onWhatIf={(state) => requestWhatIf({ components: { [inspected.id]: state } })}
                exportMef={exportMefOf}
              />
            )}
            {current && one && (
              <SelectionStats
                model={model}
                result={current}
                blast={analysis.blast ?? {}}
                componentId={selection.components[0]}
                linkId={selection.links[0]}
              />
            )}
          </Inspector>
        )}
        {tab === "results" && (
          <>
            <JumpList
              sections={resultSections({
                hasResult: current !== undefined && analysis.progress !== undefined,
                hasSecurity: analysis.security !== undefined,
                hasCoupling: analysis.coupling !== undefined,
              })}
            />
            <AnalysisStatus />
            <FixFirstPanel
              model={model}
              revision={revision}
              onReplace={store.replace}
              onSelect={store.select}
            />
            {current && analysis.progress && (
              <ResultsPanel
                model={model}
                result={current}
                progress={analysis.progress}
                onSelect={focus}
                onWhy={(id) => openWhy({ kind: "charger", charger: id })}
                onReplayPhantom={(id, viewer) => openReplay({ kind: "phantom", charger: id, viewer })}
              />
            )}
            {analysis.security && (
              <div data-section="security">
                <SecurityPanel
                  model={model}
                  security={analysis.security}
                  securityRevision={analysis.securityRevision}
                  revision={revision}
                  onReplace={store.replace}
                  onSelect={focus}
                  selectedId={mode === "security" ? selectedComponent : undefined}
                  attackPath={pathHere}
                />
              </div>
            )}
            {analysis.coupling && (
              <div data-section="coupling">
                <CouplingSummary
                  coupling={analysis.coupling}
                  model={model}
                  onSelectOrg={selectComponents}
                  onSelect={store.select}
                />
              </div>
            )}
            <div data-section="sweep">
              <SweepPanel model={model} />
            </div>
          </>
        )}
        {tab === "assumptions" && (
          <AssumptionsPanel
            model={model}
            onChangeTtc={(table, key, value) => {
              const { [key]: _old, ...rest } = (model.settings[table] ?? {}) as Record<string, number>;
              const next = value === undefined ? rest : { ...rest, [key]: value };
              const { [table]: _previous, ...settings } = model.settings;
              store.patchModel({
                settings: Object.keys(next).length > 0 ? { ...settings, [table]: next } : settings,
              });
            }}
          />
        )}
        {tab === "orgs" && (
          <OrgsPanel
            model={model}
            onPatchModel={store.patchModel}
            onSelect={store.select}
            onWhatIfOffline={(id) => requestWhatIf({ orgsOffline: [id] })}
          />
        )}
        {tab === "scenarios" && <ScenariosPanel model={model} />}
        {tab === "timeline" && <TimelinePanel model={model} revision={revision} />}
      </div>
    </aside>
  );
});

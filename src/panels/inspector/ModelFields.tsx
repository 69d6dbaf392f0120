/**
 * The Inspector's fields of the document when nothing is selected: its name and description and
 * the analysis settings (trials, seed, horizon, thresholds, what reported uptime leaves out).
 */
import type { ReactNode } from "react";
import {
  DEFAULT_SETTINGS,
  type Model,
  modelSchema,
  SETTINGS_SOURCES,
  type Settings,
  settingsSchema,
  UPTIME_EXCLUSIONS,
} from "../../model/index.ts";
import { ChecksField, DefaultMark, DraftField, numberCommit, text, textCommit } from "./fields.tsx";

/** What the document's fields change. */
export type ModelPatch = Partial<Pick<Model, "name" | "description" | "settings" | "orgs">>;

type SettingsNumber = "trials" | "seed" | "horizonDays" | "systemicThreshold";

/** The document's name, description and analysis settings. */
export function ModelFields({ model, onPatch }: { model: Model; onPatch: (patch: ModelPatch) => void }) {
  const settings = model.settings;
  const setting = (param: SettingsNumber, label: string, hint?: ReactNode) => (
    <DraftField
      param={param}
      label={label}
      value={String(settings[param])}
      placeholder={String(DEFAULT_SETTINGS[param])}
      isNumeric
      hint={hint}
      onCommit={numberCommit(
        settingsSchema.shape[param],
        (v) => onPatch({ settings: { ...settings, [param]: v } as Settings }),
        true,
      )}
    />
  );
  const mw = settings.controllableMwThreshold;
  return (
    <>
      <DraftField
        param="model-name"
        label="Model name"
        value={model.name}
        onCommit={textCommit(modelSchema.shape.name, (v) => onPatch({ name: v ?? "" }), false)}
      />
      <DraftField
        param="model-description"
        label="Description"
        value={model.description ?? ""}
        isMultiline
        onCommit={textCommit(modelSchema.shape.description, (v) => onPatch({ description: v }), true)}
      />
      <h3>Analysis settings</h3>
      {setting("trials", "Trials")}
      {setting("seed", "Seed")}
      {setting("horizonDays", "Horizon (days)")}
      {setting(
        "systemicThreshold",
        "Systemic threshold (share of kW, 0–1)",
        <DefaultMark d={SETTINGS_SOURCES.systemicThreshold} isSet={false} />,
      )}
      <DraftField
        param="controllableMwThreshold"
        label="Controllable load threshold (MW)"
        value={text(mw)}
        placeholder={String(SETTINGS_SOURCES.controllableMwThreshold.value)}
        isNumeric
        hint={<DefaultMark d={SETTINGS_SOURCES.controllableMwThreshold} isSet={mw !== undefined} />}
        onCommit={numberCommit(settingsSchema.shape.controllableMwThreshold, (v) => {
          const { controllableMwThreshold: _, ...rest } = settings;
          onPatch({ settings: v === undefined ? rest : { ...rest, controllableMwThreshold: v } });
        })}
      />
      <ChecksField
        param="uptimeExclusions"
        label="Reported uptime leaves out outages rooted in"
        checked={settings.uptimeExclusions ?? []}
        options={UPTIME_EXCLUSIONS}
        hint={
          <DefaultMark
            d={SETTINGS_SOURCES.uptimeExclusions}
            isSet={settings.uptimeExclusions !== undefined}
          />
        }
        onChange={(v) => {
          const { uptimeExclusions: _, ...rest } = settings;
          onPatch({ settings: v.length === 0 ? rest : { ...rest, uptimeExclusions: v } });
        }}
      />
    </>
  );
}

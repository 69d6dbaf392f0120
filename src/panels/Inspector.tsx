/**
 * The Inspector: edits the selected component or link, or the document when nothing is selected.
 * Text and number fields are drafts committed on Enter or blur and checked against the schema's own
 * field (a refused draft shows why and changes nothing); an empty number field removes the key, so
 * the catalogue default applies again. Selects and checkboxes commit at once.
 */
import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { z } from "zod";
import {
  AUTH_LEVELS,
  availabilityOf,
  CATALOGUE,
  type Component,
  componentSchema,
  DECISIONS,
  DEFAULT_SETTINGS,
  type Default,
  EXPOSURES,
  FAIL_MODES,
  FLOWS,
  type Latency,
  LINK_DEFAULTS,
  LINK_KINDS,
  type Link,
  type LinkKind,
  latencySchema,
  linkSchema,
  MONITORING,
  type Model,
  modelSchema,
  PROTOCOLS,
  SETTINGS_SOURCES,
  type Settings,
  SOURCES,
  settingsSchema,
} from "../model/index.ts";
import type { Selection } from "../store/edits.ts";
import "./inspector.css";

type ModelPatch = Partial<Pick<Model, "name" | "description" | "settings" | "orgs">>;

export interface InspectorProps {
  model: Model;
  selection: Selection;
  onPatchComponent: (id: string, patch: Partial<Component>) => void;
  onPatchLink: (id: string, patch: Partial<Link>) => void;
  onPatchModel: (patch: ModelPatch) => void;
  onDelete: () => void;
  onSelect: (selection: Selection) => void;
  children?: ReactNode;
}

/** Commit a draft: returns why it is refused, or `undefined` once committed. */
type Commit = (draft: string) => string | undefined;

interface DraftFieldProps {
  param: string;
  label: ReactNode;
  value: string;
  placeholder?: string;
  isMultiline?: boolean;
  isNumeric?: boolean;
  hint?: ReactNode;
  onCommit: Commit;
}

/** A text or number input (`data-testid` `field-<param>`) holding a local draft until Enter or blur; Escape reverts it. */
export function DraftField({
  param,
  label,
  value,
  placeholder,
  isMultiline,
  isNumeric,
  hint,
  onCommit,
}: DraftFieldProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string>();
  const [synced, setSynced] = useState(value);
  // the model changed underneath (undo, another edit): show its value, drop the draft
  if (synced !== value) {
    setSynced(value);
    setDraft(value);
    setError(undefined);
  }
  const commit = () => setError(draft === value ? undefined : onCommit(draft));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !(isMultiline && e.shiftKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDraft(value);
      setError(undefined);
    }
  };
  const id = `inspector-${param}`;
  const common = {
    id,
    value: draft,
    placeholder,
    "data-testid": `field-${param}`,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
    onKeyDown,
    onBlur: commit,
  };
  return (
    <div className="inspector-field">
      <label htmlFor={id}>{label}</label>
      {isMultiline ? (
        <textarea {...common} rows={2} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={isNumeric ? "decimal" : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
      )}
      {hint && <span className="inspector-hint">{hint}</span>}
      {error && (
        <span
          className="inspector-error"
          id={`${id}-error`}
          role="alert"
          data-testid={`field-error-${param}`}
        >
          {error}
        </span>
      )}
    </div>
  );
}

/** Parse a number draft and check it with a schema field; empty means `undefined` when optional. */
function numberCommit(
  schema: z.ZodType,
  apply: (value: number | undefined) => void,
  isRequired = false,
): Commit {
  return (draft) => {
    const text = draft.trim();
    if (text === "") {
      if (isRequired) return "a value is required";
      apply(undefined);
      return undefined;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) return "not a number";
    const checked = schema.safeParse(n);
    if (!checked.success) return checked.error.issues[0]?.message ?? "invalid value";
    apply(n);
    return undefined;
  };
}

/** Check a text draft with a schema field; empty means `undefined` when optional. */
export function textCommit(
  schema: z.ZodType,
  apply: (value: string | undefined) => void,
  isOptional: boolean,
): Commit {
  return (draft) => {
    if (isOptional && draft.trim() === "") {
      apply(undefined);
      return undefined;
    }
    const checked = schema.safeParse(draft);
    if (!checked.success) return checked.error.issues[0]?.message ?? "invalid value";
    apply(draft);
    return undefined;
  };
}

const text = (n: number | undefined) => (n === undefined ? "" : String(n));

/** Where an unset parameter's value comes from: its source, or `estimate`. */
function DefaultMark({ d, isSet }: { d: Default<unknown>; isSet: boolean }) {
  if (isSet) return <span className="inspector-set">set</span>;
  const source = d.source ? SOURCES[d.source] : undefined;
  return (
    <span className="inspector-default" title={source?.citation ?? d.note}>
      default ({source ? source.short : <span className="inspector-badge">estimate</span>})
    </span>
  );
}

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

interface SelectFieldProps<T extends string> {
  param: string;
  label: ReactNode;
  value: T | undefined;
  options: readonly T[];
  /** Text of the empty option (`undefined` → key removed); omitted when the field is required. */
  emptyLabel?: string;
  hint?: ReactNode;
  onChange: (value: T | undefined) => void;
}

function SelectField<T extends string>({
  param,
  label,
  value,
  options,
  emptyLabel,
  hint,
  onChange,
}: SelectFieldProps<T>) {
  const id = `inspector-${param}`;
  return (
    <div className="inspector-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={`field-${param}`}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : (e.target.value as T))}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {hint && <span className="inspector-hint">{hint}</span>}
    </div>
  );
}

interface ChecksFieldProps<T extends string> {
  param: string;
  label: ReactNode;
  checked: readonly T[];
  options: readonly T[];
  hint?: ReactNode;
  onChange: (value: T[]) => void;
}

/** A set of checkboxes for a list parameter, in the schema's order. */
function ChecksField<T extends string>({
  param,
  label,
  checked,
  options,
  hint,
  onChange,
}: ChecksFieldProps<T>) {
  const toggle = (o: T) =>
    onChange(options.filter((x) => (x === o ? !checked.includes(o) : checked.includes(x))));
  return (
    <fieldset className="inspector-field inspector-checks" data-testid={`field-${param}`}>
      <legend>{label}</legend>
      <div className="inspector-check-list">
        {options.map((o) => (
          <label key={o} className="inspector-check">
            <input
              type="checkbox"
              data-testid={`field-${param}-${o}`}
              checked={checked.includes(o)}
              onChange={() => toggle(o)}
            />
            {o}
          </label>
        ))}
      </div>
      {hint && <span className="inspector-hint">{hint}</span>}
    </fieldset>
  );
}

/** Latency p50/p95 (ms): one field each; empty in either removes `latencyMs` (back to the default). */
function LatencyFields({
  value,
  fallback,
  hint,
  onChange,
}: {
  value: Latency | undefined;
  fallback: Latency;
  hint: ReactNode;
  onChange: (value: Latency | undefined) => void;
}) {
  const commit =
    (q: "p50" | "p95"): Commit =>
    (draft) => {
      const t = draft.trim();
      if (t === "") {
        onChange(undefined);
        return undefined;
      }
      const n = Number(t);
      if (!Number.isFinite(n)) return "not a number";
      const next = { ...(value ?? fallback), [q]: n };
      const checked = latencySchema.safeParse(next);
      if (!checked.success) return checked.error.issues[0]?.message ?? "invalid value";
      onChange(next);
      return undefined;
    };
  return (
    <div className="inspector-pair">
      <DraftField
        param="latencyMs-p50"
        label="Latency p50 (ms)"
        value={text(value?.p50)}
        placeholder={String(fallback.p50)}
        isNumeric
        onCommit={commit("p50")}
      />
      <DraftField
        param="latencyMs-p95"
        label="Latency p95 (ms)"
        value={text(value?.p95)}
        placeholder={String(fallback.p95)}
        isNumeric
        hint={hint}
        onCommit={commit("p95")}
      />
    </div>
  );
}

type ComponentNumber =
  | "availability"
  | "mttrHours"
  | "silentShare"
  | "degradedProbability"
  | "degradedFactor"
  | "patchCadenceDays"
  | "maturity"
  | "tariffChangesPerDay"
  | "units"
  | "kwPerUnit";

function ComponentFields({
  model,
  component: c,
  onPatch,
}: {
  model: Model;
  component: Component;
  onPatch: (patch: Partial<Component>) => void;
}) {
  const entry = CATALOGUE[c.type];
  const d = entry.defaults;
  const shape = componentSchema.shape;
  const num = (param: ComponentNumber, label: string, placeholder?: string) => (
    <DraftField
      param={param}
      label={label}
      value={text(c[param])}
      placeholder={placeholder ?? String(d[param].value)}
      isNumeric
      hint={<DefaultMark d={d[param]} isSet={c[param] !== undefined} />}
      onCommit={numberCommit(shape[param], (v) => onPatch({ [param]: v }))}
    />
  );
  const pick = <T extends string>(
    param: "monitoring" | "exposure" | "auth",
    label: string,
    options: readonly T[],
  ) => (
    <SelectField<T>
      param={param}
      label={label}
      value={c[param] as T | undefined}
      options={options}
      emptyLabel={`default: ${d[param].value}`}
      hint={<DefaultMark d={d[param]} isSet={c[param] !== undefined} />}
      onChange={(v) => onPatch({ [param]: v })}
    />
  );
  const isCharger = c.type === "charger";
  const availabilityPlaceholder =
    c.mtbfHours !== undefined ? availabilityOf({ ...c, availability: undefined }) : d.availability.value;
  return (
    <>
      <p className="inspector-type">
        {entry.label} <code>{c.id}</code>
      </p>
      <DraftField
        param="name"
        label="Name"
        value={c.name}
        onCommit={textCommit(shape.name, (v) => onPatch({ name: v ?? "" }), false)}
      />
      <SelectField
        param="org"
        label="Organisation"
        value={c.org}
        options={model.orgs.map((o) => o.id)}
        emptyLabel="none"
        onChange={(v) => onPatch({ org: v })}
      />
      <DraftField
        param="description"
        label="Description"
        value={c.description ?? ""}
        isMultiline
        onCommit={textCommit(shape.description, (v) => onPatch({ description: v }), true)}
      />
      <h3>Reliability</h3>
      {num("availability", "Availability (0–1)", String(Number(availabilityPlaceholder.toPrecision(6))))}
      <DraftField
        param="mtbfHours"
        label="Mean time between failures (h)"
        value={text(c.mtbfHours)}
        placeholder="not set"
        isNumeric
        hint={
          <span className="inspector-hint-text">
            with MTTR gives availability when availability is not set
          </span>
        }
        onCommit={numberCommit(shape.mtbfHours, (v) => onPatch({ mtbfHours: v }))}
      />
      {num("mttrHours", "Mean time to repair (h)")}
      {num("silentShare", "Outages not reported (0–1)")}
      {num("degradedProbability", "P(slow but up) (0–1)")}
      <LatencyFields
        value={c.latencyMs}
        fallback={d.latencyMs.value}
        hint={<DefaultMark d={d.latencyMs} isSet={c.latencyMs !== undefined} />}
        onChange={(v) => onPatch({ latencyMs: v })}
      />
      {num("degradedFactor", "Slowdown when degraded (×, ≥ 1)")}
      {pick("monitoring", "Monitoring", MONITORING)}
      <h3>Security</h3>
      {pick("exposure", "Exposure", EXPOSURES)}
      {pick("auth", "Authentication", AUTH_LEVELS)}
      {num("patchCadenceDays", "Patch cadence (days)")}
      {num("maturity", "Security maturity (1–5)")}
      <DraftField
        param="ttcDays"
        label="Mean time to compromise (days)"
        value={text(c.ttcDays)}
        placeholder="from the security table"
        isNumeric
        hint={<span className="inspector-badge">estimate</span>}
        onCommit={numberCommit(shape.ttcDays, (v) => onPatch({ ttcDays: v }))}
      />
      <h3>Role</h3>
      {num("tariffChangesPerDay", "Tariff changes (/day)")}
      <ChecksField
        param="decides"
        label="Decides"
        checked={c.decides ?? d.decides.value}
        options={DECISIONS}
        hint={
          c.decides === undefined ? (
            <DefaultMark d={d.decides} isSet={false} />
          ) : (
            <button type="button" className="inspector-reset" onClick={() => onPatch({ decides: undefined })}>
              reset to default ({formatDefault(d.decides.value)})
            </button>
          )
        }
        onChange={(v) => onPatch({ decides: v })}
      />
      {isCharger && (
        <>
          <h3>Charging</h3>
          {num("units", "Charging points (units)")}
          {num("kwPerUnit", "Power per point (kW)")}
        </>
      )}
    </>
  );
}

type LinkNumber = "ttlMinutes" | "pollSeconds" | "timeoutMs" | "retries";

function LinkFields({
  model,
  link: l,
  onPatch,
  onSelect,
}: {
  model: Model;
  link: Link;
  onPatch: (patch: Partial<Link>) => void;
  onSelect: (selection: Selection) => void;
}) {
  const shape = linkSchema.shape;
  const nameOf = (id: string) => model.components.find((c) => c.id === id)?.name ?? id;
  const end = (id: string) => (
    <button
      type="button"
      className="inspector-end"
      data-testid={`link-end-${id === l.from ? "from" : "to"}`}
      onClick={() => onSelect({ components: [id], links: [] })}
    >
      {nameOf(id)}
    </button>
  );
  const num = (param: LinkNumber, label: string) => (
    <DraftField
      param={param}
      label={label}
      value={text(l[param])}
      placeholder={String(LINK_DEFAULTS[param].value)}
      isNumeric
      hint={<DefaultMark d={LINK_DEFAULTS[param]} isSet={l[param] !== undefined} />}
      onCommit={numberCommit(shape[param], (v) => onPatch({ [param]: v }))}
    />
  );
  return (
    <>
      <p className="inspector-type">
        Link <code>{l.id}</code>
      </p>
      <p className="inspector-ends">
        {end(l.from)} <span title="depends on">→</span> {end(l.to)}
      </p>
      <SelectField
        param="protocol"
        label="Protocol"
        value={l.protocol}
        options={PROTOCOLS}
        emptyLabel="none"
        onChange={(v) => onPatch({ protocol: v })}
      />
      <ChecksField
        param="flows"
        label="Flows (from the dependency to the dependant)"
        checked={l.flows}
        options={FLOWS}
        onChange={(v) => onPatch({ flows: v })}
      />
      <SelectField<LinkKind>
        param="kind"
        label="Kind"
        value={l.kind}
        options={LINK_KINDS}
        onChange={(v) => v && onPatch({ kind: v })}
      />
      {l.kind === "cached" && (
        <>
          {num("ttlMinutes", "Cache lifetime (min)")}
          <SelectField
            param="failMode"
            label="After the cache expires"
            value={l.failMode}
            options={FAIL_MODES}
            emptyLabel={`default: ${LINK_DEFAULTS.failMode.value}`}
            hint={<DefaultMark d={LINK_DEFAULTS.failMode} isSet={l.failMode !== undefined} />}
            onChange={(v) => onPatch({ failMode: v })}
          />
        </>
      )}
      {l.kind === "async" && num("pollSeconds", "Poll interval (s)")}
      {num("timeoutMs", "Timeout (ms)")}
      {num("retries", "Retries")}
      <LatencyFields
        value={l.latencyMs}
        fallback={LINK_DEFAULTS.latencyMs.value}
        hint={<DefaultMark d={LINK_DEFAULTS.latencyMs} isSet={l.latencyMs !== undefined} />}
        onChange={(v) => onPatch({ latencyMs: v })}
      />
      <h3>Redundancy</h3>
      <DraftField
        param="group"
        label="Group"
        value={l.group ?? ""}
        placeholder="none"
        onCommit={textCommit(shape.group, (v) => onPatch({ group: v }), true)}
      />
      <DraftField
        param="k"
        label="Needed working (k)"
        value={text(l.k)}
        placeholder="1"
        isNumeric
        onCommit={numberCommit(shape.k, (v) => onPatch({ k: v }))}
      />
      <h3>Security</h3>
      <SelectField
        param="auth"
        label="Authentication"
        value={l.auth}
        options={AUTH_LEVELS}
        emptyLabel={`default: ${LINK_DEFAULTS.auth.value}`}
        hint={<DefaultMark d={LINK_DEFAULTS.auth} isSet={l.auth !== undefined} />}
        onChange={(v) => onPatch({ auth: v })}
      />
      <SelectField
        param="commands"
        label="The dependency can command the dependant"
        value={l.commands === undefined ? undefined : l.commands ? "yes" : "no"}
        options={["yes", "no"] as const}
        emptyLabel={`default: ${formatDefault(LINK_DEFAULTS.commands.value)}`}
        hint={<DefaultMark d={LINK_DEFAULTS.commands} isSet={l.commands !== undefined} />}
        onChange={(v) => onPatch({ commands: v === undefined ? undefined : v === "yes" })}
      />
      <DraftField
        param="ttcDays"
        label="Mean time to cross (days)"
        value={text(l.ttcDays)}
        placeholder="from the security table"
        isNumeric
        hint={<span className="inspector-badge">estimate</span>}
        onCommit={numberCommit(shape.ttcDays, (v) => onPatch({ ttcDays: v }))}
      />
    </>
  );
}

type SettingsNumber = "trials" | "seed" | "horizonDays" | "systemicThreshold";

function ModelFields({ model, onPatch }: { model: Model; onPatch: (patch: ModelPatch) => void }) {
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
    </>
  );
}

/** The side panel's editor of the selection (or of the document when nothing is selected). */
export function Inspector({
  model,
  selection,
  onPatchComponent,
  onPatchLink,
  onPatchModel,
  onDelete,
  onSelect,
  children,
}: InspectorProps) {
  const count = selection.components.length + selection.links.length;
  const component =
    count === 1 && selection.components.length === 1
      ? model.components.find((c) => c.id === selection.components[0])
      : undefined;
  const link =
    count === 1 && selection.links.length === 1
      ? model.links.find((l) => l.id === selection.links[0])
      : undefined;
  return (
    <section className="inspector" data-testid="inspector" aria-label="Inspector">
      {count === 0 && <ModelFields model={model} onPatch={onPatchModel} />}
      {component && (
        <ComponentFields
          key={component.id}
          model={model}
          component={component}
          onPatch={(patch) => onPatchComponent(component.id, patch)}
        />
      )}
      {link && (
        <LinkFields
          key={link.id}
          model={model}
          link={link}
          onPatch={(patch) => onPatchLink(link.id, patch)}
          onSelect={onSelect}
        />
      )}
      {count > 1 && (
        <p className="inspector-count" data-testid="selection-count">
          {selection.components.length} {selection.components.length === 1 ? "component" : "components"},{" "}
          {selection.links.length} {selection.links.length === 1 ? "link" : "links"} selected
        </p>
      )}
      {count > 0 && (
        <button type="button" className="inspector-delete" data-testid="delete-selection" onClick={onDelete}>
          {count === 1 ? "Delete" : `Delete ${count} items`}
        </button>
      )}
      {children}
    </section>
  );
}

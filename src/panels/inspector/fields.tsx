/**
 * The Inspector's field controls: text and number drafts committed on Enter or blur and checked
 * against the schema's own field (a refused draft shows why and changes nothing), selects,
 * checkbox sets, the latency pair, and the mark saying where an unset value comes from.
 */
import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { z } from "zod";
import { type Default, type Latency, latencySchema, type ParameterInfo, SOURCES } from "../../model/index.ts";

/** Commit a draft: returns why it is refused, or `undefined` once committed. */
export type Commit = (draft: string) => string | undefined;

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
export function numberCommit(
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

/** A number as a draft: empty when unset. */
export const text = (n: number | undefined) => (n === undefined ? "" : String(n));

/**
 * The hint under a parameter's field: where its unset value comes from (its default's source, or
 * `estimate`), else its help text.
 */
export function parameterHint(
  info: ParameterInfo,
  d: Default<unknown> | undefined,
  isSet: boolean,
): ReactNode | undefined {
  if (d) return <DefaultMark d={d} isSet={isSet} />;
  if (info.help !== undefined) return <span className="inspector-hint-text">{info.help}</span>;
  if (info.unset?.isEstimate) return <span className="inspector-badge">estimate</span>;
  return undefined;
}

/** Where an unset parameter's value comes from: its source, or `estimate`. */
export function DefaultMark({ d, isSet }: { d: Default<unknown>; isSet: boolean }) {
  if (isSet) return <span className="inspector-set">set</span>;
  const source = d.source ? SOURCES[d.source] : undefined;
  return (
    <span className="inspector-default" title={source?.citation ?? d.note}>
      default ({source ? source.short : <span className="inspector-badge">estimate</span>})
    </span>
  );
}

/** A default as the Inspector words it: "none" for an empty list, yes/no. */
export function formatDefault(value: unknown): string {
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
  /** The name a person reads for an option (an organisation's name for its id); the option itself by default. */
  labelOf?: (option: T) => string;
}

/**
 * Above this many options a select holds only its value's option until it is focused or pressed:
 * 1,700 organisations' options were made again on every click on a 20,000-component model.
 */
export const LAZY_OPTIONS_ABOVE = 200;

/**
 * A select (`data-testid` `field-<param>`) committing at once; the empty option removes the key.
 * A long list of options is made when the select is first focused or pressed (LAZY_OPTIONS_ABOVE).
 */
export function SelectField<T extends string>({
  param,
  label,
  value,
  options,
  emptyLabel,
  hint,
  labelOf,
  onChange,
}: SelectFieldProps<T>) {
  const id = `inspector-${param}`;
  const [isExpanded, setExpanded] = useState(false);
  const isLazy = !isExpanded && options.length > LAZY_OPTIONS_ABOVE;
  const shown = isLazy ? options.filter((o) => o === value) : options;
  const expand = isLazy ? () => setExpanded(true) : undefined;
  return (
    <div className="inspector-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={`field-${param}`}
        value={value ?? ""}
        onFocus={expand}
        onPointerDown={expand}
        onChange={(e) => onChange(e.target.value === "" ? undefined : (e.target.value as T))}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {shown.map((o) => (
          <option key={o} value={o}>
            {labelOf ? labelOf(o) : o}
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
export function ChecksField<T extends string>({
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
export function LatencyFields({
  info,
  value,
  fallback,
  hint,
  onChange,
}: {
  info: ParameterInfo;
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
        label={`${info.label} p50 (${info.inputHint})`}
        value={text(value?.p50)}
        placeholder={String(fallback.p50)}
        isNumeric
        onCommit={commit("p50")}
      />
      <DraftField
        param="latencyMs-p95"
        label={`${info.label} p95 (${info.inputHint})`}
        value={text(value?.p95)}
        placeholder={String(fallback.p95)}
        isNumeric
        hint={hint}
        onCommit={commit("p95")}
      />
    </div>
  );
}

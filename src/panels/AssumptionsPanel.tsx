/**
 * The Assumptions panel: every catalogue default the model relies on (a parameter left unset on a
 * component or link), grouped by type, with its value and unit, its range, the source it cites (the
 * full citation on hover and in an expandable row) or an `estimate` badge, and how many components
 * or links use it. What is listed comes from `defaultsInUse`, the same resolution the engine uses;
 * labels and units from the model's parameter table. Then the driver populations (SPEC §10) and the
 * security analysis' time-to-compromise table.
 */
import { Fragment, type ReactNode, useMemo, useState } from "react";
import { AUTH_DAYS, COMMANDS_FACTOR, MATURITY_FACTORS, PATCH_FACTORS } from "../engine/index.ts";
import {
  type AssumptionRow,
  type AuthLevel,
  defaultsInUse,
  formatParameter,
  groupAssumptions,
  LINK_SCOPE,
  type Model,
  parameterInfo,
  SOURCES,
} from "../model/index.ts";
import { DriversAssumptions } from "./AssumptionsDrivers.tsx";
import "./assumptions.css";

function usedByText(row: AssumptionRow): string {
  const n = row.usedBy.length;
  if (row.scope === LINK_SCOPE) return `${n} ${n === 1 ? "link" : "links"}`;
  return `${n} ${n === 1 ? "component" : "components"}`;
}

function usedByTitle(row: AssumptionRow): string {
  const shown = row.usedBy.slice(0, 30).join(", ");
  return row.usedBy.length > 30 ? `${shown}, … (${row.usedBy.length - 30} more)` : shown;
}

/** Lists every default in use by the model, grouped by component type, then links. */
export function AssumptionsPanel({
  model,
  onChangeTtc,
}: {
  model: Model;
  /** Set (or, with undefined, clear) one of the model's own TTC table values. */
  onChangeTtc?: (table: TtcTableKey, key: string, value: number | undefined) => void;
}) {
  const rows = useMemo(() => defaultsInUse(model.components, model.links), [model.components, model.links]);
  const groups = useMemo(() => groupAssumptions(rows), [rows]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const toggle = (key: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <section className="assumptions" data-testid="assumptions-panel" aria-label="Assumptions">
      <header className="assumptions-header">
        <h2>Assumptions</h2>
        <p className="assumptions-note">
          Defaults are workshop starting points, not measurements of any operator. Each cites its source or is
          marked <span className="assumptions-badge">estimate</span>. Set a value on a component or link to
          replace its default.
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="assumptions-empty">No defaults in use: every parameter is set in the model.</p>
      ) : (
        groups.map(([scope, scopeRows]) => (
          <div key={scope} className="table-scroll">
            <table className="assumptions-table">
              <caption>{scope}</caption>
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  <th scope="col">Value</th>
                  <th scope="col">Range</th>
                  <th scope="col">Source</th>
                  <th scope="col">Used by</th>
                </tr>
              </thead>
              <tbody>
                {scopeRows.map((row) => {
                  const key = `${row.scope}\u0000${row.param}`;
                  const source = row.source ? SOURCES[row.source] : undefined;
                  const hasDetail = source !== undefined || row.note !== undefined;
                  const isOpen = expanded.has(key);
                  return (
                    <Fragment key={key}>
                      <tr data-testid="assumption-row" data-param={row.param} className="assumptions-row">
                        <th scope="row">
                          {parameterInfo(row.param)?.label ?? row.param} <code>{row.param}</code>
                        </th>
                        <td>{formatParameter(row.param, row.value)}</td>
                        <td>
                          {row.range
                            ? `${formatParameter(row.param, row.range[0])} – ${formatParameter(row.param, row.range[1])}`
                            : "—"}
                        </td>
                        <td>
                          {hasDetail ? (
                            <button
                              type="button"
                              className="assumptions-source"
                              aria-expanded={isOpen}
                              title={source?.citation ?? row.note}
                              onClick={() => toggle(key)}
                            >
                              {source ? source.short : <span className="assumptions-badge">estimate</span>}
                              <span aria-hidden="true" className="assumptions-caret">
                                {isOpen ? "▾" : "▸"}
                              </span>
                            </button>
                          ) : (
                            <span className="assumptions-badge">estimate</span>
                          )}
                        </td>
                        <td title={usedByTitle(row)}>{usedByText(row)}</td>
                      </tr>
                      {isOpen && (
                        <tr className="assumptions-detail">
                          <td colSpan={5}>
                            {source && <p className="assumptions-citation">{source.citation}</p>}
                            {row.note && <p className="assumptions-row-note">{row.note}</p>}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))
      )}
      <DriversAssumptions model={model} />
      <TtcTable settings={model.settings} onChange={onChangeTtc} />
    </section>
  );
}

/**
 * The security analysis' time-to-compromise table (SPEC §4): mean days of one attack step =
 * authentication × patch-cadence factor × maturity factor. An `estimate` on MAL's scale; `ttcDays`
 * on a component or link replaces it there.
 */
export type TtcTableKey = "ttcAuthDays" | "ttcPatchFactors" | "ttcMaturityFactors";

function TtcTable({
  settings,
  onChange,
}: {
  settings: Model["settings"];
  onChange?: (table: TtcTableKey, key: string, value: number | undefined) => void;
}) {
  const src = SOURCES.malTtc;
  const row = (
    table: TtcTableKey,
    key: string,
    label: ReactNode,
    text: string,
    estimate: number,
    unit: "days" | "×",
  ) => {
    const value = (settings[table] as Record<string, number> | undefined)?.[key];
    const id = table === "ttcAuthDays" ? key : `${table === "ttcPatchFactors" ? "patch" : "maturity"}-${key}`;
    return (
      <tr key={`${table}:${key}`}>
        <th scope="row">{label}</th>
        <td>
          {onChange ? (
            <TtcField
              id={id}
              label={text}
              unit={unit}
              estimate={estimate}
              value={value}
              onChange={(v) => onChange(table, key, v)}
            />
          ) : unit === "days" ? (
            `${value ?? estimate} days`
          ) : (
            `× ${value ?? estimate}`
          )}
        </td>
      </tr>
    );
  };
  return (
    <div className="assumptions-ttc" data-testid="ttc-table">
      <h3>Time to compromise (security)</h3>
      <p className="assumptions-note">
        Mean days of one attack step = authentication × patch factor × maturity factor, drawn exponential per
        trial. <span className="assumptions-badge">estimate</span> on the scale of{" "}
        <abbr title={src.citation}>{src.short}</abbr>; every entry can be set for this model. Moving where the
        provider commands the consumer (e.g. firmware pushed from a CSMS) takes ×{COMMANDS_FACTOR}. Set{" "}
        <code>ttcDays</code> on a component or a link to replace the table there.
      </p>
      <div className="table-scroll">
        <table className="assumptions-table">
          <tbody>
            {(Object.entries(AUTH_DAYS) as [AuthLevel, number][]).map(([auth, days]) =>
              row(
                "ttcAuthDays",
                auth,
                <>
                  Authentication <code>{auth}</code>
                </>,
                `Authentication ${auth}`,
                days,
                "days",
              ),
            )}
            {PATCH_FACTORS.map((p) => {
              const text = Number.isFinite(p.upToDays)
                ? `Patches within ${p.upToDays} days`
                : "Patches less often";
              return row("ttcPatchFactors", p.key, text, text, p.factor, "×");
            })}
            {MATURITY_FACTORS.map((f, i) =>
              row("ttcMaturityFactors", String(i + 1), `Maturity ${i + 1}`, `Maturity ${i + 1}`, f, "×"),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** One editable TTC entry: empty means the table's estimate; committed on Enter or leaving it. */
function TtcField({
  id,
  label,
  unit,
  estimate,
  value,
  onChange,
}: {
  id: string;
  label: string;
  unit: "days" | "×";
  estimate: number;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  const [draft, setDraft] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const shown = draft ?? (value === undefined ? "" : String(value));
  const commit = () => {
    if (draft === undefined) return;
    const text = draft.trim();
    if (text === "") {
      onChange(undefined);
    } else {
      const v = Number(text);
      if (!Number.isFinite(v) || v <= 0) {
        setError(unit === "days" ? "a number of days greater than 0" : "a factor greater than 0");
        return;
      }
      onChange(v);
    }
    setDraft(undefined);
    setError(undefined);
  };
  return (
    <span className="ttc-field">
      <input
        type="text"
        inputMode="decimal"
        size={6}
        value={shown}
        placeholder={`${estimate}`}
        aria-label={unit === "days" ? `Mean days to defeat ${id} authentication` : `Factor: ${label}`}
        aria-invalid={error !== undefined}
        data-testid={`ttc-${id}`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") {
            setDraft(undefined);
            setError(undefined);
          }
        }}
      />{" "}
      {unit === "days" ? "days" : "×"}{" "}
      {value === undefined ? <span className="assumptions-badge">estimate</span> : "(set in this model)"}
      {error && (
        <span role="alert" className="field-error" data-testid={`ttc-error-${id}`}>
          {" "}
          {error}
        </span>
      )}
    </span>
  );
}

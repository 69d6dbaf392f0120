/**
 * The report's assumptions: every default the model relies on with the source it cites (as the
 * Assumptions panel lists them, values written by the model's parameter table), and the
 * time-to-compromise table with the model's own values.
 */
import type { ReactNode } from "react";
import { AUTH_DAYS, MATURITY_FACTORS, PATCH_FACTORS } from "../engine/index.ts";
import {
  type AuthLevel,
  defaultsInUse,
  formatParameter,
  groupAssumptions,
  type Model,
  SOURCES,
} from "../model/index.ts";

/** Every default in use, grouped by component type then links, and the TTC table. */
export function AssumptionsSection({ model }: { model: Model }) {
  const groups = groupAssumptions(defaultsInUse(model.components, model.links));
  const overrides = model.settings.ttcAuthDays ?? {};
  return (
    <section data-testid="report-assumptions">
      <h2>Assumptions</h2>
      <p className="report-note">
        Every default the model relies on (a parameter left unset), with the source it cites or marked{" "}
        <span className="badge">estimate</span>.
      </p>
      {groups.length === 0 && <p>No defaults in use: every parameter is set in the model.</p>}
      {groups.map(([scope, rows]) => (
        <table key={scope} className="report-table assumptions">
          <caption>{scope}</caption>
          <thead>
            <tr>
              <th>Parameter</th>
              <th>Value</th>
              <th>Range</th>
              <th>Source</th>
              <th className="num">Used by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const source = row.source ? SOURCES[row.source] : undefined;
              return (
                <tr key={row.param} data-testid="report-assumption-row">
                  <td>
                    <code>{row.param}</code>
                  </td>
                  <td>{formatParameter(row.param, row.value)}</td>
                  <td>
                    {row.range
                      ? `${formatParameter(row.param, row.range[0])} – ${formatParameter(row.param, row.range[1])}`
                      : "—"}
                  </td>
                  <td>
                    {source ? (
                      <>
                        <strong>{source.short}</strong>: {source.citation}
                      </>
                    ) : (
                      <span className="badge">estimate</span>
                    )}
                    {row.note && <div className="report-ci">{row.note}</div>}
                  </td>
                  <td className="num">{row.usedBy.length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
      <table className="report-table assumptions">
        <caption>
          Time to compromise (security): days per authentication level × patch factor × maturity factor
        </caption>
        <tbody>
          {(Object.entries(AUTH_DAYS) as [AuthLevel, number][]).map(([auth, days]) => (
            <TtcRow
              key={auth}
              label={<code>{auth}</code>}
              value={`${overrides[auth] ?? days} days`}
              isSet={overrides[auth] !== undefined}
            />
          ))}
          {PATCH_FACTORS.map((p) => (
            <TtcRow
              key={`p${p.key}`}
              label={Number.isFinite(p.upToDays) ? `patches within ${p.upToDays} days` : "patches less often"}
              value={`× ${model.settings.ttcPatchFactors?.[p.key] ?? p.factor}`}
              isSet={model.settings.ttcPatchFactors?.[p.key] !== undefined}
            />
          ))}
          {MATURITY_FACTORS.map((f, i) => {
            const key = String(i + 1) as keyof NonNullable<Model["settings"]["ttcMaturityFactors"]>;
            const own = model.settings.ttcMaturityFactors?.[key];
            return (
              <TtcRow
                key={`m${key}`}
                label={`maturity ${key}`}
                value={`× ${own ?? f}`}
                isSet={own !== undefined}
              />
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function TtcRow({ label, value, isSet }: { label: ReactNode; value: string; isSet: boolean }) {
  return (
    <tr>
      <td>{label}</td>
      <td>{value}</td>
      <td>
        {isSet ? "set in this model" : <span className="badge">estimate</span>} {SOURCES.malTtc.short}
      </td>
    </tr>
  );
}

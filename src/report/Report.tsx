/**
 * The body of the HTML report: a static React tree rendered once to markup (so every name and
 * description is escaped by React, never written as HTML). It shows the model, the canvas
 * picture, the gap between reported uptime and drivers' start success in words, the headline
 * figures with their intervals (as the Results panel formats them), the driver populations, the
 * result charts, the per-charger table, signal chains, the security headline and every default the
 * model relies on with its source. "What to fix first" and the scenario comparison are drawn only
 * when the caller has them.
 */
import { formatInterval, formatKw, formatMs, formatPercent } from "../analysis/format.ts";
import { type HeadlineFigure, headlineFigures, headlineGap } from "../analysis/headlines.ts";
import { ResultCharts } from "../charts/ResultCharts.tsx";
import type { ReliabilityResult, SecurityResult } from "../engine/index.ts";
import { type Model, resolveComponent } from "../model/index.ts";
import { DriverTable } from "../panels/results/DriverTable.tsx";
import { AssumptionsSection } from "./AssumptionsSection.tsx";

/** One entry of "what to fix first" (ranked by the caller; not computed yet in the app). */
export interface FixFirstItem {
  name: string;
  why: string;
}

/** One scenario's headline figures, for the side-by-side comparison. */
export interface ScenarioColumn {
  name: string;
  headlines: HeadlineFigure[];
}

export interface ReportData {
  model: Model;
  generatedAt: Date;
  /** Which overlay the canvas picture shows ("What is true", …). */
  viewLabel: string;
  /** The canvas picture as a `data:image/png` URL. */
  canvasPng?: string;
  /** The reliability result of the model as it is, if the analysis has produced one. */
  reliability?: { result: ReliabilityResult; trialsDone: number; converged: boolean };
  security?: SecurityResult;
  fixFirst?: FixFirstItem[];
  scenarios?: ScenarioColumn[];
}

/** Charger rows in the report's table: the least usable first. */
export const REPORT_CHARGER_ROWS = 25;

/** "2026-03-04 14:05" in local time: the date people read, without locale surprises. */
export function formatReportDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function Report({ data }: { data: ReportData }) {
  const { model, reliability, security } = data;
  const chargers = model.components.filter((c) => c.type === "charger").length;
  return (
    <main className="report">
      <header>
        <p className="report-kicker">Seams report</p>
        <h1 data-testid="report-model-name">{model.name}</h1>
        {model.description && <p className="report-description">{model.description}</p>}
        <p className="report-meta" data-testid="report-meta">
          {formatReportDate(data.generatedAt)} · {model.components.length} components ({chargers} charger
          sites), {model.links.length} links, {model.orgs.length} organisations
          {reliability &&
            ` · ${reliability.trialsDone.toLocaleString("en")} trials, seed ${model.settings.seed}${reliability.converged ? ", converged" : ", not converged"}`}
        </p>
      </header>
      {data.canvasPng && (
        <figure className="report-canvas">
          <img src={data.canvasPng} alt={`The ecosystem on the canvas: ${data.viewLabel}`} />
          <figcaption>The canvas, view “{data.viewLabel}”.</figcaption>
        </figure>
      )}
      {reliability ? (
        <ReliabilitySection model={model} result={reliability.result} />
      ) : (
        <p className="report-note" data-testid="report-no-analysis">
          The analysis had not produced figures for this version of the model when the report was made.
        </p>
      )}
      {data.fixFirst && data.fixFirst.length > 0 && (
        <section data-testid="report-fix-first">
          <h2>What to fix first</h2>
          <ol>
            {data.fixFirst.map((f) => (
              <li key={f.name}>
                <strong>{f.name}</strong> — {f.why}
              </li>
            ))}
          </ol>
        </section>
      )}
      {data.scenarios && data.scenarios.length > 0 && <ScenarioSection scenarios={data.scenarios} />}
      {security && <SecuritySection model={model} security={security} />}
      <AssumptionsSection model={model} />
      <footer>
        Made with Seams. Figures are Monte-Carlo estimates with 95 % intervals; defaults are workshop starting
        points, not measurements of any operator.
      </footer>
    </main>
  );
}

function Headlines({ figures }: { figures: HeadlineFigure[] }) {
  return (
    <div className="headlines">
      {figures.map((f) => (
        <div key={f.id} className="headline" data-testid={`report-headline-${f.id}`} title={f.hint}>
          <div className="headline-label">{f.label}</div>
          <div className="headline-value">{f.value}</div>
          <div className="headline-ci">95 % CI {f.interval}</div>
        </div>
      ))}
    </div>
  );
}

/** What regulators see against what drivers get, in words (SPEC §10), above the headline figures. */
function DriverGap({ result }: { result: ReliabilityResult }) {
  const gap = headlineGap(result);
  return gap ? (
    <p className="report-gap" data-testid="report-headline-gap">
      {gap}
    </p>
  ) : null;
}

function ReliabilitySection({ model, result }: { model: Model; result: ReliabilityResult }) {
  return (
    <>
      <section>
        <h2>Headline figures</h2>
        <DriverGap result={result} />
        <Headlines figures={headlineFigures(model, result)} />
        <DriverTable model={model} result={result} />
      </section>
      <section className="charts" data-testid="report-charts">
        <ResultCharts
          result={result}
          systemicThreshold={model.settings.systemicThreshold}
          width={460}
          height={220}
        />
      </section>
      <ChargerSection model={model} result={result} />
      <ChainSection model={model} result={result} />
    </>
  );
}

function ChargerSection({ model, result }: { model: Model; result: ReliabilityResult }) {
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const orgs = new Map(model.orgs.map((o) => [o.id, o.name]));
  const all = model.components
    .filter((c) => result.chargers[c.id])
    .map((c) => {
      const r = resolveComponent(c);
      return { c, kw: r.units * r.kwPerUnit, stats: result.chargers[c.id] };
    })
    .sort((a, b) => a.stats.usable.p - b.stats.usable.p);
  const rows = all.slice(0, REPORT_CHARGER_ROWS);
  return (
    <section>
      <h2>Charger sites</h2>
      <table className="report-table" data-testid="report-charger-table">
        <thead>
          <tr>
            <th>Charger site</th>
            <th>Organisation</th>
            <th className="num">kW</th>
            <th className="num" title="Of drivers' attempts at the site: charging started">
              Start success
            </th>
            <th className="num">P(unusable)</th>
            <th className="num">95 % CI</th>
            <th className="num" title="P(seam failure | unusable): unusable while every dashboard is green">
              Seam share
            </th>
            <th>Most phantom availability (viewer)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, kw, stats }) => {
            const worst = Object.entries(stats.phantom).sort(([, a], [, b]) => b.p - a.p)[0];
            const [lo, hi] = stats.usable.ci95;
            return (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.org ? (orgs.get(c.org) ?? c.org) : "—"}</td>
                <td className="num">{formatKw(kw)}</td>
                <td className="num">{stats.ftcsr ? formatPercent(stats.ftcsr.p) : "—"}</td>
                <td className="num">{formatPercent(1 - stats.usable.p)}</td>
                <td className="num">{formatInterval([1 - hi, 1 - lo], formatPercent)}</td>
                <td className="num">{formatPercent(stats.seamFailure.p)}</td>
                <td>{worst ? `${formatPercent(worst[1].p)} (${names.get(worst[0]) ?? worst[0]})` : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {all.length > rows.length && (
        <p className="report-note">
          The {rows.length} least usable of {all.length} sites; <code>seams simulate --json</code> lists them
          all.
        </p>
      )}
    </section>
  );
}

function ChainSection({ model, result }: { model: Model; result: ReliabilityResult }) {
  const chains = model.chains.filter((c) => result.chains?.[c.id]);
  if (chains.length === 0) return null;
  return (
    <section>
      <h2>Signal chains</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th>Signal chain</th>
            <th className="num">p50 / p95</th>
            <th className="num">Deadline</th>
            <th className="num">Late</th>
            <th className="num">Lost</th>
          </tr>
        </thead>
        <tbody>
          {chains.map((c) => {
            const r = result.chains[c.id];
            return (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td className="num">
                  {formatMs(r.p50)} / {formatMs(r.p95)}
                </td>
                <td className="num">{formatMs(r.deadlineMs)}</td>
                <td className="num">{formatPercent(r.deadlineMiss.p)}</td>
                <td className="num">{formatPercent(r.broken.p)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ScenarioSection({ scenarios }: { scenarios: ScenarioColumn[] }) {
  const rows = scenarios[0].headlines;
  return (
    <section data-testid="report-scenarios">
      <h2>Scenarios</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th>Figure</th>
            {scenarios.map((s) => (
              <th key={s.name}>{s.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th>{row.label}</th>
              {scenarios.map((s) => {
                const f = s.headlines.find((h) => h.id === row.id);
                return (
                  <td key={s.name}>
                    {f ? f.value : "—"}
                    {f && <div className="report-ci">95 % CI {f.interval}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SecuritySection({ model, security }: { model: Model; security: SecurityResult }) {
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const kw = security.controllableKw;
  return (
    <section data-testid="report-security">
      <h2>Security — {security.horizonDays} days</h2>
      <p className="security-headline">
        Attacker-controllable charging: <strong>{formatKw(kw.mean)}</strong> of {formatKw(kw.totalKw)}{" "}
        <span className="ci">95 % CI {formatInterval(kw.ci95, formatKw)}</span>
        <br />
        P(≥ {kw.thresholdKw / 1000} MW):{" "}
        {kw.pAboveThreshold ? formatPercent(kw.pAboveThreshold.p) : `n/a (${kw.pAboveThresholdReason})`}
        {" · "}P(≥ {formatPercent(kw.systemicShare)} of its power, {formatKw(kw.systemicKw)}):{" "}
        {formatPercent(kw.pAboveSystemic.p)}
      </p>
      {security.entries.length > 0 && (
        <>
          <h3>Weakest entries</h3>
          <ol>
            {security.entries.slice(0, 5).map((e) => (
              <li key={e.id}>
                {names.get(e.id) ?? e.id} — {formatKw(e.kw)} ({formatPercent(e.share)})
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

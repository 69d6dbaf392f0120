/**
 * The driver populations of a run (SPEC §10): each one's share of intended visits, how often its
 * app showed a site available, its start success and demand success, and its largest failure causes
 * with the components they are rooted at, by name.
 */
import { Fragment } from "react";
import { causeText, populationRows } from "../../analysis/drivers.ts";
import { formatInterval, formatPercent } from "../../analysis/format.ts";
import type { Estimate, ReliabilityResult } from "../../engine/index.ts";
import type { Model } from "../../model/index.ts";
import "./drivers.css";

function Figure({ e }: { e: Estimate }) {
  return <td title={`95 % CI ${formatInterval(e.ci95, formatPercent)}`}>{formatPercent(e.p)}</td>;
}

/**
 * Populations the table lists at most: a national model has one per e-mobility provider and CSMS
 * (1,601 at 20,000 components: 3,202 rows and their causes took ~0.3 s of every streamed result).
 */
export const DRIVER_ROWS_MAX = 40;

/** One row per driver population (the largest DRIVER_ROWS_MAX); nothing for a result made before the driver's view. */
export function DriverTable({ model, result }: { model: Model; result: ReliabilityResult }) {
  const rows = populationRows(model, result, 3, DRIVER_ROWS_MAX);
  if (rows.length === 0) return null;
  const all = Object.keys(result.drivers ?? {}).length;
  return (
    <div className="driver-table-wrap">
      <h3 className="results-heading">Drivers</h3>
      <div className="table-scroll">
        <table className="driver-table" data-testid="driver-table">
          <thead>
            <tr>
              <th>Drivers</th>
              <th title="Share of all intended visits that are this population's">Visits</th>
              <th title="Of intended visits: the driver's app showed the site available">Seen</th>
              <th title="Of attempts (visits to a site the app showed available): charging started">
                Start success
              </th>
              <th title="Of intended visits: charging started">Demand success</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.id}>
                <tr data-id={r.id} className="driver-row">
                  <td className="driver-name">{r.name}</td>
                  <td className="num">{formatPercent(r.intended)}</td>
                  <Figure e={r.seen} />
                  <Figure e={r.ftcsr} />
                  <Figure e={r.demandSuccess} />
                </tr>
                <tr className="driver-causes-row">
                  <td
                    className="driver-causes"
                    colSpan={5}
                    title="Share of this population's intended visits that failed this way, with the components it is rooted at"
                  >
                    {r.causes.map((c) => causeText(c)).join(" · ")}
                  </td>
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length < all && (
        <p className="table-note" data-testid="driver-table-more">
          The {rows.length} populations with the most intended visits are listed, of{" "}
          {all.toLocaleString("en-US")}; `seams simulate` lists them all.
        </p>
      )}
      <p className="table-note">
        Under each population: its largest failure causes, as shares of its intended visits. Start success is
        of attempts at sites the app showed available; demand success of every visit meant, so a site not
        shown counts against it. Unit occupancy and interruptions after the start are not modelled.
      </p>
    </div>
  );
}

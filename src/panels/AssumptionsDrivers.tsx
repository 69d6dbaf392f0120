/**
 * The Assumptions panel's "Drivers" section (SPEC §10): the driver populations the analysis uses —
 * the model's own `drivers`, or the ones derived from its CSMSs, eMSPs and payment providers —
 * with share of visits, app (by name), how they pay, real-time share and patience; every value
 * that is a default carries the `estimate` badge.
 */
import {
  DRIVER_DEFAULTS,
  DRIVER_PARAMETERS,
  type DriverPopulation,
  driverPopulations,
  type Model,
  PAYS_LABEL,
} from "../model/index.ts";

const Estimate = ({ title }: { title?: string }) => (
  <span className="assumptions-badge" title={title}>
    estimate
  </span>
);

/** The driver populations in use, with where each value comes from. */
export function DriversAssumptions({ model }: { model: Model }) {
  const populations = driverPopulations(model);
  const names = new Map(model.components.map((c) => [c.id, c.name.trim() || c.type]));
  const derived = populations.length > 0 && populations[0].derived;
  const shownValue = (p: DriverPopulation, param: "share" | "realtimeShare" | "patienceSeconds") => (
    <>
      {DRIVER_PARAMETERS[param].format(p[param])}
      {p.defaulted.includes(param) && (
        <>
          {" "}
          <Estimate title={param === "patienceSeconds" ? DRIVER_DEFAULTS.patienceSeconds.note : undefined} />
        </>
      )}
    </>
  );
  return (
    <div className="assumptions-drivers" data-testid="drivers-assumptions">
      <h3>Drivers</h3>
      <p className="assumptions-note">
        {populations.length === 0
          ? "No driver populations: the model has no CSMS, eMSP or OEM app for drivers to use."
          : derived
            ? "Derived from the model (it lists no drivers): each operator's own customers, each eMSP's roaming drivers and, where a payment provider authorises at a site, drivers paying by card. Shares 50 % own, 40 % roaming, 10 % ad hoc, split evenly inside each group."
            : "From the model's drivers."}
      </p>
      {populations.length > 0 && (
        <div className="table-scroll">
          <table className="assumptions-table">
            <thead>
              <tr>
                <th scope="col">Population</th>
                <th scope="col">{DRIVER_PARAMETERS.share.label}</th>
                <th scope="col">{DRIVER_PARAMETERS.app.label}</th>
                <th scope="col">{DRIVER_PARAMETERS.pays.label}</th>
                <th scope="col" title={DRIVER_PARAMETERS.realtimeShare.help}>
                  Real-time share
                </th>
                <th scope="col" title={DRIVER_PARAMETERS.patienceSeconds.help}>
                  {DRIVER_PARAMETERS.patienceSeconds.label}
                </th>
              </tr>
            </thead>
            <tbody>
              {populations.map((p) => (
                <tr key={p.id} data-testid="driver-row" data-driver={p.id} className="assumptions-row">
                  <th scope="row">{p.name}</th>
                  <td>{shownValue(p, "share")}</td>
                  <td>{names.get(p.app) ?? "(app not in the model)"}</td>
                  <td>{PAYS_LABEL[p.pays]}</td>
                  <td>{shownValue(p, "realtimeShare")}</td>
                  <td>{shownValue(p, "patienceSeconds")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

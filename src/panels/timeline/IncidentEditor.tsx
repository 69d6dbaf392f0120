/**
 * The incident editor (SPEC §11): the model's incidents listed by name with what they do, each
 * removable and each in or out of the next run; a form that picks a component or link by name, an
 * effect, a factor where the effect needs one, a start (day and hh:mm) and a duration. Adding or
 * removing is one undoable edit of the model (autosaved like any other).
 */
import { useState } from "react";
import { describeIncident, parseClock, targetName } from "../../analysis/timeline.ts";
import {
  addIncident,
  freshIncidentId,
  INCIDENT_EFFECT,
  INCIDENT_EFFECTS,
  type Incident,
  type IncidentEffect,
  type IncidentEffectTraits,
  incidentIssues,
  type Model,
  removeIncident,
} from "../../model/index.ts";

interface Props {
  model: Model;
  /** Replace the model as one undoable step. */
  onReplace(model: Model): void;
  skipped: readonly string[];
  onToggleRun(id: string, isIncluded: boolean): void;
}

/** Targets for an effect, by name: components, or links as "from → to". */
function targetsFor(model: Model, effect: IncidentEffect): { id: string; name: string }[] {
  const items =
    INCIDENT_EFFECT[effect].target === "link"
      ? model.links.map((l) => ({ id: l.id, name: targetName(model, l.id) }))
      : model.components.map((c) => ({ id: c.id, name: c.name }));
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

export function IncidentEditor({ model, onReplace, skipped, onToggleRun }: Props) {
  const incidents = model.incidents ?? [];
  const [effect, setEffect] = useState<IncidentEffect>("slow");
  const [target, setTarget] = useState("");
  const [factor, setFactor] = useState("20");
  const [day, setDay] = useState("1");
  const [clock, setClock] = useState("17:00");
  const [durationMinutes, setDurationMinutes] = useState("120");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const targets = targetsFor(model, effect);
  const traits: IncidentEffectTraits = INCIDENT_EFFECT[effect];

  const add = () => {
    const at = parseClock(clock, Number(day));
    if (at === undefined) return setError("The start is a day (1, 2, …) and a time as hh:mm, e.g. 17:00.");
    const duration = Number(durationMinutes);
    if (!(duration > 0)) return setError("The duration is a number of minutes above 0.");
    if (!target) return setError(`Pick the ${traits.target} the incident hits.`);
    const incidentName =
      name.trim() || `${targetName(model, target)} ${effect}${traits.needsFactor ? ` ×${factor}` : ""}`;
    const incident: Incident = {
      id: freshIncidentId(model, incidentName),
      name: incidentName,
      target,
      effect,
      atMinutes: at,
      durationMinutes: duration,
    };
    if (traits.needsFactor) incident.factor = Number(factor);
    const issues = incidentIssues(
      incident,
      {
        hasComponent: (id) => model.components.some((c) => c.id === id),
        hasLink: (id) => model.links.some((l) => l.id === id),
      },
      "incident",
    );
    if (traits.needsFactor && !(Number(factor) > 0))
      issues.push({ path: "factor", message: "the factor is a number above 0" });
    if (issues.length > 0) return setError(issues.map((i) => i.message).join("; "));
    setError(undefined);
    setName("");
    onReplace(addIncident(model, incident));
  };

  return (
    <section className="incident-editor" data-testid="incident-editor">
      <h3>Incidents</h3>
      {incidents.length === 0 ? (
        <p className="muted">No incidents yet: the run shows an ordinary day of failures and traffic.</p>
      ) : (
        <ul className="incident-list">
          {incidents.map((x) => (
            <li key={x.id} data-testid="incident-row">
              <label>
                <input
                  type="checkbox"
                  checked={!skipped.includes(x.id)}
                  onChange={(e) => onToggleRun(x.id, e.target.checked)}
                  title="Include in the next run"
                />
                <strong>{x.name}</strong>
              </label>
              <span className="muted">{describeIncident(model, x)}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => onReplace(removeIncident(model, x.id))}
                aria-label={`Remove ${x.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="incident-form">
        <legend>Add an incident</legend>
        <label>
          Effect
          <select
            value={effect}
            data-testid="incident-effect"
            onChange={(e) => {
              setEffect(e.target.value as IncidentEffect);
              setTarget("");
            }}
          >
            {INCIDENT_EFFECTS.map((k) => (
              <option key={k} value={k}>
                {INCIDENT_EFFECT[k].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {traits.target === "link" ? "Link" : "Component"}
          <select value={target} data-testid="incident-target" onChange={(e) => setTarget(e.target.value)}>
            <option value="">— pick by name —</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {traits.needsFactor && (
          <label>
            Factor ({traits.factorLabel})
            <input
              type="number"
              min={0}
              step="any"
              value={factor}
              data-testid="incident-factor"
              onChange={(e) => setFactor(e.target.value)}
            />
          </label>
        )}
        <label>
          Day
          <input
            type="number"
            min={1}
            value={day}
            data-testid="incident-day"
            onChange={(e) => setDay(e.target.value)}
          />
        </label>
        <label>
          Starts at (hh:mm)
          <input value={clock} data-testid="incident-start" onChange={(e) => setClock(e.target.value)} />
        </label>
        <label>
          Lasts (minutes)
          <input
            type="number"
            min={1}
            value={durationMinutes}
            data-testid="incident-duration"
            onChange={(e) => setDurationMinutes(e.target.value)}
          />
        </label>
        <label>
          Name (optional)
          <input
            value={name}
            placeholder="e.g. Roaming hub slow ×20"
            data-testid="incident-name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {error && (
          <p className="analysis-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" data-testid="incident-add" onClick={add}>
          Add incident
        </button>
      </fieldset>
    </section>
  );
}

/**
 * The Inspector's fields of one component: identity, reliability, security, role and, at a
 * charger site, charging and its charging points and starts (SPEC §10). Labels, units, help and where an unset value comes from are the model's
 * parameter table (`COMPONENT_PARAMETERS`); an empty number field removes the key, so the
 * catalogue default applies again.
 */
import {
  AUTH_LEVELS,
  availabilityOf,
  CATALOGUE,
  COMPONENT_PARAMETERS,
  type Component,
  componentDefault,
  componentParameterApplies,
  componentSchema,
  DECISIONS,
  EXPOSURES,
  fieldLabelOf,
  MONITORING,
  type Model,
} from "../../model/index.ts";
import {
  ChecksField,
  DefaultMark,
  DraftField,
  formatDefault,
  LatencyFields,
  numberCommit,
  parameterHint,
  SelectField,
  text,
  textCommit,
} from "./fields.tsx";

type ComponentNumber =
  | "availability"
  | "mtbfHours"
  | "mttrHours"
  | "silentShare"
  | "degradedProbability"
  | "degradedFactor"
  | "patchCadenceDays"
  | "maturity"
  | "ttcDays"
  | "tariffChangesPerDay"
  | "units"
  | "kwPerUnit"
  | "unitAvailability"
  | "unitSilentShare"
  | "startFailure"
  | "sessionsPerDay";

/** Every field of component `c`; each change is handed to `onPatch`. */
export function ComponentFields({
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
  const num = (param: ComponentNumber, placeholder?: string) => {
    const info = COMPONENT_PARAMETERS[param];
    const fallback = componentDefault(c.type, param);
    return (
      <DraftField
        param={param}
        label={fieldLabelOf(info)}
        value={text(c[param])}
        placeholder={placeholder ?? (fallback ? String(fallback.value) : info.unset?.placeholder)}
        isNumeric
        hint={parameterHint(info, fallback, c[param] !== undefined)}
        onCommit={numberCommit(shape[param], (v) => onPatch({ [param]: v }))}
      />
    );
  };
  const pick = <T extends string>(param: "monitoring" | "exposure" | "auth", options: readonly T[]) => (
    <SelectField<T>
      param={param}
      label={fieldLabelOf(COMPONENT_PARAMETERS[param])}
      value={c[param] as T | undefined}
      options={options}
      emptyLabel={`default: ${d[param].value}`}
      hint={<DefaultMark d={d[param]} isSet={c[param] !== undefined} />}
      onChange={(v) => onPatch({ [param]: v })}
    />
  );
  // (by id, not a search per option: 1,700 organisations at 20,000 components)
  const orgNames = new Map(model.orgs.map((o) => [o.id, o.name]));
  const availabilityPlaceholder =
    c.mtbfHours !== undefined ? availabilityOf({ ...c, availability: undefined }) : d.availability.value;
  return (
    <>
      <p className="inspector-type">
        <span title={`Its id in the model file: ${c.id}`}>{entry.label}</span>
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
        labelOf={(id) => orgNames.get(id) || id}
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
      {num("availability", String(Number(availabilityPlaceholder.toPrecision(6))))}
      {num("mtbfHours")}
      {num("mttrHours")}
      {num("silentShare")}
      {num("degradedProbability")}
      <LatencyFields
        info={COMPONENT_PARAMETERS.latencyMs}
        value={c.latencyMs}
        fallback={d.latencyMs.value}
        hint={<DefaultMark d={d.latencyMs} isSet={c.latencyMs !== undefined} />}
        onChange={(v) => onPatch({ latencyMs: v })}
      />
      {num("degradedFactor")}
      {pick("monitoring", MONITORING)}
      <h3>Security</h3>
      {pick("exposure", EXPOSURES)}
      {pick("auth", AUTH_LEVELS)}
      {num("patchCadenceDays")}
      {num("maturity")}
      {num("ttcDays")}
      <h3>Role</h3>
      {num("tariffChangesPerDay")}
      <ChecksField
        param="decides"
        label={fieldLabelOf(COMPONENT_PARAMETERS.decides)}
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
      {componentParameterApplies("units", c.type) && (
        <>
          <h3>Charging</h3>
          {num("units")}
          {num("kwPerUnit")}
          <h3>Charging points and starts</h3>
          {num("unitAvailability")}
          {num("unitSilentShare")}
          {num("startFailure")}
          {num("sessionsPerDay")}
        </>
      )}
    </>
  );
}

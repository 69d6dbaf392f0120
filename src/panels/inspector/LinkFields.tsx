/**
 * The Inspector's fields of one link: its ends, protocol, flows and kind, the parameters its kind
 * uses (a cache's lifetime and fail mode, a poll interval), calls, redundancy and security. Labels,
 * units and where an unset value comes from are the model's parameter table (`LINK_PARAMETERS`).
 */
import { PROTOCOL_LABEL } from "../../analysis/labels.ts";
import {
  AUTH_LEVELS,
  FAIL_MODES,
  FLOWS,
  fieldLabelOf,
  LINK_DEFAULTS,
  LINK_KINDS,
  LINK_PARAMETERS,
  type Link,
  type LinkKind,
  linkDefault,
  linkParameterApplies,
  linkSchema,
  type Model,
  PROTOCOLS,
} from "../../model/index.ts";
import type { Selection } from "../../store/edits.ts";
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

type LinkNumber = "ttlMinutes" | "pollSeconds" | "timeoutMs" | "retries" | "k" | "ttcDays";

/** Every field of link `l`; each change is handed to `onPatch`, a click on an end selects it. */
export function LinkFields({
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
  const num = (param: LinkNumber) => {
    const info = LINK_PARAMETERS[param];
    const fallback = linkDefault(param);
    return (
      <DraftField
        param={param}
        label={fieldLabelOf(info)}
        value={text(l[param])}
        placeholder={fallback ? String(fallback.value) : info.unset?.placeholder}
        isNumeric
        hint={parameterHint(info, fallback, l[param] !== undefined)}
        onCommit={numberCommit(shape[param], (v) => onPatch({ [param]: v }))}
      />
    );
  };
  const applies = (param: "ttlMinutes" | "failMode" | "pollSeconds") => linkParameterApplies(param, l.kind);
  return (
    <>
      <p className="inspector-type">
        <span title={`Its id in the model file: ${l.id}`}>Link</span>
      </p>
      <p className="inspector-ends">
        {end(l.from)} <span title="depends on">→</span> {end(l.to)}
      </p>
      <SelectField
        param="protocol"
        label={fieldLabelOf(LINK_PARAMETERS.protocol)}
        value={l.protocol}
        options={PROTOCOLS}
        labelOf={(p) => PROTOCOL_LABEL[p]}
        emptyLabel="none"
        onChange={(v) => onPatch({ protocol: v })}
      />
      <ChecksField
        param="flows"
        label={fieldLabelOf(LINK_PARAMETERS.flows)}
        checked={l.flows}
        options={FLOWS}
        onChange={(v) => onPatch({ flows: v })}
      />
      <SelectField<LinkKind>
        param="kind"
        label={fieldLabelOf(LINK_PARAMETERS.kind)}
        value={l.kind}
        options={LINK_KINDS}
        onChange={(v) => v && onPatch({ kind: v })}
      />
      {applies("ttlMinutes") && num("ttlMinutes")}
      {applies("failMode") && (
        <SelectField
          param="failMode"
          label={fieldLabelOf(LINK_PARAMETERS.failMode)}
          value={l.failMode}
          options={FAIL_MODES}
          emptyLabel={`default: ${LINK_DEFAULTS.failMode.value}`}
          hint={<DefaultMark d={LINK_DEFAULTS.failMode} isSet={l.failMode !== undefined} />}
          onChange={(v) => onPatch({ failMode: v })}
        />
      )}
      {applies("pollSeconds") && num("pollSeconds")}
      {num("timeoutMs")}
      {num("retries")}
      <LatencyFields
        info={LINK_PARAMETERS.latencyMs}
        value={l.latencyMs}
        fallback={LINK_DEFAULTS.latencyMs.value}
        hint={<DefaultMark d={LINK_DEFAULTS.latencyMs} isSet={l.latencyMs !== undefined} />}
        onChange={(v) => onPatch({ latencyMs: v })}
      />
      <h3>Redundancy</h3>
      <DraftField
        param="group"
        label={fieldLabelOf(LINK_PARAMETERS.group)}
        value={l.group ?? ""}
        placeholder={LINK_PARAMETERS.group.unset?.placeholder}
        onCommit={textCommit(shape.group, (v) => onPatch({ group: v }), true)}
      />
      {num("k")}
      <h3>Security</h3>
      <SelectField
        param="auth"
        label={fieldLabelOf(LINK_PARAMETERS.auth)}
        value={l.auth}
        options={AUTH_LEVELS}
        emptyLabel={`default: ${LINK_DEFAULTS.auth.value}`}
        hint={<DefaultMark d={LINK_DEFAULTS.auth} isSet={l.auth !== undefined} />}
        onChange={(v) => onPatch({ auth: v })}
      />
      <SelectField
        param="commands"
        label={fieldLabelOf(LINK_PARAMETERS.commands)}
        value={l.commands === undefined ? undefined : l.commands ? "yes" : "no"}
        options={["yes", "no"] as const}
        emptyLabel={`default: ${formatDefault(LINK_DEFAULTS.commands.value)}`}
        hint={<DefaultMark d={LINK_DEFAULTS.commands} isSet={l.commands !== undefined} />}
        onChange={(v) => onPatch({ commands: v === undefined ? undefined : v === "yes" })}
      />
      {num("ttcDays")}
    </>
  );
}

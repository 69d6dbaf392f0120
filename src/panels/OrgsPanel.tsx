/**
 * The Organisations panel: the trust and ownership boundaries of the model. Each organisation has an
 * editable name and colour, shows how many components it owns (a click selects them) and can be
 * removed (its components are then left without an organisation). "What if this organisation is
 * offline" runs the what-if with all its components down.
 */
import { useEffect, useRef, useState } from "react";
import { nextOrgColour } from "../canvas/orgColours.ts";
import { type Model, type Org, orgSchema } from "../model/index.ts";
import { freshId, type Selection } from "../store/edits.ts";
import { DraftField, textCommit } from "./inspector/fields.tsx";
import "./inspector.css";

export interface OrgsPanelProps {
  model: Model;
  onPatchModel: (patch: { orgs: Org[] }) => void;
  onSelect: (selection: Selection) => void;
  /** Run the what-if "every component of this organisation is down" (SPEC §6). */
  onWhatIfOffline?: (orgId: string) => void;
}

/** A colour input that commits once the picker is closed (the native `change`), not on every move. */
function ColourInput({ org, onCommit }: { org: Org; onCommit: (color: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(org.color);
  const [synced, setSynced] = useState(org.color);
  if (synced !== org.color) {
    setSynced(org.color);
    setDraft(org.color);
  }
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const onChange = () => {
      if (orgSchema.shape.color.safeParse(input.value).success) commit.current(input.value);
    };
    input.addEventListener("change", onChange);
    return () => input.removeEventListener("change", onChange);
  }, []);
  return (
    <input
      ref={ref}
      type="color"
      aria-label={`Colour of ${org.name || org.id}`}
      data-testid={`org-color-${org.id}`}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}

/** Lists, edits, adds and removes the organisations of the model. */
export function OrgsPanel({ model, onPatchModel, onSelect, onWhatIfOffline }: OrgsPanelProps) {
  const members = new Map<string, string[]>();
  for (const c of model.components) {
    if (c.org === undefined) continue;
    const list = members.get(c.org) ?? [];
    list.push(c.id);
    members.set(c.org, list);
  }
  const patchOrg = (id: string, patch: Partial<Org>) =>
    onPatchModel({ orgs: model.orgs.map((o) => (o.id === id ? { ...o, ...patch } : o)) });
  const add = () => {
    const id = freshId("org", new Set(model.orgs.map((o) => o.id)));
    // a colour off the risk scale that no organisation has yet
    const color = nextOrgColour(model.orgs);
    onPatchModel({ orgs: [...model.orgs, { id, name: `Organisation ${model.orgs.length + 1}`, color }] });
  };
  return (
    <section className="orgs" data-testid="orgs-panel" aria-label="Organisations">
      <p className="muted">
        Organisations are trust and ownership boundaries: a link between two of them is a seam.
      </p>
      {model.orgs.length === 0 && <p className="muted">No organisations yet.</p>}
      <ul className="orgs-list">
        {model.orgs.map((org) => {
          const ids = members.get(org.id) ?? [];
          return (
            <li key={org.id} className="orgs-item" data-testid="org-row" data-org={org.id}>
              <ColourInput org={org} onCommit={(color) => patchOrg(org.id, { color })} />
              <DraftField
                param={`org-name-${org.id}`}
                label={<span title={`Its id in the model file: ${org.id}`}>Name</span>}
                value={org.name}
                onCommit={textCommit(
                  orgSchema.shape.name,
                  (name) => patchOrg(org.id, { name: name ?? "" }),
                  false,
                )}
              />
              <button
                type="button"
                className="orgs-members"
                data-testid={`org-members-${org.id}`}
                disabled={ids.length === 0}
                title="Select its components"
                onClick={() => onSelect({ components: ids, links: [] })}
              >
                {ids.length} {ids.length === 1 ? "component" : "components"}
              </button>
              <button
                type="button"
                className="orgs-remove"
                data-testid={`remove-org-${org.id}`}
                aria-label={`Remove ${org.name || org.id}`}
                onClick={() => onPatchModel({ orgs: model.orgs.filter((o) => o.id !== org.id) })}
              >
                Remove
              </button>
              {onWhatIfOffline && (
                <button
                  type="button"
                  className="orgs-whatif"
                  data-testid={`whatif-org-${org.id}`}
                  disabled={ids.length === 0}
                  title="Every component of this organisation down, against the baseline on the same random numbers"
                  onClick={() => onWhatIfOffline(org.id)}
                >
                  What if this organisation is offline
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" data-testid="add-org" onClick={add}>
        Add organisation
      </button>
    </section>
  );
}

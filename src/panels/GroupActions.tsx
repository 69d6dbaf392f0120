/**
 * Group actions for the selection (issue 8): group several components into one subsystem, and
 * open, close, rename or ungroup the group a selected component is in. Each is an undoable edit;
 * the analysis ignores groups, so no figure changes.
 */
import type { Model } from "../model/schema.ts";
import { groupSelection, renameGroup, setGroupOpen, ungroupById } from "../store/groups.ts";

/** A group's default name: the organisation its members share, else "Subsystem n". */
function defaultName(model: Model, ids: string[]): string | undefined {
  const orgs = new Set(model.components.filter((c) => ids.includes(c.id)).map((c) => c.org));
  const [org] = [...orgs];
  return orgs.size === 1 && org !== undefined ? model.orgs.find((o) => o.id === org)?.name : undefined;
}

export function GroupActions({ model, selected }: { model: Model; selected: string[] }) {
  const chosen = new Set(selected);
  const groups = (model.groups ?? []).filter((g) => g.members.some((m) => chosen.has(m)));
  // a selection that is exactly one group's members is already grouped
  const isOneGroup = groups.length === 1 && groups[0].members.length === chosen.size;
  const canGroup = selected.length >= 2 && !isOneGroup;
  if (!canGroup && groups.length === 0) return null;
  return (
    <div className="decide-actions" data-testid="group-actions">
      <h3>Group</h3>
      {canGroup && (
        <button
          type="button"
          data-testid="group-create"
          title="Draw these components as one node that opens and closes (the analysis is unchanged)"
          onClick={() => groupSelection(defaultName(model, selected))}
        >
          Group {selected.length} components
        </button>
      )}
      {groups.map((g) => (
        <div key={g.id} className="decide-buttons" data-testid="group-of-selection" data-group={g.id}>
          <input
            aria-label="Group name"
            defaultValue={g.name}
            key={g.name}
            onBlur={(e) => e.target.value.trim() && renameGroup(g.id, e.target.value.trim())}
            onKeyDown={(e) => {
              if (e.key === "Enter") e.currentTarget.blur();
            }}
          />
          <button type="button" onClick={() => setGroupOpen(g.id, g.collapsed === true)}>
            {g.collapsed ? "Open" : "Close"}
          </button>
          <button type="button" onClick={() => ungroupById(g.id)}>
            Ungroup
          </button>
        </div>
      ))}
    </div>
  );
}

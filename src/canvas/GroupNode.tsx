/**
 * A group of components (issue 8). Collapsed: one node the size of a component, filled with its
 * worst member's colour, that opens on double-click or its Open button. Open: a labelled frame
 * behind its members with Close and Ungroup.
 */
import type { NodeProps } from "@xyflow/react";
import { Boxes } from "lucide-react";
import { memo } from "react";
import { setGroupOpen, ungroupById } from "../store/groups.ts";
import { CenterHandles, textOn } from "./ComponentNode.tsx";
import type { GroupFlowNode } from "./grouping.ts";
import "./groups.css";

function GroupNodeView({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group, isOpen, overlay, orgColor, why } = data;
  const count = group.members.length;
  const members = `${count} component${count === 1 ? "" : "s"}`;
  if (isOpen) {
    return (
      <div className="seams-group-frame" data-testid="group-frame" data-group={group.id}>
        <div className="seams-group-title" style={{ borderColor: orgColor ?? "#94a3b8" }}>
          <Boxes size={14} aria-hidden />
          <span className="seams-group-name">{group.name}</span>
          <button
            type="button"
            className="nodrag"
            data-testid="group-close"
            title="Draw the group as one node"
            onClick={() => setGroupOpen(group.id, false)}
          >
            Close
          </button>
          <button
            type="button"
            className="nodrag"
            data-testid="group-ungroup"
            title="Remove the group; its components stay"
            onClick={() => ungroupById(group.id)}
          >
            Ungroup
          </button>
        </div>
      </div>
    );
  }
  const fill = overlay?.fill ?? "#ffffff";
  return (
    <div
      className={`seams-node seams-group-node${selected ? " selected" : ""}${why ? ` why-${why}` : ""}`}
      data-testid="group-node"
      data-group={group.id}
      style={{ borderColor: orgColor ?? "#64748b", background: fill, color: textOn(fill) }}
      title={`${group.name} — ${members}${overlay ? ` · worst ${overlay.label}` : ""} · double-click to open`}
    >
      <div className="seams-node-type" style={{ background: "#334155" }}>
        <Boxes size={18} color="#fff" aria-hidden />
      </div>
      <div className="seams-node-body">
        <div className="seams-node-name">{group.name}</div>
        <div className="seams-node-meta">
          <span>{members}</span>
          {overlay && <span className="seams-node-p">worst {overlay.label}</span>}
        </div>
      </div>
      <button
        type="button"
        className="seams-group-open nodrag"
        data-testid="group-open"
        title="Open the group"
        onClick={() => setGroupOpen(group.id, true)}
      >
        Open
      </button>
      <CenterHandles />
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);

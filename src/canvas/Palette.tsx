/**
 * The component palette: click a type to add it at the free spot nearest the centre of the view,
 * or drag it onto the canvas.
 */
import { useReactFlow } from "@xyflow/react";
import { CATALOGUE } from "../model/catalogue.ts";
import { freeSpot } from "../model/edits/placement.ts";
import { COMPONENT_TYPES, type ComponentType } from "../model/schema.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import { typeIcon } from "./ComponentNode.tsx";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import { PALETTE_MIME } from "./useCanvasEditing.ts";

export function Palette() {
  const flow = useReactFlow();
  const add = (type: ComponentType) => {
    const pane = document.querySelector(".canvas")?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    // repeated clicks go next to each other, never on top of another component
    const store = useModelStore.getState();
    const wish = { x: Math.round(centre.x - NODE_WIDTH / 2), y: Math.round(centre.y - NODE_HEIGHT / 2) };
    store.addComponent(type, freeSpot(store.model.components, wish));
    useUiStore.getState().set({ tab: "inspector" });
  };
  return (
    <nav className="palette" aria-label="Add a component">
      <h2>Add</h2>
      {COMPONENT_TYPES.map((type) => {
        const entry = CATALOGUE[type];
        const Icon = typeIcon(entry.icon);
        return (
          <button
            key={type}
            type="button"
            className="palette-item"
            data-testid={`palette-${type}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, type);
              e.dataTransfer.effectAllowed = "copy";
            }}
            onClick={() => add(type)}
            title={`${entry.label}: ${entry.description} Click to add, or drag onto the canvas.`}
          >
            <span className="palette-icon" style={{ background: entry.color }}>
              <Icon size={15} color="#fff" aria-hidden />
            </span>
            <span>{entry.label}</span>
          </button>
        );
      })}
    </nav>
  );
}

/**
 * The Inspector: edits the selected component or link, or the document when nothing is selected.
 * Text and number fields are drafts committed on Enter or blur and checked against the schema's own
 * field (a refused draft shows why and changes nothing); an empty number field removes the key, so
 * the catalogue default applies again. Selects and checkboxes commit at once. The fields are in
 * `inspector/`: the controls, a component's, a link's and the document's.
 */
import type { ReactNode } from "react";
import type { Component, Link, Model } from "../model/index.ts";
import type { Selection } from "../store/edits.ts";
import { ComponentFields } from "./inspector/ComponentFields.tsx";
import { LinkFields } from "./inspector/LinkFields.tsx";
import { ModelFields, type ModelPatch } from "./inspector/ModelFields.tsx";
import "./inspector.css";

export interface InspectorProps {
  model: Model;
  selection: Selection;
  onPatchComponent: (id: string, patch: Partial<Component>) => void;
  onPatchLink: (id: string, patch: Partial<Link>) => void;
  onPatchModel: (patch: ModelPatch) => void;
  onDelete: () => void;
  onSelect: (selection: Selection) => void;
  children?: ReactNode;
}

/** The side panel's editor of the selection (or of the document when nothing is selected). */
export function Inspector({
  model,
  selection,
  onPatchComponent,
  onPatchLink,
  onPatchModel,
  onDelete,
  onSelect,
  children,
}: InspectorProps) {
  const count = selection.components.length + selection.links.length;
  const component =
    count === 1 && selection.components.length === 1
      ? model.components.find((c) => c.id === selection.components[0])
      : undefined;
  const link =
    count === 1 && selection.links.length === 1
      ? model.links.find((l) => l.id === selection.links[0])
      : undefined;
  return (
    <section className="inspector" data-testid="inspector" aria-label="Inspector">
      {count === 0 && <ModelFields model={model} onPatch={onPatchModel} />}
      {component && (
        <ComponentFields
          key={component.id}
          model={model}
          component={component}
          onPatch={(patch) => onPatchComponent(component.id, patch)}
        />
      )}
      {link && (
        <LinkFields
          key={link.id}
          model={model}
          link={link}
          onPatch={(patch) => onPatchLink(link.id, patch)}
          onSelect={onSelect}
        />
      )}
      {count > 1 && (
        <p className="inspector-count" data-testid="selection-count">
          {selection.components.length} {selection.components.length === 1 ? "component" : "components"},{" "}
          {selection.links.length} {selection.links.length === 1 ? "link" : "links"} selected
        </p>
      )}
      {count > 0 && (
        <button type="button" className="inspector-delete" data-testid="delete-selection" onClick={onDelete}>
          {count === 1 ? "Delete" : `Delete ${count} items`}
        </button>
      )}
      {children}
    </section>
  );
}

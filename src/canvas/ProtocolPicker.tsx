/**
 * Opened when two components are connected: the protocols usual between their types, each with
 * the links it creates (who depends on whom, for what, and how), and a generic dependency.
 */
import { useEffect } from "react";
import { LINK_KIND, LINK_PARAMETERS } from "../model/index.ts";
import { presetsFor } from "../model/presets.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";

export function ProtocolPicker() {
  const pending = useUiStore((s) => s.pendingConnection);
  const model = useModelStore((s) => s.model);
  const close = () => useUiStore.getState().set({ pendingConnection: undefined });
  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") useUiStore.getState().set({ pendingConnection: undefined });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pending]);
  if (!pending) return null;
  const a = model.components.find((c) => c.id === pending.a);
  const b = model.components.find((c) => c.id === pending.b);
  if (!a || !b) return null;
  const presets = presetsFor(a.type, b.type);
  const nameOf = (side: "a" | "b") => (side === "a" ? a.name : b.name);
  return (
    <div className="modal-backdrop">
      <div
        className="modal protocol-picker"
        data-testid="protocol-picker"
        role="dialog"
        aria-label="Choose a protocol"
      >
        <h2>
          Connect <q>{a.name}</q> and <q>{b.name}</q>
        </h2>
        <p className="muted">Choose the integration; Seams adds the links it usually means.</p>
        <ul>
          {presets.map((p) => (
            <li key={`${p.protocol}-${p.label}`}>
              <button
                type="button"
                data-testid={`protocol-option-${p.protocol}`}
                onClick={() => {
                  useModelStore.getState().connect(p, a.id, b.id);
                  useUiStore.getState().set({ pendingConnection: undefined, tab: "inspector" });
                }}
              >
                <strong>{p.label}</strong>
                {p.description && <span className="preset-description">{p.description}</span>}
                {p.links.map((l) => (
                  <span key={`${l.dependent}-${l.flows.join()}`} className="preset-link">
                    {nameOf(l.dependent)} {LINK_KIND[l.kind].verb} {l.flows.join(", ")} from{" "}
                    {nameOf(l.dependent === "a" ? "b" : "a")}
                    {LINK_KIND[l.kind].usesTtl && l.ttlMinutes !== undefined
                      ? ` · cache ${LINK_PARAMETERS.ttlMinutes.format(l.ttlMinutes)}, then ${l.failMode === "open" ? "stale" : "refused"}`
                      : ""}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ul>
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

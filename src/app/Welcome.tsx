/**
 * The first run (issue 18.1): the reference ecosystem opens already analysed, with a small card over
 * the canvas's bottom-left corner (not a modal: canvas and toolbar stay usable) that says what is on
 * screen and offers Start blank, Keep the reference, Open a file… and a one-screen tour of what the
 * colours mean. Shown only when the app started from the reference (no autosave, no share link);
 * its dismissal is remembered in localStorage.
 */
import { useState } from "react";
import { keyOrganisations } from "../canvas/CanvasLegend.tsx";
import { LINK_STYLE } from "../canvas/linkStyle.ts";
import { Legend } from "../charts/Legend.tsx";
import type { StartupSource } from "../io/startup.ts";
import { LINK_KINDS } from "../model/index.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import { newModel } from "./commands/replace.ts";
import { VIEW_LABELS } from "./views.ts";
import "./welcome.css";

/** The localStorage key that remembers the card was dismissed. */
export const WELCOME_DISMISSED_KEY = "seams.welcome.dismissed";

/** Where the model the app started with came from (set once at startup, before the workspace draws). */
let startedFrom: StartupSource | "none" = "none";

/** Note where the startup model came from: the card shows only after a first run's reference. */
export function noteStartSource(source: StartupSource | "none"): void {
  startedFrom = source;
}

function isDismissed(): boolean {
  try {
    return localStorage.getItem(WELCOME_DISMISSED_KEY) !== null;
  } catch {
    return false; // storage refused: show the card (dismissing it then holds for this page)
  }
}

function rememberDismissed(): void {
  try {
    localStorage.setItem(WELCOME_DISMISSED_KEY, new Date().toISOString());
  } catch {
    // storage refused: the card stays dismissed for this page only
  }
}

/** The first-run card; `onOpenFile` opens the file picker (the toolbar's Open). */
export function Welcome({ onOpenFile }: { onOpenFile: () => void }) {
  const [isShown, setShown] = useState(() => startedFrom === "template" && !isDismissed());
  const [isTourOpen, setTourOpen] = useState(false);
  const model = useModelStore((s) => s.model);
  const workshop = useUiStore((s) => s.workshop);
  const dismiss = () => {
    rememberDismissed();
    setShown(false);
  };
  return (
    <>
      {isShown && !workshop && (
        <section className="welcome-card" data-testid="welcome-card" aria-label="Getting started">
          <button type="button" className="welcome-close" aria-label="Close" onClick={dismiss}>
            ×
          </button>
          <h2>Welcome to Seams</h2>
          <p data-testid="welcome-text">
            On the canvas is an example, “{model.name}”: {model.components.length} components run by{" "}
            {model.orgs.length} organisations, analysed as it opens. A box's colour is how likely it is not
            working; a line points from a component to the one it depends on.
          </p>
          <div className="welcome-actions">
            <button
              type="button"
              data-testid="welcome-blank"
              onClick={() => {
                dismiss();
                void newModel(true); // the reference is kept in Recent, with Restore
              }}
            >
              Start blank
            </button>
            <button type="button" data-testid="welcome-keep" onClick={dismiss}>
              Keep the reference
            </button>
            <button
              type="button"
              data-testid="welcome-open"
              onClick={() => {
                dismiss();
                onOpenFile();
              }}
            >
              Open a file…
            </button>
          </div>
          <button
            type="button"
            className="welcome-tour-link"
            data-testid="welcome-tour"
            onClick={() => setTourOpen(true)}
          >
            What the colours mean
          </button>
        </section>
      )}
      {isTourOpen && <ColourTour onClose={() => setTourOpen(false)} />}
    </>
  );
}

/** One screen: the risk scale, organisation bands, link kinds, the phantom badge and the two views. */
function ColourTour({ onClose }: { onClose: () => void }) {
  const model = useModelStore((s) => s.model);
  const { shown, more } = keyOrganisations(model.orgs, model.components, 8);
  return (
    <div className="modal-backdrop" onClick={onClose} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div
        className="modal welcome-tour"
        data-testid="tour-dialog"
        role="dialog"
        aria-label="What the colours mean"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
      >
        <h2>What the colours mean</h2>
        <h3>A box's fill: how likely it is not working</h3>
        <Legend title="P(not working)" />
        <p>Pale yellow is rarely down; dark red is often down (a log scale, one step per factor of ten).</p>
        <h3>The band on top of a box: who runs it</h3>
        <ul className="welcome-tour-orgs" data-testid="tour-orgs">
          {shown.map((org) => (
            <li key={org.id}>
              <span className="canvas-key-swatch" style={{ background: org.color }} /> {org.name}
            </li>
          ))}
          {more > 0 && <li>and {more.toLocaleString("en-US")} more</li>}
          {shown.length === 0 && <li>No organisations yet: add them in the Organisations tab.</li>}
        </ul>
        <p>A new organisation takes a cool colour (blues, teals, violets) that the risk scale never uses.</p>
        <h3>Lines: who depends on whom (arrow → the provider)</h3>
        <ul className="welcome-tour-links" data-testid="tour-links">
          {LINK_KINDS.map((kind) => (
            <li key={kind}>
              <svg width={40} height={10} aria-hidden>
                <line
                  x1={1}
                  y1={5}
                  x2={39}
                  y2={5}
                  stroke={LINK_STYLE[kind].stroke}
                  strokeWidth={2}
                  strokeDasharray={LINK_STYLE[kind].dash}
                />
              </svg>{" "}
              <strong>{kind[0].toUpperCase() + kind.slice(1)}</strong> {LINK_STYLE[kind].meaning}
            </li>
          ))}
        </ul>
        <p>
          A ▯ mark in a line's middle is a <em>seam</em>: the link crosses from one organisation to another. A
          thicker line is one failures cross often.
        </p>
        <h3>Badges</h3>
        <p>
          <span className="badge badge-phantom">phantom</span> a charging site that apps and hubs show as
          available while drivers cannot charge there.
        </p>
        <h3>Two views of the same system</h3>
        <p>
          <strong>{VIEW_LABELS.true}</strong> colours each box by how often it is really down;{" "}
          <strong>{VIEW_LABELS.dashboards}</strong> (press D) by how often its own dashboard shows a problem.
          Where a box is red in the first and pale in the second, failures hide behind green dashboards.
        </p>
        <div className="welcome-actions">
          <button type="button" data-testid="tour-close" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

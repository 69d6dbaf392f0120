/** Help: what the canvas shows and the keyboard shortcuts (from the command registry). */
import { Legend } from "../charts/Legend.tsx";
import { useUiStore } from "../store/ui.ts";
import { helpRows } from "./commands/registry.ts";

const ROWS = helpRows();

/** The help dialog, shown while `helpOpen` (the ? key or the toolbar's Help button). */
export function HelpDialog() {
  const open = useUiStore((s) => s.helpOpen);
  if (!open) return null;
  const close = () => useUiStore.getState().set({ helpOpen: false });
  return (
    <div className="modal-backdrop">
      <div className="modal help" data-testid="help-dialog" role="dialog" aria-label="Help">
        <h2>Seams</h2>
        <p>
          Draw the ecosystem: add components from the palette, drag from a component's dot to another to
          connect them with a protocol, and edit parameters in the inspector. A link points from the component
          that depends to the one it depends on. Links between organisations are <em>seams</em> (marked ▯ in
          the middle).
        </p>
        <p>
          The analysis runs in the background after every edit: node colour is the probability the component
          is not working (or, in “what dashboards show”, that its own dashboard shows a problem); link width
          is how often failures cross it. <strong>SPOF</strong> marks a single point of failure,{" "}
          <strong>silent</strong> a failure that dashboards do not show.
        </p>
        <p>
          <strong>Workshop mode</strong> (W) shows the canvas and the headline figures large, for a room;
          <strong> Export</strong> saves the canvas as PNG or SVG, or a report that opens offline.
        </p>
        <Legend title="P(not working)" />
        <h3>Keyboard</h3>
        <table className="shortcuts">
          <tbody>
            {ROWS.map((s) => (
              <tr key={s.keys}>
                <th>
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

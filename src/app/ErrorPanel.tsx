/** The issues of the last refused input: each with the JSON path and the problem. */
import { TriangleAlert, X } from "lucide-react";
import { useModelStore } from "../store/model.ts";

const SHOWN = 50;

export function ErrorPanel() {
  const shown = useModelStore((s) => s.shownIssues);
  if (!shown) return null;
  const { title, issues } = shown;
  return (
    <section className="error-panel" data-testid="error-panel" role="alert">
      <header>
        <TriangleAlert size={18} aria-hidden />
        <h2>{title}</h2>
        <button
          type="button"
          aria-label="Dismiss"
          onClick={() => useModelStore.getState().showIssues(undefined)}
          data-testid="error-dismiss"
        >
          <X size={16} aria-hidden />
        </button>
      </header>
      <p className="muted">Nothing was changed: the model on the canvas is the one you had.</p>
      <ul>
        {issues.slice(0, SHOWN).map((issue, i) => (
          // issues have no ids; the list is replaced whole, never reordered
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <li key={i} data-testid="error-issue">
            <code>{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
      {issues.length > SHOWN && <p className="muted">… and {issues.length - SHOWN} more.</p>}
    </section>
  );
}

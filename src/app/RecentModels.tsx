/**
 * The Recent models menu of the toolbar (issue 19): the last 10 models that left the canvas — name,
 * when, how many components, why — each restorable; the model on the canvas goes to Recent in its
 * place, so restoring loses nothing either.
 */
import { History } from "lucide-react";
import { useEffect, useState } from "react";
import { listRecent, type RecentEntry, sourceLabel, whenLabel } from "../io/recent.ts";
import { restoreRecent } from "./commands/replace.ts";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The toolbar's Recent button and its list (read afresh each time it opens: other tabs add to it). */
export function RecentModels() {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<RecentEntry[] | undefined>(undefined);
  useEffect(() => {
    if (!open) return;
    let live = true;
    listRecent().then((list) => {
      if (live) setEntries(list);
    });
    return () => {
      live = false;
    };
  }, [open]);
  return (
    <div className="menu">
      <button
        type="button"
        data-testid="recent"
        aria-expanded={open}
        title="Models that were replaced on the canvas, to restore"
        onClick={() => {
          setEntries(undefined);
          setOpen(!open);
        }}
      >
        <History size={16} aria-hidden /> Recent
      </button>
      {open && (
        <ul className="menu-list" data-testid="recent-menu" data-loaded={entries !== undefined}>
          {entries?.length === 0 && (
            <li className="menu-empty">
              Nothing yet: a model replaced by a link, a template or a file is kept here.
            </li>
          )}
          {entries?.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                data-testid="recent-entry"
                onClick={() => {
                  setOpen(false);
                  void restoreRecent(entry.id);
                }}
              >
                <strong>{entry.name}</strong>
                <span>
                  {whenLabel(entry.keptAt)} · {plural(entry.componentCount, "component")} ·{" "}
                  {sourceLabel(entry.source)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Notices above the canvas (issue 19): where a replaced model went (with Restore), an autosave that
 * fell back to its older copy, and this tab's part in saving when Seams is open in another tab
 * (with "Take over here"). Each stays until dismissed or replaced by a newer one of its kind.
 */
import { Info, TriangleAlert, X } from "lucide-react";
import { useModelStore } from "../store/model.ts";
import type { Notice } from "../store/slices/document.ts";
import { restoreRecent } from "./commands/replace.ts";
import { takeOverHere } from "./saving.ts";

function NoticeButton({ notice }: { notice: Notice }) {
  const action = notice.action;
  if (!action) return null;
  if (action.kind === "restore")
    return (
      <button
        type="button"
        data-testid="notice-restore"
        onClick={() => {
          useModelStore.getState().dismissNotice(notice.id);
          void restoreRecent(action.recentId);
        }}
      >
        Restore
      </button>
    );
  return (
    <button type="button" data-testid="notice-take-over" onClick={takeOverHere}>
      Take over here
    </button>
  );
}

/** The notices on screen, newest last. */
export function Notices() {
  const notices = useModelStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.tone}`}
          data-testid="notice"
          data-notice={notice.id}
          role="status"
        >
          {notice.tone === "warning" ? (
            <TriangleAlert size={16} aria-hidden />
          ) : (
            <Info size={16} aria-hidden />
          )}
          <p data-testid="notice-text">{notice.text}</p>
          <NoticeButton notice={notice} />
          <button
            type="button"
            className="notice-dismiss"
            aria-label="Dismiss"
            onClick={() => useModelStore.getState().dismissNotice(notice.id)}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}

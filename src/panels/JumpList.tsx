/**
 * The Results tab's jump list (issue 18): one button per section present, kept at the top of the
 * tab while it scrolls; a click scrolls the tab to the section (`data-section` on its element).
 */
import "./sidepanel.css";

export interface JumpSection {
  id: string;
  label: string;
}

/** Buttons that scroll the side panel's tab to each of `sections`. */
export function JumpList({ sections }: { sections: JumpSection[] }) {
  return (
    <nav className="jump-list" aria-label="Sections of the results" data-testid="jump-list">
      {sections.map((s) => (
        <button
          key={s.id}
          type="button"
          data-testid={`jump-${s.id}`}
          onClick={(e) => {
            const tab = e.currentTarget.closest(".tab-body");
            const target = tab?.querySelector(`[data-section="${s.id}"]`);
            target?.scrollIntoView({ block: "start" });
          }}
        >
          {s.label}
        </button>
      ))}
    </nav>
  );
}

/** The side panel's width bounds (px) for its resizable edge. */
export const SIDE_WIDTH_PX = { min: 340, max: 900, step: 24 } as const;

/**
 * The side panel's left edge: drag it (or focus it and press ← / →) to resize the panel; the width
 * is the app grid's `--side-width`, kept no wider than 60 % of the window.
 */
export function SideResizer() {
  const widthOf = (el: HTMLElement) => el.closest(".side-panel")?.getBoundingClientRect().width ?? 400;
  const apply = (el: HTMLElement, width: number) => {
    const app = el.closest<HTMLElement>(".app");
    const max = Math.min(SIDE_WIDTH_PX.max, window.innerWidth * 0.6);
    app?.style.setProperty(
      "--side-width",
      `${Math.round(Math.max(SIDE_WIDTH_PX.min, Math.min(max, width)))}px`,
    );
  };
  return (
    <button
      type="button"
      className="side-resizer"
      data-testid="side-resizer"
      aria-label="Resize the side panel (← wider, → narrower)"
      title="Drag to resize the side panel"
      onPointerDown={(e) => {
        const handle = e.currentTarget;
        const startX = e.clientX;
        const startWidth = widthOf(handle);
        handle.setPointerCapture(e.pointerId);
        const move = (m: PointerEvent) => apply(handle, startWidth + (startX - m.clientX));
        const up = () => {
          handle.removeEventListener("pointermove", move);
          handle.removeEventListener("pointerup", up);
        };
        handle.addEventListener("pointermove", move);
        handle.addEventListener("pointerup", up);
      }}
      onKeyDown={(e) => {
        if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
        e.preventDefault();
        const delta = e.key === "ArrowLeft" ? SIDE_WIDTH_PX.step : -SIDE_WIDTH_PX.step;
        apply(e.currentTarget, widthOf(e.currentTarget) + delta);
      }}
    />
  );
}

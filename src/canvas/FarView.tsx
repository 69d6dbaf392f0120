/**
 * The far view's two canvas layers under React Flow's pane (see farView.ts): they follow React
 * Flow's viewport through its store, without a React render per frame. `data-drawn` says how many
 * components the last drawing held (for tests and the bench).
 */
import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import { type FarScene, FarViewPainter } from "./farView.ts";

/** The far view of `scene`, drawn while mounted. */
export function FarView({ scene }: { scene: FarScene }) {
  const wrap = useRef<HTMLDivElement>(null);
  const links = useRef<HTMLCanvasElement>(null);
  const boxes = useRef<HTMLCanvasElement>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const store = useStoreApi();
  const [painter, setPainter] = useState<FarViewPainter>();
  useEffect(() => {
    if (!links.current || !boxes.current) return;
    const p = new FarViewPainter(links.current, boxes.current, (count, shown) => {
      if (wrap.current) wrap.current.dataset.drawn = String(count);
      if (note.current)
        note.current.textContent =
          shown.drawn < shown.all
            ? `From this far, ${shown.drawn.toLocaleString("en-US")} of the ${shown.all.toLocaleString("en-US")} links in view are drawn (all that failures cross often); zoom in for all`
            : "";
    });
    const follow = (s: ReturnType<typeof store.getState>) => {
      p.setSize(s.width, s.height);
      p.setView({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2] });
    };
    follow(store.getState());
    const stop = store.subscribe(follow);
    setPainter(p);
    return () => {
      stop();
      p.stop();
    };
  }, [store]);
  useEffect(() => painter?.setScene(scene), [painter, scene]);
  return (
    <div className="seams-far-view" data-testid="far-view" ref={wrap} aria-hidden>
      <canvas ref={links} />
      <canvas ref={boxes} />
      <p className="seams-far-note" data-testid="far-view-note" ref={note} />
    </div>
  );
}

/**
 * While an opened file or a share link is read (in a worker): what is read, its phase — "Reading
 * big.seams.json… (validating 3,020 components, 60,000 links, 50 scenarios)" — the seconds so far
 * and a Cancel that leaves the model as it was. Shown after a moment, so a small file never flashes it.
 */
import { LoaderCircle } from "lucide-react";
import { useEffect, useState } from "react";
import type { ReadProgress } from "../../workers/parse-client.ts";
import { useReadingStore } from "./reading.ts";
import "./reading.css";

/** A read shorter than this shows no overlay. */
const SHOW_AFTER_MS = 200;

/** Made once: toLocaleString builds a formatter per call (seen in the page's profile at each progress). */
const NUMBER = new Intl.NumberFormat("en-US");
const count = (n: number, one: string, many: string) => `${NUMBER.format(n)} ${n === 1 ? one : many}`;
const megabytes = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The phase in words: "validating 60,000 links, 50 scenarios", "decompressing 517 KB", … */
export function phaseText(progress: ReadProgress | undefined): string {
  if (!progress) return "starting";
  const size = progress.bytes === undefined ? "" : ` ${megabytes(progress.bytes)}`;
  if (progress.phase !== "validating") return `${progress.phase}${size}`;
  const counts = progress.counts;
  const parts = counts
    ? [
        count(counts.components, "component", "components"),
        counts.links > 0 ? count(counts.links, "link", "links") : "",
        counts.scenarios > 0 ? count(counts.scenarios, "scenario", "scenarios") : "",
      ].filter(Boolean)
    : [];
  return parts.length > 0 ? `validating ${parts.join(", ")}` : `validating${size}`;
}

export function ReadingOverlay() {
  const reading = useReadingStore((s) => s.reading);
  const [nowMs, setNowMs] = useState(() => performance.now());
  useEffect(() => {
    if (!reading) return;
    setNowMs(performance.now());
    const timer = setInterval(() => setNowMs(performance.now()), 250);
    return () => clearInterval(timer);
  }, [reading]);
  if (!reading) return null;
  const elapsedMs = nowMs - reading.startedAtMs;
  if (elapsedMs < SHOW_AFTER_MS) return null;
  return (
    <div className="reading-backdrop">
      <section
        className="reading"
        data-testid="reading"
        data-phase={reading.progress?.phase ?? "starting"}
        role="status"
        aria-live="polite"
      >
        <LoaderCircle className="reading-spinner" size={20} aria-hidden />
        <div className="reading-text">
          <p>
            Reading <strong>{reading.what}</strong>…
          </p>
          <p className="reading-phase" data-testid="reading-phase">
            ({phaseText(reading.progress)}) · {Math.floor(elapsedMs / 1000)} s
          </p>
        </div>
        <button type="button" onClick={reading.cancel} data-testid="reading-cancel">
          Cancel
        </button>
      </section>
    </div>
  );
}

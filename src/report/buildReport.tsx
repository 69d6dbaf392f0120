/**
 * The report as one self-contained HTML document: inline CSS, the canvas as a data-URL PNG,
 * charts as inline SVG, no script and no request of any kind (its Content-Security-Policy forbids
 * both), so it opens from disk, offline, and can be mailed. The body is rendered by React, which
 * escapes every name; the only text written here by hand is the escaped title.
 */
import { renderToStaticMarkup } from "react-dom/server";
import driversCss from "../panels/results/drivers.css?raw";
import resultsCss from "../panels/results.css?raw";
import { Report, type ReportData } from "./Report.tsx";
import reportCss from "./report.css?raw";

/** Nothing may load: no scripts, no fonts, no images but inline ones, only inline styles. */
const POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** `<`, `>`, `&`, `"` and `'` as entities: text safe in an element or an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );
}

/** The complete report document. */
export function buildReportHtml(data: ReportData): string {
  const body = renderToStaticMarkup(<Report data={data} />);
  // our own stylesheets, but a stray closing tag must never end the style element early
  const css = `${resultsCss}\n${driversCss}\n${reportCss}`.replace(/<\/style/gi, "<\\/style");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Seams">',
    `<title>${escapeHtml(data.model.name)} — Seams report</title>`,
    `<style>${css}</style>`,
    "</head>",
    `<body>${body}</body>`,
    "</html>",
    "",
  ].join("\n");
}

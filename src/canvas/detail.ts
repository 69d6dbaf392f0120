/**
 * Level of detail: what a component card draws at a zoom. Close up it is the full card (type icon,
 * name, type and figure); from further away it is its name alone, set in type counter-scaled to the
 * zoom so that a name stays readable at workshop distance (a fitted reference at 1440 × 900 is
 * drawn at about 0.3: 12 px type would be 3.6 px on screen). The counter-scale moves in eighth
 * octaves of zoom, so zooming restyles the cards a few times, not at every wheel tick, and panning
 * never does.
 */

/** Below this zoom a card draws its name alone, in counter-scaled type. */
export const NAMES_BELOW_ZOOM = 0.85;
/** A name's height on screen at least (CSS px) while cards draw names alone. */
export const NAME_SCREEN_PX = 11.25;
/** Names stop growing below this zoom (the model is an overview there: names would overlap). */
export const SMALLEST_LABEL_ZOOM = 0.12;

export type Detail = "full" | "names";

export interface ZoomDetail {
  detail: Detail;
  /** The factor type and marks drawn for the screen are scaled by (1: none). */
  labelScale: number;
}

/**
 * The detail drawn at `zoom`: the counter-scale is 1 / (zoom rounded down to an eighth octave), so
 * a name is NAME_SCREEN_PX to 1.09 × that on screen down to SMALLEST_LABEL_ZOOM.
 */
export function zoomDetail(zoom: number): ZoomDetail {
  if (!(zoom > 0) || zoom >= NAMES_BELOW_ZOOM) return { detail: "full", labelScale: 1 };
  const stepped = 2 ** (Math.floor(Math.log2(Math.max(zoom, SMALLEST_LABEL_ZOOM)) * 8) / 8);
  return { detail: "names", labelScale: Number((1 / stepped).toFixed(4)) };
}

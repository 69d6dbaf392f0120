/**
 * Names people read for the model's enumerations (issue 18: names everywhere a person reads, ids
 * only in JSON): protocols as their standards name them.
 */
import type { Protocol } from "../model/schema.ts";

/** A protocol as its standard names it: `ieee2030_5` → "IEEE 2030.5". */
export const PROTOCOL_LABEL = {
  ocpp16: "OCPP 1.6",
  ocpp201: "OCPP 2.0.1",
  ocpi221: "OCPI 2.2.1",
  oicp: "OICP (Hubject)",
  openadr: "OpenADR",
  oscp: "OSCP",
  iso15118: "ISO 15118",
  ieee2030_5: "IEEE 2030.5",
  eebus: "EEBus",
  rest: "REST API",
  other: "Other",
} as const satisfies Record<Protocol, string>;

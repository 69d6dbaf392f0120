/** The scenario slice: the open scenario session, if any (see store/scenarios.ts for what a session is). */
import type { Model } from "../../model/schema.ts";
import type { SliceCreator } from "./slice.ts";

export interface ScenarioSession {
  /** The scenario being edited, or undefined for a draft that has no name yet. */
  id: string | undefined;
  name: string;
  /** The baseline document (with its scenarios) when the session began. */
  base: Model;
}

export interface ScenarioState {
  session: ScenarioSession | undefined;
}

export const createScenarioSlice: SliceCreator<{ scenario: ScenarioState }> = () => ({
  scenario: { session: undefined },
});

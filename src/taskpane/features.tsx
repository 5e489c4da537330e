import type { ComponentType } from "react";
import { WorkbookCheck } from "./check/WorkbookCheck";
import { FunctionList } from "./functions/FunctionList";
import type { ViewId } from "./store";

/**
 * The pane's features, one folder each, in the order of their tabs. A new feature adds its folder,
 * its ViewId (store.ts) and a line here; the shell (App.tsx) needs no change.
 */
export interface Feature {
  id: ViewId;
  /** The tab's name. */
  label: string;
  View: ComponentType;
}

export const FEATURES: readonly Feature[] = [
  { id: "check", label: "Check", View: WorkbookCheck },
  { id: "functions", label: "Functions", View: FunctionList },
];

import { Spinner } from "@fluentui/react-components";
import { lazy, Suspense, type ComponentType } from "react";
import { CheckIn } from "./checkIn/CheckIn";
import { FunctionList } from "./functions/FunctionList";
import { CheckWithScorecard } from "./scorecard/CheckWithScorecard";
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

/** A feature whose code loads when its tab is first shown (its own webpack chunk). */
function onDemand(load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Lazy = lazy(load);
  return function OnDemand() {
    return (
      <Suspense fallback={<Spinner size="small" labelPosition="after" label="Loading…" />}>
        <Lazy />
      </Suspense>
    );
  };
}

const TemplatesView = onDemand(
  () => import(/* webpackChunkName: "templates" */ "./templates/TemplatesView")
);
const ImportTextView = onDemand(
  () => import(/* webpackChunkName: "importText" */ "./importText/ImportTextView")
);

export const FEATURES: readonly Feature[] = [
  { id: "check", label: "Check", View: CheckWithScorecard },
  { id: "checkIn", label: "Check-in", View: CheckIn },
  { id: "templates", label: "Templates", View: TemplatesView },
  { id: "importText", label: "From my own text", View: ImportTextView },
  { id: "functions", label: "Functions", View: FunctionList },
];

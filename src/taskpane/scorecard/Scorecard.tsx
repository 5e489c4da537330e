import { lazy, Suspense } from "react";
import { usePaneState } from "../PaneContext";

/**
 * The scorecard summary at the top of a view, loaded on demand: the engine's summary code is not
 * needed at first paint, only once the workbook has been read.
 */
const ScorecardSummary = lazy(() => import("./ScorecardSummary"));

export function Scorecard() {
  const read = usePaneState((state) => state.workbook.status === "read");
  if (!read) return null;
  return (
    <Suspense fallback={null}>
      <ScorecardSummary />
    </Suspense>
  );
}

import { useMemo } from "react";
import type { Finding } from "../../okr/rules/types";
import { findingCellLines } from "./formulaText";
import { RepairLineList, type SelectCell } from "./RepairLines";

/**
 * A structure finding's cells, each with what it holds and the formula OKR Studio writes there,
 * as Repair lists its writes: each formula on one line with a button to show it whole, and a list
 * of more than LINES_SHOWN_FLAT cells by sheet and column, each group opened on demand. A column
 * typed over on a big plan is one button, so Repair stays near the top of the pane.
 */
export function FindingCells({ finding, onSelect }: { finding: Finding; onSelect?: SelectCell }) {
  const lines = useMemo(() => findingCellLines(finding), [finding]);
  return (
    <RepairLineList name={`Cells of ${finding.ruleId}`} lines={lines} code onSelect={onSelect} />
  );
}

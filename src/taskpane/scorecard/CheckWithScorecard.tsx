import { WorkbookCheck } from "../check/WorkbookCheck";
import { FileCheck } from "../file/FileCheck";
import { usePaneActions } from "../PaneContext";
import { Scorecard } from "./Scorecard";

/**
 * The Check tab: the scorecard summary of the check's read above the check itself; in the page
 * outside Excel, the check of a chosen file (with its scorecard) instead.
 */
export function CheckWithScorecard() {
  const actions = usePaneActions();
  if (actions.capabilities.openFile?.available === true && actions.openFile !== undefined)
    return <FileCheck />;
  return (
    <>
      <Scorecard />
      <WorkbookCheck />
    </>
  );
}

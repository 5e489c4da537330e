import { WorkbookCheck } from "../check/WorkbookCheck";
import { Scorecard } from "./Scorecard";

/** The Check tab: the scorecard summary of the check's read above the check itself. */
export function CheckWithScorecard() {
  return (
    <>
      <Scorecard />
      <WorkbookCheck />
    </>
  );
}

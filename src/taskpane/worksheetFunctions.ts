/** What the task pane says about each OKR.* worksheet function; the help pages say the rest. */
export interface WorksheetFunction {
  /** Permanent custom-function id, as in functions.json. */
  id: "SCORE" | "PROGRESS" | "STATUS" | "GRADE" | "HEALTH" | "PACE";
  summary: string;
  example: string;
  /** What the example gives, in the user's words. */
  gives: string;
  /** Relative to taskpane.html, so it follows whatever base URL the add-in is served from. */
  helpPage: string;
}

export const NAMESPACE = "OKR";

export const WORKSHEET_FUNCTIONS: readonly WorksheetFunction[] = [
  {
    id: "SCORE",
    summary: "Scores each key result from 0 to 1.",
    example: "=OKR.SCORE(B2:B20, C2:C20, D2:D20)",
    gives: "one score per row",
    helpPage: "help/score.html",
  },
  {
    id: "PROGRESS",
    summary: "Progress toward the target, over-achievement included.",
    example: "=OKR.PROGRESS(88%, 95%, 96%)",
    gives: "1.1429",
    helpPage: "help/progress.html",
  },
  {
    id: "STATUS",
    summary: "Red, Yellow or Green for a score.",
    example: "=OKR.STATUS(0.67)",
    gives: "Yellow",
    helpPage: "help/status.html",
  },
  {
    id: "GRADE",
    summary: "An objective's score: the weighted mean of its key results.",
    example: "=OKR.GRADE({1, 0.81, 0.69, 0.33})",
    gives: "0.7075",
    helpPage: "help/grade.html",
  },
  {
    id: "HEALTH",
    summary: "Whether a plan's average score is ideal, too easy or concerning.",
    example: "=OKR.HEALTH(0.7075)",
    gives: "Ideal",
    helpPage: "help/health.html",
  },
  {
    id: "PACE",
    summary: "On track, Behind or At risk for the time gone in the period.",
    example: "=OKR.PACE(B2, C2, D2, E2, F2, TODAY())",
    gives: "On track, Behind or At risk",
    helpPage: "help/pace.html",
  },
];

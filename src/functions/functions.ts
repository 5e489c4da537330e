/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes cells of any type; the engine checks them. */
import {
  health as healthOf,
  pace as paceOf,
  progress as progressOf,
  score as scoreOf,
  status as statusOf,
} from "../okr/scoring";
import { gradeOfRanges } from "./broadcast";
import { aggregate, broadcast } from "./cells";

/*
 * The OKR.* worksheet functions. Each is a top-level function declaration whose JSDoc
 * custom-functions-metadata-plugin turns into functions.json (the ids after @customfunction are
 * permanent: workbooks refer to them). Every argument is declared as a range (any[][]): a single
 * cell arrives as a 1×1 range and an omitted optional argument as null, so one formula can score a
 * single key result or a whole column, and the result spills. Each JSDoc says what the function's
 * description in descriptions.ts says (summary, @helpurl, @param, @returns): edit the description,
 * then paste the block test/help.test.ts expects; the help pages are generated from the description.
 */

/**
 * Scores key results on the framework's 0.0–1.0 scale: progress from baseline to target, clamped to 0–1. Empty actual: pending (empty cell).
 * @customfunction SCORE
 * @helpurl https://localhost:3000/help/score.html
 * @param baseline Starting value (a cell or a range). Empty counts as 0.
 * @param target Target value (a cell or a range).
 * @param actual Current or final value (a cell or a range). Empty means pending.
 * @param [type] increase, decrease, maintain-above, maintain-below or milestone. Inferred from baseline and target when omitted.
 * @returns The score of each key result, spilling one per row.
 */
export function score(
  baseline: any[][],
  target: any[][],
  actual: any[][],
  type?: any[][]
): any[][] {
  return broadcast(
    [
      ["baseline", baseline],
      ["target", target],
      ["actual", actual],
      ["type", type],
    ],
    scoreOf
  );
}

/**
 * Progress from baseline toward target, not clamped: 1.14 means 14% beyond the target. Empty actual: pending (empty cell).
 * @customfunction PROGRESS
 * @helpurl https://localhost:3000/help/progress.html
 * @param baseline Starting value (a cell or a range). Empty counts as 0.
 * @param target Target value (a cell or a range).
 * @param actual Current or final value (a cell or a range). Empty means pending.
 * @param [type] increase, decrease, maintain-above, maintain-below or milestone. Inferred from baseline and target when omitted.
 * @returns The progress of each key result, spilling one per row.
 */
export function progress(
  baseline: any[][],
  target: any[][],
  actual: any[][],
  type?: any[][]
): any[][] {
  return broadcast(
    [
      ["baseline", baseline],
      ["target", target],
      ["actual", actual],
      ["type", type],
    ],
    progressOf
  );
}

/**
 * Traffic light of a score rounded to 2 decimals: Red below 0.40, Yellow from 0.40, Green from 0.70, Pending when empty.
 * @customfunction STATUS
 * @helpurl https://localhost:3000/help/status.html
 * @param score Score on the 0–1 scale (a cell or a range).
 * @param [red_below] Scores below this are Red. Default 0.4.
 * @param [green_from] Scores from this on are Green. Default 0.7.
 * @returns Red, Yellow, Green or Pending for each score.
 */
export function status(score: any[][], red_below?: any[][], green_from?: any[][]): any[][] {
  return broadcast(
    [
      ["score", score],
      ["red_below", red_below],
      ["green_from", green_from],
    ],
    statusOf
  );
}

/**
 * An objective's score: the weighted mean of its key results' scores. Pending (empty) scores are left out.
 * @customfunction GRADE
 * @helpurl https://localhost:3000/help/grade.html
 * @param scores The key results' scores (a range).
 * @param [weights] A weight per score, the same shape as scores. Default 1 each.
 * @returns The objective's score, or an empty cell when no key result is scored yet.
 */
export function grade(scores: any[][], weights?: any[][]): any {
  return aggregate(
    [
      ["scores", scores],
      ["weights", weights],
    ],
    (scoreCells, weightCells) =>
      gradeOfRanges(scoreCells, weights === null || weights === undefined ? undefined : weightCells)
  );
}

/**
 * Plan health from an average score: Concerning, Below target, Ideal (0.7–0.8), Strong or Too easy.
 * @customfunction HEALTH
 * @helpurl https://localhost:3000/help/health.html
 * @param average Average score on the 0–1 scale (a cell or a range).
 * @param [kind] aspirational (default) or committed. A committed OKR above 0.8 is Strong, never Too easy.
 * @returns The health verdict for each average.
 */
export function health(average: any[][], kind?: any[][]): any[][] {
  return broadcast(
    [
      ["average", average],
      ["kind", kind],
    ],
    healthOf
  );
}

/**
 * Whether a key result keeps pace with its period: On track, Behind (gap up to 0.25) or At risk. Empty actual: pending.
 * @customfunction PACE
 * @helpurl https://localhost:3000/help/pace.html
 * @param baseline Starting value (a cell or a range). Empty counts as 0.
 * @param target Target value (a cell or a range).
 * @param actual Current value (a cell or a range). Empty means pending.
 * @param start First day of the period (a date).
 * @param end Last day of the period (a date).
 * @param [as_of] The day to judge on. Default today; pass TODAY() to follow the date.
 * @param [type] increase, decrease, maintain-above, maintain-below or milestone. Inferred when omitted.
 * @returns On track, Behind or At risk for each key result.
 */
export function pace(
  baseline: any[][],
  target: any[][],
  actual: any[][],
  start: any[][],
  end: any[][],
  as_of?: any[][],
  type?: any[][]
): any[][] {
  return broadcast(
    [
      ["baseline", baseline],
      ["target", target],
      ["actual", actual],
      ["start", start],
      ["end", end],
      ["as_of", as_of],
      ["type", type],
    ],
    paceOf
  );
}

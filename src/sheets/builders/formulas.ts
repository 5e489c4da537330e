import { KEY_RESULT_TYPES } from "../../okr/scoring";
import {
  DISPLAY_DECIMALS,
  HEALTH,
  HEALTH_CONCERNING_BELOW,
  HEALTH_IDEAL_FROM,
  HEALTH_IDEAL_UP_TO,
  HEALTH_STRONG_UP_TO,
  MILESTONE_DONE_WORDS,
  MILESTONE_GRADE,
  MILESTONE_NOT_DONE_WORDS,
  PACE,
  PACE_BEHIND_UP_TO,
  STATUS,
} from "../../okr/thresholds";
import {
  CHECK_IN_HEADERS,
  CHECK_IN_LOG_COLUMNS,
  type CHECK_IN_TREND_HEADERS,
  NAMES,
  SCORECARD_KEY_RESULT_COLUMNS,
  SHEETS,
  columnsByHeader,
} from "../layout";
import { type FormulaStyle, columnLetter } from "../spec";
import { onSheet } from "./sheet";

/**
 * Every formula that restates the engine, in both styles: `portable` spells the engine's rule out
 * in native functions (so the workbook computes without the add-in, in LibreOffice and Google
 * Sheets too: no LET, LAMBDA, FILTER or XLOOKUP), `functions` calls the OKR.* worksheet function
 * that runs the engine itself. Each names the engine function it restates, to be read line by line
 * against src/okr/scoring.ts and src/okr/freshness.ts. Arguments are cell references as the
 * formula writes them ("$G6", "Scorecard!$G6", "$K$6:$K$9"); the sheet builders say where.
 */

/** The cells a key result's progress, score and pace read. */
export interface KeyResultCells {
  type: string;
  baseline: string;
  target: string;
  current: string;
}

/** baseline, target, current, type: the OKR.* functions' argument order. */
function engineArguments(cells: KeyResultCells): string {
  return `${cells.baseline},${cells.target},${cells.current},${cells.type}`;
}

/** A score as a person sees it: rounded to the display decimals, as the engine judges it. */
function shown(scoreCell: string): string {
  return `ROUND(${scoreCell},${DISPLAY_DECIMALS})`;
}

/**
 * scoring.progress spelled out (without the "="): unclamped, or with `clamped` the change clamped
 * to 0–1, which is scoring.score in one cell (milestones and maintain types are 0 or 1 already).
 */
function portableProgress(kr: KeyResultCells, clamped: boolean): string {
  const { type, baseline, target, current } = kr;
  const lower = `LOWER(${current}&"")`;
  const known = KEY_RESULT_TYPES.map((name) => `${type}<>"${name}"`).join(",");
  // scoring.milestoneProgress: TRUE, 1 and the done words → 1; FALSE, 0 and the not-done words
  // → 0 (1 and 0 as text too: LOWER(1&"") is "1"); a number from 0 to 1 → itself (a hand grade).
  const words = (list: readonly string[]) => list.map((word) => `${lower}="${word}"`).join(",");
  const { min, max } = MILESTONE_GRADE;
  const milestone =
    `IF(${current}="","",IF(OR(${current}=TRUE,${words([...MILESTONE_DONE_WORDS, "1"])}),1,` +
    `IF(OR(${current}=FALSE,${words([...MILESTONE_NOT_DONE_WORDS, "0"])}),0,` +
    `IF(AND(ISNUMBER(${current}),${current}>=${min},${current}<=${max}),${current},NA()))))`;
  const maintain = (comparison: string) =>
    `IF(${current}="","",IF(ISNUMBER(${current}),IF(${comparison},1,0),NA()))`;
  const ratio = `(${current}-${baseline})/(${target}-${baseline})`;
  const change =
    `IF(OR(${target}=${baseline},AND(${type}="increase",${target}<${baseline}),AND(${type}="decrease",${target}>${baseline})),NA(),` +
    `IF(${current}="","",${clamped ? `MIN(1,MAX(0,${ratio}))` : ratio}))`;
  return (
    `IF(AND(${baseline}="",${target}="",${current}=""),"",IF(AND(${type}<>"",${known}),NA(),` +
    `IF(OR(${type}="milestone",AND(${type}="",${baseline}="",${target}="")),${milestone},` +
    `IF(${target}="",NA(),IF(${type}="maintain-above",${maintain(`${current}>=${target}`)},` +
    `IF(${type}="maintain-below",${maintain(`${current}<=${target}`)},${change}))))))`
  );
}

/** scoring.progress: unclamped, "" while pending, #N/A where the engine throws. */
export function progress(style: FormulaStyle, kr: KeyResultCells): string {
  if (style === "functions") return `=OKR.PROGRESS(${engineArguments(kr)})`;
  return `=${portableProgress(kr, false)}`;
}

/**
 * scoring.score of any value in one cell, in native functions whatever the workbook's style: the
 * trend's helpers score the plan's own current value and each check-in day's value with it.
 */
export function scoreOfValue(kr: KeyResultCells): string {
  return `=${portableProgress(kr, true)}`;
}

/** scoring.score: progress clamped to 0–1; the portable style clamps the Progress cell. */
export function score(style: FormulaStyle, kr: KeyResultCells, progressCell: string): string {
  return style === "functions"
    ? `=OKR.SCORE(${engineArguments(kr)})`
    : `=IF(${progressCell}="","",MIN(1,MAX(0,${progressCell})))`;
}

/** scoring.status: the traffic light of the shown score, against the plan's thresholds. */
export function status(style: FormulaStyle, scoreCell: string): string {
  if (style === "functions")
    return `=OKR.STATUS(${scoreCell},${NAMES.redBelow},${NAMES.greenFrom})`;
  const rounded = shown(scoreCell);
  return `=IF(${scoreCell}="","${STATUS.pending}",IF(${rounded}<${NAMES.redBelow},"${STATUS.red}",IF(${rounded}>=${NAMES.greenFrom},"${STATUS.green}","${STATUS.yellow}")))`;
}

/** scoring.grade's weight: 1 when empty. */
function weightOrOne(weightCell: string): string {
  return `IF(${weightCell}="",1,${weightCell})`;
}

/**
 * scoring.grade, per key result: the weight its score adds to its objective's total (0 while
 * pending; an error score passes on as the error).
 */
export function scoredWeight(scoreCell: string, weightCell: string): string {
  return `=IF(ISNUMBER(${scoreCell}),${weightOrOne(weightCell)},IF(${scoreCell}="",0,${scoreCell}))`;
}

/** scoring.grade, per key result: its weighted score (0 while pending; an error passes on). */
export function weightedScore(scoreCell: string, weightCell: string): string {
  return `=IF(ISNUMBER(${scoreCell}),${scoreCell}*${weightOrOne(weightCell)},IF(${scoreCell}="",0,${scoreCell}))`;
}

/** The key-result table's columns an objective's grade reads, whole. */
export interface GradeColumns {
  objectiveIds: string;
  scoredWeights: string;
  weightedScores: string;
  scores: string;
}

/**
 * scoring.grade: the weighted mean of the objective's key results' scores, pending ones left out;
 * "" with none scored, #N/A when the scored weights add up to 0. The key results are found by
 * objective id in the helper columns, never by row, so sorting the key-result table changes no
 * grade (issue 10). One formula for both styles: OKR.GRADE over the objective's own scores would
 * need an IF array, which an .xlsx cell without Excel's dynamic-array mark and LibreOffice both
 * evaluate by implicit intersection (#VALUE!).
 */
export function objectiveGrade(idCell: string, columns: GradeColumns): string {
  const { objectiveIds: ids, scoredWeights: weights, weightedScores: weighted, scores } = columns;
  return `=IF(SUMIFS(${weights},${ids},${idCell})=0,IF(COUNTIFS(${ids},${idCell},${scores},">=0")=0,"",NA()),SUMIFS(${weighted},${ids},${idCell})/SUMIFS(${weights},${ids},${idCell}))`;
}

/** scoring.grade of the objectives' scores, unweighted (summary's overall score): "" with none. */
export function overallScore(style: FormulaStyle, objectiveScores: string): string {
  return style === "functions"
    ? `=OKR.GRADE(${objectiveScores})`
    : `=IF(COUNT(${objectiveScores})=0,"",AVERAGE(${objectiveScores}))`;
}

/** scoring.health of the overall score; committed when every objective is (as summary judges). */
export function health(style: FormulaStyle, averageCell: string, committed: boolean): string {
  if (style === "functions")
    return `=OKR.HEALTH(${averageCell},"${committed ? "committed" : "aspirational"}")`;
  const rounded = shown(averageCell);
  const strong = committed
    ? `"${HEALTH.strong}"`
    : `IF(${rounded}<=${HEALTH_STRONG_UP_TO},"${HEALTH.strong}","${HEALTH.tooEasy}")`;
  return (
    `=IF(${averageCell}="","",IF(${rounded}<${HEALTH_CONCERNING_BELOW},"${HEALTH.concerning}",` +
    `IF(${rounded}<${HEALTH_IDEAL_FROM},"${HEALTH.belowTarget}",IF(${rounded}<=${HEALTH_IDEAL_UP_TO},"${HEALTH.ideal}",${strong}))))`
  );
}

/** scoring.paceDetails' expected: the share of the plan's period elapsed on `day`, 0–1. */
function elapsedShare(day: string): string {
  const { periodStart: start, periodEnd: end } = NAMES;
  return `MIN(1,MAX(0,(${day}-${start})/(${end}-${start})))`;
}

/**
 * scoring.pace as of today over the plan's period: "" while pending or without period dates. The
 * portable style reads the Progress cell; the functions style recomputes progress from the cells.
 */
export function pace(style: FormulaStyle, kr: KeyResultCells, progressCell: string): string {
  const { periodStart: start, periodEnd: end } = NAMES;
  const pending = `OR(${progressCell}="",${start}="",${end}="")`;
  if (style === "functions")
    return `=IF(${pending},"",OKR.PACE(${kr.baseline},${kr.target},${kr.current},${start},${end},TODAY(),${kr.type}))`;
  const expected = elapsedShare("INT(TODAY())");
  const gap = `ROUND(${expected}-${progressCell},${DISPLAY_DECIMALS})`;
  return (
    `=IF(${pending},"",` +
    `IF(${gap}<=0,"${PACE.onTrack}",IF(${gap}<=${PACE_BEHIND_UP_TO},"${PACE.behind}","${PACE.atRisk}")))`
  );
}

const CHECK_IN = columnsByHeader(CHECK_IN_HEADERS);

/** Where the columns the Valid formula reads are, 0-based on the sheet. */
export interface CheckInColumns {
  keyResult: number;
  value: number;
  entry: number;
  replaces: number;
}

/** The Check-ins sheet as the builder lays it out. */
export const CHECK_IN_COLUMNS: CheckInColumns = {
  keyResult: CHECK_IN["Key Result"],
  value: CHECK_IN.Value,
  entry: CHECK_IN.Entry,
  replaces: CHECK_IN.Replaces,
};

/**
 * The Valid helper of the check-in on sheet row `row` (0-based): empty for a row without a key
 * result, 0 for a withdrawal (it replaces an entry and has no value) and for an entry that any
 * row's Replaces names (a later correction or withdrawal; entries are unique, so no row position
 * is needed), else 1. One COUNTIF over the Replaces column, no LET/FILTER/XLOOKUP: LibreOffice
 * and Google Sheets compute it too. Entries are written by the task pane as letters, digits and
 * hyphens, which COUNTIF reads literally (no wildcard or comparison). The engine has no function
 * for it: the reader's `readCheckIns` (src/sheets/read/checkIns.ts) applies the same rule.
 */
export function checkInValidFormula(
  row: number,
  columns: CheckInColumns = CHECK_IN_COLUMNS
): string {
  const cell = (column: number) => `${columnLetter(column)}${row + 1}`;
  const replaces = `$${columnLetter(columns.replaces)}:$${columnLetter(columns.replaces)}`;
  const [keyResult, value, entry, replaced] = [
    cell(columns.keyResult),
    cell(columns.value),
    cell(columns.entry),
    cell(columns.replaces),
  ];
  return (
    `=IF(${keyResult}="","",IF(AND(${replaced}<>"",${value}=""),0,` +
    `IF(${entry}="",1,IF(COUNTIF(${replaces},${entry})=0,1,0))))`
  );
}

/** A whole column of the Check-ins sheet: 'Check-ins'!$C:$C. */
function checkInColumn(header: (typeof CHECK_IN_LOG_COLUMNS)[number]): string {
  const letter = columnLetter(CHECK_IN_LOG_COLUMN[header]);
  return onSheet(SHEETS.checkIns, `$${letter}:$${letter}`);
}

/**
 * The COUNTIFS criteria of a key result's counted check-ins. A check-in counts unless its Valid
 * cell is 0 ("<>0" also matches an empty cell, so a row typed without the Valid formula counts,
 * as it did before the column existed).
 */
function countedCheckIns(idCell: string): string {
  return `${checkInColumn("Key Result")},${idCell},${checkInColumn("Valid")},"<>0"`;
}

/**
 * freshness.latestCheckIns, over the counted check-ins: the date of the key result's latest one,
 * "" when it has none.
 */
export function lastCheckIn(idCell: string): string {
  const counted = countedCheckIns(idCell);
  return `=IF(COUNTIFS(${counted})=0,"",MAXIFS(${checkInColumn("Date")},${counted}))`;
}

/**
 * The key result's current value: its latest counted check-in's value (the day's mean when there
 * are several; TRUE and the done words count as 1, the not-done words as 0), else the plan's own
 * value. The engine has no function for it: it scores the current value it is given.
 */
export function currentValue(cells: {
  id: string;
  lastCheckIn: string;
  planCurrent: string;
}): string {
  const { lastCheckIn: day, planCurrent: planned } = cells;
  const mean = dayMean(
    {
      date: checkInColumn("Date"),
      keyResult: checkInColumn("Key Result"),
      value: checkInColumn("Value"),
      valid: checkInColumn("Valid"),
    },
    cells.id,
    day
  );
  return `=IF(${day}="",IF(${planned}="","",${planned}),${mean})`;
}

/** Whole columns of a check-in log, as a formula refers to them. */
interface LogColumns {
  date: string;
  keyResult: string;
  value: string;
  valid: string;
}

/**
 * The mean value of a key result's counted check-ins on `day` (TRUE and the done words count as 1, the not-done words as 0):
 * what Current shows for its latest day, and what the trend's Day Value holds for every day.
 */
function dayMean(log: LogColumns, idCell: string, day: string): string {
  const same = `${log.keyResult},${idCell},${log.valid},"<>0",${log.date},${day}`;
  // "true" as a criterion already matches the boolean TRUE: once, not twice.
  const done = [
    ...MILESTONE_DONE_WORDS.filter((word) => word !== "true").map((word) => `"${word}"`),
    "TRUE",
  ]
    .map((criterion) => `COUNTIFS(${same},${log.value},${criterion})`)
    .join("+");
  return `(SUMIFS(${log.value},${same})+${done})/COUNTIFS(${same})`;
}

/** freshness.staleness' days: whole days since the latest check-in, "" without one. */
export function daysSince(lastCheckInCell: string): string {
  return `=IF(${lastCheckInCell}="","",INT(TODAY())-${lastCheckInCell})`;
}

/**
 * freshness.staleness: Yes when the latest check-in is more than the Stale-after days ago, or,
 * with none, when the period started longer ago than that. Unlike the engine it does not ask
 * whether the plan is Active.
 */
export function stale(lastCheckInCell: string, daysSinceCell: string): string {
  const { periodStart: start, staleAfterDays: days } = NAMES;
  return `=IF(${lastCheckInCell}="",IF(AND(${start}<>"",INT(TODAY())-${start}>${days}),"Yes",""),IF(${daysSinceCell}>${days},"Yes",""))`;
}

/**
 * At risk: Yes when the status is Red or the pace At risk (summary's `atRisk` lists the pace
 * alone).
 */
export function atRisk(statusCell: string, paceCell: string): string {
  return `=IF(OR(${statusCell}="${STATUS.red}",${paceCell}="${PACE.atRisk}"),"Yes","")`;
}

// ---------------------------------------------------------------------------------------------
// The Dashboard's trend (issue 10): each objective's score as of each week, from the Check-ins
// log. Exact by telescoping: a key result's score as of a day is its plan score plus the changes
// of its counted check-in days up to that day, each day's change being (its score that day) −
// (its score the counted day before, or its plan score). Each check-in row carries its share of
// its day's change, weighted as scoring.grade weighs it, so an objective's weighted sum and scored
// weight as of a day are two SUMIFS over the log, and the table stays weeks × objectives.

const KEY_RESULT = columnsByHeader(SCORECARD_KEY_RESULT_COLUMNS);

/** A column of the key-result table, for the row found at `position` (1-based) of its table. */
function keyResultAt(
  position: string,
  header: (typeof SCORECARD_KEY_RESULT_COLUMNS)[number]
): string {
  return `INDEX(${NAMES.keyResults},${position},${KEY_RESULT[header] + 1})`;
}

/** Where a check-in log's columns are, 0-based on its sheet, by header. */
export type CheckInLogColumns = Record<(typeof CHECK_IN_LOG_COLUMNS)[number], number>;

/** The Check-ins sheet as the builder lays it out, trend helpers included. */
export const CHECK_IN_LOG_COLUMN: CheckInLogColumns = columnsByHeader(CHECK_IN_LOG_COLUMNS);

/**
 * The trend helpers of the check-in on sheet row `row` (0-based), by header (see
 * CHECK_IN_TREND_HEADERS). The check-in writer writes them with each row it adds, and the builder
 * on every row of the table, so they never depend on more than the log's own columns and the
 * Scorecard's names. In native functions in both styles (no LET, LAMBDA, FILTER or XLOOKUP).
 */
export function checkInTrendFormulas(
  row: number,
  columns: CheckInLogColumns = CHECK_IN_LOG_COLUMN
): Record<(typeof CHECK_IN_TREND_HEADERS)[number], string> {
  const cell = (header: keyof CheckInLogColumns) => `$${columnLetter(columns[header])}${row + 1}`;
  const whole = (header: keyof CheckInLogColumns) => {
    const letter = columnLetter(columns[header]);
    return `$${letter}:$${letter}`;
  };
  const log: LogColumns = {
    date: whole("Date"),
    keyResult: whole("Key Result"),
    value: whole("Value"),
    valid: whole("Valid"),
  };
  const [date, id, position] = [cell("Date"), cell("Key Result"), cell("Scorecard Position")];
  const counted = `${log.keyResult},${id},${log.valid},"<>0"`;
  const rowsThatDay = `COUNTIFS(${counted},${log.date},${date})`;
  const before = `${counted},${log.date},"<"&${date}`;
  const dayBefore = `${counted},${log.date},MAXIFS(${log.date},${before})`;
  const weight = weightOrOne(keyResultAt(position, "Weight"));
  const [dayScore, scoreBefore] = [cell("Day Score"), cell("Score Before")];
  return {
    // A row counts unless its Valid is 0 (an empty Valid counts, as in countedCheckIns), with a
    // date and a key result on the Scorecard.
    "Scorecard Position":
      `=IF(OR(${id}="",NOT(ISNUMBER(${date})),${cell("Valid")}&""="0"),"",` +
      `IFERROR(MATCH(${id},${NAMES.keyResultIds},0),""))`,
    "Objective ID": `=IF(${position}="","",${keyResultAt(position, "Objective ID")}&"")`,
    "Day Value": `=IF(${position}="","",${dayMean(log, id, date)})`,
    "Day Score": `=IF(${position}="","",${dayScoreOf(
      {
        type: keyResultAt(position, "Type"),
        baseline: keyResultAt(position, "Baseline"),
        target: keyResultAt(position, "Target"),
        current: cell("Day Value"),
      },
      keyResultAt(position, "Plan Score")
    )})`,
    // The day before's rows all hold its score: their sum over their count (HyperFormula has no
    // AVERAGEIFS).
    "Score Before":
      `=IF(${position}="","",IF(COUNTIFS(${before})=0,${keyResultAt(position, "Plan Score")},` +
      `SUMIFS(${whole("Day Score")},${dayBefore})/COUNTIFS(${dayBefore})))`,
    // scoring.grade's terms, weight × (score that day − score before) and weight × (scored that
    // day − scored before), shared among the day's rows; an error score passes on as the error.
    "Weighted Change":
      `=IF(${position}="",0,(${gradeTerm(dayScore, dayScore)}-${gradeTerm(scoreBefore, scoreBefore)})` +
      `*${weight}/${rowsThatDay})`,
    "Weight Change":
      `=IF(${position}="",0,(${gradeTerm(dayScore, "1")}-${gradeTerm(scoreBefore, "1")})` +
      `*${weight}/${rowsThatDay})`,
  };
}

/** scoring.grade's part of a score, per unit of weight: `scored` (0 while pending; an error passes on). */
function gradeTerm(scoreCell: string, scored: string): string {
  return `IF(ISNUMBER(${scoreCell}),${scored},IF(${scoreCell}="",0,${scoreCell}))`;
}

/**
 * scoring.score of a check-in day's value (a number: the day's mean), shorter than
 * portableProgress because the key result's plan score has already judged its type, baseline and
 * target: where the engine throws for them, the plan score is #N/A and passes on. Left to judge:
 * a milestone's value (1 or 0, else #N/A), a missing target (#N/A), and the type's rule.
 */
function dayScoreOf(kr: KeyResultCells, planScore: string): string {
  const { type, baseline, target, current: value } = kr;
  return (
    `IF(ISERROR(${planScore}),${planScore},` +
    `IF(OR(${type}="milestone",AND(${type}="",${baseline}="",${target}="")),IF(OR(${value}=0,${value}=1),${value},NA()),` +
    `IF(${target}="",NA(),IF(${type}="maintain-above",IF(${value}>=${target},1,0),` +
    `IF(${type}="maintain-below",IF(${value}<=${target},1,0),` +
    `MIN(1,MAX(0,(${value}-${baseline})/(${target}-${baseline}))))))))`
  );
}

/** The cells and columns one trend cell reads. */
export interface TrendCells {
  /** The week's last day, the day the scores are as of ("" beyond the period). */
  weekEnd: string;
  /** The objective's id (the column's header cell). */
  objectiveId: string;
  /** The Scorecard's key-result columns, whole: Objective ID, Plan Scored Weight, Plan Weighted Score. */
  objectiveIds: string;
  planScoredWeights: string;
  planWeightedScores: string;
}

/** The trend's week ends: the first row's, then each from the one above, "" past the period's end. */
export function trendFirstWeekEnd(): string {
  const { periodStart: start, periodEnd: end } = NAMES;
  return `=IF(OR(${start}="",${end}=""),"",MIN(${end},${start}+6))`;
}

export function trendNextWeekEnd(previousCell: string): string {
  const end = NAMES.periodEnd;
  return `=IF(OR(${previousCell}="",${end}=""),"",IF(${previousCell}>=${end},"",MIN(${end},${previousCell}+7)))`;
}

/**
 * A week that has not begun shows #N/A, which a line chart leaves out (a gap), where "" would be
 * drawn as 0; its Ideal pace is still shown.
 */
function weekNotBegun(weekEnd: string): string {
  return `MAX(${NAMES.periodStart},${weekEnd}-6)>INT(TODAY())`;
}

/**
 * scoring.grade of the objective as of the week's last day: (its key results' plan weighted
 * scores + the log's weighted changes up to that day) / (their scored weights + the weight
 * changes); "" with none scored.
 */
export function trendObjectiveScore(cells: TrendCells): string {
  const sheet = checkInColumn;
  const upTo = `${sheet("Objective ID")},${cells.objectiveId},${sheet("Date")},"<="&${cells.weekEnd}`;
  const weighted = `SUMIFS(${cells.planWeightedScores},${cells.objectiveIds},${cells.objectiveId})+SUMIFS(${sheet("Weighted Change")},${upTo})`;
  const weights = `SUMIFS(${cells.planScoredWeights},${cells.objectiveIds},${cells.objectiveId})+SUMIFS(${sheet("Weight Change")},${upTo})`;
  return (
    `=IF(${cells.weekEnd}="","",IF(${weekNotBegun(cells.weekEnd)},NA(),` +
    `IF(ROUND(${weights},9)=0,"",(${weighted})/(${weights}))))`
  );
}

/** The plan's score as of the week: the objectives' row, as overallScore (portable). */
export function trendPlanScore(weekEnd: string, objectiveScores: string): string {
  return `=IF(${weekEnd}="","",IF(${weekNotBegun(weekEnd)},NA(),${overallScore("portable", objectiveScores).slice(1)}))`;
}

/** The ideal pace as of the week: the share of the period elapsed, as scoring.pace expects it. */
export function trendIdealPace(weekEnd: string): string {
  return `=IF(${weekEnd}="","",${elapsedShare(weekEnd)})`;
}

import type { KeyResult, Objective, Plan } from "../okr/model";
import { PLAN_STATUSES } from "../okr/model";
import { KEY_RESULT_TYPES } from "../okr/scoring";
import {
  GREEN_FROM,
  HEALTH,
  HEALTH_CONCERNING_BELOW,
  HEALTH_IDEAL_FROM,
  HEALTH_IDEAL_UP_TO,
  HEALTH_STRONG_UP_TO,
  OKR_KINDS,
  PACE,
  PACE_BEHIND_UP_TO,
  RED_BELOW,
  STATUS,
} from "../okr/thresholds";
import {
  CHECK_IN_HEADERS,
  DASHBOARD_HEADERS,
  DECISION_HEADERS,
  KEY_RESULT_HEADERS,
  KEY_RESULT_HELPER_HEADERS,
  NAMES,
  OBJECTIVE_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  REVIEW_OBJECTIVE_HEADERS,
  SHEETS,
  STALE_AFTER_DAYS,
  TABLES,
} from "./layout";
import { periodDates } from "../okr/period";
import {
  type CellContent,
  type CellRange,
  type CellSpec,
  type CellStyle,
  type ConditionalFormatSpec,
  type FormulaStyle,
  type SheetSpec,
  type WorkbookSpec,
  cellAddress,
  columnLetter,
  sheetReference,
} from "./spec";

/**
 * Plan → workbook spec: the five sheets a team runs its quarter on. Scores, statuses, grades,
 * health and pace are live formulas, in one of two styles: `portable` (native functions only, so
 * the workbook computes the same numbers without the add-in, in Excel on the web, LibreOffice
 * and Google Sheets) or `functions` (the OKR.* worksheet functions). Both give the engine's
 * numbers and labels. Percentages are stored as fractions (85% as 0.85) with a percent format,
 * as a person typing "85%" into Excel would get.
 */

export interface BuildOptions {
  style?: FormulaStyle;
}

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 16, fontColor: "#1F3864" },
  subtitle: { italic: true, fontColor: "#595959" },
  label: { bold: true },
  header: { bold: true, fontColor: "#FFFFFF", fill: "#1F4E79", wrap: true },
  section: { bold: true, fontSize: 12, fontColor: "#1F4E79" },
  score: { numberFormat: "0.00" },
  date: { numberFormat: "yyyy-mm-dd" },
  wrap: { wrap: true },
  integer: { numberFormat: "0" },
  red: { fill: "#FFC7CE", fontColor: "#9C0006" },
  yellow: { fill: "#FFEB9C", fontColor: "#9C5700" },
  green: { fill: "#C6EFCE", fontColor: "#006100" },
  hidden: { fontColor: "#808080" },
};

const LIGHTS: [string, string, string][] = [
  [STATUS.red, "#FFC7CE", "#9C0006"],
  [STATUS.yellow, "#FFEB9C", "#9C5700"],
  [STATUS.green, "#C6EFCE", "#006100"],
  [PACE.atRisk, "#FFC7CE", "#9C0006"],
  [PACE.behind, "#FFEB9C", "#9C5700"],
  [PACE.onTrack, "#C6EFCE", "#006100"],
];

const text = (value: string): CellContent => ({ kind: "text", text: value });
const number = (value: number): CellContent => ({ kind: "number", value });
const formula = (value: string): CellContent => ({ kind: "formula", formula: value });

/** Collects one sheet's cells and features. */
class SheetBuilder {
  readonly spec: SheetSpec;

  constructor(name: string) {
    this.spec = {
      name,
      cells: [],
      columns: [],
      frozenRows: 0,
      tables: [],
      validations: [],
      conditionalFormats: [],
      merges: [],
      print: { landscape: true, fitToWidth: true },
    };
  }

  set(row: number, column: number, content: CellContent | null, style?: string): void {
    if (content === null) return;
    const cell: CellSpec = { row, column, content };
    if (style) cell.style = style;
    this.spec.cells.push(cell);
  }

  row(row: number, column: number, contents: (CellContent | null)[], style?: string): void {
    contents.forEach((content, offset) => this.set(row, column + offset, content, style));
  }

  widths(widths: number[], hidden: number[] = []): void {
    this.spec.columns = widths.map((width, index) =>
      hidden.includes(index) ? { index, width, hidden: true } : { index, width }
    );
  }

  table(name: string, range: CellRange): void {
    this.spec.tables.push({ name, range, style: "TableStyleMedium2" });
  }

  lights(range: CellRange): void {
    for (const [label, fill, fontColor] of LIGHTS) {
      const rule: ConditionalFormatSpec = {
        range,
        kind: "textEquals",
        text: label,
        fill,
        fontColor,
      };
      this.spec.conditionalFormats.push(rule);
    }
  }
}

const columnRange = (firstRow: number, lastRow: number, column: number): CellRange => ({
  startRow: firstRow,
  startColumn: column,
  endRow: lastRow,
  endColumn: column,
});

/** How a key result's numbers are stored and shown. */
function isPercent(unit: string | null): boolean {
  return unit !== null && unit.startsWith("%");
}

function stored(value: number, unit: string | null): number {
  return isPercent(unit) ? Number((value / 100).toPrecision(15)) : value;
}

function numberFormat(unit: string | null, values: number[]): string | undefined {
  if (isPercent(unit)) {
    const decimals = Math.max(
      0,
      ...values.map((value) => (String(value).split(".")[1] ?? "").length)
    );
    return decimals === 0 ? "0%" : `0.${"0".repeat(Math.min(decimals, 4))}%`;
  }
  if (unit && /^[$€£]$/.test(unit)) return `"${unit}"#,##0`;
  if (
    values.every((value) => Number.isInteger(value)) &&
    values.some((value) => Math.abs(value) >= 1000)
  )
    return "#,##0";
  return undefined;
}

/** A key result's current value as a cell would hold it. */
function currentValue(kr: KeyResult): number | null {
  if (kr.current === null) return null;
  if (typeof kr.current === "boolean") return kr.current ? 1 : 0;
  return kr.type === "milestone" ? kr.current : stored(kr.current, kr.unit);
}

interface Placed {
  objective: Objective;
  kr: KeyResult;
  /** 0-based row on the Scorecard. */
  row: number;
}

// Scorecard columns, by header.
const K = Object.fromEntries(KEY_RESULT_HEADERS.map((header, index) => [header, index])) as Record<
  (typeof KEY_RESULT_HEADERS)[number],
  number
>;
const HELPER = {
  objectiveId: KEY_RESULT_HEADERS.length,
  scoredWeight: KEY_RESULT_HEADERS.length + 1,
  weightedScore: KEY_RESULT_HEADERS.length + 2,
  planCurrent: KEY_RESULT_HEADERS.length + 3,
};
const O = Object.fromEntries(OBJECTIVE_HEADERS.map((header, index) => [header, index])) as Record<
  (typeof OBJECTIVE_HEADERS)[number],
  number
>;

/** "$G6": a column of the key-result row, column-absolute. */
function at(column: number, row: number): string {
  return `$${columnLetter(column)}${row + 1}`;
}

/** The status formula on a score cell, portable. */
function portableStatus(scoreCell: string): string {
  const shown = `ROUND(${scoreCell},2)`;
  return `=IF(${scoreCell}="","${STATUS.pending}",IF(${shown}<${NAMES.redBelow},"${STATUS.red}",IF(${shown}>=${NAMES.greenFrom},"${STATUS.green}","${STATUS.yellow}")))`;
}

function portableHealth(averageCell: string, committed: boolean): string {
  const shown = `ROUND(${averageCell},2)`;
  const strong = committed
    ? `"${HEALTH.strong}"`
    : `IF(${shown}<=${HEALTH_STRONG_UP_TO},"${HEALTH.strong}","${HEALTH.tooEasy}")`;
  return (
    `=IF(${averageCell}="","",IF(${shown}<${HEALTH_CONCERNING_BELOW},"${HEALTH.concerning}",` +
    `IF(${shown}<${HEALTH_IDEAL_FROM},"${HEALTH.belowTarget}",IF(${shown}<=${HEALTH_IDEAL_UP_TO},"${HEALTH.ideal}",${strong}))))`
  );
}

/** Progress of the key result on Scorecard row `row`, as the engine computes it, in native functions. */
function portableProgress(row: number): string {
  const [type, baseline, target, current] = [
    at(K.Type, row),
    at(K.Baseline, row),
    at(K.Target, row),
    at(K.Current, row),
  ];
  const lower = `LOWER(${current}&"")`;
  const known = KEY_RESULT_TYPES.map((name) => `${type}<>"${name}"`).join(",");
  const milestone =
    `IF(${current}="","",IF(OR(${current}=TRUE,${current}=1,${lower}="done",${lower}="yes",${lower}="true"),1,` +
    `IF(OR(${current}=FALSE,${current}=0,${lower}="not done",${lower}="no",${lower}="false"),0,NA())))`;
  const maintain = (comparison: string) =>
    `IF(${current}="","",IF(ISNUMBER(${current}),IF(${comparison},1,0),NA()))`;
  const change =
    `IF(OR(${target}=${baseline},AND(${type}="increase",${target}<${baseline}),AND(${type}="decrease",${target}>${baseline})),NA(),` +
    `IF(${current}="","",(${current}-${baseline})/(${target}-${baseline})))`;
  return (
    `=IF(AND(${baseline}="",${target}="",${current}=""),"",IF(AND(${type}<>"",${known}),NA(),` +
    `IF(OR(${type}="milestone",AND(${type}="",${baseline}="",${target}="")),${milestone},` +
    `IF(${target}="",NA(),IF(${type}="maintain-above",${maintain(`${current}>=${target}`)},` +
    `IF(${type}="maintain-below",${maintain(`${current}<=${target}`)},${change}))))))`
  );
}

// Check-ins columns, by header.
const C = Object.fromEntries(CHECK_IN_HEADERS.map((header, index) => [header, index])) as Record<
  (typeof CHECK_IN_HEADERS)[number],
  number
>;

/** Where the columns the Valid formula reads are, 0-based on the sheet. */
export interface CheckInColumns {
  keyResult: number;
  value: number;
  entry: number;
  replaces: number;
}

/** The Check-ins sheet as the builder lays it out. */
export const CHECK_IN_COLUMNS: CheckInColumns = {
  keyResult: C["Key Result"],
  value: C.Value,
  entry: C.Entry,
  replaces: C.Replaces,
};

/**
 * The Valid helper of the check-in on sheet row `row` (0-based): empty for a row without a key
 * result, 0 for a withdrawal (it replaces an entry and has no value) and for an entry that any
 * row's Replaces names (a later correction or withdrawal; entries are unique, so no row position
 * is needed), else 1. One COUNTIF over the Replaces column, no LET/FILTER/XLOOKUP: LibreOffice
 * and Google Sheets compute it too. Entries are written by the task pane as letters, digits and
 * hyphens, which COUNTIF reads literally (no wildcard or comparison).
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

function checkInRef(header: (typeof CHECK_IN_HEADERS)[number]): string {
  const letter = columnLetter(C[header]);
  return `${sheetReference(SHEETS.checkIns)}!$${letter}:$${letter}`;
}

/**
 * A check-in counts unless its Valid cell is 0 ("<>0" also matches an empty cell, so a row typed
 * without the Valid formula counts, as it did before the column existed).
 */
function countedCheckIns(id: string): string {
  return `${checkInRef("Key Result")},${id},${checkInRef("Valid")},"<>0"`;
}

/** The latest valid check-in's value (the day's mean when there are several), else the plan's value. */
function currentFormula(row: number): string {
  const [dates, values] = [checkInRef("Date"), checkInRef("Value")];
  const id = at(K.ID, row);
  const day = at(K["Last Check-in"], row);
  const same = `${countedCheckIns(id)},${dates},${day}`;
  const done = ['"done"', '"yes"', "TRUE"]
    .map((criterion) => `COUNTIFS(${same},${values},${criterion})`)
    .join("+");
  const planned = at(HELPER.planCurrent, row);
  return `=IF(${day}="",IF(${planned}="","",${planned}),(SUMIFS(${values},${same})+${done})/COUNTIFS(${same}))`;
}

/** The date of the latest valid check-in. */
function lastCheckInFormula(row: number): string {
  const counted = countedCheckIns(at(K.ID, row));
  return `=IF(COUNTIFS(${counted})=0,"",MAXIFS(${checkInRef("Date")},${counted}))`;
}

export function buildWorkbook(plan: Plan, options: BuildOptions = {}): WorkbookSpec {
  const style: FormulaStyle = options.style ?? "portable";
  const portable = style === "portable";
  const dates = periodDates(plan.period);
  const styles: Record<string, CellStyle> = { ...STYLES };
  const styleFor = (format: string | undefined): string | undefined => {
    if (!format) return undefined;
    const name = `number:${format}`;
    styles[name] = { numberFormat: format };
    return name;
  };

  // Sheet "OKR Plan": the cover, and the cells the defined names point to.
  const cover = new SheetBuilder(SHEETS.plan);
  cover.set(0, 0, text(`OKR Plan: ${plan.project || "Untitled project"}`), "title");
  const coverRows: [string, CellContent | null, string?][] = [
    ["Project", text(plan.project)],
    ["Period", text(plan.period)],
    ["Owner", text(plan.owner)],
    ["Contributors", text(plan.contributors.join(", "))],
    ["Status", text(plan.status)],
    ["Period start", dates ? { kind: "date", serial: dates.start } : null, "date"],
    ["Period end", dates ? { kind: "date", serial: dates.end } : null, "date"],
  ];
  coverRows.forEach(([label, value, valueStyle], index) => {
    cover.set(2 + index, 0, text(label), "label");
    cover.set(2 + index, 1, value, valueStyle);
  });
  const statusRow = 2 + 4;
  cover.spec.validations.push({
    range: columnRange(statusRow, statusRow, 1),
    kind: "list",
    values: [...PLAN_STATUSES],
    message: `Status is one of ${PLAN_STATUSES.join(", ")}`,
  });
  const [startRow, endRow] = [2 + 5, 2 + 6];
  let next = 10;
  if (plan.alignment) {
    cover.set(next, 0, text("Alignment"), "section");
    const chain: [string, string][] = [
      ["Company objective", plan.alignment.company],
      ["Business unit objective", plan.alignment.businessUnit],
      ["Project objective", plan.alignment.project],
    ];
    chain.forEach(([label, value], index) => {
      cover.set(next + 1 + index, 0, text(label), "label");
      cover.set(next + 1 + index, 1, text(value), "wrap");
    });
    next += 5;
  }
  cover.set(next, 0, text("Scoring legend"), "section");
  cover.row(
    next + 1,
    0,
    [text("Status"), text("Score (rounded to 2 decimals)"), text("Meaning")],
    "header"
  );
  const redRow = next + 2;
  const greenRow = next + 4;
  const legend: [number, string, CellContent, string, string][] = [
    [
      redRow,
      STATUS.red,
      number(RED_BELOW),
      "We failed to make real progress",
      "← below this score (edit to change the threshold)",
    ],
    [
      next + 3,
      STATUS.yellow,
      text("from the Red threshold to below the Green one"),
      "Made progress but fell short",
      "",
    ],
    [
      greenRow,
      STATUS.green,
      number(GREEN_FROM),
      "Success! Achieved or exceeded goal",
      "← from this score on",
    ],
  ];
  for (const [row, label, threshold, meaning, hint] of legend) {
    cover.set(row, 0, text(label), label.toLowerCase());
    cover.set(row, 1, threshold, threshold.kind === "number" ? "score" : undefined);
    cover.set(row, 2, text(meaning));
    if (hint) cover.set(row, 3, text(hint), "subtitle");
  }
  cover.row(next + 5, 0, [text(STATUS.pending), text("no current value yet"), text("Not scored")]);
  const staleRow = next + 7;
  cover.set(staleRow, 0, text("Stale after (days)"), "label");
  cover.set(staleRow, 1, number(STALE_AFTER_DAYS), "integer");
  next += 9;
  cover.set(next, 0, text("Plan health (average score)"), "section");
  const verdicts: [string, string][] = [
    [
      HEALTH.concerning,
      `below ${HEALTH_CONCERNING_BELOW}: goals may be too ambitious, or execution issues`,
    ],
    [HEALTH.belowTarget, `${HEALTH_CONCERNING_BELOW} to below ${HEALTH_IDEAL_FROM}`],
    [
      HEALTH.ideal,
      `${HEALTH_IDEAL_FROM} to ${HEALTH_IDEAL_UP_TO}: stretch goals, hard to fully achieve`,
    ],
    [
      HEALTH.strong,
      `above ${HEALTH_IDEAL_UP_TO} to ${HEALTH_STRONG_UP_TO}; a committed OKR above ${HEALTH_IDEAL_UP_TO} is always Strong`,
    ],
    [HEALTH.tooEasy, `above ${HEALTH_STRONG_UP_TO}: not ambitious enough, raise the bar`],
  ];
  verdicts.forEach(([verdict, meaning], index) =>
    cover.row(next + 1 + index, 0, [text(verdict), text(meaning)])
  );
  next += 7;
  cover.set(next, 0, text("How to use this workbook"), "section");
  const howTo = [
    `Scorecard: type each key result's current value in the Current column, or record check-ins on the ${SHEETS.checkIns} sheet; scores, statuses and grades follow.`,
    `${SHEETS.checkIns}: add a row per update (date, key-result ID, value); the latest one becomes the key result's current value.`,
    `Dashboard: quarterly targets and the traffic lights at a glance. ${SHEETS.review}: what to discuss at the monthly leadership review.`,
    "Scores are 0.0–1.0: 0.7 is success for an ambitious OKR. Edit the thresholds above to change the traffic lights everywhere.",
    portable
      ? "The formulas use native spreadsheet functions only: the workbook computes without the OKR Studio add-in."
      : "The formulas use the OKR.* functions of the OKR Studio add-in: every reader needs the add-in.",
  ];
  howTo.forEach((line, index) => cover.set(next + 1 + index, 0, text(line)));
  cover.widths([26, 46, 40, 44]);

  // Sheet "Scorecard".
  const card = new SheetBuilder(SHEETS.scorecard);
  const headerRow = 4;
  const firstKr = headerRow + 1;
  const placed: Placed[] = [];
  plan.objectives.forEach((objective) =>
    objective.keyResults.forEach((kr) =>
      placed.push({ objective, kr, row: firstKr + placed.length })
    )
  );
  const lastKr = Math.max(firstKr, firstKr + placed.length - 1);
  const objectiveHeaderRow = lastKr + 3;
  const firstObjective = objectiveHeaderRow + 1;
  const lastObjective = Math.max(firstObjective, firstObjective + plan.objectives.length - 1);
  const committed =
    plan.objectives.length > 0 &&
    plan.objectives.every((objective) => objective.kind === "committed");

  card.set(0, 0, text(`Scorecard: ${plan.project || "Untitled project"}`), "title");
  card.set(
    1,
    0,
    text([plan.period, plan.owner, plan.status].filter((part) => part).join(" · ")),
    "subtitle"
  );
  const objectiveScores = `$${columnLetter(O.Score)}$${firstObjective + 1}:$${columnLetter(O.Score)}$${lastObjective + 1}`;
  const statuses = `$${columnLetter(K.Status)}$${firstKr + 1}:$${columnLetter(K.Status)}$${lastKr + 1}`;
  const overall = cellAddress(2, 1);
  card.set(2, 0, text("Overall score"), "label");
  card.set(
    2,
    1,
    formula(
      portable
        ? `=IF(COUNT(${objectiveScores})=0,"",AVERAGE(${objectiveScores}))`
        : `=OKR.GRADE(${objectiveScores})`
    ),
    "score"
  );
  card.set(2, 2, text("Health"), "label");
  card.set(
    2,
    3,
    formula(
      portable
        ? portableHealth(overall, committed)
        : `=OKR.HEALTH(${overall},"${committed ? "committed" : "aspirational"}")`
    )
  );
  [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].forEach((label, index) => {
    card.set(
      2,
      4 + index * 2,
      text(label),
      label === STATUS.pending ? "label" : label.toLowerCase()
    );
    card.set(2, 5 + index * 2, formula(`=COUNTIF(${statuses},"${label}")`), "integer");
  });
  card.row(headerRow, 0, [...KEY_RESULT_HEADERS, ...KEY_RESULT_HELPER_HEADERS].map(text), "header");

  for (const { objective, kr, row } of placed) {
    const values = [
      kr.baseline,
      kr.target,
      typeof kr.current === "number" ? kr.current : null,
    ].filter((value): value is number => value !== null);
    const format = styleFor(kr.type === "milestone" ? undefined : numberFormat(kr.unit, values));
    card.set(row, K.ID, text(kr.id));
    card.set(row, K.Objective, text(objective.title), "wrap");
    card.set(row, K["Key Result"], text(kr.text), "wrap");
    card.row(row, K.Type, [
      kr.type ? text(kr.type) : null,
      kr.owner ? text(kr.owner) : null,
      kr.unit ? text(kr.unit) : null,
    ]);
    card.set(
      row,
      K.Baseline,
      kr.baseline === null ? null : number(stored(kr.baseline, kr.unit)),
      format
    );
    card.set(row, K.Target, kr.target === null ? null : number(stored(kr.target, kr.unit)), format);
    card.set(row, K.Current, formula(currentFormula(row)), format);
    const args = `${at(K.Baseline, row)},${at(K.Target, row)},${at(K.Current, row)},${at(K.Type, row)}`;
    card.set(
      row,
      K.Progress,
      formula(portable ? portableProgress(row) : `=OKR.PROGRESS(${args})`),
      "score"
    );
    card.set(
      row,
      K.Score,
      formula(
        portable
          ? `=IF(${at(K.Progress, row)}="","",MIN(1,MAX(0,${at(K.Progress, row)})))`
          : `=OKR.SCORE(${args})`
      ),
      "score"
    );
    card.set(
      row,
      K.Status,
      formula(
        portable
          ? portableStatus(at(K.Score, row))
          : `=OKR.STATUS(${at(K.Score, row)},${NAMES.redBelow},${NAMES.greenFrom})`
      )
    );
    card.set(row, K.Weight, number(kr.weight));
    card.set(row, K["Last Check-in"], formula(lastCheckInFormula(row)), "date");
    if (kr.notes.length > 0) card.set(row, K.Notes, text(kr.notes.join("; ")), "wrap");
    const scoreCell = at(K.Score, row);
    const weight = `IF(${at(K.Weight, row)}="",1,${at(K.Weight, row)})`;
    card.set(row, HELPER.objectiveId, text(objective.id), "hidden");
    const planned = currentValue(kr);
    card.set(row, HELPER.planCurrent, planned === null ? null : number(planned), format);
    card.set(
      row,
      HELPER.scoredWeight,
      formula(`=IF(ISNUMBER(${scoreCell}),${weight},IF(${scoreCell}="",0,${scoreCell}))`),
      "hidden"
    );
    card.set(
      row,
      HELPER.weightedScore,
      formula(
        `=IF(ISNUMBER(${scoreCell}),${scoreCell}*${weight},IF(${scoreCell}="",0,${scoreCell}))`
      ),
      "hidden"
    );
  }
  const krTable: CellRange = {
    startRow: headerRow,
    startColumn: 0,
    endRow: lastKr,
    endColumn: HELPER.planCurrent,
  };
  card.table(TABLES.keyResults, krTable);
  card.lights(columnRange(firstKr, lastKr, K.Status));
  card.spec.validations.push(
    {
      range: columnRange(firstKr, lastKr, K.Type),
      kind: "list",
      values: [...KEY_RESULT_TYPES],
      message: `Type is one of ${KEY_RESULT_TYPES.join(", ")}`,
    },
    {
      range: columnRange(firstKr, lastKr, K.Confidence),
      kind: "decimal",
      min: 0,
      max: 1,
      message: "Confidence is from 0 to 1",
    },
    {
      range: columnRange(firstKr, lastKr, K.Weight),
      kind: "decimal",
      min: 0,
      max: 1000,
      message: "Weight is a number of 0 or more",
    }
  );

  const column = (index: number, first: number, last: number) =>
    `$${columnLetter(index)}$${first + 1}:$${columnLetter(index)}$${last + 1}`;
  card.row(objectiveHeaderRow, 0, OBJECTIVE_HEADERS.map(text), "header");
  plan.objectives.forEach((objective, index) => {
    const row = firstObjective + index;
    const own = placed.filter((entry) => entry.objective === objective).map((entry) => entry.row);
    card.set(row, O.ID, text(objective.id));
    card.set(row, O.Objective, text(objective.title), "wrap");
    card.row(row, O.Owner, [
      objective.owner ? text(objective.owner) : null,
      objective.timeline ? text(objective.timeline) : null,
      text(objective.kind),
    ]);
    const id = at(O.ID, row);
    const ids = column(HELPER.objectiveId, firstKr, lastKr);
    const weights = column(HELPER.scoredWeight, firstKr, lastKr);
    const weighted = column(HELPER.weightedScore, firstKr, lastKr);
    const scores = column(K.Score, firstKr, lastKr);
    const grade = portable
      ? `=IF(SUMIFS(${weights},${ids},${id})=0,IF(COUNTIFS(${ids},${id},${scores},">=0")=0,"",NA()),SUMIFS(${weighted},${ids},${id})/SUMIFS(${weights},${ids},${id}))`
      : own.length === 0
        ? `=""`
        : `=OKR.GRADE(${column(K.Score, own[0], own[own.length - 1])},${column(K.Weight, own[0], own[own.length - 1])})`;
    card.set(row, O.Score, formula(grade), "score");
    card.set(
      row,
      O.Status,
      formula(
        portable
          ? portableStatus(at(O.Score, row))
          : `=OKR.STATUS(${at(O.Score, row)},${NAMES.redBelow},${NAMES.greenFrom})`
      )
    );
  });
  card.table(TABLES.objectives, {
    startRow: objectiveHeaderRow,
    startColumn: 0,
    endRow: lastObjective,
    endColumn: OBJECTIVE_HEADERS.length - 1,
  });
  card.lights(columnRange(firstObjective, lastObjective, O.Status));
  card.lights(columnRange(2, 2, 3));
  card.spec.validations.push({
    range: columnRange(firstObjective, lastObjective, O.Kind),
    kind: "list",
    values: [...OKR_KINDS],
    message: "Kind is aspirational or committed",
  });
  card.spec.frozenRows = headerRow + 1;
  card.widths(
    [14, 30, 48, 15, 18, 12, 11, 11, 11, 10, 9, 10, 8, 11, 13, 30, 12, 12, 12, 12],
    [HELPER.objectiveId, HELPER.scoredWeight, HELPER.weightedScore, HELPER.planCurrent]
  );

  const scorecard = (column: number, row: number) => `${SHEETS.scorecard}!${at(column, row)}`;

  // Sheet "Dashboard": the framework's dashboard template, objectives with their key results below.
  const board = new SheetBuilder(SHEETS.dashboard);
  board.set(0, 0, text(`Dashboard: ${plan.project || "Untitled project"}`), "title");
  board.set(1, 0, text(plan.period), "subtitle");
  board.row(3, 0, DASHBOARD_HEADERS.map(text), "header");
  const quarters = dates ? [dates.firstQuarter, dates.lastQuarter] : [1, 4];
  const interpolate = (from: number, to: number, quarter: number): number | null => {
    if (quarter < quarters[0] || quarter > quarters[1]) return null;
    const share = (quarter - quarters[0] + 1) / (quarters[1] - quarters[0] + 1);
    return Number((from + (to - from) * share).toPrecision(12));
  };
  let boardRow = 4;
  plan.objectives.forEach((objective, objectiveIndex) => {
    const objectiveRow = firstObjective + objectiveIndex;
    const targets =
      objective.quarterlyTargets ?? [1, 2, 3, 4].map((quarter) => interpolate(0, 1, quarter));
    board.row(
      boardRow,
      0,
      [
        text(`Obj ${objectiveIndex + 1}: ${objective.title}`),
        objective.owner ? text(objective.owner) : null,
      ],
      "label"
    );
    targets.forEach((target, quarter) =>
      board.set(boardRow, 2 + quarter, target === null ? null : number(target), "score")
    );
    board.set(boardRow, 6, formula(`=${scorecard(O.Score, objectiveRow)}`), "score");
    board.set(boardRow, 7, formula(`=${scorecard(O.Score, objectiveRow)}`), "score");
    board.set(boardRow, 8, formula(`=${scorecard(O.Status, objectiveRow)}`));
    board.set(boardRow, 9, formula(`=IF(${at(7, boardRow)}="","",${at(7, boardRow)})`), "score");
    boardRow += 1;
    objective.keyResults.forEach((kr, krIndex) => {
      const entry = placed.find((candidate) => candidate.kr === kr)!;
      const format = styleFor(
        kr.type === "milestone"
          ? undefined
          : numberFormat(
              kr.unit,
              [kr.baseline, kr.target].filter((value): value is number => value !== null)
            )
      );
      board.row(boardRow, 0, [
        text(`KR ${objectiveIndex + 1}.${krIndex + 1}: ${kr.text}`),
        kr.owner ? text(kr.owner) : null,
      ]);
      const krTargets =
        kr.quarterlyTargets ??
        [1, 2, 3, 4].map((quarter) =>
          kr.target === null || kr.type === "milestone"
            ? null
            : kr.type === "maintain-above" || kr.type === "maintain-below"
              ? interpolate(kr.target, kr.target, quarter)
              : interpolate(kr.baseline ?? 0, kr.target, quarter)
        );
      krTargets.forEach((target, quarter) =>
        board.set(
          boardRow,
          2 + quarter,
          target === null ? null : number(stored(target, kr.unit)),
          format
        )
      );
      board.set(boardRow, 6, formula(`=${scorecard(K.Current, entry.row)}`), format);
      board.set(boardRow, 7, formula(`=${scorecard(K.Score, entry.row)}`), "score");
      board.set(boardRow, 8, formula(`=${scorecard(K.Status, entry.row)}`));
      board.set(boardRow, 9, formula(`=IF(${at(7, boardRow)}="","",${at(7, boardRow)})`), "score");
      boardRow += 1;
    });
  });
  const lastBoard = Math.max(4, boardRow - 1);
  board.table(TABLES.dashboard, {
    startRow: 3,
    startColumn: 0,
    endRow: lastBoard,
    endColumn: DASHBOARD_HEADERS.length - 1,
  });
  board.lights(columnRange(4, lastBoard, 8));
  board.spec.conditionalFormats.push({
    range: columnRange(4, lastBoard, 9),
    kind: "dataBar",
    min: 0,
    max: 1,
    color: "#5B9BD5",
  });
  board.spec.frozenRows = 4;
  board.widths([60, 18, 11, 11, 11, 11, 11, 9, 10, 16]);

  // Sheet "Check-ins": append-only; the latest valid check-in of a key result is its current
  // value. Every row of the table holds the Valid formula (Excel keeps it as the table's
  // calculated column); a row added below without it still counts.
  const log = new SheetBuilder(SHEETS.checkIns);
  log.row(0, 0, CHECK_IN_HEADERS.map(text), "header");
  const logRows = Math.max(20, placed.length);
  for (let row = 1; row <= logRows; row++)
    log.set(row, C.Valid, formula(checkInValidFormula(row)), "hidden");
  log.table(TABLES.checkIns, {
    startRow: 0,
    startColumn: 0,
    endRow: logRows,
    endColumn: CHECK_IN_HEADERS.length - 1,
  });
  log.spec.validations.push(
    { range: columnRange(1, logRows, C.Date), kind: "date", message: "The date of the check-in" },
    {
      range: columnRange(1, logRows, C["Key Result"]),
      kind: "list",
      values: placed.length > 0 ? placed.map((entry) => entry.kr.id) : ["O1.KR1"],
      message: "The ID of a key result on the Scorecard",
    },
    {
      range: columnRange(1, logRows, C.Confidence),
      kind: "decimal",
      min: 0,
      max: 1,
      message: "Confidence is from 0 to 1",
    }
  );
  log.spec.frozenRows = 1;
  log.widths([12, 12, 12, 12, 50, 18, 14, 14, 8]);

  // Sheet "Monthly Review".
  const review = new SheetBuilder(SHEETS.review);
  review.set(0, 0, text(`Monthly Review: ${plan.project || "Untitled project"}`), "title");
  review.set(1, 0, text("Review date"), "label");
  review.set(1, 1, formula("=TODAY()"), "date");
  review.set(1, 2, text("Overall score"), "label");
  review.set(1, 3, formula(`=${SHEETS.scorecard}!${cellAddress(2, 1, true)}`), "score");
  review.set(1, 4, text("Health"), "label");
  review.set(1, 5, formula(`=${SHEETS.scorecard}!${cellAddress(2, 3, true)}`));
  review.set(3, 0, text("Progress per objective"), "section");
  review.row(4, 0, REVIEW_OBJECTIVE_HEADERS.map(text), "header");
  const statusOf = column(K.Status, firstKr, lastKr);
  const idsOf = column(HELPER.objectiveId, firstKr, lastKr);
  const scorecardRange = (range: string) => `${SHEETS.scorecard}!${range}`;
  plan.objectives.forEach((objective, index) => {
    const row = 5 + index;
    const objectiveRow = firstObjective + index;
    review.row(
      row,
      0,
      [text(objective.title), objective.owner ? text(objective.owner) : null],
      "wrap"
    );
    review.set(row, 2, formula(`=${scorecard(O.Score, objectiveRow)}`), "score");
    review.set(row, 3, formula(`=${scorecard(O.Status, objectiveRow)}`));
    review.set(row, 4, formula(`=COUNTIF(${scorecardRange(idsOf)},"${objective.id}")`), "integer");
    [STATUS.red, STATUS.yellow, STATUS.green, STATUS.pending].forEach((label, offset) =>
      review.set(
        row,
        5 + offset,
        formula(
          `=COUNTIFS(${scorecardRange(idsOf)},"${objective.id}",${scorecardRange(statusOf)},"${label}")`
        ),
        "integer"
      )
    );
  });
  const lastReviewObjective = Math.max(5, 5 + plan.objectives.length - 1);
  review.table(TABLES.reviewObjectives, {
    startRow: 4,
    startColumn: 0,
    endRow: lastReviewObjective,
    endColumn: REVIEW_OBJECTIVE_HEADERS.length - 1,
  });
  review.lights(columnRange(5, lastReviewObjective, 3));

  const krSection = lastReviewObjective + 2;
  review.set(
    krSection,
    0,
    text(
      "Key results: at risk (Red, or pace At risk) and stale (no check-in for longer than the Stale-after days)"
    ),
    "section"
  );
  const reviewHeader = krSection + 1;
  review.row(reviewHeader, 0, REVIEW_KEY_RESULT_HEADERS.map(text), "header");
  placed.forEach((entry, index) => {
    const row = reviewHeader + 1 + index;
    const { kr } = entry;
    review.set(row, 0, text(kr.id));
    review.set(row, 1, text(kr.text), "wrap");
    review.set(row, 2, kr.owner ? text(kr.owner) : null);
    review.set(row, 3, formula(`=${scorecard(K.Score, entry.row)}`), "score");
    review.set(row, 4, formula(`=${scorecard(K.Status, entry.row)}`));
    const progressCell = scorecard(K.Progress, entry.row);
    const pace = portable
      ? (() => {
          const expected = `MIN(1,MAX(0,(INT(TODAY())-${NAMES.periodStart})/(${NAMES.periodEnd}-${NAMES.periodStart})))`;
          const gap = `ROUND(${expected}-${progressCell},2)`;
          return (
            `=IF(OR(${progressCell}="",${NAMES.periodStart}="",${NAMES.periodEnd}=""),"",` +
            `IF(${gap}<=0,"${PACE.onTrack}",IF(${gap}<=${PACE_BEHIND_UP_TO},"${PACE.behind}","${PACE.atRisk}")))`
          );
        })()
      : `=IF(OR(${progressCell}="",${NAMES.periodStart}="",${NAMES.periodEnd}=""),"",OKR.PACE(${scorecard(K.Baseline, entry.row)},${scorecard(K.Target, entry.row)},${scorecard(K.Current, entry.row)},${NAMES.periodStart},${NAMES.periodEnd},TODAY(),${scorecard(K.Type, entry.row)}))`;
    review.set(row, 5, formula(pace));
    review.set(row, 6, formula(`=${scorecard(K["Last Check-in"], entry.row)}`), "date");
    review.set(row, 7, formula(`=IF(${at(6, row)}="","",INT(TODAY())-${at(6, row)})`), "integer");
    review.set(
      row,
      8,
      formula(`=IF(OR(${at(4, row)}="${STATUS.red}",${at(5, row)}="${PACE.atRisk}"),"Yes","")`)
    );
    review.set(
      row,
      9,
      formula(
        `=IF(${at(6, row)}="",IF(AND(${NAMES.periodStart}<>"",INT(TODAY())-${NAMES.periodStart}>${NAMES.staleAfterDays}),"Yes",""),IF(${at(7, row)}>${NAMES.staleAfterDays},"Yes",""))`
      )
    );
  });
  const lastReviewKr = Math.max(reviewHeader + 1, reviewHeader + placed.length);
  review.table(TABLES.reviewKeyResults, {
    startRow: reviewHeader,
    startColumn: 0,
    endRow: lastReviewKr,
    endColumn: REVIEW_KEY_RESULT_HEADERS.length - 1,
  });
  review.lights(columnRange(reviewHeader + 1, lastReviewKr, 4));
  review.lights(columnRange(reviewHeader + 1, lastReviewKr, 5));
  for (const flag of [8, 9]) {
    review.spec.conditionalFormats.push({
      range: columnRange(reviewHeader + 1, lastReviewKr, flag),
      kind: "textEquals",
      text: "Yes",
      fill: "#FFC7CE",
      fontColor: "#9C0006",
    });
  }

  const decisionSection = lastReviewKr + 2;
  review.set(decisionSection, 0, text("Decisions and action items"), "section");
  review.row(decisionSection + 1, 0, DECISION_HEADERS.map(text), "header");
  review.table(TABLES.decisions, {
    startRow: decisionSection + 1,
    startColumn: 0,
    endRow: decisionSection + 4,
    endColumn: DECISION_HEADERS.length - 1,
  });
  review.spec.validations.push(
    {
      range: columnRange(decisionSection + 2, decisionSection + 4, 0),
      kind: "date",
      message: "The date of the decision",
    },
    {
      range: columnRange(decisionSection + 2, decisionSection + 4, 3),
      kind: "date",
      message: "When it is due",
    },
    {
      range: columnRange(decisionSection + 2, decisionSection + 4, 4),
      kind: "list",
      values: ["Open", "In progress", "Done"],
      message: "Open, In progress or Done",
    }
  );
  review.widths([48, 48, 18, 9, 10, 10, 13, 10, 9, 9]);

  const planCell = (row: number) => `=${sheetReference(SHEETS.plan)}!${cellAddress(row, 1, true)}`;
  return {
    style,
    sheets: [cover.spec, card.spec, board.spec, log.spec, review.spec],
    names: [
      { name: NAMES.redBelow, formula: planCell(redRow) },
      { name: NAMES.greenFrom, formula: planCell(greenRow) },
      { name: NAMES.periodStart, formula: planCell(startRow) },
      { name: NAMES.periodEnd, formula: planCell(endRow) },
      { name: NAMES.staleAfterDays, formula: planCell(staleRow) },
    ],
    styles,
  };
}

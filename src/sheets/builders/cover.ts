import type { Plan } from "../../okr/model";
import { PLAN_STATUSES } from "../../okr/model";
import type { PeriodDates } from "../../okr/period";
import {
  GREEN_FROM,
  HEALTH,
  HEALTH_CONCERNING_BELOW,
  HEALTH_IDEAL_FROM,
  HEALTH_IDEAL_UP_TO,
  HEALTH_STRONG_UP_TO,
  RED_BELOW,
  STATUS,
} from "../../okr/thresholds";
import { NAMES, SHEETS, STALE_AFTER_DAYS } from "../layout";
import {
  type CellContent,
  type DefinedNameSpec,
  type FormulaStyle,
  type SheetSpec,
  cellAddress,
  sheetReference,
} from "../spec";
import { SheetBuilder, columnRange, number, text } from "./sheet";

/** The cover's label column and value column: a label, with its value beside it. */
const LABEL = 0;
const VALUE = 1;

/**
 * Sheet "OKR Plan": the cover, with the plan header, the alignment, the scoring legend and how to
 * use the workbook. It holds the cells the defined names point to (the thresholds, the period and
 * the Stale-after days), so a person edits them in one place; `names` are those names.
 */
export function buildCover(
  plan: Plan,
  dates: PeriodDates | null,
  style: FormulaStyle
): { spec: SheetSpec; names: DefinedNameSpec[] } {
  const cover = new SheetBuilder(SHEETS.plan);
  cover.set(0, 0, text(`OKR Plan: ${plan.project || "Untitled project"}`), "title");
  const headerRows: [string, CellContent | null, string?][] = [
    ["Project", text(plan.project)],
    ["Period", text(plan.period)],
    ["Owner", text(plan.owner)],
    ["Contributors", text(plan.contributors.join(", "))],
    ["Status", text(plan.status)],
    ["Period start", dates ? { kind: "date", serial: dates.start } : null, "date"],
    ["Period end", dates ? { kind: "date", serial: dates.end } : null, "date"],
  ];
  const firstHeaderRow = 2;
  headerRows.forEach(([label, value, valueStyle], index) => {
    cover.set(firstHeaderRow + index, LABEL, text(label), "label");
    cover.set(firstHeaderRow + index, VALUE, value, valueStyle);
  });
  const headerRow = (label: string) =>
    firstHeaderRow + headerRows.findIndex(([name]) => name === label);
  const statusRow = headerRow("Status");
  cover.spec.validations.push({
    range: columnRange(statusRow, statusRow, VALUE),
    kind: "list",
    values: [...PLAN_STATUSES],
    message: `Status is one of ${PLAN_STATUSES.join(", ")}`,
  });
  const [startRow, endRow] = [headerRow("Period start"), headerRow("Period end")];
  let next = 10;
  if (plan.alignment) {
    cover.set(next, 0, text("Alignment"), "section");
    const chain: [string, string][] = [
      ["Company objective", plan.alignment.company],
      ["Business unit objective", plan.alignment.businessUnit],
      ["Project objective", plan.alignment.project],
    ];
    chain.forEach(([label, value], index) => {
      cover.set(next + 1 + index, LABEL, text(label), "label");
      cover.set(next + 1 + index, VALUE, text(value), "wrap");
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
    cover.set(row, VALUE, threshold, threshold.kind === "number" ? "score" : undefined);
    cover.set(row, 2, text(meaning));
    if (hint) cover.set(row, 3, text(hint), "subtitle");
  }
  cover.row(next + 5, 0, [text(STATUS.pending), text("no current value yet"), text("Not scored")]);
  const staleRow = next + 7;
  cover.set(staleRow, LABEL, text("Stale after (days)"), "label");
  cover.set(staleRow, VALUE, number(STALE_AFTER_DAYS), "integer");
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
    style === "portable"
      ? "The formulas use native spreadsheet functions only: the workbook computes without the OKR Studio add-in."
      : "The formulas use the OKR.* functions of the OKR Studio add-in: every reader needs the add-in.",
  ];
  howTo.forEach((line, index) => cover.set(next + 1 + index, 0, text(line)));
  cover.widths([26, 46, 40, 44]);

  const valueCell = (row: number) =>
    `=${sheetReference(SHEETS.plan)}!${cellAddress(row, VALUE, true)}`;
  return {
    spec: cover.spec,
    names: [
      { name: NAMES.redBelow, formula: valueCell(redRow) },
      { name: NAMES.greenFrom, formula: valueCell(greenRow) },
      { name: NAMES.periodStart, formula: valueCell(startRow) },
      { name: NAMES.periodEnd, formula: valueCell(endRow) },
      { name: NAMES.staleAfterDays, formula: valueCell(staleRow) },
    ],
  };
}

import { loadWorkbook } from "../src/hosts/memory";
import { checkWorkbook, type Finding, STRUCTURE_RULE_IDS } from "../src/okr/rules";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS, TABLES } from "../src/sheets/layout";
import { readWorkbookFacts } from "../src/sheets/structure";
import type { FormulaStyle, WorkbookSpec } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";

/**
 * Issue 13: every non-empty row of every sheet of a generated workbook, deleted the way a
 * spreadsheet program deletes it (HyperFormula's removeRows, which rewrites references to #REF!),
 * gives at least one structure finding at its place or next to it (the row above, or the one that
 * moved up into its place), or naming a table of its sheet, and each rule lists each cell once
 * (in one finding, at one place), and no finding lists a place the deletion does not explain (a
 * computed cell far below, told typed over because the rows below moved up); in both formula
 * styles.
 *
 * Not damage, by rule: a key result's row on the Scorecard and a check-in's row in the log (the
 * log's rows below its header), which are edits of the plan's content (the plan read back no
 * longer has them, so nothing is missing); an empty row (it held nothing the workbook reads).
 */

const TODAY = 46100;
const STRUCTURE: readonly string[] = STRUCTURE_RULE_IDS;

function rowOf(address: string): number {
  return Number(/\d+/.exec(address.replace(/\$/g, ""))![0]) - 1;
}

/** Whether a finding is at (or next to) the deleted row of the sheet, or names its table. */
function tells(finding: Finding, sheet: string, row: number, tables: readonly string[]): boolean {
  const places = [
    ...(finding.location ? [finding.location] : []),
    ...(finding.cells ?? []).map((cell) => ({ sheet: cell.sheet, address: cell.address })),
  ].filter((place) => place.sheet === sheet);
  return (
    places.some((place) => {
      const at = rowOf(place.address.split(":")[0]);
      return at >= row - 1 && at <= row;
    }) ||
    (places.length > 0 && tables.some((table) => finding.message.includes(`the ${table} table`)))
  );
}

/**
 * The places a finding lists that the deletion does not explain: a cell (or, without cells, its
 * location) away from the deleted row (not the row above, nor the one that moved up into its
 * place), unless the finding is a broken reference (OKR022: a formula that read the deleted row,
 * wherever it is) or names a table of the sheet (a header row gone: its cells are where the table
 * is). A computed cell told typed over or rewritten (OKR021, OKR028) far below the deleted row is
 * such a finding: the rows below moved up, and the check did not follow them.
 */
function unexplained(
  finding: Finding,
  sheet: string,
  row: number,
  tables: readonly string[]
): string[] {
  if (finding.ruleId === "OKR022") return [];
  if (tables.some((table) => finding.message.includes(`the ${table} table`))) return [];
  const places =
    finding.cells !== undefined && finding.cells.length > 0
      ? finding.cells.map((cell) => ({ sheet: cell.sheet, address: cell.address }))
      : finding.location
        ? [finding.location]
        : [];
  return places
    .filter((place) => {
      if (place.sheet !== sheet) return true;
      const at = rowOf(place.address.split(":")[0]);
      return at < row - 1 || at > row;
    })
    .map((place) => `${finding.ruleId} ${place.sheet}!${place.address}`);
}

/** The rows a person deletes as content: a key result's on the Scorecard, a check-in's. */
function contentRows(spec: WorkbookSpec, sheet: string): Set<number> {
  const rows = new Set<number>();
  for (const table of spec.sheets.find((entry) => entry.name === sheet)?.tables ?? [])
    if (table.name === TABLES.keyResults || table.name === TABLES.checkIns)
      for (let row = table.range.startRow + 1; row <= table.range.endRow; row++) rows.add(row);
  return rows;
}

/**
 * Findings beyond the deletion's place that are still told, each with why, by sheet: the test
 * asserts exactly these, so a fix shows here. None today: Scorecard row 17, the first
 * objective's row of the objectives table, once gave a false OKR021 at Dashboard!O13, because the
 * plan read back listed O1 after O2; the reader now puts an objective the table lacks where its
 * key results are.
 */
const KNOWN: Record<string, string[]> = {};

const CASES = (["portable", "functions"] as FormulaStyle[]).flatMap((style) =>
  Object.values(SHEETS).map((sheet) => [sheet, style] as const)
);

describe("every non-empty row deleted is reported at its place", () => {
  test.each(CASES)("%s (%s style)", (sheet, style) => {
    const plan = withCurrents(instantiate(templateById("predictive-analytics")!));
    const spec = buildWorkbook(plan, { style });
    const generated = loadWorkbook(spec, { today: TODAY });
    const snapshot = generated.snapshot();
    generated.dispose();
    const content = contentRows(spec, sheet);
    const rows = snapshot.sheets
      .find((entry) => entry.name === sheet)!
      .rows.filter((row) => row.cells.some((cell) => cell.value !== null && cell.value !== ""))
      .map((row) => row.row)
      .filter((row) => !content.has(row));
    const tables = spec.sheets.find((entry) => entry.name === sheet)!.tables.map((t) => t.name);
    const unseen: number[] = [];
    const twice: number[] = [];
    const beyond: string[] = [];
    for (const row of rows) {
      const workbook = loadWorkbook(spec, { today: TODAY });
      try {
        workbook.engine.removeRows(workbook.engine.getSheetId(sheet)!, [row, 1]);
        const findings = checkWorkbook(readWorkbookFacts(workbook.snapshot()), {
          asOf: TODAY,
        }).filter((finding) => STRUCTURE.includes(finding.ruleId));
        if (!findings.some((finding) => tells(finding, sheet, row, tables))) unseen.push(row + 1);
        for (const finding of findings)
          for (const place of unexplained(finding, sheet, row, tables))
            beyond.push(`row ${row + 1}: ${place}`);
        // Each damage once: no cell listed twice by a rule, and no builder formula of a column
        // listed at two places (the same deleted cells told by two findings). A cell a deleted
        // row's cells are listed at may also hold a formula the deletion broke (OKR022 there).
        const listed = findings.flatMap((finding) =>
          (finding.cells ?? []).map((cell) => ({ ...cell, rule: finding.ruleId }))
        );
        const places = listed.map((cell) => `${cell.rule}!${cell.sheet}!${cell.address}`);
        const formulas = listed
          .filter((cell) => cell.expected !== null)
          .map(
            (cell) =>
              `${cell.rule}!${cell.sheet}!${cell.address.replace(/\d+$/, "")}!${cell.expected}`
          );
        if (places.length !== new Set(places).size || formulas.length !== new Set(formulas).size)
          twice.push(row + 1);
      } finally {
        workbook.dispose();
      }
    }
    // Every sheet has rows of its own to delete (the Check-ins sheet: its header row).
    expect(rows.length).toBeGreaterThan(0);
    expect({ sheet, unseen, twice, beyond }).toEqual({
      sheet,
      unseen: [],
      twice: [],
      beyond: KNOWN[sheet] ?? [],
    });
  });
});

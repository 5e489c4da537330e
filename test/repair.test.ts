import fc from "fast-check";
import { loadWorkbook, type MemoryWorkbook } from "../src/hosts/memory";
import { checkWorkbook, type Finding } from "../src/okr/rules";
import { STRUCTURE_RULE_IDS } from "../src/okr/rules/catalogue";
import { instantiate, templateById } from "../src/okr/templates";
import { score } from "../src/okr/scoring";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import { planRepair, type RepairPlan } from "../src/sheets/repair";
import { cellAt } from "../src/sheets/snapshot";
import { cellAddress, type FormulaStyle, type WorkbookSnapshot } from "../src/sheets/spec";
import { normalisedFormula, readWorkbookFacts } from "../src/sheets/structure";
import { contentBytes, repairBatches, REQUEST_BUDGET_BYTES } from "../src/hosts/excel/repair";
import { readOf, repairPlanOf } from "../src/taskpane/readAndCheck";
import {
  applyPlan,
  at,
  expectBuilderFormulas,
  expectNothingLost,
  sheetId,
} from "./support/repairHarness";
import { withCurrents } from "./support/plans";
import { propertyRuns } from "./support/reach";

/**
 * Repair (issue 13) over real generated workbooks damaged in HyperFormula: the plan is applied
 * as a host would write it, the workbook recalculates, and then the structure check finds
 * nothing, every computed cell holds the builder's formula, the scores are the engine's, no cell
 * a person owns changed, and every typed value is kept where the plan says.
 */

const STYLES: FormulaStyle[] = ["portable", "functions"];
const TODAY = 46100;

function workbookOf(templateId: string, style: FormulaStyle): MemoryWorkbook {
  const plan = withCurrents(instantiate(templateById(templateId)!));
  return loadWorkbook(buildWorkbook(plan, { style }), { today: TODAY });
}

function structureOf(snapshot: WorkbookSnapshot): Finding[] {
  return checkWorkbook(readWorkbookFacts(snapshot), { asOf: TODAY }).filter((finding) =>
    (STRUCTURE_RULE_IDS as readonly string[]).includes(finding.ruleId)
  );
}

/** The Scorecard's Score column equals the engine's score of each key result read back. */
function expectEngineScores(workbook: MemoryWorkbook): void {
  const snapshot = workbook.snapshot();
  const read = readPlan(snapshot);
  const sheet = snapshot.sheets.find((entry) => entry.name === SHEETS.scorecard)!;
  const header = sheet.rows.find((row) => row.cells.some((cell) => cell.value === "Key Result"))!;
  const column = (text: string) => header.cells.find((cell) => cell.value === text)!.column;
  for (const row of sheet.rows) {
    if (row.row <= header.row) continue;
    const id = cellAt(sheet, row.row, column("ID"))?.value;
    const kr = read
      .plan!.objectives.flatMap((objective) => objective.keyResults)
      .find((entry) => entry.id === id);
    if (kr === undefined) continue;
    // The reader reads Current as the sheet shows it, in the plan's own scale.
    const expected = score(kr.baseline, kr.target, kr.current, kr.type);
    const shown = cellAt(sheet, row.row, column("Score"))?.value;
    if (expected === null) expect([kr.id, shown ?? ""]).toEqual([kr.id, ""]);
    else expect([kr.id, shown]).toEqual([kr.id, expect.closeTo(expected, 9)]);
  }
}

/** Removes a sheet's whole column (every row), found by a header text in it. */
function removeColumnOf(workbook: MemoryWorkbook, sheet: string, header: string): void {
  const found = workbook.snapshot().sheets.find((entry) => entry.name === sheet)!;
  const row = found.rows.find((line) => line.cells.some((cell) => cell.value === header))!;
  const column = row.cells.find((cell) => cell.value === header)!.column;
  workbook.engine.removeColumns(sheetId(workbook, sheet), [column, 1]);
}

/** Types over a header cell, found by its text. */
function renameHeader(workbook: MemoryWorkbook, sheet: string, header: string, text: string) {
  const found = workbook.snapshot().sheets.find((entry) => entry.name === sheet)!;
  const row = found.rows.find((line) => line.cells.some((cell) => cell.value === header))!;
  const column = row.cells.find((cell) => cell.value === header)!.column;
  workbook.engine.setCellContents({ sheet: sheetId(workbook, sheet), row: row.row, col: column }, [
    [`'${text}`],
  ]);
}

interface Damage {
  name: string;
  damage: (workbook: MemoryWorkbook) => void;
  /** Asserts what the plan keeps. */
  kept: (plan: RepairPlan) => void;
  /** The table columns the plan inserts: sheet, table, header, computed. */
  inserts?: [string, string, string, boolean][];
  /** The sheet rows the plan inserts: sheet, 1-based row (where it is once inserted). */
  rows?: [string, number][];
  /** A line the report must hold. */
  told?: RegExp;
  /** Log rows deleted: the log ends that many rows above the builder's. */
  logRows?: number;
}

/** The Scorecard cell of O2's owner: row 18 under the objective table's "Owner" header. */
function ownerOfO2(workbook: MemoryWorkbook): string {
  for (const a1 of scorecardRow18) {
    const header = workbook.value(SHEETS.scorecard, a1.replace("18", "16"));
    if (header === "Owner") return a1;
  }
  throw new Error("the Scorecard's objective table has no Owner header in row 16");
}

/** Removes whole sheet rows (0-based), bottom first, as a person deleting them one by one. */
function removeRows(sheet: string, ...rows: number[]) {
  return (workbook: MemoryWorkbook) => {
    for (const row of [...rows].sort((a, b) => b - a))
      workbook.engine.removeRows(sheetId(workbook, sheet), [row, 1]);
  };
}

const noneKept = (plan: RepairPlan) => expect(plan.kept).toEqual([]);

/**
 * Clears cells (a label, a row's builder cells) without deleting the row, after typing a person's
 * notes beside and below (they must not move), and typing `typed` ([A1, text]) over cells.
 */
function clearCells(sheet: string, cells: string[], typed: [string, string][] = []) {
  return (workbook: MemoryWorkbook) => {
    workbook.engine.setCellContents(at(workbook, sheet, "Z40"), "'my note below");
    workbook.engine.setCellContents(at(workbook, sheet, "Y18"), "'my note beside row 18");
    for (const a1 of cells) workbook.engine.setCellContents(at(workbook, sheet, a1), null);
    for (const [a1, text] of typed)
      workbook.engine.setCellContents(at(workbook, sheet, a1), `'${text}`);
  };
}

const scorecardRow18 = ["A18", "B18", "C18", "D18", "E18", "F18", "G18"];

const DAMAGES: Damage[] = [
  {
    name: "numbers typed over two Score cells and one Current cell",
    damage: (workbook) => {
      for (const a1 of ["K6", "K8"])
        workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, a1), 0.8);
      workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, "I7"), 0.9);
    },
    kept: (plan) => {
      expect(plan.kept.map((entry) => [entry.from, entry.as, entry.value]).sort()).toEqual([
        ["Scorecard!I7", "check-in", 0.9],
        ["Scorecard!K6", "note", 0.8],
        ["Scorecard!K8", "note", 0.8],
      ]);
      // The Notes column of the row, empty in a generated workbook.
      expect(plan.kept.find((entry) => entry.from === "Scorecard!K6")!.to).toBe("Scorecard!P6");
      const comment = plan.writes.find(
        (write) => write.content.kind === "text" && write.content.text.startsWith("typed over")
      );
      expect(comment?.content).toEqual({
        kind: "text",
        text: "typed over Current on Scorecard!I7",
      });
    },
  },
  {
    name: "a Status cell of the Dashboard emptied",
    damage: (workbook) =>
      workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, "I5"), null),
    kept: (plan) => {
      expect(plan.kept).toEqual([]);
      expect(plan.writes.map((write) => `${write.sheet}!${write.address}`)).toEqual([
        "Dashboard!I5",
      ]);
    },
  },
  {
    name: "a text typed over a Status cell of the Dashboard, with a note beside it already",
    damage: (workbook) => {
      workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, "I5"), "'fine, see Ana");
      workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, "Z5"), "'a person's note");
    },
    kept: (plan) => {
      expect(plan.kept).toHaveLength(1);
      expect(plan.kept[0].value).toBe("fine, see Ana");
      expect(plan.kept[0].to).not.toBe("Dashboard!Z5");
    },
  },
  {
    name: "the Scorecard's Weight column removed (an input column: back empty, and told)",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.scorecard, "Weight"),
    kept: noneKept,
    inserts: [[SHEETS.scorecard, "OkrKeyResults", "Weight", false]],
    told: /"Weight" column, deleted, is inserted again as column M, empty: what was typed in it went with the deletion/,
  },
  {
    name: "the Scorecard's Current column removed (computed: its formulas back)",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.scorecard, "Current"),
    kept: noneKept,
    inserts: [[SHEETS.scorecard, "OkrKeyResults", "Current", true]],
    told: /"Current" column, deleted, is inserted again as column I with OKR Studio's formulas/,
  },
  {
    name: "the Scorecard's Owner column removed (an input column of both tables above each other)",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.scorecard, "Owner"),
    kept: noneKept,
    inserts: [
      [SHEETS.scorecard, "OkrKeyResults", "Owner", false],
      [SHEETS.scorecard, "OkrObjectives", "Kind", false],
    ],
    told: /"Owner" column, deleted, is inserted again as column E, empty/,
  },
  {
    name: "the Scorecard's Notes column removed (an input column)",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.scorecard, "Notes"),
    kept: noneKept,
    inserts: [[SHEETS.scorecard, "OkrKeyResults", "Notes", false]],
  },
  {
    name: "the Dashboard's Score column removed (the weekly trend below the table laid out again)",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.dashboard, "Score"),
    kept: noneKept,
    inserts: [[SHEETS.dashboard, "OkrDashboard", "Score", true]],
  },
  {
    name: "the Check-ins log's Valid column removed",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.checkIns, "Valid"),
    kept: noneKept,
    inserts: [[SHEETS.checkIns, "OkrCheckIns", "Valid", true]],
    logRows: 1,
  },
  {
    name: "the Check-ins log's Day Score column removed",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.checkIns, "Day Score"),
    kept: noneKept,
    inserts: [[SHEETS.checkIns, "OkrCheckIns", "Day Score", true]],
  },
  {
    name: "the Monthly Review's Scorecard Row column removed",
    damage: (workbook) => removeColumnOf(workbook, SHEETS.review, "Scorecard Row"),
    kept: noneKept,
    inserts: [[SHEETS.review, "OkrReviewKeyResults", "Scorecard Row", true]],
  },
  {
    name: "a Dashboard row (KR 1.3) removed",
    damage: removeRows(SHEETS.dashboard, 7),
    kept: noneKept,
    rows: [[SHEETS.dashboard, 8]],
    told: /Dashboard: row 8 \("KR 1\.3: .*"\), deleted, is inserted again/,
  },
  {
    name: "a Dashboard row (KR 1.3) removed, a person's notes in column Z beside the table and below",
    damage: (workbook) => {
      for (let row = 5; row <= 16; row++)
        workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, `Z${row}`), `'note ${row}`);
      workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, "Y41"), "'far below");
      removeRows(SHEETS.dashboard, 7)(workbook);
    },
    kept: (plan) => {
      expect(plan.kept).toEqual([]);
      // Z8 now is the note typed beside row 9 (row 8 went with the deletion, its note too).
      expect(plan.moved).toEqual([
        { sheet: SHEETS.dashboard, range: "Y40" },
        { sheet: SHEETS.dashboard, range: "Z8:Z15" },
      ]);
    },
    rows: [[SHEETS.dashboard, 8]],
    told: /Dashboard: inserting row 8 also moves your cells Y40, Z8:Z15 down one row/,
  },
  {
    name: "two Dashboard rows removed, apart, and the Dashboard table's last row",
    damage: removeRows(SHEETS.dashboard, 6, 9, 13),
    kept: noneKept,
    rows: [
      [SHEETS.dashboard, 7],
      [SHEETS.dashboard, 10],
      [SHEETS.dashboard, 14],
    ],
  },
  {
    name: "the Dashboard's Week ending row removed (the weekly rows below moved up)",
    damage: removeRows(SHEETS.dashboard, 14),
    kept: noneKept,
    rows: [[SHEETS.dashboard, 15]],
    told: /Dashboard: row 15 \("Week ending"\), deleted, is inserted again/,
  },
  {
    name: "a week of the Dashboard's trend removed (formulas only, each reading the week above)",
    damage: removeRows(SHEETS.dashboard, 19),
    kept: noneKept,
    rows: [[SHEETS.dashboard, 20]],
    told: /Dashboard: row 20 \("M20"\), deleted, is inserted again/,
  },
  {
    name: "two Monthly Review rows next to each other removed",
    damage: removeRows(SHEETS.review, 11, 12),
    kept: noneKept,
    rows: [
      [SHEETS.review, 12],
      [SHEETS.review, 13],
    ],
  },
  {
    name: "the Monthly Review row of the first objective removed",
    damage: removeRows(SHEETS.review, 5),
    kept: noneKept,
    rows: [[SHEETS.review, 6]],
  },
  {
    name: "the Scorecard's objective table row of O2 removed (its last row: the table resized)",
    damage: removeRows(SHEETS.scorecard, 17),
    kept: noneKept,
    rows: [[SHEETS.scorecard, 18]],
  },
  {
    name: "the Scorecard's Overall score row removed",
    damage: removeRows(SHEETS.scorecard, 2),
    kept: noneKept,
    rows: [[SHEETS.scorecard, 3]],
  },
  {
    name: "the OKR Plan's Owner row removed",
    damage: removeRows(SHEETS.plan, 4),
    kept: noneKept,
    rows: [[SHEETS.plan, 5]],
  },
  {
    name: "the OKR Plan's Red-below threshold row removed (its name restored)",
    damage: removeRows(SHEETS.plan, 12),
    kept: noneKept,
    rows: [[SHEETS.plan, 13]],
    told: /OKR Plan: row 13 \("Red"\), deleted, is inserted again .*; B13 gets the value of the plan as read back without the row/,
  },
  {
    name: "the OKR Plan's Stale-after row removed",
    damage: removeRows(SHEETS.plan, 17),
    kept: noneKept,
    rows: [[SHEETS.plan, 18]],
  },
  {
    name: "the Scorecard's O2 label cleared, not deleted (written back, no row inserted)",
    damage: clearCells(SHEETS.scorecard, ["A18"]),
    kept: noneKept,
    told: /Scorecard: A18, cleared in OKR Studio's row 18, gets OKR Studio's label or formula back; no row is inserted/,
  },
  {
    name: "the Scorecard's O2 row cleared but for a typed owner (written back, no row inserted)",
    damage: (workbook) => {
      const row = scorecardRow18.filter((a1) => a1 !== ownerOfO2(workbook));
      clearCells(SHEETS.scorecard, row, [[ownerOfO2(workbook), "Dana"]])(workbook);
    },
    kept: noneKept,
    // The owner typed in the row is kept, and the report says so.
    told: /Scorecard: A18, .*cleared in OKR Studio's row 18, get OKR Studio's labels and formulas back; no row is inserted \(the rows below did not move\); [A-Z]+18 \("Dana"\), typed in the row, is left as it is/,
  },
  {
    name: "the Dashboard's Week ending label cleared, not deleted",
    damage: clearCells(SHEETS.dashboard, ["M15"]),
    kept: noneKept,
    told: /Dashboard: M15, cleared in OKR Studio's row 15/,
  },
  {
    name: "the OKR Plan's row 31 label cleared, not deleted",
    damage: clearCells(SHEETS.plan, ["A31"]),
    kept: noneKept,
    told: /OKR Plan: A31, cleared/,
  },
  {
    name: "the OKR Plan's row 32 label cleared, not deleted",
    damage: clearCells(SHEETS.plan, ["A32"]),
    kept: noneKept,
    told: /OKR Plan: A32, cleared/,
  },
  // A title or subtitle row deleted (issue 13: every non-empty row deleted is found): the rows
  // below moved up, so the row is inserted again and everything stands where the builder put it.
  {
    name: "the Scorecard's title row deleted",
    damage: removeRows(SHEETS.scorecard, 0),
    kept: noneKept,
    rows: [[SHEETS.scorecard, 1]],
  },
  {
    name: "the Dashboard's subtitle row deleted",
    damage: removeRows(SHEETS.dashboard, 1),
    kept: noneKept,
    rows: [[SHEETS.dashboard, 2]],
  },
  {
    name: "the Monthly Review's title row deleted",
    damage: removeRows(SHEETS.review, 0),
    kept: noneKept,
    rows: [[SHEETS.review, 1]],
  },
  {
    name: "the OKR Plan's Status row deleted (the label is written twice on the sheet)",
    damage: removeRows(SHEETS.plan, 6),
    kept: noneKept,
    rows: [[SHEETS.plan, 7]],
  },
  // Rows and columns deleted in one workbook: one Repair inserts both (issue 13).
  {
    name: "a Scorecard column and a Dashboard row deleted",
    damage: (workbook) => {
      removeColumnOf(workbook, SHEETS.scorecard, "Weight");
      removeRows(SHEETS.dashboard, 6)(workbook);
    },
    kept: noneKept,
    inserts: [[SHEETS.scorecard, "OkrKeyResults", "Weight", false]],
    rows: [[SHEETS.dashboard, 7]],
  },
  {
    name: "a Check-ins column and the log's row 2 deleted",
    damage: (workbook) => {
      removeColumnOf(workbook, SHEETS.checkIns, "Valid");
      removeRows(SHEETS.checkIns, 1)(workbook);
    },
    kept: noneKept,
    inserts: [[SHEETS.checkIns, "OkrCheckIns", "Valid", true]],
    logRows: 1,
  },
  {
    name: "the Scorecard's Weight header renamed",
    damage: (workbook) => renameHeader(workbook, SHEETS.scorecard, "Weight", "Wt (1-3)"),
    kept: noneKept,
    told: /Scorecard!M5: the OkrKeyResults table's "Weight" header gets its name back; the text there now, "Wt \(1-3\)", is replaced/,
  },
  {
    name: "the Check-ins log's Comment header renamed",
    damage: (workbook) => renameHeader(workbook, SHEETS.checkIns, "Comment", "Remarks"),
    kept: noneKept,
    told: /"Comment" header gets its name back; the text there now, "Remarks"/,
  },
];

describe("repair restores the builder's formulas and loses nothing", () => {
  test.each(
    STYLES.flatMap((style) => DAMAGES.map((damage) => [damage.name, style, damage] as const))
  )("%s (%s style)", (_, style, { damage, kept, inserts, rows, told, logRows }) => {
    const workbook = workbookOf("predictive-analytics", style);
    try {
      damage(workbook);
      const before = workbook.snapshot();
      const findings = structureOf(before);
      expect(findings.length).toBeGreaterThan(0);
      const plan = planRepair(before, findings, { today: TODAY });
      kept(plan);
      expect(
        (plan.insertions ?? []).map((entry) => [
          entry.sheet,
          entry.table,
          entry.header,
          entry.computed,
        ])
      ).toEqual(inserts ?? []);
      expect((plan.rows ?? []).map((entry) => [entry.sheet, entry.row + 1])).toEqual(rows ?? []);
      // Each insertion is told first, before any cell.
      plan.insertions?.forEach((insertion, index) =>
        expect(plan.report[index]).toContain(`"${insertion.header}" column, deleted`)
      );
      if (told !== undefined) expect(plan.report.join("\n")).toMatch(told);
      expect(plan.report.join("\n")).not.toMatch(/not repaired|not laid out|not written again/);
      applyPlan(workbook, plan);
      const after = workbook.snapshot();
      expectNothingLost(before, findings, plan, after);
      expect(structureOf(after)).toEqual([]);
      expectBuilderFormulas(after, style, logRows);
      expectEngineScores(workbook);
    } finally {
      workbook.dispose();
    }
  });
});

test.each(STYLES)(
  "a value typed over Current is a dated check-in, and Current shows it again (%s style)",
  (style) => {
    const workbook = workbookOf("predictive-analytics", style);
    try {
      workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, "I7"), 0.9);
      const before = workbook.snapshot();
      const plan = planRepair(before, structureOf(before), { today: TODAY });
      applyPlan(workbook, plan);
      expect(workbook.formula(SHEETS.scorecard, "I7")).toMatch(/^=/);
      expect(workbook.value(SHEETS.scorecard, "I7")).toBe(0.9);
      const [kept] = plan.kept;
      const row = kept.to.replace(/^Check-ins!A/, "");
      expect(workbook.value(SHEETS.checkIns, `A${row}`)).toBe(TODAY);
      expect(workbook.value(SHEETS.checkIns, `B${row}`)).toBe(
        workbook.value(SHEETS.scorecard, "A7")
      );
    } finally {
      workbook.dispose();
    }
  }
);

test("the OKR Plan row of a threshold removed: the row is inserted again and the name points at it, not at the row that moved up", () => {
  const workbook = workbookOf("predictive-analytics", "portable");
  try {
    workbook.engine.removeRows(sheetId(workbook, SHEETS.plan), [12, 1]);
    const before = workbook.snapshot();
    const plan = planRepair(before, structureOf(before), { today: TODAY });
    expect(plan.rows).toEqual([{ sheet: SHEETS.plan, row: 12, label: "Red" }]);
    // The broken name, and the names of the rows below, which moved up with the deletion (the
    // insertion moves them back in Excel; written anyway, as every host may not).
    expect(plan.names).toEqual([
      { name: "OKR_GREEN_FROM", formula: "='OKR Plan'!$B$15", before: "='OKR Plan'!$B$14" },
      {
        name: "OKR_STALE_AFTER_DAYS",
        formula: "='OKR Plan'!$B$18",
        before: "='OKR Plan'!$B$17",
      },
      { name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$13", before: "=#REF!" },
    ]);
    applyPlan(workbook, plan);
    expect(workbook.value(SHEETS.plan, "A13")).toBe("Red");
    expect(structureOf(workbook.snapshot())).toEqual([]);
  } finally {
    workbook.dispose();
  }
});

describe("a person's formula over a computed cell (OKR028) and a Dashboard row deleted above it", () => {
  test.each(STYLES.flatMap((style) => [false, true].map((tick) => [style, tick] as const)))(
    "%s style, ticked: %s",
    (style, tick) => {
      const workbook = workbookOf("predictive-analytics", style);
      try {
        workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, "I10"), "=H10*2");
        workbook.engine.removeRows(sheetId(workbook, SHEETS.dashboard), [6, 1]);
        const before = workbook.snapshot();
        const findings = structureOf(before);
        expect(findings.map((finding) => finding.ruleId).sort()).toContain("OKR028");
        const plan = planRepair(before, findings, { today: TODAY, restoreFormulas: tick });
        expect((plan.rows ?? []).map((entry) => [entry.sheet, entry.row + 1])).toEqual([
          [SHEETS.dashboard, 7],
        ]);
        applyPlan(workbook, plan);
        const after = workbook.snapshot();
        expectNothingLost(before, findings, plan, after);
        if (!tick) {
          // The person's formula, moved down with its row, its reference with it.
          expect(workbook.formula(SHEETS.dashboard, "I10")).toBe("=H10*2");
          expect(structureOf(after).map((finding) => finding.ruleId)).toEqual(["OKR028"]);
        } else {
          expect(plan.kept.map((kept) => [kept.from, kept.value, kept.as])).toEqual([
            ["Dashboard!I10", "=H9*2", "formula"],
          ]);
          expect(structureOf(after)).toEqual([]);
          expectBuilderFormulas(after, style);
        }
      } finally {
        workbook.dispose();
      }
    }
  );
});

test.each(STYLES)(
  "the Scorecard's objective header row removed: Repair writes no header of the key-result table, and says okr rebuild (%s style)",
  (style) => {
    const workbook = workbookOf("predictive-analytics", style);
    try {
      workbook.engine.removeRows(sheetId(workbook, SHEETS.scorecard), [15, 1]);
      const before = workbook.snapshot();
      const plan = planRepair(before, structureOf(before), { today: TODAY });
      expect(plan.writes).toEqual([]);
      expect(plan.report.join("\n")).toMatch(
        /not repaired: the OkrObjectives table's header row is gone .* okr rebuild writes a new workbook/
      );
    } finally {
      workbook.dispose();
    }
  }
);

describe("a person's formula over a computed cell (OKR028): restored only when ticked", () => {
  test.each(STYLES.flatMap((style) => [false, true].map((tick) => [style, tick] as const)))(
    "%s style, ticked: %s",
    (style, tick) => {
      const workbook = workbookOf("predictive-analytics", style);
      try {
        workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, "K6"), "=G6*2");
        workbook.engine.setCellContents(at(workbook, SHEETS.dashboard, "I6"), "=H6");
        const before = workbook.snapshot();
        const findings = structureOf(before);
        expect(findings.map((finding) => finding.ruleId)).toEqual(["OKR028", "OKR028"]);
        const plan = planRepair(before, findings, { today: TODAY, restoreFormulas: tick });
        applyPlan(workbook, plan);
        const after = workbook.snapshot();
        expectNothingLost(before, findings, plan, after);
        if (!tick) {
          // Nothing written; the workbook checks clean but for the warnings the user left.
          expect(plan.writes).toEqual([]);
          expect(
            plan.report.filter((line) => /Not restored: a person's formula/.test(line))
          ).toHaveLength(2);
          expect(structureOf(after).map((finding) => finding.ruleId)).toEqual(["OKR028", "OKR028"]);
          expect(workbook.formula(SHEETS.scorecard, "K6")).toBe("=G6*2");
        } else {
          expect(plan.kept.map((kept) => [kept.from, kept.value, kept.as]).sort()).toEqual([
            ["Dashboard!I6", "=H6", "formula"],
            ["Scorecard!K6", "=G6*2", "formula"],
          ]);
          // Each person's formula is in the note cell the plan names, as text.
          for (const kept of plan.kept) {
            const [sheet, address] = kept.to.split("!");
            expect(String(workbook.value(sheet, address))).toContain(String(kept.value));
            expect(workbook.formula(sheet, address)).toBeNull();
          }
          expect(structureOf(after)).toEqual([]);
          expectBuilderFormulas(after, style);
          expectEngineScores(workbook);
        }
      } finally {
        workbook.dispose();
      }
    }
  );
});

test("a broken threshold name whose cell is in place is restored", () => {
  const workbook = workbookOf("predictive-analytics", "functions");
  try {
    workbook.engine.changeNamedExpression("OKR_RED_BELOW", "=#REF!");
    const before = workbook.snapshot();
    const findings = structureOf(before);
    const plan = planRepair(before, findings, { today: TODAY });
    expect(plan.names).toEqual([
      { name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$13", before: expect.any(String) },
    ]);
    applyPlan(workbook, plan);
    expect(structureOf(workbook.snapshot())).toEqual([]);
  } finally {
    workbook.dispose();
  }
});

test("check-ins outside the log are copied into it only when confirmed, and left in place", () => {
  const workbook = workbookOf("predictive-analytics", "portable");
  try {
    const id = sheetId(workbook, SHEETS.checkIns);
    workbook.engine.setCellContents({ sheet: id, row: 2, col: 18 }, [[46050, "O1.KR1", 0.8]]);
    const before = workbook.snapshot();
    const findings = structureOf(before);
    const unconfirmed = planRepair(before, findings, { today: TODAY });
    expect(unconfirmed.writes).toEqual([]);
    expect(unconfirmed.report.join("\n")).toMatch(/not moved unless you confirm/);
    const confirmed = planRepair(before, findings, { today: TODAY, moveCheckIns: true });
    applyPlan(workbook, confirmed);
    const after = workbook.snapshot();
    expectNothingLost(before, findings, confirmed, after);
    const log = readPlan(after).checkIns ?? [];
    expect(JSON.stringify(log)).toContain("moved from Check-ins!S3");
    expect(workbook.value(SHEETS.checkIns, "S3")).toBe(46050);
  } finally {
    workbook.dispose();
  }
});

describe("property: repair never changes a cell a person owns", () => {
  type Damage =
    | { kind: "typed"; sheet: string; pick: number }
    | { kind: "row"; sheet: string; pick: number }
    | { kind: "column"; sheet: string; pick: number };
  const damage: fc.Arbitrary<Damage> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("typed" as const),
        sheet: fc.constantFrom(SHEETS.scorecard, SHEETS.dashboard, SHEETS.checkIns, SHEETS.review),
        pick: fc.nat(),
      }),
    },
    fc.record({
      kind: fc.constant("row" as const),
      sheet: fc.constantFrom(SHEETS.checkIns, SHEETS.review, SHEETS.dashboard),
      pick: fc.nat(),
    }),
    fc.record({
      kind: fc.constant("column" as const),
      sheet: fc.constantFrom(SHEETS.scorecard, SHEETS.dashboard, SHEETS.checkIns, SHEETS.review),
      pick: fc.nat(),
    })
  );
  const run = fc.record({
    template: fc.constantFrom("predictive-analytics", "nlp-chatbot", "revenue-growth"),
    style: fc.constantFrom(...STYLES),
    damages: fc.array(damage, { minLength: 1, maxLength: 4 }),
  });

  test("typed values over formulas, deleted rows and columns: nothing a person owns changes; typed values, and deleted rows and columns Repair says it repairs, repair clean", () => {
    const reached = new Map<string, number>();
    // The plan as generated, to tell a plan misread after the damage (issue: a report table
    // without one of its columns is read as a key-result table).
    const workbookSnapshots = new Map<string, WorkbookSnapshot>();
    for (const template of ["predictive-analytics", "nlp-chatbot", "revenue-growth"]) {
      const generated = workbookOf(template, "portable");
      workbookSnapshots.set(template, generated.snapshot());
      generated.dispose();
    }
    const count = (kind: string) => reached.set(kind, (reached.get(kind) ?? 0) + 1);
    fc.assert(
      fc.property(run, ({ template, style, damages }) => {
        const workbook = workbookOf(template, style);
        try {
          const engine = workbook.engine;
          for (const [index, change] of damages.entries()) {
            const id = sheetId(workbook, change.sheet);
            const sheet = workbook.snapshot().sheets.find((entry) => entry.name === change.sheet)!;
            if (change.kind === "typed") {
              const formulas = sheet.rows.flatMap((row) =>
                row.cells
                  .filter((cell) => cell.formula !== null)
                  .map((cell) => ({ row: row.row, column: cell.column }))
              );
              const target = formulas[change.pick % formulas.length];
              engine.setCellContents(
                { sheet: id, row: target.row, col: target.column },
                1000 + index + 0.25
              );
            } else if (change.kind === "row") {
              const last = sheet.rows[sheet.rows.length - 1].row;
              engine.removeRows(id, [1 + (change.pick % last), 1]);
            } else {
              const width = Math.max(
                ...sheet.rows.flatMap((row) => row.cells.map((c) => c.column))
              );
              engine.removeColumns(id, [change.pick % (width + 1), 1]);
            }
          }
          const before = workbook.snapshot();
          const findings = structureOf(before);
          const plan = planRepair(before, findings, { today: TODAY });
          applyPlan(workbook, plan);
          const after = workbook.snapshot();
          expectNothingLost(before, findings, plan, after);
          const typedOnly = damages.every((entry) => entry.kind === "typed");
          // Rows deleted at random (an empty row among them, which moves the sheet's formulas
          // unseen, or a check-in's) are asserted clean when Repair claims it all, not that the
          // builder's formulas are at their places; test/structureProperty.test.ts asserts rows
          // and columns deleted together.
          const noRows = damages.every((entry) => entry.kind !== "row");
          // Repair says it repairs everything: no finding left aside (the reader misled by a
          // report table without a column, a column outside the tables, …).
          const ids = (snapshot: WorkbookSnapshot) =>
            JSON.stringify(
              readPlan(snapshot).plan?.objectives.flatMap((o) => o.keyResults.map((kr) => kr.id))
            );
          const whole =
            !plan.report.some((line) =>
              /not repaired|not laid out|not written again|not moved/.test(line)
            ) &&
            ids(before) === ids(workbookSnapshots.get(template)!) &&
            // A Dashboard or Monthly Review column deleted can mislead the reader and the check
            // (a report table read as key results, its first column gone unseen): not claimed.
            damages.every(
              (entry) =>
                entry.kind !== "column" ||
                entry.sheet === SHEETS.scorecard ||
                entry.sheet === SHEETS.checkIns
            );
          count(typedOnly ? "typed only" : "with deletions");
          if (plan.kept.length > 0) count("kept a typed value");
          if (plan.kept.some((entry) => entry.as === "check-in")) count("kept as a check-in");
          if ((plan.rows ?? []).length > 0) count("a row inserted");
          if (typedOnly || whole) {
            if (!typedOnly && noRows)
              count("columns deleted (no row), all repaired: checked clean");
            if (!noRows) count("rows deleted, all repaired: checked clean");
            if ((plan.insertions ?? []).length > 0) count("a column inserted");
            expect(structureOf(after)).toEqual([]);
            if (noRows) expectBuilderFormulas(after, style);
          }
        } finally {
          workbook.dispose();
        }
      }),
      { numRuns: propertyRuns(40) }
    );
    expect(reached.get("typed only") ?? 0).toBeGreaterThan(0);
    expect(reached.get("with deletions") ?? 0).toBeGreaterThan(0);
    expect(reached.get("kept a typed value") ?? 0).toBeGreaterThan(0);
    expect(
      reached.get("columns deleted (no row), all repaired: checked clean") ?? 0
    ).toBeGreaterThan(0);
    expect(reached.get("a column inserted") ?? 0).toBeGreaterThan(0);
    expect(reached.get("rows deleted, all repaired: checked clean") ?? 0).toBeGreaterThan(0);
    // Not asserted: a row picked at random is seldom one Repair inserts (about 2 runs in 40; most
    // are check-ins, key results or rows the check does not tell); the table-driven cases above
    // insert rows on every sheet. Counted, for OKR_REACH_SUMMARY.
    if (process.env.OKR_REACH_SUMMARY === "1") console.log(Object.fromEntries(reached));
  });
});

describe("moving check-ins found outside the log (OKR023, confirmed)", () => {
  /** The log's cells of the row a report line names ("…(Check-ins!A7)…"), by header. */
  function logRow(workbook: MemoryWorkbook, line: string): Map<string, unknown> {
    const match = /\(Check-ins!A(\d+)\)/.exec(line);
    expect(match).not.toBeNull();
    const row = new Map<string, unknown>();
    for (let column = 0; column < 8; column++) {
      const header = workbook.value(SHEETS.checkIns, cellAddress(0, column));
      row.set(
        String(header),
        workbook.value(SHEETS.checkIns, `${cellAddress(0, column)[0]}${match![1]}`)
      );
    }
    return row;
  }

  type Case = {
    name: string;
    /** Rows written on the Check-ins sheet at column S (0-based row, cells). */
    rows: [number, unknown[]][];
    /** The row moved, as the log then holds it; or the reason it is not moved. */
    expected: Record<string, unknown> | RegExp;
  };
  const cases: Case[] = [
    {
      name: "beside the log: every cell by the log's column order, the key result by its number",
      rows: [[2, [46050, "KR 1.1", 0.8, 0.6, "on track", "Bo"]]],
      expected: {
        Date: 46050,
        "Key Result": "$id",
        Value: 0.8,
        Confidence: 0.6,
        Comment: "on track (moved from Check-ins!S3)",
        Author: "Bo",
      },
    },
    {
      name: "under a header row of its own: by the header each cell sits under",
      rows: [
        [9, ["Author", "Date", "Value", "Key Result"]],
        [10, ["Ann", 46051, 12, "$id"]],
      ],
      expected: {
        Date: 46051,
        "Key Result": "$id",
        Value: 12,
        Comment: "moved from Check-ins!S11",
        Author: "Ann",
      },
    },
    {
      name: "a key result that is not the plan's (the plan's id only in the comment)",
      rows: [[2, [46050, "O9.KR9", 0.8, 0.5, "$id"]]],
      expected: /Check-ins!S3: not moved: key result not recognised/,
    },
    {
      name: "a cell past the log's last column",
      rows: [[2, [46050, "$id", 0.8, 0.5, "c", "Bo", "e-1", "", "", "extra"]]],
      expected: /Check-ins!S3: not moved: AB3 lies past the log's last column/,
    },
  ];

  test.each(cases)("$name", ({ rows, expected }) => {
    const workbook = workbookOf("predictive-analytics", "portable");
    try {
      const id = readPlan(workbook.snapshot()).plan!.objectives[0].keyResults[0].id;
      const sheet = sheetId(workbook, SHEETS.checkIns);
      for (const [row, cells] of rows)
        workbook.engine.setCellContents({ sheet, row, col: 18 }, [
          cells.map((cell) => (cell === "$id" ? id : cell === "" ? null : cell)),
        ] as never);
      const before = workbook.snapshot();
      const findings = structureOf(before);
      const plan = planRepair(before, findings, { today: TODAY, moveCheckIns: true });
      const report = plan.report.join("\n");
      expect(report).not.toMatch(/delete/);
      if (expected instanceof RegExp) {
        expect(report).toMatch(expected);
        return;
      }
      applyPlan(workbook, plan);
      const line = plan.report.find((entry) => /every cell copied/.test(entry))!;
      expect(line).toMatch(/the originals are left where they were/);
      const got = logRow(workbook, line);
      for (const [header, value] of Object.entries(expected))
        expect([header, got.get(header)]).toEqual([header, value === "$id" ? id : value]);
      // Moving again copies nothing twice.
      const again = workbook.snapshot();
      const second = planRepair(again, structureOf(again), { today: TODAY, moveCheckIns: true });
      expect(second.writes).toEqual([]);
      expect(second.report.join("\n")).toMatch(/already copied into the Check-ins table/);
    } finally {
      workbook.dispose();
    }
  });
});

test("without a style in the layout mark, Repair says it cannot tell what OKR Studio wrote, not that rows moved", () => {
  const workbook = workbookOf("predictive-analytics", "portable");
  try {
    workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, "K6"), [[0.8]]);
    const snapshot = workbook.snapshot();
    const unmarked: WorkbookSnapshot = {
      ...snapshot,
      names: (snapshot.names ?? []).map((name) =>
        /style/i.test(name.name) ? { ...name, formula: '="none"' } : name
      ),
    };
    const plan = planRepair(unmarked, structureOf(snapshot), { today: TODAY });
    const report = plan.report.join("\n");
    expect(report).toMatch(
      /Scorecard!K6 is not repaired: Repair cannot tell what OKR Studio wrote there \(the plan could not be read back, or the workbook's layout mark names no formula style\)/
    );
    expect(report).not.toMatch(/rows or columns/);
    expect(plan.writes).toEqual([]);
  } finally {
    workbook.dispose();
  }
});

test.each([
  ["n/a", "note"],
  ["about 40", "note"],
  [0.9, "check-in"],
])(
  "typed over Current of a number key result, %j is kept as a %s (text would make Score #VALUE!)",
  (typed, as) => {
    const workbook = workbookOf("predictive-analytics", "portable");
    try {
      workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, "I7"), typed);
      const before = workbook.snapshot();
      const plan = planRepair(before, structureOf(before), { today: TODAY });
      expect(plan.kept.map((kept) => [kept.from, kept.as])).toEqual([["Scorecard!I7", as]]);
      applyPlan(workbook, plan);
      const score = workbook.value(SHEETS.scorecard, "K7");
      expect(typeof score).toBe("number");
    } finally {
      workbook.dispose();
    }
  }
);

test("the pane's plan gives a check-in an Entry id as the check-in writer makes it, not one two co-authors could share", () => {
  const workbook = workbookOf("predictive-analytics", "portable");
  try {
    workbook.engine.setCellContents(at(workbook, SHEETS.scorecard, "I7"), 0.9);
    const read = readOf(workbook.snapshot(), 0);
    const entries = [1, 2].map(() => {
      const plan = repairPlanOf(read, { today: TODAY });
      const entry = plan.writes.find(
        (write) => write.checkIn !== undefined && /^G/.test(write.address)
      );
      expect(entry?.content.kind).toBe("text");
      return entry!.content.kind === "text" ? entry!.content.text : "";
    });
    for (const entry of entries) expect(entry).toMatch(/^[0-9a-z]+-[0-9a-z]{6}$/);
    expect(entries[0]).not.toBe(entries[1]);
  } finally {
    workbook.dispose();
  }
});

test("a deleted Scorecard column with a long log (200 check-ins): only the formulas that changed are written, and the request stays under the budget", () => {
  const plan = withCurrents(instantiate(templateById("predictive-analytics")!));
  const kr = plan.objectives[0].keyResults[0].id;
  const checkIns = Array.from({ length: 200 }, (_, index) => ({
    Date: { kind: "date" as const, serial: 45_000 + (index % 900) },
    "Key Result": { kind: "text" as const, text: kr },
    Value: { kind: "number" as const, value: index },
  }));
  const workbook = loadWorkbook(buildWorkbook(plan, { style: "portable", checkIns }), {
    today: TODAY,
  });
  try {
    removeColumnOf(workbook, SHEETS.scorecard, "Current");
    const before = workbook.snapshot();
    const repair = planRepair(before, structureOf(before), { today: TODAY });
    expect(repair.insertions?.map((entry) => entry.header)).toEqual(["Current"]);
    // No write puts back the very formula a cell already holds where it is.
    const unchanged = repair.writes.filter(
      (write) =>
        (write.from === undefined || write.from === write.address) &&
        write.content.kind === "formula" &&
        write.before?.formula != null &&
        normalisedFormula(write.before.formula) === normalisedFormula(write.content.formula)
    );
    expect(unchanged.map((write) => `${write.sheet}!${write.address}`)).toEqual([]);
    const batches = repairBatches(repair);
    expect(batches).toHaveLength(1);
    const bytes = repair.writes.reduce((sum, write) => sum + contentBytes(write), 0);
    expect(bytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    // The log's rows are not written again: a deletion on the Scorecard changes none of them.
    expect(repair.writes.filter((write) => write.sheet === SHEETS.checkIns).length).toBeLessThan(
      50
    );
  } finally {
    workbook.dispose();
  }
});

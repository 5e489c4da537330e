import { loadWorkbook } from "../src/hosts/memory";
import { checkWorkbook } from "../src/okr/rules";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS } from "../src/sheets/layout";
import type { RepairInsertion, RepairPlan, RepairWrite } from "../src/sheets/repair";
import type { PaneActions } from "../src/taskpane/actions";
import { createBrowserActions } from "../src/taskpane/browserActions";
import {
  cellsWritten,
  displacedLines,
  displacedWrites,
  excelToday,
  groupLines,
  keptLine,
  keptLines,
  leftAlone,
  lineOf,
  personalFormulaLines,
  planSummary,
  planWrites,
  reportLines,
  segmentsOf,
  serialDay,
  sheetsOf,
  splitReference,
  structureFindingsOf,
  writeLine,
  writeLines,
} from "../src/taskpane/check/repairState";
import { RepairConfirmation } from "../src/taskpane/check/StructureRepair";
import { WorkbookCheck } from "../src/taskpane/check/WorkbookCheck";
import { excelCapabilities } from "../src/taskpane/excel/excelActions";
import { readOf, repairPlanOf } from "../src/taskpane/readAndCheck";
import { paneMarkup, textOf } from "./support/paneMarkup";
import { withCurrents } from "./support/plans";

/**
 * Repair in the check feature: the words of the plan a person confirms, and the markup of the
 * structure group with its Repair… button, in Excel and outside it. Clicking through Repair… →
 * Repair → check again runs in Chromium (taskpaneRepair.e2e.test.ts).
 */

const TODAY = 46_100;

/** A computed column of the Scorecard's key-result table, inserted again (issue 13). */
const INSERTION: RepairInsertion = {
  sheet: "Scorecard",
  table: "OkrKeyResults",
  index: 8,
  header: "Current",
  column: 8,
  rows: { first: 4, last: 12 },
  headersBefore: ["ID", "Objective", "Key Result"],
  computed: true,
};

/** A generated workbook with 0.8 typed over Scorecard!K6, read and checked as the pane does. */
function damagedRead() {
  const plan = withCurrents(instantiate(templateById("predictive-analytics")!));
  const memory = loadWorkbook(buildWorkbook(plan, { style: "portable" }), { today: TODAY });
  try {
    const sheet = memory.engine.getSheetId(SHEETS.scorecard)!;
    memory.engine.setCellContents({ sheet, row: 5, col: 10 }, 0.8);
    const read = readOf(memory.snapshot(), 2);
    return { read, findings: checkWorkbook(read.facts, { asOf: TODAY }) };
  } finally {
    memory.dispose();
  }
}

describe("the words of a repair", () => {
  test.each`
    date                           | serial
    ${new Date(2026, 2, 18, 0, 5)} | ${46099}
    ${new Date(2026, 2, 18, 23)}   | ${46099}
    ${new Date(1900, 2, 1)}        | ${61}
  `("excelToday($date) → $serial", ({ date, serial }) => {
    expect(excelToday(date)).toBe(serial);
  });

  test("each write, each kept value and what is left alone, in a line", () => {
    const { read } = damagedRead();
    const plan = repairPlanOf(read, { today: TODAY });
    expect(plan.writes.map(writeLine)).toEqual([
      expect.stringMatching(/^Scorecard!P6: the text "0\.8 was typed over K6/),
      expect.stringMatching(/^Scorecard!K6: the formula =/),
    ]);
    expect(plan.kept.map((kept) => keptLine(kept))).toEqual([
      "0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6",
    ]);
    expect(planSummary(plan)).toBe(
      "Repair writes 2 cells, and nothing else. A value a person typed is never written over."
    );
    expect(leftAlone(plan)).toEqual([]);
  });

  test.each<[string, RepairPlan, string]>([
    [
      "nothing to write",
      { writes: [], names: [], kept: [], report: ["not repaired: x"] },
      "Repair has nothing it can write for these findings.",
    ],
    [
      "one name",
      {
        writes: [],
        names: [{ name: "OKR_MARK", formula: "=2", before: null }],
        kept: [],
        report: [],
      },
      "Repair writes 1 defined name, and nothing else. A value a person typed is never written over.",
    ],
    [
      "one column inserted, nothing else written (an input column comes back empty)",
      {
        insertions: [INSERTION],
        writes: [],
        names: [],
        kept: [],
        report: [],
      },
      "Repair inserts 1 table column, and nothing else. A value a person typed is never written over.",
    ],
    [
      "two columns inserted, cells and a name written",
      {
        insertions: [INSERTION, { ...INSERTION, header: "Notes", index: 15, column: 15 }],
        writes: [
          {
            sheet: "Scorecard",
            address: "I6",
            content: { kind: "formula", formula: "=1" },
            before: null,
          },
        ],
        names: [{ name: "OKR_MARK", formula: "=2", before: null }],
        kept: [],
        report: [],
      },
      "Repair inserts 2 table columns and writes 1 cell and 1 defined name, and nothing else. A value a person typed is never written over.",
    ],
    [
      "two rows inserted, cells written",
      {
        rows: [
          { sheet: "Dashboard", row: 6, label: "KR 1.2" },
          { sheet: "Dashboard", row: 9, label: "Obj 2" },
        ],
        writes: [
          {
            sheet: "Dashboard",
            address: "G7",
            content: { kind: "formula", formula: "=1" },
            before: null,
            from: null,
          },
          {
            sheet: "Dashboard",
            address: "A7",
            content: { kind: "text", text: "KR 1.2" },
            before: null,
            from: null,
          },
        ],
        names: [],
        kept: [],
        report: [],
      },
      "Repair inserts 2 rows and writes 2 cells, and nothing else. A value a person typed is never written over.",
    ],
    [
      "one row and one table column inserted, nothing else written",
      {
        rows: [{ sheet: "OKR Plan", row: 4, label: "Owner" }],
        insertions: [INSERTION],
        writes: [],
        names: [],
        kept: [],
        report: [],
      },
      "Repair inserts 1 row and 1 table column, and nothing else. A value a person typed is never written over.",
    ],
    [
      "a person's formula replaced, as ticked, and kept as a note",
      {
        writes: [
          {
            sheet: "Scorecard",
            address: "K6",
            content: { kind: "formula", formula: "=1" },
            before: { value: 1.44, formula: "=G6*2" },
          },
          {
            sheet: "Scorecard",
            address: "P6",
            content: { kind: "text", text: '"=G6*2" was the formula in K6' },
            before: null,
          },
        ],
        names: [],
        kept: [{ value: "=G6*2", from: "Scorecard!K6", to: "Scorecard!P6", as: "formula" }],
        report: [],
      },
      "Repair writes 2 cells, and nothing else. A value a person typed is never written over; the formula a person wrote over a computed cell is replaced, each kept as a note beside it.",
    ],
  ])("planSummary: %s", (_, plan, summary) => {
    expect(planSummary(plan)).toBe(summary);
    expect(planWrites(plan)).toBe(!summary.startsWith("Repair has nothing"));
  });

  test("planWrites: nothing to insert or write is nothing to do", () => {
    expect(planWrites({ writes: [], names: [], kept: [], report: ["not repaired: x"] })).toBe(
      false
    );
    expect(
      planWrites({ insertions: [], writes: [], names: [], kept: [], report: ["not repaired: x"] })
    ).toBe(false);
  });

  test.each<[number, string]>([
    [46099, "2026-03-18"],
    [46100, "2026-03-19"],
    [61, "1900-03-01"],
    [Number.NaN, "NaN"],
    [1e12, "1000000000000"],
  ])("serialDay(%s) → %s", (serial, day) => {
    expect(serialDay(serial)).toBe(day);
  });

  test.each<[RepairWrite["content"], string]>([
    [{ kind: "text", text: "" }, "Check-ins!D12: left empty"],
    [{ kind: "text", text: "ok" }, 'Check-ins!D12: the text "ok"'],
    [{ kind: "date", serial: 46099 }, "Check-ins!D12: the date 2026-03-18 (today)"],
    [{ kind: "number", value: 40 }, "Check-ins!D12: the value 40"],
    [{ kind: "boolean", value: true }, "Check-ins!D12: the value true"],
  ])("writeLine(%j)", (content, line) => {
    expect(writeLine({ sheet: "Check-ins", address: "D12", content, before: null })).toBe(line);
  });

  test("a check-in kept from Current, and a text value, read as such", () => {
    expect(keptLine({ value: 0.9, from: "Scorecard!I7", to: "Check-ins!A2", as: "check-in" })).toBe(
      "0.9, typed over Scorecard!I7, becomes a check-in dated today (Check-ins!A2)"
    );
    expect(
      keptLine({ value: 0.9, from: "Scorecard!I7", to: "Check-ins!A2", as: "check-in" }, "O2.KR1")
    ).toBe("0.9, typed over Scorecard!I7, becomes a check-in of O2.KR1 dated today (Check-ins!A2)");
    expect(keptLine({ value: "ok", from: "Dashboard!I5", to: "Dashboard!Q5", as: "note" })).toBe(
      '"ok", typed over Dashboard!I5, is kept as a note in Dashboard!Q5'
    );
    expect(
      keptLine({ value: "=G6*2", from: "Scorecard!K6", to: "Scorecard!P6", as: "formula" })
    ).toBe("=G6*2, a person's formula in Scorecard!K6, is kept as a note in Scorecard!P6");
  });

  test("only OKR021–OKR027 are structure findings", () => {
    const { findings } = damagedRead();
    const structure = structureFindingsOf(findings);
    expect(structure.map((finding) => finding.ruleId)).toEqual(["OKR021"]);
    expect(findings.length).toBeGreaterThan(structure.length);
  });
});

describe("WorkbookCheck: the structure group and Repair…", () => {
  const { read, findings } = damagedRead();
  const state = {
    check: { status: "done" as const, findings, planFound: true },
    workbook: { status: "read" as const, read },
  };
  const inExcel: PaneActions = {
    ...createBrowserActions(),
    capabilities: excelCapabilities(() => true),
    repair: async () => ({ cells: 0, names: 0, syncs: 2, batches: 1 }),
  };
  const repairButton = (html: string) => html.match(/<button[^>]*>Repair…<\/button>/)?.[0] ?? "";

  test("in Excel: the structure findings with their cells, and an enabled Repair…", () => {
    const html = paneMarkup(<WorkbookCheck />, { state, actions: inExcel });
    expect(html).toMatch(/<h3[^>]*>Workbook structure \(1\)<\/h3>/);
    expect(html).toMatch(/<h4[^>]*>Cells of OKR021<\/h4>/);
    expect(textOf(html)).toContain("Scorecard!K6: should hold =");
    expect(repairButton(html)).not.toMatch(/disabled/);
  });

  test("outside Excel: Repair… is disabled and says there is no repair outside Excel", () => {
    const html = paneMarkup(<WorkbookCheck />, { state, actions: createBrowserActions() });
    const button = repairButton(html);
    expect(button).toMatch(/\sdisabled=""/);
    const noteId = button.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(html).toMatch(
      new RegExp(
        `<[^>]*id="${noteId}"[^>]*>Repair writes into the open workbook: open OKR Studio in Excel to repair it.`
      )
    );
  });

  test("check-ins outside the log: moving them is a button of its own", () => {
    const move = /<button[^>]*>Repair and move check-ins into the log…<\/button>/;
    expect(paneMarkup(<WorkbookCheck />, { state, actions: inExcel })).not.toMatch(move);
    const outside = {
      ...state,
      check: {
        ...state.check,
        findings: [
          ...findings,
          {
            ruleId: "OKR023" as const,
            severity: "warning" as const,
            message: "Check-ins: row 3 holds a date and a key result outside the Check-ins table",
            location: { sheet: "Check-ins", address: "S3" },
            fix: "Move it into the table.",
          },
        ],
      },
    };
    expect(paneMarkup(<WorkbookCheck />, { state: outside, actions: inExcel })).toMatch(move);
  });

  test("no structure finding: no structure group", () => {
    const clean = {
      ...state,
      check: { ...state.check, findings: findings.filter((f) => f.ruleId !== "OKR021") },
    };
    const html = paneMarkup(<WorkbookCheck />, { state: clean, actions: inExcel });
    expect(html).not.toContain("Workbook structure");
    expect(repairButton(html)).toBe("");
  });
});

// ---- the report kept after Repair, and long plans ------------------------------------------------

const formula = (sheet: string, address: string, text = "=1") => ({
  sheet,
  address,
  content: { kind: "formula" as const, formula: text },
  before: { value: 0.8, formula: null },
});

/** A plan of each kind of line the report can hold. */
const KINDS: RepairPlan = {
  writes: [
    formula("Scorecard", "K6", '=IF(I6="","",1)'),
    {
      sheet: "Scorecard",
      address: "P6",
      content: { kind: "text", text: "0.8 was typed over K6, whose formula Repair restored" },
      before: null,
    },
    formula("Scorecard", "I7", "=2"),
    {
      sheet: "Check-ins",
      address: "A12",
      content: { kind: "date", serial: TODAY },
      before: null,
    },
  ],
  names: [{ name: "OKR_GREEN", formula: "=Thresholds!$B$2", before: null }],
  kept: [
    { value: 0.8, from: "Scorecard!K6", to: "Scorecard!P6", as: "note" },
    { value: 40, from: "Scorecard!I7", to: "Check-ins!A12", as: "check-in" },
  ],
  report: [
    "the name OKR_GREEN: restores =Thresholds!$B$2",
    "Scorecard!I7: restores =2",
    'Scorecard!K6: restores =IF(I6="","",1)',
    "Scorecard!K6: 0.8 typed over its formula is kept as a note in Scorecard!P6",
    "Scorecard!I7: 40 typed over Current is kept as a check-in of O1.KR2 dated today (Check-ins!A12)",
    "Dashboard!F9 is not repaired: rows or columns of Dashboard moved, so the builder's formula would not fit this place; okr rebuild writes a new workbook",
    "Check-ins!S3: not moved: the Check-ins table has no free row",
    "not repaired: The sheet Monthly Review is missing. Repair writes no sheet or header; okr rebuild writes a new workbook",
    "Check-ins!S4: every cell copied into the Check-ins table (Check-ins!A13); the originals are left where they were",
  ],
};

describe("the lines of a plan, each cell a link", () => {
  test.each<[string, string | null]>([
    ["Scorecard!K6", "Scorecard|K6"],
    ["OKR Plan!B3", "OKR Plan|B3"],
    ["Bang!Sheet!AB12", "Bang!Sheet|AB12"],
    ["Scorecard!k6", null],
    ["K6", null],
    ["!K6", null],
  ])("splitReference(%s)", (reference, expected) => {
    const cell = splitReference(reference);
    expect(cell === null ? null : `${cell.sheet}|${cell.address}`).toBe(expected);
  });

  test.each<[string, string | null]>([
    ["Scorecard!K6: restores =1", "Scorecard!K6"],
    ["Check-ins!S3: not moved: no free row", "Check-ins!S3"],
    ["Dashboard!F9 is not repaired: rows moved", "Dashboard!F9"],
    ["OKR Plan!C4: 3 was there; it is put back", "OKR Plan!C4"],
    ["not repaired: The sheet Monthly Review is missing", null],
    ["the name OKR_GREEN is not repaired", null],
  ])("lineOf(%s) is about %s", (text, key) => {
    const line = lineOf(text);
    expect(line.text).toBe(text);
    expect(line.key === undefined ? null : `${line.key.sheet}!${line.key.address}`).toBe(key);
  });

  test.each<[string, string[], string[]]>([
    [
      "Check-ins!A12: a co-author's check-in was written there; it is recorded again in Check-ins!A14",
      [],
      ["Check-ins!A12", "Check-ins!A14"],
    ],
    ["Plan!B3 and OKR Plan!B4", ["Plan"], ["Plan!B3", "OKR Plan!B4"]],
    ["'OKR Plan'!B3, Scorecard!K6x, MyScorecard!K6", [], []],
    [
      "Bang!Sheet!C2 (moved from Bang!Sheet!C1)",
      ["Bang!Sheet"],
      ["Bang!Sheet!C2", "Bang!Sheet!C1"],
    ],
  ])("lineOf(%s) names every cell on a sheet it knows", (text, sheets, cells) => {
    const line = lineOf(text, [...Object.values(SHEETS), ...sheets]);
    expect(line.cells.map((cell) => `${cell.sheet}!${cell.address}`)).toEqual(cells);
  });

  test("segmentsOf cuts a kept value's line at both its cells", () => {
    const [note] = keptLines(KINDS);
    expect(segmentsOf(note)).toEqual([
      { text: "0.8, typed over " },
      { cell: { sheet: "Scorecard", address: "K6" }, text: "Scorecard!K6" },
      { text: ", is kept as a note in " },
      { cell: { sheet: "Scorecard", address: "P6" }, text: "Scorecard!P6" },
    ]);
  });

  test("every line of the report is on screen once: as a write, a kept value, left alone or also", () => {
    const { leftAlone: alone, also } = reportLines(KINDS);
    expect(alone.map((line) => line.text)).toEqual([
      KINDS.report[5],
      KINDS.report[6],
      KINDS.report[7],
    ]);
    expect(also.map((line) => line.text)).toEqual([KINDS.report[8]]);
    expect(writeLines(KINDS).map((line) => line.text)).toEqual([
      'Scorecard!K6: the formula =IF(I6="","",1)',
      'Scorecard!P6: the text "0.8 was typed over K6, whose formula Repair restored"',
      "Scorecard!I7: the formula =2",
      "Check-ins!A12: the date 2026-03-19 (today)",
      "the name OKR_GREEN: =Thresholds!$B$2",
    ]);
  });

  // A person's own sheet is on no list of OKR Studio's: a line that starts with a cell names it.
  test.each<[string, string | null, string[]]>([
    ["Sheet1!B3: not moved: the Check-ins table has no free row", "Sheet1!B3", ["Sheet1!B3"]],
    ["My Notes!C4 is not repaired: a person's own formula", "My Notes!C4", ["My Notes!C4"]],
    [
      "Q3 Log!A2: every cell copied into the Check-ins table (Check-ins!A13)",
      "Q3 Log!A2",
      ["Q3 Log!A2", "Check-ins!A13"],
    ],
    ["not repaired: The sheet Monthly Review is missing", null, []],
  ])("a report line on any sheet: %s", (line, key, cells) => {
    const plan: RepairPlan = { writes: [], names: [], kept: [], report: [line] };
    expect(sheetsOf(plan)).toEqual(
      expect.arrayContaining(key === null ? [] : [key.slice(0, key.lastIndexOf("!"))])
    );
    const { leftAlone: alone, also } = reportLines(plan);
    const [shown] = [...alone, ...also];
    expect(shown.key === undefined ? null : `${shown.key.sheet}!${shown.key.address}`).toBe(key);
    expect(shown.cells.map((cell) => `${cell.sheet}!${cell.address}`)).toEqual(cells);
  });

  test("a co-author's cell on a person's own sheet, put back: its cell is a link", () => {
    const [line] = displacedLines({
      plan: { writes: [], names: [], kept: [], report: [] },
      outcome: {
        cells: 0,
        names: 0,
        syncs: 3,
        batches: 1,
        displaced: ["Sheet1!D9: 2 was there; it is put back"],
      },
    });
    expect(line.key).toEqual({ sheet: "Sheet1", address: "D9" });
  });

  // Linear in the plan: the kept values are looked up by cell, not scanned once per report line.
  // Counted (reads of the plan's kept values), on plans of growing size.
  test("reportLines reads each kept value a bounded number of times, whatever the plan's size", () => {
    const readsFor = (count: number) => {
      const kept: RepairPlan["kept"] = [];
      const report: string[] = [];
      for (let row = 6; row < 6 + count; row++) {
        kept.push({ value: 0.5, from: `Scorecard!K${row}`, to: `Scorecard!P${row}`, as: "note" });
        report.push(
          `Scorecard!K${row}: 0.5 typed over its formula is kept as a note in Scorecard!P${row}`
        );
        report.push(`Scorecard!J${row} is not repaired: a person's own formula`);
      }
      let reads = 0;
      const counted = new Proxy(kept, {
        get(target, key, receiver) {
          if (typeof key === "string" && /^[0-9]+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const lines = reportLines({ writes: [], names: [], kept: counted, report });
      expect(lines.leftAlone).toHaveLength(count);
      expect(lines.also).toHaveLength(0);
      return reads;
    };
    for (const count of [100, 200, 400]) expect(readsFor(count)).toBeLessThanOrEqual(4 * count);
  });

  test("a line the pane has no word for (a planner's new kind, such as column insertions) is shown", () => {
    const plan = {
      ...KINDS,
      insertions: [{ sheet: "Scorecard", table: "OkrScorecard", column: 16, header: "Notes" }],
      report: [...KINDS.report, "Scorecard!Q5: inserts the column Notes into OkrScorecard"],
    } as RepairPlan;
    expect(reportLines(plan).also.map((line) => line.text)).toContain(
      "Scorecard!Q5: inserts the column Notes into OkrScorecard"
    );
  });

  test("groupLines: by sheet and column in the order they come, the lines without a cell last", () => {
    const lines = [
      lineOf("Scorecard!K6: a"),
      lineOf("Dashboard!K6: b"),
      lineOf("Scorecard!K7: c"),
      lineOf("no cell"),
      lineOf("Scorecard!AB7: d"),
      { ...lineOf("Check-ins!A12: e"), group: "Check-ins, new check-ins" },
      { ...lineOf("Check-ins!B12: f"), group: "Check-ins, new check-ins" },
    ];
    expect(
      groupLines(lines).map((group) => [group.label, group.lines.map((line) => line.text)])
    ).toEqual([
      ["Scorecard, column K", ["Scorecard!K6: a", "Scorecard!K7: c"]],
      ["Dashboard, column K", ["Dashboard!K6: b"]],
      ["Scorecard, column AB", ["Scorecard!AB7: d"]],
      ["Check-ins, new check-ins", ["Check-ins!A12: e", "Check-ins!B12: f"]],
      ["Other lines", ["no cell"]],
    ]);
  });
});

describe("the report of the last Repair, kept after its check", () => {
  const { read } = damagedRead();
  const inExcel: PaneActions = {
    ...createBrowserActions(),
    capabilities: excelCapabilities(() => true),
    repair: async () => ({ cells: 0, names: 0, syncs: 2, batches: 1 }),
  };
  const cleanCheck = {
    check: { status: "done" as const, findings: [], planFound: true },
    workbook: { status: "read" as const, read },
  };
  const reportOf = (plan: RepairPlan, displaced: string[] = []) => ({
    plan,
    outcome: {
      cells: plan.writes.length,
      names: plan.names.length,
      syncs: 2,
      batches: 1,
      displaced,
    },
    keep: false,
    focusPending: false,
  });
  /** Text with its inline tags (the links, the spans) dropped, not turned into spaces. */
  const inline = (html: string) => textOf(html.replace(/<\/?(?:span|button)[^>]*>/g, ""));
  /** The list under the level-4 heading `name`: its items' text. */
  const listItems = (html: string, name: string): string[] | null => {
    const heading = new RegExp(
      `<h4[^>]*id="([^"]+)"[^>]*>${name.replace(/[()]/g, "\\$&")}</h4>`
    ).exec(html);
    if (heading === null) return null;
    const list = new RegExp(`<ul[^>]*aria-labelledby="${heading[1]}"[^>]*>([\\s\\S]*?)</ul>`).exec(
      html
    );
    return [...list![1].matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((item) => inline(item[1]));
  };

  test("after a clean check: a region with its heading, the summary, and a way to dismiss it", () => {
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(KINDS) },
      actions: inExcel,
    });
    const heading = /<h3[^>]*id="([^"]+)"[^>]*tabindex="-1"[^>]*>What Repair did<\/h3>/.exec(html);
    expect(heading).not.toBeNull();
    expect(html).toMatch(new RegExp(`<section[^>]*aria-labelledby="${heading![1]}"`));
    expect(textOf(html)).toContain(
      "Repair wrote 4 cells and 1 defined name. The workbook was checked again."
    );
    expect(textOf(html)).toContain("No problems found");
    expect(html).toMatch(/<button[^>]*>Dismiss the repair report<\/button>/);
  });

  test.each<[string, string, string[]]>([
    [
      "cells written",
      "Cells Repair wrote",
      [
        'Scorecard!K6: the formula =IF(I6="","",1)',
        'Scorecard!P6: the text "0.8 was typed over K6, whose formula Repair restored"',
        "Scorecard!I7: the formula =2",
        "Check-ins!A12: the date 2026-03-19 (today)",
        "the name OKR_GREEN: =Thresholds!$B$2",
      ],
    ],
    [
      "values kept and where",
      "Typed values kept",
      [
        "0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6",
        "40, typed over Scorecard!I7, becomes a check-in of O1.KR2 dated today (Check-ins!A12)",
      ],
    ],
    [
      "lines left alone",
      "Left alone",
      [
        "Dashboard!F9 is not repaired: rows or columns of Dashboard moved, so the builder's formula would not fit this place; okr rebuild writes a new workbook.",
        "Check-ins!S3: not moved: the Check-ins table has no free row.",
        "Not repaired: The sheet Monthly Review is missing. Repair writes no sheet or header; okr rebuild writes a new workbook.",
      ],
    ],
    [
      "what else the plan reports",
      "Also in the plan",
      [
        "Check-ins!S4: every cell copied into the Check-ins table (Check-ins!A13); the originals are left where they were.",
      ],
    ],
  ])("%s: the list %s", (_, name, items) => {
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(KINDS) },
      actions: inExcel,
    });
    expect(listItems(html, name)).toEqual(items);
    expect(listItems(html, "Written by someone else at the same moment")).toBeNull();
  });

  test.each<[string, string[]]>([
    ["Cells Repair wrote", ["Scorecard!K6", "Scorecard!P6", "Scorecard!I7", "Check-ins!A12"]],
    ["Typed values kept", ["Scorecard!K6", "Scorecard!P6", "Scorecard!I7", "Check-ins!A12"]],
    ["Left alone", ["Dashboard!F9", "Check-ins!S3"]],
    ["Also in the plan", ["Check-ins!S4", "Check-ins!A13"]],
  ])("in Excel, each cell of %s is a Go to link", (name, cells) => {
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(KINDS) },
      actions: inExcel,
    });
    const heading = new RegExp(`<h4[^>]*id="([^"]+)"[^>]*>${name}</h4>`).exec(html)!;
    const list = new RegExp(`<ul[^>]*aria-labelledby="${heading[1]}"[^>]*>([\\s\\S]*?)</ul>`).exec(
      html
    )!;
    expect(
      [...list[1].matchAll(/<button[^>]*aria-label="Go to ([^"]+)"/g)].map((m) => m[1])
    ).toEqual(cells);
  });

  test("outside Excel there is nothing to go to: the cells are text", () => {
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(KINDS) },
      actions: createBrowserActions(),
    });
    expect(inline(html)).toContain("Scorecard!K6: the formula");
    expect(html).not.toMatch(/aria-label="Go to /);
  });

  test("cells a co-author wrote at the same moment: listed first, each with its cell, as a warning", () => {
    const displaced = [
      "Scorecard!K6: 0.9 was typed there at the same moment; it is put back, and the formula is not restored",
      "Check-ins!A12: a co-author's check-in (Date: 46100, Key Result: O1.KR1) was written there at the same moment; it is recorded again in Check-ins!A14",
    ];
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(KINDS, displaced) },
      actions: inExcel,
    });
    expect(listItems(html, "Written by someone else at the same moment")).toEqual(
      displaced.map((line) => `${line}.`)
    );
    // K6 holds the co-author's 0.9, not Repair's formula: neither listed nor counted as written.
    expect(textOf(html)).toContain(
      "Repaired, with cells put back Repair wrote 3 cells and 1 defined name. 2 cells were written by someone else at the same moment and put back, as listed."
    );
    expect(listItems(html, "Cells Repair wrote")).toEqual([
      'Scorecard!P6: the text "0.8 was typed over K6, whose formula Repair restored"',
      "Scorecard!I7: the formula =2",
      "Check-ins!A12: the date 2026-03-19 (today)",
      "the name OKR_GREEN: =Thresholds!$B$2",
    ]);
    expect(html).toMatch(/aria-label="Go to Check-ins!A14"/);
    expect(html.indexOf("Written by someone else")).toBeLessThan(
      html.indexOf("Cells Repair wrote")
    );
  });

  test("a co-author's value where Repair's note went: the note is said to have moved right, and still counted", () => {
    const displaced = [
      'Scorecard!P6: "mine" was typed there at the same moment; it is put back, and Repair\'s note moves right',
    ];
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(KINDS, displaced) },
      actions: inExcel,
    });
    const moved =
      " (someone wrote here at the same moment: Repair's note is in the first empty cell to the right)";
    expect(textOf(html)).toContain("Repair wrote 4 cells and 1 defined name. 1 cell was written");
    expect(listItems(html, "Cells Repair wrote")).toEqual([
      'Scorecard!K6: the formula =IF(I6="","",1)',
      `Scorecard!P6: the text "0.8 was typed over K6, whose formula Repair restored"${moved}`,
      "Scorecard!I7: the formula =2",
      "Check-ins!A12: the date 2026-03-19 (today)",
      "the name OKR_GREEN: =Thresholds!$B$2",
    ]);
    expect(listItems(html, "Typed values kept")).toEqual([
      `0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6${moved}`,
      "40, typed over Scorecard!I7, becomes a check-in of O1.KR2 dated today (Check-ins!A12)",
    ]);
  });

  test.each<[string, string, number, Record<string, string>]>([
    ["nothing displaced", "", 4, {}],
    [
      "a formula not restored",
      "Scorecard!K6: 0.9 was typed there at the same moment; it is put back, and the formula is not restored",
      3,
      { "Scorecard!K6": "not written" },
    ],
    [
      "a note moved right",
      "Scorecard!P6: 1 was typed there at the same moment; it is put back, and Repair's note moves right",
      4,
      { "Scorecard!P6": "moved" },
    ],
    [
      "a co-author's check-in recorded again: Repair's own cells stay",
      "Check-ins!A12: a co-author's check-in (Date: 46100) was written there at the same moment; it is recorded again in Check-ins!A14",
      4,
      {},
    ],
    ["a put-back cell of a later round", "Scorecard!Q6: 2 was there; it is put back", 4, {}],
  ])("displacedWrites and cellsWritten: %s", (_, line, cells, effects) => {
    const report = reportOf(KINDS, line === "" ? [] : [line]);
    expect(Object.fromEntries(displacedWrites(report))).toEqual(effects);
    expect(cellsWritten(report)).toBe(cells);
  });

  test("only names restored: no cell list, the names said", () => {
    const plan: RepairPlan = {
      writes: [],
      names: [{ name: "OKR_MARK", formula: "=2", before: null }],
      kept: [],
      report: ["the name OKR_MARK: restores =2"],
    };
    const html = paneMarkup(<WorkbookCheck />, {
      state: { ...cleanCheck, repair: reportOf(plan) },
      actions: inExcel,
    });
    expect(textOf(html)).toContain("Repair wrote 1 defined name.");
    expect(listItems(html, "Cells Repair wrote")).toEqual(["the name OKR_MARK: =2"]);
    expect(listItems(html, "Left alone")).toBeNull();
  });

  test("no report: nothing of it", () => {
    const html = paneMarkup(<WorkbookCheck />, { state: cleanCheck, actions: inExcel });
    expect(html).not.toContain("What Repair did");
  });
});

describe("a long plan: grouped by sheet and column, not a list item per cell", () => {
  /** 300 Scores, 200 Progress cells and 40 names: 540 lines. */
  const long: RepairPlan = {
    writes: [
      ...Array.from({ length: 300 }, (_, i) => formula("Scorecard", `K${i + 6}`)),
      ...Array.from({ length: 200 }, (_, i) => formula("Scorecard", `J${i + 6}`)),
    ],
    names: Array.from({ length: 40 }, (_, i) => ({ name: `N${i}`, formula: "=1", before: null })),
    kept: [],
    report: [],
  };
  const items = (html: string) => html.match(/<li[\s>]/g)?.length ?? 0;

  test.each`
    where
    ${"confirmation"}
    ${"report"}
  `(
    "the $where renders a button per group with its count, and no cell until one is opened",
    ({ where }) => {
      const html =
        where === "confirmation"
          ? paneMarkup(
              <RepairConfirmation
                plan={long}
                writing={false}
                onConfirm={() => undefined}
                onCancel={() => undefined}
              />
            )
          : paneMarkup(<WorkbookCheck />, {
              state: {
                check: { status: "done", findings: [], planFound: true },
                repair: {
                  plan: long,
                  outcome: { cells: 500, names: 40, syncs: 2, batches: 1 },
                  keep: false,
                  focusPending: false,
                },
              },
              actions: createBrowserActions(),
            });
      const buttons = [
        ...html.matchAll(/<button[^>]*aria-expanded="false"[^>]*>([\s\S]*?)<\/button>/g),
      ].map((match) => textOf(match[1]));
      expect(buttons).toEqual([
        "Scorecard, column K — 300 cells",
        "Scorecard, column J — 200 cells",
        "Other lines — 40 lines",
      ]);
      expect(items(html)).toBe(3);
      expect(html).not.toContain("K306");
      expect(textOf(html)).toContain(
        where === "confirmation"
          ? "Repair writes 500 cells and 40 defined names"
          : "Repair wrote 500 cells and 40 defined names"
      );
    }
  );

  test("a check-in's cells are one group, not one per column of the log", () => {
    const columns = ["Date", "Key Result", "Value"].map((header, column) => ({ header, column }));
    const checkIns = [12, 13].flatMap((row) =>
      ["A", "B", "C"].map((letter) => ({
        ...formula("Check-ins", `${letter}${row}`),
        checkIn: { row: row - 1, columns },
      }))
    );
    const plan = { ...long, writes: [...long.writes.slice(0, 20), ...checkIns], names: [] };
    expect(
      groupLines(writeLines(plan)).map((group) => `${group.label} — ${group.lines.length}`)
    ).toEqual(["Scorecard, column K — 20", "Check-ins, new check-ins — 6"]);
  });

  test("a short plan is one flat list, each cell an item", () => {
    const short = { ...long, writes: long.writes.slice(0, 12), names: [] };
    const html = paneMarkup(
      <RepairConfirmation
        plan={short}
        writing={false}
        onConfirm={() => undefined}
        onCancel={() => undefined}
      />
    );
    expect(items(html)).toBe(12);
    expect(html).not.toMatch(/aria-expanded/);
  });
});

describe("a person's formula over a computed cell (OKR028): listed apart, restored only when ticked", () => {
  /** A generated workbook with =G6*2 written over Scorecard!K6, read and checked as the pane does. */
  function personalRead() {
    const plan = withCurrents(instantiate(templateById("predictive-analytics")!));
    const memory = loadWorkbook(buildWorkbook(plan, { style: "portable" }), { today: TODAY });
    try {
      const sheet = memory.engine.getSheetId(SHEETS.scorecard)!;
      memory.engine.setCellContents({ sheet, row: 5, col: 10 }, "=G6*2");
      const read = readOf(memory.snapshot(), 2);
      return { read, findings: checkWorkbook(read.facts, { asOf: TODAY }) };
    } finally {
      memory.dispose();
    }
  }
  const { read, findings } = personalRead();
  const lines = personalFormulaLines(findings);

  test("the cell is listed with the person's formula and the builder's", () => {
    expect(lines).toHaveLength(1);
    expect(lines[0].text).toMatch(
      /^Scorecard!K6: a person's formula =G6\*2; OKR Studio writes =IF\(/
    );
    expect(lines[0].cells).toEqual([{ sheet: SHEETS.scorecard, address: "K6" }]);
  });

  test.each([false, true])("ticked: %s", (restore) => {
    const plan = repairPlanOf(read, { today: TODAY, restoreFormulas: restore });
    const html = paneMarkup(
      <RepairConfirmation
        plan={plan}
        writing={false}
        onConfirm={() => undefined}
        onCancel={() => undefined}
        personal={{ lines, restore, onRestore: () => undefined }}
      />
    );
    const text = textOf(html);
    expect(text).toContain("Formulas people wrote over computed cells");
    expect(text).toContain("Also restore OKR Studio's formula in this cell");
    const box = html.match(/<input[^>]*type="checkbox"[^>]*>/)?.[0] ?? "";
    expect(box).not.toBe("");
    expect(/\schecked=""/.test(box)).toBe(restore);
    if (restore) {
      expect(plan.writes.map((write) => `${write.sheet}!${write.address}`).sort()).toEqual([
        "Scorecard!K6",
        "Scorecard!P6",
      ]);
      expect(text).toMatch(
        /=G6\*2, a person's formula in Scorecard!K6 ?, is kept as a note in Scorecard!P6/
      );
      expect(planSummary(plan)).toMatch(/replaced, each kept as a note beside it\.$/);
    } else {
      expect(plan.writes).toEqual([]);
      expect(planWrites(plan)).toBe(false);
      expect(plan.report.join("\n")).toMatch(
        /Not restored: a person's formula is written over only if you tick/
      );
    }
  });
});

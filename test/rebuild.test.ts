import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { run } from "../src/cli/main";
import { lintFile } from "../src/cli/lint";
import ExcelJS from "exceljs";
import { DetailedCellError } from "hyperformula";
import { loadWorkbook } from "../src/hosts/memory";
import { readXlsx, writeXlsx } from "../src/hosts/xlsx";

/** The defined names readXlsx reads from a file's workbook part. */
async function readXlsxNames(path: string) {
  return (await readXlsx(path)).names ?? null;
}
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import {
  CHECK_IN_HEADERS,
  columnsByHeader,
  KEY_RESULT_HEADERS,
  LAYOUT_VERSION,
  NAMES,
  SCORECARD_KEY_RESULT_COLUMNS,
  SHEETS,
} from "../src/sheets/layout";
import type { LeftBehind } from "../src/sheets/rebuild";
import * as rebuildModule from "../src/sheets/rebuild";
import { cellsOf } from "../src/sheets/snapshot";
import {
  cellAddress,
  type CellContent,
  type CellSpec,
  type FormulaStyle,
  type SheetSpec,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../src/sheets/spec";
import { sheetSpec } from "./support/handSpecs";

/*
 * okr rebuild in-process (test/rebuildBin.test.ts runs the bundled command): generated workbooks
 * damaged the way a spreadsheet program damages them, rebuilt, and what was left behind compared
 * with the damage. An integration suite: ExcelJS writes and reads whole workbooks, HyperFormula
 * deletes rows.
 */

// Whole workbooks written, read and evaluated on a shared machine: a ceiling, not a measure.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "okr-rebuild-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

async function okr(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const STYLES: FormulaStyle[] = ["portable", "functions"];
const plan = instantiate(templateById("computer-vision")!);
const K = columnsByHeader(SCORECARD_KEY_RESULT_COLUMNS);
const L = columnsByHeader(CHECK_IN_HEADERS);

/** Every cell of a workbook file by sheet and address: value and formula. */
async function cellsOfFile(path: string): Promise<Record<string, unknown>> {
  return cellsOfSnapshot(await readXlsx(path));
}

function cellsOfSnapshot(snapshot: WorkbookSnapshot): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  for (const sheet of snapshot.sheets)
    for (const cell of cellsOf(sheet))
      cells[`${sheet.name}!${cellAddress(cell.row, cell.column)}`] = {
        value: cell.value,
        formula: cell.formula,
      };
  return cells;
}

/** The sheet row (0-based) of the Scorecard's first key result. */
function firstKeyResultRow(spec: WorkbookSpec): number {
  const scorecard = spec.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
  const header = scorecard.cells.find(
    (cell) => cell.column === K.ID && cell.content.kind === "text" && cell.content.text === "ID"
  )!;
  return header.row + 1;
}

function sheetOf(spec: WorkbookSpec, name: string): SheetSpec {
  return spec.sheets.find((sheet) => sheet.name === name)!;
}

function contentAt(spec: WorkbookSpec, sheet: string, row: number, column: number): CellContent {
  return sheetOf(spec, sheet).cells.find((cell) => cell.row === row && cell.column === column)!
    .content;
}

/** Sets a cell of the spec as a person typing into it would: whatever was there is replaced. */
function typeInto(
  spec: WorkbookSpec,
  sheet: string,
  row: number,
  column: number,
  content: CellContent
) {
  const cells = sheetOf(spec, sheet).cells;
  const at = cells.findIndex((cell) => cell.row === row && cell.column === column);
  const cell: CellSpec = { row, column, content };
  if (at >= 0) cells[at] = cell;
  else cells.push(cell);
}

async function rebuildJson(input: string, out: string, ...more: string[]) {
  const result = await okr("rebuild", input, "--out", out, "--format", "json", ...more);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    leftBehind: LeftBehind;
    style: string;
    plan: { checkIns: number };
  };
}

describe("an undamaged workbook: the rebuilt one is what okr new writes, nothing left behind", () => {
  test.each(STYLES)("%s", async (style) => {
    const made = file(`new-${style}.xlsx`);
    const rebuilt = file(`rebuilt-${style}.xlsx`);
    expect(
      (await okr("new", "--template", "computer-vision", "--style", style, "--out", made)).code
    ).toBe(0);
    const before = readFileSync(made);
    const text = await okr("rebuild", made, "--out", rebuilt);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Nothing left behind: every cell and defined name of ${made}`);
    expect(text.stdout).toContain(style === "portable" ? "portable formulas" : "OKR.* formulas");
    expect(readFileSync(made).equals(before)).toBe(true);
    expect(await cellsOfFile(rebuilt)).toEqual(await cellsOfFile(made));
    expect(await readXlsxNames(rebuilt)).toEqual(await readXlsxNames(made));
    // The style comes from the layout mark; --style overrides it.
    const other: FormulaStyle = style === "portable" ? "functions" : "portable";
    const restyled = file(`restyled-${style}.xlsx`);
    const report = await rebuildJson(made, restyled, "--style", other);
    expect(report.style).toBe(other);
    expect(await cellsOfFile(restyled)).toEqual(
      await (async () => {
        const reference = file(`reference-${other}-${style}.xlsx`);
        await writeXlsx(buildWorkbook(plan, { style: other }), reference);
        return cellsOfFile(reference);
      })()
    );
  });
});

/** A damage made to a generated spec, and what the report must say was left behind. */
interface Damage {
  name: string;
  damage(spec: WorkbookSpec, style: FormulaStyle): void;
  /** The leftBehind report expected, from the damaged and the undamaged spec. */
  expected(damaged: WorkbookSpec, style: FormulaStyle): LeftBehind;
  /** How many check-in rows the rebuilt log holds. */
  checkIns?: number;
}

const DAMAGES: Damage[] = [
  {
    name: "a number typed over a Score formula",
    damage: (spec) =>
      typeInto(spec, SHEETS.scorecard, firstKeyResultRow(spec), K.Score, {
        kind: "number",
        value: 0.5,
      }),
    expected: (spec, style) => {
      const row = firstKeyResultRow(spec);
      const formula = contentAt(buildWorkbook(plan, { style }), SHEETS.scorecard, row, K.Score);
      return {
        sheets: [
          {
            sheet: SHEETS.scorecard,
            inNewWorkbook: true,
            runs: [
              {
                range: cellAddress(row, K.Score),
                kind: "typedOverFormula",
                cells: [
                  {
                    address: cellAddress(row, K.Score),
                    value: 0.5,
                    formula: null,
                    now: { formula: (formula as { formula: string }).formula },
                  },
                ],
              },
            ],
          },
        ],
        names: [],
        namesCompared: true,
      };
    },
  },
  {
    name: "numbers typed over two Current formulas",
    damage: (spec) => {
      const row = firstKeyResultRow(spec);
      typeInto(spec, SHEETS.scorecard, row, K.Current, { kind: "number", value: 0.93 });
      typeInto(spec, SHEETS.scorecard, row + 1, K.Current, { kind: "number", value: 120 });
    },
    expected: (spec, style) => {
      const row = firstKeyResultRow(spec);
      const fresh = buildWorkbook(plan, { style });
      const formulaAt = (r: number) =>
        (contentAt(fresh, SHEETS.scorecard, r, K.Current) as { formula: string }).formula;
      return {
        sheets: [
          {
            sheet: SHEETS.scorecard,
            inNewWorkbook: true,
            runs: [
              {
                range: `${cellAddress(row, K.Current)}:${cellAddress(row + 1, K.Current)}`,
                kind: "typedOverFormula",
                cells: [
                  {
                    address: cellAddress(row, K.Current),
                    value: 0.93,
                    formula: null,
                    now: { formula: formulaAt(row) },
                  },
                  {
                    address: cellAddress(row + 1, K.Current),
                    value: 120,
                    formula: null,
                    now: { formula: formulaAt(row + 1) },
                  },
                ],
              },
            ],
          },
        ],
        names: [],
        namesCompared: true,
      };
    },
  },
  {
    name: "an extra sheet a person added",
    damage: (spec) =>
      spec.sheets.push(
        sheetSpec("Team notes", {
          cells: [
            { row: 0, column: 0, content: { kind: "text", text: "Retro" } },
            { row: 0, column: 1, content: { kind: "text", text: "Owner" } },
            { row: 1, column: 0, content: { kind: "text", text: "=not a formula" } },
            { row: 1, column: 1, content: { kind: "boolean", value: true } },
            { row: 3, column: 2, content: { kind: "number", value: 7 } },
          ],
        })
      ),
    expected: () => ({
      sheets: [
        {
          sheet: "Team notes",
          inNewWorkbook: false,
          runs: [
            {
              range: "A1:B2",
              kind: "valueDropped",
              cells: [
                { address: "A1", value: "Retro", formula: null, now: null },
                { address: "B1", value: "Owner", formula: null, now: null },
                { address: "A2", value: "=not a formula", formula: null, now: null },
                { address: "B2", value: true, formula: null, now: null },
              ],
            },
            {
              range: "C4",
              kind: "valueDropped",
              cells: [{ address: "C4", value: 7, formula: null, now: null }],
            },
          ],
        },
      ],
      names: [],
      namesCompared: true,
    }),
  },
  {
    name: "a notes column a person added beside the key results",
    damage: (spec) => {
      const row = firstKeyResultRow(spec);
      const column = SCORECARD_KEY_RESULT_COLUMNS.length + 2;
      typeInto(spec, SHEETS.scorecard, row - 1, column, { kind: "text", text: "Why" });
      typeInto(spec, SHEETS.scorecard, row, column, { kind: "text", text: "vendor late" });
      typeInto(spec, SHEETS.scorecard, row + 2, column, { kind: "text", text: "on track" });
    },
    expected: (spec) => {
      const row = firstKeyResultRow(spec);
      const column = SCORECARD_KEY_RESULT_COLUMNS.length + 2;
      const cell = (r: number, text: string) => ({
        address: cellAddress(r, column),
        value: text,
        formula: null,
        now: null,
      });
      return {
        sheets: [
          {
            sheet: SHEETS.scorecard,
            inNewWorkbook: true,
            runs: [
              {
                range: `${cellAddress(row - 1, column)}:${cellAddress(row, column)}`,
                kind: "valueDropped",
                cells: [cell(row - 1, "Why"), cell(row, "vendor late")],
              },
              {
                range: cellAddress(row + 2, column),
                kind: "valueDropped",
                cells: [cell(row + 2, "on track")],
              },
            ],
          },
        ],
        names: [],
        namesCompared: true,
      };
    },
  },
  {
    name: "a check-in log a person typed on another sheet: carried into the log, each cell's new place listed",
    damage: (spec) => {
      const id = plan.objectives[0].keyResults[1].id;
      spec.sheets.push(
        sheetSpec("My check-ins", {
          cells: [
            ["Date", "Key Result", "Value"],
            [46_040, id, 0.6],
            [46_047, id, 0.65],
          ].flatMap((line, row) =>
            line.map((value, column) => ({
              row,
              column,
              content:
                typeof value === "string"
                  ? { kind: "text" as const, text: value }
                  : column === 0
                    ? { kind: "date" as const, serial: value }
                    : { kind: "number" as const, value },
            }))
          ),
        })
      );
    },
    expected: () => {
      const id = plan.objectives[0].keyResults[1].id;
      const moved = (address: string, value: string | number, to: string) => ({
        address,
        value,
        formula: null,
        now: null,
        movedTo: `'Check-ins'!${to}`,
      });
      return {
        sheets: [
          {
            sheet: "My check-ins",
            inNewWorkbook: false,
            runs: [
              {
                range: "A1:C1",
                kind: "valueDropped",
                cells: ["Date", "Key Result", "Value"].map((header, column) => ({
                  address: cellAddress(0, column),
                  value: header,
                  formula: null,
                  now: null,
                })),
              },
              {
                range: "A2:C3",
                kind: "moved",
                cells: [
                  moved("A2", 46_040, "A2"),
                  moved("B2", id, "B2"),
                  moved("C2", 0.6, "C2"),
                  moved("A3", 46_047, "A3"),
                  moved("B3", id, "B3"),
                  moved("C3", 0.65, "C3"),
                ],
              },
            ],
          },
        ],
        names: [],
        namesCompared: true,
      };
    },
    checkIns: 2,
  },
  {
    name: "a name a person added and a threshold name broken by a deleted cell",
    damage: (spec) => {
      spec.names.push({ name: "TeamGoal", formula: "='OKR Plan'!$B$3" });
      spec.names.find((name) => name.name === NAMES.redBelow)!.formula = "=#REF!";
    },
    expected: (_spec, style) => ({
      sheets: [],
      names: [
        {
          name: NAMES.redBelow,
          sheet: null,
          formula: "=#REF!",
          now: buildWorkbook(plan, { style }).names.find((name) => name.name === NAMES.redBelow)!
            .formula,
        },
        { name: "TeamGoal", sheet: null, formula: "='OKR Plan'!$B$3", now: null },
      ],
      namesCompared: true,
    }),
  },
  {
    name: "check-ins, a correction and a withdrawal in the log: every row carried",
    damage: (spec) => {
      const id = plan.objectives[0].keyResults[0].id;
      const rows: [number, string, CellContent | null, string, string][] = [
        [46_030, id, { kind: "number", value: 0.9 }, "first", "a1"],
        [46_031, id, { kind: "number", value: 0.95 }, "typo", "a2"],
        [46_032, id, { kind: "number", value: 0.94 }, "corrected", "a3"],
        [46_033, id, null, "withdrawn", "a4"],
      ];
      rows.forEach(([date, keyResult, value, comment, entry], index) => {
        const at = (column: number, content: CellContent) =>
          typeInto(spec, SHEETS.checkIns, index + 1, column, content);
        at(L.Date, { kind: "date", serial: date });
        at(L["Key Result"], { kind: "text", text: keyResult });
        if (value !== null) at(L.Value, value);
        at(L.Comment, { kind: "text", text: comment });
        at(L.Entry, { kind: "text", text: entry });
      });
      typeInto(spec, SHEETS.checkIns, 3, L.Replaces, { kind: "text", text: "a2" });
      typeInto(spec, SHEETS.checkIns, 4, L.Replaces, { kind: "text", text: "a3" });
    },
    expected: () => ({ sheets: [], names: [], namesCompared: true }),
    checkIns: 4,
  },
];

describe("a damaged workbook: every damage listed exactly, the rebuilt workbook checks without errors", () => {
  const cases = DAMAGES.flatMap((damage) =>
    STYLES.map((style) => [damage.name, style, damage] as const)
  );
  test.each(cases)("%s (%s)", async (_name, style, damage) => {
    const spec = buildWorkbook(plan, { style });
    damage.damage(spec, style);
    const slug = `${DAMAGES.indexOf(damage)}-${style}`;
    const input = file(`damaged-${slug}.xlsx`);
    const out = file(`fixed-${slug}.xlsx`);
    await writeXlsx(spec, input);
    const before = readFileSync(input);
    const report = await rebuildJson(input, out);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(report.style).toBe(style);
    expect(report.leftBehind).toEqual(damage.expected(spec, style));
    expect(report.plan.checkIns).toBe(damage.checkIns ?? 0);
    const lint = await lintFile(out);
    expect(lint.error).toBeUndefined();
    expect(lint.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    // Rebuilding the rebuilt workbook leaves nothing behind.
    const again = await rebuildJson(out, file(`again-${slug}.xlsx`));
    expect(again.leftBehind).toEqual({ sheets: [], names: [], namesCompared: true });
  });
});

/** A workbook as HyperFormula holds it after an edit, as a spec the xlsx host writes. */
function specOfEngine(workbook: ReturnType<typeof loadWorkbook>, spec: WorkbookSpec): WorkbookSpec {
  const engine = workbook.engine;
  // The sheets HyperFormula still has (one may have been removed), read as the memory host reads.
  const snapshot: WorkbookSnapshot = {
    sheets: engine.getSheetNames().map((name) => {
      const id = engine.getSheetId(name)!;
      const values = engine.getSheetValues(id);
      const formulas = engine.getSheetFormulas(id);
      const rows = Array.from({ length: Math.max(values.length, formulas.length) }, (_, row) => ({
        row,
        cells: Array.from(
          { length: Math.max(values[row]?.length ?? 0, formulas[row]?.length ?? 0) },
          (_unused, column) => {
            const raw = values[row]?.[column];
            const value = raw instanceof DetailedCellError ? raw.value : (raw ?? null);
            return { column, value, formula: formulas[row]?.[column] ?? null };
          }
        ).filter((cell) => cell.value !== null || cell.formula !== null),
      })).filter((line) => line.cells.length > 0);
      return { name, visible: true, rows };
    }),
  };
  return {
    style: spec.style,
    styles: {},
    names: spec.names.map(({ name }) => ({
      name,
      formula: String(
        engine.getNamedExpressionFormula(name) ?? engine.getNamedExpressionValue(name)
      ),
    })),
    sheets: snapshot.sheets.map((sheet) =>
      sheetSpec(sheet.name, {
        cells: [...cellsOf(sheet)].map(({ row, column, value, formula }) => ({
          row,
          column,
          content:
            formula !== null
              ? { kind: "formula", formula }
              : typeof value === "number"
                ? { kind: "number", value }
                : typeof value === "boolean"
                  ? { kind: "boolean", value }
                  : { kind: "text", text: String(value) },
        })),
      })
    ),
  };
}

/** A row or a column of the Scorecard, or a sheet, deleted as HyperFormula deletes it. */
const DELETIONS = [
  {
    name: "the second key result's row",
    slug: "row",
    remove: (workbook: ReturnType<typeof loadWorkbook>, spec: WorkbookSpec) =>
      workbook.engine.removeRows(workbook.engine.getSheetId(SHEETS.scorecard)!, [
        firstKeyResultRow(spec) + 1,
        1,
      ]),
    // The Scorecard's formulas read whole ranges and find rows by id: a deleted row breaks none.
    refErrors: false,
    keyResultGone: true,
  },
  {
    name: "the Baseline column",
    slug: "column",
    remove: (workbook: ReturnType<typeof loadWorkbook>) =>
      workbook.engine.removeColumns(workbook.engine.getSheetId(SHEETS.scorecard)!, [K.Baseline, 1]),
    refErrors: true,
    keyResultGone: false,
  },
  {
    name: "the Check-ins sheet",
    slug: "sheet",
    remove: (workbook: ReturnType<typeof loadWorkbook>) =>
      workbook.engine.removeSheet(workbook.engine.getSheetId(SHEETS.checkIns)!),
    // HyperFormula keeps a formula's reference to a removed sheet (it shows #REF!); the new
    // workbook has the sheet again and the same formulas, which compute again.
    refErrors: false,
    keyResultGone: false,
  },
];

describe("a row or column deleted in a spreadsheet program (HyperFormula rewrites references to #REF!)", () => {
  const cases = DELETIONS.flatMap((deletion) =>
    STYLES.map((style) => [deletion.name, style, deletion] as const)
  );
  test.each(cases)(
    "%s (%s): every #REF! formula is listed, every cell not listed is carried (a removed sheet: nothing is listed)",
    async (_name, style, deletion) => {
      const spec = buildWorkbook(plan, { style });
      const workbook = loadWorkbook(spec);
      let damaged: WorkbookSpec;
      try {
        deletion.remove(workbook, spec);
        damaged = specOfEngine(workbook, spec);
      } finally {
        workbook.dispose();
      }
      const input = file(`deleted-${deletion.slug}-${style}.xlsx`);
      const out = file(`deleted-${deletion.slug}-fixed-${style}.xlsx`);
      await writeXlsx(damaged, input);
      const before = readFileSync(input);
      const report = await rebuildJson(input, out);
      expect(readFileSync(input).equals(before)).toBe(true);
      const listed = new Set(
        report.leftBehind.sheets.flatMap((sheet) =>
          sheet.runs.flatMap((run) => run.cells.map((cell) => `${sheet.sheet}!${cell.address}`))
        )
      );
      const inputCells = (await cellsOfFile(input)) as Record<
        string,
        { value: unknown; formula: string | null }
      >;
      const broken = Object.entries(inputCells)
        .filter(([, cell]) => cell.formula?.includes("#REF!"))
        .map(([place]) => place);
      expect(broken.length > 0).toBe(deletion.refErrors);
      if (deletion.slug === "sheet") expect([...listed]).toEqual([]);
      for (const place of broken) expect(listed).toContain(place);
      const lost = plan.objectives.flatMap((objective) => objective.keyResults)[1];
      const rebuilt = await readXlsx(out);
      const rebuiltCells = cellsOfSnapshot(rebuilt) as Record<
        string,
        { value: unknown; formula: string | null }
      >;
      expect(Object.values(rebuiltCells).some((cell) => cell.value === lost.text)).toBe(
        !deletion.keyResultGone
      );
      // Every cell of the old workbook not listed is in the new one, with the same formula.
      for (const [place, cell] of Object.entries(inputCells)) {
        if (listed.has(place)) continue;
        expect({ place, formula: rebuiltCells[place]?.formula ?? null }).toEqual({
          place,
          formula: cell.formula,
        });
      }
      const lint = await lintFile(out);
      expect(lint.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    }
  );
});

describe("refusals: one line naming the file and the reason, nothing written, the input unchanged", () => {
  const good = file("good.xlsx");
  beforeAll(() => writeXlsx(buildWorkbook(plan), good));

  const cases: [string, () => Promise<string[]>, number, (input: string, out: string) => string][] =
    [
      [
        "--out exists (without --force)",
        async () => {
          writeFileSync(file("taken.xlsx"), "mine");
          return [good, "--out", file("taken.xlsx")];
        },
        1,
        (_input, out) => `okr: ${out} already exists; add --force to replace it\n`,
      ],
      [
        "--out is the input by another path",
        async () => {
          mkdirSync(file("sub"), { recursive: true });
          // A string, not join(): join would normalise it back to the input's own path.
          return [good, "--out", `${dir}${sep}sub${sep}..${sep}good.xlsx`, "--force"];
        },
        1,
        (input, out) =>
          `okr: --out ${out} is ${input} itself; okr rebuild never writes over the workbook it reads: name a new file\n`,
      ],
      [
        "--out is the input by a relative path",
        async () => [good, "--out", relative(process.cwd(), good), "--force"],
        1,
        (input, out) =>
          `okr: --out ${out} is ${input} itself; okr rebuild never writes over the workbook it reads: name a new file\n`,
      ],
      [
        "--out is a symbolic link to the input",
        async () => {
          symlinkSync(good, file("link.xlsx"));
          return [good, "--out", file("link.xlsx"), "--force"];
        },
        1,
        (input, out) =>
          `okr: --out ${out} is ${input} itself; okr rebuild never writes over the workbook it reads: name a new file\n`,
      ],
      [
        "--out is a hard link to the input",
        async () => {
          linkSync(good, file("hard.xlsx"));
          return [good, "--out", file("hard.xlsx"), "--force"];
        },
        1,
        (input, out) =>
          `okr: --out ${out} is ${input} itself; okr rebuild never writes over the workbook it reads: name a new file\n`,
      ],
      [
        "--out exists and the input is damaged: --out refused first, before the input is read",
        async () => {
          writeFileSync(file("taken-first.xlsx"), "mine");
          writeFileSync(file("truncated-first.xlsx"), readFileSync(good).subarray(0, 2000));
          return [file("truncated-first.xlsx"), "--out", file("taken-first.xlsx")];
        },
        1,
        (_input, out) => `okr: ${out} already exists; add --force to replace it\n`,
      ],
      [
        "the input is missing",
        async () => [file("missing.xlsx"), "--out", file("out-missing.xlsx")],
        2,
        (input) => `okr: cannot read ${input}: no such file\n`,
      ],
      [
        "the input is a CSV file",
        async () => {
          writeFileSync(file("plan.xlsx.csv"), "a,b\n1,2\n");
          return [file("plan.xlsx.csv"), "--out", file("out-csv.xlsx")];
        },
        2,
        (input) =>
          `okr: cannot read ${input}: not an .xlsx file (it is a text file, such as CSV)\n`,
      ],
      [
        "the input is truncated",
        async () => {
          writeFileSync(file("truncated.xlsx"), readFileSync(good).subarray(0, 2000));
          return [file("truncated.xlsx"), "--out", file("out-truncated.xlsx")];
        },
        2,
        (input) =>
          `okr: cannot read ${input}: the file is damaged or truncated (its zip directory is missing)\n`,
      ],
      [
        "the input holds no OKR tables",
        async () => {
          await writeXlsx(
            {
              style: "portable",
              styles: {},
              names: [],
              sheets: [
                sheetSpec("Budget", {
                  cells: [{ row: 0, column: 0, content: { kind: "text", text: "Rent" } }],
                }),
              ],
            },
            file("budget.xlsx")
          );
          return [file("budget.xlsx"), "--out", file("out-budget.xlsx")];
        },
        1,
        (input) =>
          `okr: ${input}: no OKR tables found, so there is nothing to rebuild (looked for `,
      ],
    ];
  test.each(cases)("%s", async (_name, setup, code, message) => {
    const args = await setup();
    const [input, , out] = args;
    const before = existsSync(input) ? readFileSync(input) : null;
    const outBefore = existsSync(out) ? readFileSync(out) : null;
    const result = await okr("rebuild", ...args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n").length).toBe(2);
    expect(result.stderr.startsWith(message(input, out))).toBe(true);
    if (before !== null) expect(readFileSync(input).equals(before)).toBe(true);
    if (outBefore === null) expect(existsSync(out)).toBe(false);
    else expect(readFileSync(out).equals(outBefore)).toBe(true);
  });

  test("--force replaces another existing file, as okr new does", async () => {
    writeFileSync(file("old-out.xlsx"), "old");
    const result = await okr("rebuild", good, "--out", file("old-out.xlsx"), "--force");
    expect(result.code).toBe(0);
    expect(await cellsOfFile(file("old-out.xlsx"))).toEqual(await cellsOfFile(good));
  });

  test.each([
    [
      ["rebuild", "--out", "x.xlsx"],
      "okr rebuild takes one .xlsx file: okr rebuild broken.xlsx --out fixed.xlsx",
    ],
    [["rebuild", "a.xlsx"], "okr rebuild needs --out <new.xlsx>"],
    [["rebuild", "a.xlsx", "--out", "b.csv"], '--out must name an .xlsx file (got "b.csv")'],
    [
      ["rebuild", "a.xlsx", "--out", "b.xlsx", "--style", "fancy"],
      '--style must be portable or functions (got "fancy")',
    ],
    [
      ["rebuild", "a.xlsx", "--out", "b.xlsx", "--format", "sarif"],
      '--format must be text or json (got "sarif")',
    ],
  ])("usage: %j", async (argv, message) => {
    const result = await okr(...argv);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(`okr: ${message}`);
  });
});

describe("the text report", () => {
  test("runs per sheet with sheet!cell and the content, the reader's OKR019 cells, control characters shown as escapes", async () => {
    const spec = buildWorkbook(plan);
    typeInto(spec, SHEETS.scorecard, firstKeyResultRow(spec), K.Score, {
      kind: "number",
      value: 0.5,
    });
    typeInto(spec, SHEETS.scorecard, firstKeyResultRow(spec) + 1, K.Baseline, {
      kind: "text",
      text: "n/a",
    });
    spec.sheets.push(
      sheetSpec("Notes", {
        cells: [
          { row: 0, column: 0, content: { kind: "text", text: "red \u001b[31malert\u202e" } },
        ],
      })
    );
    spec.names.push({ name: "TeamGoal", formula: "='OKR Plan'!$B$3" });
    const input = file("report.xlsx");
    await writeXlsx(spec, input);
    const result = await okr("rebuild", input, "--out", file("report-fixed.xlsx"));
    expect(result.code).toBe(0);
    const row = firstKeyResultRow(spec) + 1;
    expect(result.stdout).toContain(
      [
        `Not carried over from ${input} as it was (6 cells, 1 defined name):`,
        "  Scorecard",
        `    Scorecard!K${row}: a value typed over a formula, replaced by the formula`,
        `      K${row}  0.5, typed over the formula: the new workbook has the formula`,
        `    Scorecard!G${row + 1}: a value not carried`,
        `      G${row + 1}  "n/a"`,
        // The Dashboard's quarterly targets run from the baseline, which the plan read back lacks.
        "  Dashboard",
        `    Dashboard!C${row + 1}:E${row + 1}: 3 values replaced`,
        `      C${row + 1}  325: the new workbook has 250`,
        `      D${row + 1}  550: the new workbook has 500`,
        `      E${row + 1}  775: the new workbook has 750`,
        "  Notes (a sheet the new workbook does not have)",
        "    Notes!A1: a value not carried",
        '      A1  "red \\u001b[31malert\\u202e"',
        "  Defined names",
        "    TeamGoal  ='OKR Plan'!$B$3: not made by the new workbook",
        "Cells the reader could not make sense of (OKR019), so the plan read back lacks what they say:",
        `  Scorecard!G${row + 1}  baseline is not a number: "n/a"`,
        "Charts, images, comments, hyperlinks, formatting and print settings are not carried: the new workbook has its own.",
      ].join("\n")
    );
    expect(result.stdout.includes("\u001b") || result.stdout.includes("\u202e")).toBe(false);
  });
});

describe("docs/cli.md's example of okr rebuild", () => {
  test("the workbook it describes gives the output it shows", async () => {
    const page = readFileSync(join(__dirname, "..", "docs", "cli.md"), "utf8");
    const block = /```text\n(\$ okr rebuild plan\.xlsx[\s\S]*?)```/.exec(page)![1];
    const [shown, again] = block
      .split(/^\$ okr rebuild plan\.xlsx --out fixed\.xlsx\n/m)
      .slice(1)
      .map((output) => output.split("\n").slice(0, -1));
    const folder = file("docs-example");
    mkdirSync(folder);
    const spec = buildWorkbook(
      instantiate(templateById("computer-vision")!, {
        project: "Line inspection",
        period: "2026-Q1",
      })
    );
    const row = firstKeyResultRow(spec);
    typeInto(spec, SHEETS.scorecard, row - 1, 24, { kind: "text", text: "Risk" });
    typeInto(spec, SHEETS.scorecard, row, 24, { kind: "text", text: "vendor late" });
    typeInto(spec, SHEETS.scorecard, row + 1, 24, { kind: "text", text: "needs labels" });
    typeInto(spec, SHEETS.scorecard, row + 1, K.Score, { kind: "number", value: 0.7 });
    typeInto(spec, SHEETS.scorecard, row + 2, K.Baseline, { kind: "text", text: "n/a" });
    const at = (column: number, content: CellContent) =>
      typeInto(spec, SHEETS.checkIns, 1, column, content);
    at(L.Date, { kind: "date", serial: 46_050 });
    at(L["Key Result"], { kind: "text", text: "O1.KR1" });
    at(L.Value, { kind: "number", value: 0.91 });
    at(L.Comment, { kind: "text", text: "after retraining" });
    spec.sheets.push(
      sheetSpec("Scratch", {
        cells: [
          { row: 0, column: 0, content: { kind: "text", text: "ideas" } },
          { row: 1, column: 0, content: { kind: "text", text: "try a smaller model" } },
        ],
      })
    );
    const input = join(folder, "plan.xlsx");
    const out = join(folder, "fixed.xlsx");
    await writeXlsx(spec, input);
    const first = await okr("rebuild", input, "--out", out);
    expect(first.code).toBe(0);
    const lines = first.stdout.split(`${folder}${sep}`).join("").split("\n").slice(0, -1);
    expect(lines[0]).toBe("fixed.xlsx");
    expect(shown[0]).toMatch(/\/fixed\.xlsx$/);
    expect(lines.slice(1)).toEqual(shown.slice(1));
    const second = await okr("rebuild", input, "--out", out);
    expect(second.code).toBe(1);
    expect(second.stderr.split(`${folder}${sep}`).join("").split("\n").slice(0, -1)).toEqual(again);
  });
});

describe("hyperlinks in the Notes column: their text carried, the link itself said not to be", () => {
  const cases: [string, ExcelJS.CellValue, string][] = [
    ["a plain hyperlink", { text: "Plain link", hyperlink: "https://example.com/a" }, "Plain link"],
    [
      "a hyperlink whose text is rich text",
      {
        text: { richText: [{ text: "Rich " }, { font: { bold: true }, text: "link" }] },
        hyperlink: "https://example.com/b",
      } as unknown as ExcelJS.CellValue,
      "Rich link",
    ],
  ];
  test.each(cases)("%s", async (name, value, text) => {
    const spec = buildWorkbook(plan);
    const row = firstKeyResultRow(spec);
    const input = file(`link-${name.length}.xlsx`);
    await writeXlsx(spec, input);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(input);
    workbook.getWorksheet(SHEETS.scorecard)!.getCell(row + 1, K.Notes + 1).value = value;
    await workbook.xlsx.writeFile(input);
    const out = file(`link-${name.length}-fixed.xlsx`);
    const report = await rebuildJson(input, out);
    expect(report.leftBehind.sheets).toEqual([]);
    const cells = await cellsOfFile(out);
    expect(cells[`${SHEETS.scorecard}!${cellAddress(row, K.Notes)}`]).toEqual({
      value: text,
      formula: null,
    });
    expect((report as unknown as { notCarried: string }).notCarried).toContain("hyperlinks");
  });
});

describe("plan fields found where the new workbook writes them, not only at the same place", () => {
  /** The Scorecard's runs in the report, by kind. */
  async function scorecardRuns(name: string, damage: (spec: WorkbookSpec, row: number) => string) {
    const spec = buildWorkbook(plan);
    const row = firstKeyResultRow(spec);
    const sheet = damage(spec, row);
    const input = file(`moved-${name}.xlsx`);
    await writeXlsx(spec, input);
    const report = await rebuildJson(input, file(`moved-${name}-fixed.xlsx`));
    return { row, runs: report.leftBehind.sheets.find((s) => s.sheet === sheet)?.runs ?? [] };
  }
  const cases: [
    string,
    (spec: WorkbookSpec, row: number) => string,
    (row: number, runs: LeftBehind["sheets"][number]["runs"]) => void,
  ][] = [
    [
      "a key-result row cleared: the rows below are carried a row higher, not replaced",
      (spec, row) => {
        const scorecard = sheetOf(spec, SHEETS.scorecard);
        scorecard.cells = scorecard.cells.filter((cell) => cell.row !== row);
        return SHEETS.scorecard;
      },
      (row, runs) => {
        // The key-result table's own columns, over its rows: nothing replaced (the helper columns
        // and the objectives table below move up too, and their labels are listed).
        const count = plan.objectives.reduce((sum, o) => sum + o.keyResults.length, 0);
        const inTable = new Set(
          Array.from({ length: count }, (_, at) =>
            KEY_RESULT_HEADERS.map((header) => cellAddress(row + at, K[header]))
          ).flat()
        );
        expect(
          runs
            .filter((run) => run.kind === "valueReplaced")
            .flatMap((run) => run.cells.map((cell) => cell.address))
            .filter((address) => inTable.has(address))
        ).toEqual([]);
        const text = runs
          .flatMap((run) => run.cells)
          .find((cell) => cell.address === cellAddress(row + 2, K["Key Result"]));
        expect(text?.movedTo).toBe(`Scorecard!${cellAddress(row + 1, K["Key Result"])}`);
      },
    ],
    [
      "the Scorecard named in other case: nothing listed on it",
      (spec) => {
        sheetOf(spec, SHEETS.scorecard).name = "SCORECARD";
        return "SCORECARD";
      },
      (_row, runs) => expect(runs).toEqual([]),
    ],
    [
      "the Scorecard renamed: its plan fields carried to the new Scorecard",
      (spec) => {
        sheetOf(spec, SHEETS.scorecard).name = "KRs";
        return "KRs";
      },
      (row, runs) => {
        const text = runs
          .flatMap((run) => run.cells)
          .find((cell) => cell.address === cellAddress(row, K["Key Result"]));
        expect(text?.movedTo).toBe(`Scorecard!${cellAddress(row, K["Key Result"])}`);
      },
    ],
  ];
  test.each(cases)("%s", async (name, damage, check) => {
    const { row, runs } = await scorecardRuns(name.split(":")[0].replace(/\W+/g, "-"), damage);
    check(row, runs);
  });
});

describe("carried text beginning with '=' stays text in the rebuilt workbook, never a formula", () => {
  const cases: [string, string, (row: number) => number, number][] = [
    ["a key result's text", SHEETS.scorecard, (row) => row, K["Key Result"]],
    ["a check-in comment", SHEETS.checkIns, () => 1, L.Comment],
  ];
  test.each(cases)("%s", async (name, sheet, rowOf, column) => {
    const text = `=HYPERLINK("http://evil.example","click") ${name}`;
    const kr = plan.objectives[0].keyResults[0].id;
    const spec = buildWorkbook(plan, {
      checkIns: [
        {
          Date: { kind: "date", serial: 46_030 },
          "Key Result": { kind: "text", text: kr },
          Value: { kind: "number", value: 1 },
          Comment: { kind: "text", text: sheet === SHEETS.checkIns ? text : "ok" },
        },
      ],
    });
    const row = rowOf(firstKeyResultRow(spec));
    if (sheet === SHEETS.scorecard) typeInto(spec, sheet, row, column, { kind: "text", text });
    const input = file(`equals-${column}.xlsx`);
    await writeXlsx(spec, input);
    const out = file(`equals-${column}-fixed.xlsx`);
    await rebuildJson(input, out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const at = () => workbook.getWorksheet(sheet)!.getCell(row + 1, column + 1);
    expect([at().type, at().formula, at().value]).toEqual([
      ExcelJS.ValueType.String,
      undefined,
      text,
    ]);
  });
});

test("a layout mark newer than this okr knows: said, and the known layout rebuilt", async () => {
  const spec = buildWorkbook(plan);
  spec.names = spec.names.map((name) =>
    name.name === "OKR_STUDIO_LAYOUT" ? { ...name, formula: "=99" } : name
  );
  const input = file("newer.xlsx");
  await writeXlsx(spec, input);
  const out = file("newer-fixed.xlsx");
  const result = await okr("rebuild", input, "--out", out);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    `\n${input} records layout version 99, newer than this okr knows: the new workbook has layout version ${LAYOUT_VERSION}.\n`
  );
  expect(
    (await readXlsxNames(out))?.find((name) => name.name === "OKR_STUDIO_LAYOUT")?.formula
  ).toMatch(new RegExp(`^=?${LAYOUT_VERSION}$`));
});

test("a failure in making the report: one line, exit 2, and no new file (the report is made before writing)", async () => {
  const input = file("report-fails.xlsx");
  await writeXlsx(buildWorkbook(plan), input);
  const out = file("report-fails-fixed.xlsx");
  const spy = jest.spyOn(rebuildModule, "leftBehind").mockImplementation(() => {
    throw new RangeError("Maximum call stack\nsize exceeded");
  });
  try {
    const result = await okr("rebuild", input, "--out", out);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      2,
      "",
      `okr: ${input}: cannot compare the workbooks (Maximum call stack size exceeded); nothing was written\n`,
    ]);
    expect(existsSync(out)).toBe(false);
  } finally {
    spy.mockRestore();
  }
});

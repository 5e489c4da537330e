import { ValueType, Workbook } from "exceljs";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import {
  fromFileFormula,
  readXlsx,
  toFileFormula,
  workbookFromSpec,
  writeXlsx,
  XlsxFileError,
} from "../src/hosts/xlsx";
import { instantiate, templates } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { LAYOUT_VERSION, layoutMark, MARK_NAMES, SHEETS } from "../src/sheets/layout";
import type { CellRange, SheetSpec, WorkbookSpec } from "../src/sheets/spec";
import { sheetSpec } from "./support/handSpecs";
import { formulaAt, valueAt } from "../src/sheets/snapshot";

const dir = mkdtempSync(join(tmpdir(), "okr-xlsx-"));

/** The parts of an .xlsx (a zip) as text, to check the XML Excel will read. */
function unzip(path: string): Map<string, string> {
  const zip = readFileSync(path);
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  const parts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(entry + 10);
    const size = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const skip = nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
    const name = zip.toString("utf8", entry + 46, entry + 46 + nameLength);
    const local = zip.readUInt32LE(entry + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    entry += 46 + skip;
  }
  return parts;
}

const range = (startRow: number, startColumn: number, endRow: number, endColumn: number) =>
  ({ startRow, startColumn, endRow, endColumn }) satisfies CellRange;

const sheet = sheetSpec;

/** One sheet using every feature of the spec. */
const everything: WorkbookSpec = {
  style: "portable",
  styles: {
    header: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", wrap: true },
    score: { numberFormat: "0.00", horizontalAlignment: "right" },
    title: { italic: true, fontSize: 16 },
    date: { numberFormat: "d mmm yyyy" },
  },
  names: [
    { name: "OKR_RED_BELOW", formula: "='OKR Plan'!$B$6" },
    { name: "OKR_STALE_AFTER_DAYS", formula: "=31" },
  ],
  sheets: [
    sheet("OKR Plan", {
      cells: [
        { row: 0, column: 0, content: { kind: "text", text: "Scores" }, style: "title" },
        { row: 1, column: 0, content: { kind: "text", text: "Key Result" }, style: "header" },
        { row: 1, column: 1, content: { kind: "text", text: "Score" }, style: "header" },
        { row: 1, column: 2, content: { kind: "text", text: "Status" }, style: "header" },
        { row: 2, column: 0, content: { kind: "text", text: "=1+1" } },
        { row: 2, column: 1, content: { kind: "number", value: 0.35 }, style: "score" },
        {
          row: 2,
          column: 2,
          content: { kind: "formula", formula: '=IF(B3<OKR_RED_BELOW,"Red","Green")' },
        },
        { row: 3, column: 0, content: { kind: "text", text: "+SUM(A1)" } },
        { row: 3, column: 1, content: { kind: "number", value: 0.8 }, style: "score" },
        {
          row: 3,
          column: 2,
          content: { kind: "formula", formula: '=IF(B4<OKR_RED_BELOW,"Red","Green")' },
        },
        { row: 4, column: 0, content: { kind: "boolean", value: true } },
        { row: 4, column: 1, content: { kind: "date", serial: 46023 } },
        { row: 4, column: 2, content: { kind: "date", serial: 46053 }, style: "date" },
        { row: 5, column: 1, content: { kind: "number", value: 0.4 } },
        { row: 6, column: 0, content: { kind: "formula", formula: '=MAXIFS(B3:B4,C3:C4,"Red")' } },
        { row: 6, column: 1, content: { kind: "formula", formula: "=OKR.SCORE(0,10,5)" } },
        { row: 8, column: 0, content: { kind: "text", text: "A merged note" } },
      ],
      columns: [
        { index: 0, width: 30 },
        { index: 3, width: 5, hidden: true },
      ],
      frozenRows: 2,
      tables: [{ name: "OkrKeyResults", range: range(1, 0, 3, 2), style: "TableStyleMedium2" }],
      validations: [
        {
          range: range(2, 2, 3, 2),
          kind: "list",
          values: ["Red", "Yellow", "Green"],
          message: "Pick a status",
        },
        { range: range(2, 1, 3, 1), kind: "decimal", min: 0, max: 1, message: "0 to 1" },
        { range: range(4, 1, 4, 2), kind: "date", message: "A date" },
      ],
      conditionalFormats: [
        {
          range: range(2, 2, 3, 2),
          kind: "textEquals",
          text: "Red",
          fill: "#FFC7CE",
          fontColor: "#9C0006",
        },
        { range: range(2, 1, 3, 1), kind: "dataBar", min: 0, max: 1, color: "#5B9BD5" },
      ],
      merges: [range(8, 0, 8, 2)],
      print: { landscape: true, fitToWidth: true },
    }),
    sheet("Check-ins"),
  ],
};

describe("workbookFromSpec and writeXlsx: every spec feature lands in the file", () => {
  const path = join(dir, "everything.xlsx");
  let read: Workbook;
  let parts: Map<string, string>;
  beforeAll(async () => {
    await writeXlsx(everything, path);
    read = new Workbook();
    await read.xlsx.readFile(path);
    parts = unzip(path);
  });
  const plan = () => read.getWorksheet("OKR Plan")!;
  const xml = () => parts.get("xl/worksheets/sheet1.xml")!;

  test("sheets in order", () => {
    expect(read.worksheets.map((worksheet) => worksheet.name)).toEqual(["OKR Plan", "Check-ins"]);
  });

  test("text that looks like a formula stays text", () => {
    for (const address of ["A3", "A4"]) {
      expect(plan().getCell(address).type).toBe(ValueType.String);
    }
    expect(plan().getCell("A3").value).toBe("=1+1");
    expect(plan().getCell("A4").value).toBe("+SUM(A1)");
    // The only <f> elements are the spec's four formulas.
    expect(xml().match(/<f>/g)).toHaveLength(4);
  });

  test("numbers, booleans and dates (the serial with a date format)", () => {
    expect(plan().getCell("B3").value).toBe(0.35);
    expect(plan().getCell("A5").value).toBe(true);
    expect(xml()).toMatch(/<c r="B5" s="\d+"><v>46023<\/v><\/c>/);
    expect(plan().getCell("B5").numFmt).toBe("yyyy-mm-dd");
    expect(plan().getCell("C5").numFmt).toBe("d mmm yyyy");
  });

  test("formulas without a cached result, in the file's syntax, recalculated on load", () => {
    expect(xml()).toContain(
      '<c r="C3"><f>IF(B3&lt;OKR_RED_BELOW,&quot;Red&quot;,&quot;Green&quot;)</f></c>'
    );
    expect(xml()).toContain("<f>_xlfn.MAXIFS(B3:B4,C3:C4,&quot;Red&quot;)</f>");
    expect(xml()).toContain("<f>_xldudf_OKR_SCORE(0,10,5)</f>");
    expect(parts.get("xl/workbook.xml")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test("styles: font, fill, number format, alignment, wrap", () => {
    // ExcelJS cells, read inline: office-addins' lint takes a cell held in a variable for an
    // Office.js range that needs load() and sync().
    expect(plan().getCell("A2").font).toMatchObject({
      bold: true,
      color: { argb: "FFFFFFFF" },
      size: 11,
    });
    expect(plan().getCell("A2").fill).toMatchObject({
      pattern: "solid",
      fgColor: { argb: "FF1F4E79" },
    });
    expect(plan().getCell("A2").alignment).toMatchObject({ wrapText: true });
    expect(plan().getCell("B3").numFmt).toBe("0.00");
    expect(plan().getCell("B3").alignment).toMatchObject({ horizontal: "right" });
    expect(plan().getCell("A1").font).toMatchObject({ italic: true, size: 16 });
  });

  test("column widths, hidden columns, frozen rows", () => {
    expect(plan().getColumn(1).width).toBe(30);
    expect(plan().getColumn(4).hidden).toBe(true);
    expect(plan().views[0]).toMatchObject({ state: "frozen", ySplit: 2, topLeftCell: "A3" });
    expect(read.getWorksheet("Check-ins")!.views?.[0]?.state ?? "normal").toBe("normal");
  });

  test("merges", () => {
    expect(xml()).toContain('<mergeCell ref="A9:C9"/>');
  });

  test("a table over the written cells, its values and formulas intact", () => {
    const table = parts.get("xl/tables/table1.xml")!;
    expect(table).toMatch(/name="OkrKeyResults"/);
    expect(table).toMatch(/ref="A2:C4"/);
    expect(table).toMatch(/<tableColumn id="1" name="Key Result"/);
    expect(table).toMatch(/<tableStyleInfo name="TableStyleMedium2"/);
    expect(plan().getCell("C3").formula).toBe('IF(B3<OKR_RED_BELOW,"Red","Green")');
    expect(plan().getCell("B3").numFmt).toBe("0.00");
  });

  test("data validations: list, decimal, date", () => {
    expect(xml()).toMatch(
      /<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop" errorTitle="OKR Studio" error="Pick a status" sqref="C3:C4"><formula1>&quot;Red,Yellow,Green&quot;<\/formula1>/
    );
    expect(xml()).toMatch(
      /<dataValidation type="decimal"[^>]*sqref="B3:B4"><formula1>0<\/formula1><formula2>1<\/formula2>/
    );
    expect(xml()).toMatch(
      /<dataValidation type="date" operator="greaterThanOrEqual"[^>]*sqref="B5:C5"><formula1>1<\/formula1>/
    );
  });

  test("conditional formats: traffic light and data bar", () => {
    expect(xml()).toMatch(
      /<conditionalFormatting sqref="C3:C4"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>&quot;Red&quot;<\/formula>/
    );
    expect(parts.get("xl/styles.xml")).toMatch(/<dxf>.*FFC7CE.*<\/dxf>/);
    const bar =
      /<cfRule type="dataBar"[^>]*><dataBar><cfvo type="num" val="0"\/><cfvo type="num" val="1"\/><color rgb="FF5B9BD5"\/><\/dataBar><extLst><ext[^>]*><x14:id>(\{[0-9A-F-]+\})<\/x14:id>/.exec(
        xml()
      );
    expect(bar).not.toBeNull();
    // The Excel 2010 part of the bar carries the same id: an empty or unmatched one is "damaged".
    expect(xml()).toContain(`<x14:cfRule type="dataBar" id="${bar![1]}">`);
  });

  test("defined names: a cell and a constant", () => {
    const workbookXml = parts.get("xl/workbook.xml")!;
    expect(workbookXml).toContain(
      '<definedName name="OKR_RED_BELOW">&apos;OKR Plan&apos;!$B$6</definedName>'
    );
    expect(workbookXml).toContain('<definedName name="OKR_STALE_AFTER_DAYS">31</definedName>');
  });

  test("print set-up: landscape, fit to one page wide", () => {
    expect(xml()).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(xml()).toMatch(
      /<pageSetup[^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/
    );
    expect(parts.get("xl/worksheets/sheet2.xml")).toMatch(/orientation="portrait"/);
  });
});

describe("formulas in the file's syntax", () => {
  test.each([
    ["=A1+1", "A1+1"],
    ["=MAXIFS(A:A,B:B,1)", "_xlfn.MAXIFS(A:A,B:B,1)"],
    ["=maxifs(A:A,B:B,1)+IFS(A1,1)", "_xlfn.MAXIFS(A:A,B:B,1)+_xlfn.IFS(A1,1)"],
    ["=OKR.SCORE(B2,C2,D2)", "_xldudf_OKR_SCORE(B2,C2,D2)"],
    [
      '=IF(A1="MAXIFS(",OKR.STATUS(B1),"OKR.SCORE(")',
      'IF(A1="MAXIFS(",_xldudf_OKR_STATUS(B1),"OKR.SCORE(")',
    ],
    ['=\'Monthly Review\'!A1&"say ""IFS("""', '\'Monthly Review\'!A1&"say ""IFS("""'],
    ['=COUNTIFS(Scorecard!$Q$6:$Q$9,"O1")', 'COUNTIFS(Scorecard!$Q$6:$Q$9,"O1")'],
  ])("%s ⇄ %s", (typed, stored) => {
    expect(toFileFormula(typed)).toBe(stored);
    expect(fromFileFormula(stored)).toBe(typed.replace(/maxifs/, "MAXIFS"));
  });

  test("LibreOffice's prefixes read back too", () => {
    expect(fromFileFormula("_xlfn._xlws.SORT(A1:A3)")).toBe("=SORT(A1:A3)");
  });

  test.each([
    ["A1+1", 'a formula must start with "="'],
    ["=SORT(A1:A9)", "SORT spills into neighbouring cells"],
  ])("%s is refused: %s", (formula, message) => {
    expect(() => toFileFormula(formula)).toThrow(message);
  });
});

describe("a spec the file could not hold faithfully is refused, naming the place", () => {
  const base = everything.sheets[0];
  const variant = (
    change: Partial<SheetSpec>,
    extra: Partial<WorkbookSpec> = {}
  ): WorkbookSpec => ({
    ...everything,
    ...extra,
    sheets: [{ ...base, ...change }],
  });
  test.each([
    [
      "a table whose header cell is not text",
      variant({ tables: [{ name: "T", range: range(2, 0, 3, 2), style: "TableStyleMedium2" }] }),
      "OKR Plan: table T: header B3 must be one line of text, got 0.35",
    ],
    [
      "a table with only its header row",
      variant({ tables: [{ name: "T", range: range(1, 0, 1, 2), style: "TableStyleMedium2" }] }),
      "OKR Plan: table T: a table needs a data row under its headers",
    ],
    [
      "tables that overlap",
      variant({
        tables: [
          { name: "T1", range: range(1, 0, 3, 2), style: "TableStyleMedium2" },
          { name: "T2", range: range(1, 1, 3, 2), style: "TableStyleMedium2" },
        ],
      }),
      "OKR Plan: tables T2 and T1 overlap",
    ],
    [
      "a value under a merge",
      variant({ merges: [range(2, 0, 2, 1)] }),
      "OKR Plan: merge A3:B3 would hide the value of B3",
    ],
    [
      "an unknown style",
      variant({
        cells: [{ row: 0, column: 0, content: { kind: "number", value: 1 }, style: "x" }],
      }),
      'OKR Plan!A1: unknown style "x"',
    ],
    [
      "a colour that is not #RRGGBB",
      variant({}, { styles: { ...everything.styles, header: { fill: "navy" } } }),
      'style "header": colour must be #RRGGBB, got navy',
    ],
    [
      "a list value with a comma",
      variant({
        validations: [{ range: range(2, 2, 3, 2), kind: "list", values: ["a,b"], message: "m" }],
      }),
      'OKR Plan!C3:C4: validation: list value "a,b" holds a comma or a quote',
    ],
    [
      "a number that is not finite",
      variant({ cells: [{ row: 0, column: 0, content: { kind: "number", value: NaN } }] }),
      "OKR Plan!A1: NaN is not a number a workbook can hold",
    ],
    [
      "a table name used twice",
      {
        ...everything,
        sheets: [base, { ...base, name: "Copy" }],
      },
      "table name OkrKeyResults is used twice",
    ],
    [
      "a defined name that is also a table's",
      variant({}, { names: [{ name: "okrkeyresults", formula: "=1" }] }),
      'defined name "okrkeyresults" is already the name of a table or another name',
    ],
  ])("%s", (_name, spec, message) => {
    expect(() => workbookFromSpec(spec)).toThrow(message);
  });
});

describe("a list too long to write in the cell refers to the cells holding its values", () => {
  const ids = Array.from({ length: 60 }, (_, index) => `O${index + 1}.KR1`);
  const withList = (cells: SheetSpec["cells"]): WorkbookSpec => ({
    style: "portable",
    styles: {},
    names: [],
    sheets: [
      sheet("Scorecard", { cells }),
      sheet("Check-ins", {
        validations: [
          { range: range(1, 1, 20, 1), kind: "list", values: ids, message: "A key-result ID" },
        ],
      }),
    ],
  });

  test("the Scorecard's IDs, one under another", async () => {
    const path = join(dir, "long-list.xlsx");
    const cells = ids.map((id, index) => ({
      row: 5 + index,
      column: 0,
      content: { kind: "text" as const, text: id },
    }));
    await writeXlsx(withList(cells), path);
    expect(unzip(path).get("xl/worksheets/sheet2.xml")).toMatch(
      /<dataValidation type="list"[^>]*sqref="B2:B21"><formula1>Scorecard!\$A\$6:\$A\$65<\/formula1>/
    );
  });

  test("no cells hold them: refused", () => {
    expect(() => workbookFromSpec(withList([]))).toThrow(
      "Check-ins!B2:B21: validation: list longer than 255 characters, and no cells hold its values"
    );
  });
});

describe("writeXlsx: never replaces a file by accident, never leaves half a file", () => {
  const leftovers = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".tmp"));

  test("an existing file is kept unless force is set", async () => {
    const folder = mkdtempSync(join(dir, "exists-"));
    const path = join(folder, "plan.xlsx");
    writeFileSync(path, "mine");
    await expect(writeXlsx(everything, path)).rejects.toThrow(`${path} already exists`);
    await expect(writeXlsx(everything, path)).rejects.toMatchObject({ reason: "exists" });
    expect(readFileSync(path, "utf8")).toBe("mine");
    await writeXlsx(everything, path, { force: true });
    expect(statSync(path).size).toBeGreaterThan(4000);
    expect(leftovers(folder)).toEqual([]);
  });

  test("a folder that does not exist: a clear error and nothing written", async () => {
    const path = join(dir, "no-such-folder", "plan.xlsx");
    const failure = writeXlsx(everything, path);
    await expect(failure).rejects.toThrow(`cannot write ${path}: no such folder`);
    await expect(writeXlsx(everything, path)).rejects.toBeInstanceOf(XlsxFileError);
    expect(existsSync(path)).toBe(false);
  });

  test("a spec that cannot be written leaves no file and no temporary file", async () => {
    const folder = mkdtempSync(join(dir, "bad-"));
    const path = join(folder, "plan.xlsx");
    const bad = { ...everything, styles: {} };
    await expect(writeXlsx(bad, path)).rejects.toThrow("unknown style");
    expect(readdirSync(folder)).toEqual([]);
  });

  test("a target that is a folder: refused, the temporary file removed", async () => {
    const folder = mkdtempSync(join(dir, "target-"));
    const path = join(folder, "plan.xlsx");
    await writeXlsx(everything, join(folder, "other.xlsx"));
    mkdirSync(path);
    await expect(writeXlsx(everything, path, { force: true })).rejects.toThrow(
      `cannot write ${path}`
    );
    expect(leftovers(folder)).toEqual([]);
  });
});

describe("readXlsx: a snapshot of what the cells show", () => {
  const path = join(dir, "snapshot.xlsx");
  beforeAll(async () => {
    // Cached results as Excel or LibreOffice leave them, which this host never writes itself.
    const workbook = new Workbook();
    const shown = workbook.addWorksheet("Shown");
    shown.getCell("B2").value = "Score";
    shown.getCell("C2").value = { formula: "1/0", result: { error: "#DIV/0!" } } as never;
    shown.getCell("B3").value = { formula: "_xlfn.MAXIFS(D3:D4,E3:E4,1)", result: 0.5 } as never;
    shown.getCell("C3").value = { formula: "_xldudf_OKR_STATUS(B3)" } as never;
    shown.getCell("D3").value = new Date(Date.UTC(2026, 0, 1));
    shown.getCell("D4").value = { richText: [{ text: "rich " }, { text: "text" }] };
    shown.getCell("E4").value = { formula: 'IF(1,"Green")', result: "Green" } as never;
    shown.mergeCells("B5:C5");
    shown.getCell("B5").value = "merged";
    const hidden = workbook.addWorksheet("Hidden", { state: "hidden" });
    hidden.getCell("A1").value = true;
    workbook.addWorksheet("Empty");
    await workbook.xlsx.writeFile(path);
  });

  test("the cells present (sparse), values, formulas, errors, dates, merges, visibility", async () => {
    const snapshot = await readXlsx(path);
    expect(snapshot.sheets.map(({ name, visible }) => [name, visible])).toEqual([
      ["Shown", true],
      ["Hidden", false],
      ["Empty", true],
    ]);
    const [shown, hidden, empty] = snapshot.sheets;
    // Only the merge's top-left cell holds anything; a formula with no cached result shows null.
    expect(shown.rows).toEqual([
      {
        row: 1,
        cells: [
          { column: 1, value: "Score", formula: null },
          { column: 2, value: "#DIV/0!", formula: "=1/0" },
        ],
      },
      {
        row: 2,
        cells: [
          { column: 1, value: 0.5, formula: "=MAXIFS(D3:D4,E3:E4,1)" },
          { column: 2, value: null, formula: "=OKR.STATUS(B3)" },
          { column: 3, value: 46023, formula: null },
        ],
      },
      {
        row: 3,
        cells: [
          { column: 3, value: "rich text", formula: null },
          { column: 4, value: "Green", formula: '=IF(1,"Green")' },
        ],
      },
      { row: 4, cells: [{ column: 1, value: "merged", formula: null }] },
    ]);
    expect(hidden.rows).toEqual([{ row: 0, cells: [{ column: 0, value: true, formula: null }] }]);
    expect(empty.rows).toEqual([]);
  });

  test("an unreadable file: an error naming it", async () => {
    const bad = join(dir, "not-a-workbook.xlsx");
    writeFileSync(bad, "plain text");
    await expect(readXlsx(bad)).rejects.toThrow(`cannot read ${bad}`);
    await expect(readXlsx(join(dir, "missing.xlsx"))).rejects.toBeInstanceOf(XlsxFileError);
  });
});

describe("every catalogue template, both styles: written and read back cell for cell", () => {
  const cases = templates.flatMap((template) =>
    (["portable", "functions"] as const).map((style) => [template.id, style] as const)
  );
  test.each(cases)("%s (%s)", async (id, style) => {
    const template = templates.find((candidate) => candidate.id === id)!;
    const spec = buildWorkbook(instantiate(template), { style });
    const path = join(dir, `${id}-${style}.xlsx`);
    await writeXlsx(spec, path);
    const snapshot = await readXlsx(path);
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(spec.sheets.map((s) => s.name));
    spec.sheets.forEach((sheetSpec, index) => {
      const at = (row: number, column: number) => ({
        value: valueAt(snapshot.sheets[index], row, column),
        formula: formulaAt(snapshot.sheets[index], row, column),
      });
      for (const cell of sheetSpec.cells) {
        const { content } = cell;
        const found = at(cell.row, cell.column);
        switch (content.kind) {
          case "formula":
            // No cached result until a spreadsheet program computes it.
            expect(found).toEqual({ value: null, formula: content.formula });
            break;
          case "text":
            expect(found).toEqual({
              value: content.text === "" ? null : content.text,
              formula: null,
            });
            break;
          case "date":
            expect(found).toEqual({ value: content.serial, formula: null });
            break;
          default:
            expect(found).toEqual({ value: content.value, formula: null });
        }
      }
    });
  });
});

describe("what the builder adds for programs and printers lands in the file", () => {
  const cases = (["portable", "functions"] as const).map((style) => [style] as const);
  test.each(cases)(
    "%s: the layout mark as defined names, each table's header row as print titles, wrapped rows at the builder's heights",
    async (style) => {
      const spec = buildWorkbook(instantiate(templates[0]), { style });
      const path = join(dir, `marked-${style}.xlsx`);
      await writeXlsx(spec, path);
      const parts = unzip(path);
      const workbookXml = parts.get("xl/workbook.xml")!;
      // ExcelJS cannot write hidden="1" on a name: the mark is written as a plain name.
      expect(workbookXml).toContain(
        `<definedName name="${MARK_NAMES.layout}">${LAYOUT_VERSION}</definedName>`
      );
      expect(workbookXml).toContain(
        `<definedName name="${MARK_NAMES.style}">&quot;${style}&quot;</definedName>`
      );
      const names = [...workbookXml.matchAll(/<definedName name="([^"]+)"[^>]*>([^<]*)</g)].map(
        ([, name, formula]) => ({ name, formula: formula.replace(/&quot;/g, '"') })
      );
      expect(layoutMark(names)).toEqual({ version: LAYOUT_VERSION, style });
      spec.sheets.forEach((sheetSpec, index) => {
        const titles = sheetSpec.print.titleRows;
        const printTitles = [
          ...workbookXml.matchAll(
            /<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)</g
          ),
        ]
          .filter(([, sheetId]) => Number(sheetId) === index)
          .map(([, , ranges]) => ranges.replace(/&apos;/g, "'"));
        expect({ sheet: sheetSpec.name, printTitles }).toEqual({
          sheet: sheetSpec.name,
          printTitles: titles
            ? [`'${sheetSpec.name}'!$${titles.first + 1}:$${titles.last + 1}`]
            : [],
        });
        const sheetXml = parts.get(`xl/worksheets/sheet${index + 1}.xml`)!;
        const heights = [
          ...sheetXml.matchAll(/<row r="(\d+)"[^>]*?ht="([\d.]+)" customHeight="1"/g),
        ].map(([, row, height]) => ({ index: Number(row) - 1, height: Number(height) }));
        expect({ sheet: sheetSpec.name, heights }).toEqual({
          sheet: sheetSpec.name,
          heights: sheetSpec.rows ?? [],
        });
      });
      expect(spec.sheets.find((each) => each.name === SHEETS.scorecard)!.rows).not.toEqual([]);
    }
  );
});

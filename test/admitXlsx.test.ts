import { Workbook } from "exceljs";
import JSZip from "jszip";
import {
  admitXlsx,
  cellsCovered,
  measurePackage,
  objectsOfElement,
  withoutElements,
  XlsxLimitError,
} from "../src/hosts/xlsx/admit";
import { xlsxFromSpec } from "../src/hosts/xlsx/charts";
import { MERGED_CELLS_READ, READ_LIMITS, type ReadLimits } from "../src/okr/limits";
import { buildWorkbook } from "../src/sheets/build";
import { planWithKeyResults } from "./support/fakeExcel";

/** ExcelJS's load takes its own Buffer type. */
const asExcelBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes) as unknown as Parameters<Workbook["xlsx"]["load"]>[0];

/** A one-sheet package written by ExcelJS, its sheet XML then edited by `edit`. */
async function editedPackage(
  cells: [string, string | number][],
  edit: { sheet?: (xml: string) => string; workbook?: (xml: string) => string } = {}
): Promise<Uint8Array> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  for (const [address, value] of cells) sheet.getCell(address).value = value;
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  for (const [part, change] of [
    ["xl/worksheets/sheet1.xml", edit.sheet],
    ["xl/workbook.xml", edit.workbook],
  ] as const) {
    if (!change) continue;
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    zip.file(part, change(xml));
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function refusal(
  bytes: Uint8Array,
  limits: ReadLimits = READ_LIMITS
): Promise<XlsxLimitError> {
  try {
    await admitXlsx(bytes, limits);
  } catch (error) {
    if (error instanceof XlsxLimitError) return error;
    throw error;
  }
  throw new Error("admitted");
}

async function loadedCells(bytes: Uint8Array): Promise<string[]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(asExcelBuffer(bytes));
  const found: string[] = [];
  workbook.worksheets[0].eachRow((row) =>
    row.eachCell((cell) => {
      found.push(`${cell.address}=${String(cell.value)}`);
    })
  );
  return found;
}

describe("cellsCovered: the cells a reference covers", () => {
  test.each([
    ["A1", 1],
    ["$B$2", 1],
    ["A1:B2", 4],
    ["Sheet1!$A$1 :$XFD$1048576", 16_384 * 1_048_576],
    ["Sheet1!$A$0000000000001:$XFD$1048576", 16_384 * 1_048_576],
    ["&#36;A&#36;1:&#36;XFD&#36;1048576", 16_384 * 1_048_576],
    ["Sheet1!A$$1:XFD$$1048576", 16_384 * 1_048_576],
    ["Sheet1!OFFSET(A1,0,0,1048576,16384)", Infinity],
    ["Sheet1!$A$1:$D$500", 2000],
    ["'My sheet'!$C$3:$A$1", 9],
    ["A1:XFD1048576", 16_384 * 1_048_576],
    ["$A:$C", 3 * 1_048_576],
    ["'Scorecard'!$1:$2", 2 * 16_384],
    ["Sheet1!$A$1,Sheet1!$B$1:$B$10", 11],
    ["=2", 0],
    ['="portable"', 0],
  ])("%s covers %d", (reference, cells) => {
    expect(cellsCovered(reference)).toBe(cells);
  });
});

const WHOLE = 16_384 * 1_048_576;

describe("objectsOfElement: what ExcelJS would make of a merge, a validation, a column range", () => {
  test.each([
    ["mergeCell", 'ref="A1:B2"', 4],
    ["mergeCell", 'ref="A$$1:XFD$$1048576"', WHOLE],
    ["mergeCell", 'ref="A1 :XFD1048576"', WHOLE],
    ["mergeCell", 'ref="A1: XFD1048576"', WHOLE],
    ["mergeCell", 'ref="A0000000000001:XFD0000001048576"', WHOLE],
    ["mergeCell", 'ref="A&#49;:XFD1048576"', WHOLE],
    ["mergeCell", 'r:ref="A1" ref="A1:XFD1048576"', WHOLE],
    ["mergeCell", 'x=">" ref="A1:XFD1048576"', WHOLE],
    ["mergeCell", "ref='A1:XFD1048576'", WHOLE],
    ["mergeCell", 'ref="whatever"', Infinity],
    ["dataValidation", 'type="list" sqref="A1:A10 C1:C10"', 20],
    ["dataValidation", 'sqref="A1:XFD1048576"', WHOLE],
    ["col", 'min="1" max="3" width="12"', 3],
    ["col", 'min="1" max="2000000000"', 2_000_000_000],
  ] as const)("%s %s makes %d", (name, attributes, objects) => {
    expect(objectsOfElement(name, attributes)).toBe(objects);
  });

  test("a tag too long to keep counts as huge", () => {
    expect(objectsOfElement("mergeCell", null)).toBe(Infinity);
  });
});

describe("withoutElements: one pass, legal end tags, nothing else touched", () => {
  test.each([
    ['<a/><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells><b/>', "<a/><b/>"],
    ['<a/><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells ><b/>', "<a/><b/>"],
    ['<mergeCells/><cols x=">"><col min="1"/></cols><c/>', "<c/>"],
    ["<mergeCellsX/><mergeCells><mergeCell/>", "<mergeCellsX/>"],
    ["<x:mergeCells></x:mergeCells>", "<x:mergeCells></x:mergeCells>"],
  ])("%s", (xml, expected) => {
    expect(withoutElements(xml, ["mergeCells", "dataValidations", "cols"])).toBe(expected);
  });

  test("many unclosed starts take one pass, not one pass each", () => {
    const xml = "<mergeCells>".repeat(200_000);
    expect(withoutElements(xml, ["mergeCells"])).toBe("");
  });
});

describe("admitXlsx", () => {
  test("a workbook OKR Studio writes is admitted unchanged, and measured exactly", async () => {
    const bytes = await xlsxFromSpec(buildWorkbook(planWithKeyResults(25)));
    expect(await admitXlsx(bytes)).toBe(bytes);

    const zip = await JSZip.loadAsync(bytes);
    const measure = await measurePackage(zip);
    // The count equals the cells and rows the sheets' XML writes.
    let written = 0;
    for (const file of Object.values(zip.files)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(file.name)) continue;
      written += ((await file.async("string")).match(/<(c|row)[\s>/]/g) ?? []).length;
    }
    expect(written).toBeGreaterThan(1000);
    expect(measure.cells).toBe(written);
    expect(measure.parts).toBe(Object.values(zip.files).filter((file) => !file.dir).length);
  });

  test("cells are counted the same however the parts are chunked (stored or deflated)", async () => {
    const cells: [string, number][] = [];
    for (let row = 1; row <= 3000; row++)
      for (const column of "ABCDEFG") cells.push([`${column}${row}`, row]);
    const deflated = await editedPackage(cells);
    const stored = await (
      await JSZip.loadAsync(deflated)
    ).generateAsync({
      type: "uint8array",
      compression: "STORE",
    });
    for (const bytes of [deflated, stored]) {
      const measure = await measurePackage(await JSZip.loadAsync(bytes));
      expect(measure.cells).toBe(3000 * 7 + 3000);
    }
  });

  test.each([
    ["cells", { cells: 100 }, /^more than 100 cells: too large to check$/],
    [
      "partBytes",
      { partBytes: 2 ** 20 },
      /^its part xl\/worksheets\/sheet1\.xml unpacks to more than 1 MiB/,
    ],
    [
      "unpackedBytes",
      { unpackedBytes: 2 ** 20 },
      /^it unpacks to more than 1 MiB: too large to check$/,
    ],
    ["parts", { parts: 3 }, /^more than 3 parts: too large to check$/],
    ["fileBytes", { fileBytes: 1000 }, /^the file is larger than 0 MiB/],
  ] as const)("beyond the %s limit: refused with its reason", async (limit, override, message) => {
    const cells: [string, number][] = [];
    for (let row = 1; row <= 20_000; row++) cells.push([`A${row}`, row]);
    const error = await refusal(await editedPackage(cells), { ...READ_LIMITS, ...override });
    expect(error.limit).toBe(limit);
    expect(error.message).toMatch(message);
  });

  test("a zip bomb (a 64 MiB part that packs into a few hundred KB) stops at the limit", async () => {
    const zip = await JSZip.loadAsync(await editedPackage([["A1", 1]]));
    zip.file("xl/media/bomb.bin", new Uint8Array(64 * 2 ** 20));
    const bomb = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 9 },
    });
    expect(bomb.length).toBeLessThan(2 ** 20);
    const error = await refusal(bomb, { ...READ_LIMITS, partBytes: 16 * 2 ** 20 });
    expect(error.limit).toBe("partBytes");
    expect(error.message).toContain("xl/media/bomb.bin");
  }, 60_000);

  test("rows with no cells count too (each is an object when read)", async () => {
    const rows = Array.from(
      { length: 500 },
      (_, i) => `<row r="${i + 2}" ht="30" customHeight="1"/>`
    ).join("");
    const bytes = await editedPackage([["A1", "x"]], {
      sheet: (xml) => xml.replace("</sheetData>", `${rows}</sheetData>`),
    });
    expect((await refusal(bytes, { ...READ_LIMITS, cells: 400 })).limit).toBe("cells");
  });

  test("prefixed cells count, and a '>' in an attribute or a comment hides no cell", async () => {
    const extra = '<!-- a > b --><x:c r="Y1"/><c r="Z1" t="inlineStr" s=">"><is><t>x</t></is></c>';
    const bytes = await editedPackage([["A1", "x"]], {
      sheet: (xml) => xml.replace("</sheetData>", `${extra}</sheetData>`),
    });
    const measure = await measurePackage(await JSZip.loadAsync(bytes));
    expect(measure.cells).toBe(2 + 2); // row 1 and A1, plus the two
  });

  test("one merge of the whole grid is read without it: the data stay, nothing explodes", async () => {
    const bytes = await editedPackage(
      [
        ["A1", "Objective"],
        ["B1", 0.7],
      ],
      {
        sheet: (xml) =>
          xml.replace(
            "</sheetData>",
            '</sheetData><mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="C3:D4"/></mergeCells>'
          ),
      }
    );
    const measure = await measurePackage(await JSZip.loadAsync(bytes));
    expect(measure.expanded.get("xl/worksheets/sheet1.xml")).toBe(16_384 * 1_048_576 + 4);
    const admitted = await admitXlsx(bytes);
    expect(admitted).not.toBe(bytes);
    expect(await loadedCells(admitted)).toEqual(["A1=Objective", "B1=0.7"]);
  });

  test("merges covering few cells are kept as they are", async () => {
    const bytes = await editedPackage([["A1", "Objective"]], {
      sheet: (xml) =>
        xml.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>'
        ),
    });
    expect(await admitXlsx(bytes)).toBe(bytes);
    const workbook = new Workbook();
    await workbook.xlsx.load(asExcelBuffer(bytes));
    expect(workbook.worksheets[0].getCell("B1").isMerged).toBe(true);
  });

  test.each([
    [
      "a merge written with spaces and a '>' in another attribute",
      '<mergeCells count="1"><mergeCell x=">" ref="A1 : XFD1048576"/></mergeCells >',
    ],
    [
      "a column range of two billion columns",
      '<cols><col min="1" max="2000000000" width="9"/></cols>',
    ],
    [
      "a data validation over the whole grid",
      '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"/></dataValidations>',
    ],
  ])("%s is left out, the data stay", async (_, extra) => {
    const bytes = await editedPackage(
      [
        ["A1", "Objective"],
        ["B1", 0.7],
      ],
      {
        sheet: (xml) => xml.replace("</sheetData>", `</sheetData>${extra}`),
      }
    );
    const admitted = await admitXlsx(bytes);
    expect(admitted).not.toBe(bytes);
    expect(await loadedCells(admitted)).toEqual(["A1=Objective", "B1=0.7"]);
  });

  test("merges are added up over all sheets: many sheets of 100,000 merged cells each", async () => {
    const zip = await JSZip.loadAsync(await editedPackage([["A1", 1]]));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const merged = sheet.replace(
      "</sheetData>",
      '</sheetData><mergeCells count="1"><mergeCell ref="A1:A100000"/></mergeCells>'
    );
    for (let i = 2; i <= 5; i++) zip.file(`xl/worksheets/sheet${i}.xml`, merged);
    zip.file("xl/worksheets/sheet1.xml", merged);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const measure = await measurePackage(await JSZip.loadAsync(bytes));
    expect([...measure.expanded.values()].reduce((a, b) => a + b, 0)).toBe(5 * 100_000);
    const admitted = await JSZip.loadAsync(await admitXlsx(bytes));
    let kept = 0;
    for (let i = 1; i <= 5; i++)
      if (
        (await admitted.file(`xl/worksheets/sheet${i}.xml`)!.async("string")).includes(
          "<mergeCell "
        )
      )
        kept++;
    // Left out from the heaviest until the rest make no more than MERGED_CELLS_READ.
    expect(kept * 100_000).toBeLessThanOrEqual(MERGED_CELLS_READ);
    expect(kept).toBeGreaterThan(0);
  });

  test("defined names covering the whole grid are left out", async () => {
    const names =
      '<definedNames><definedName name="Everything">Sheet1!$A$1:$XFD$1048576</definedName>' +
      '<definedName name="Small">Sheet1!$A$1</definedName></definedNames>';
    const bytes = await editedPackage([["A1", 1]], {
      workbook: (xml) =>
        xml.includes("<definedNames") ? xml : xml.replace("</sheets>", `</sheets>${names}`),
    });
    const measure = await measurePackage(await JSZip.loadAsync(bytes));
    expect(measure.nameCells).toEqual([16_384 * 1_048_576, 1]);
    const admitted = await admitXlsx(bytes);
    const xml = await (await JSZip.loadAsync(admitted)).file("xl/workbook.xml")!.async("string");
    // The names are left out together: the check reads none of them.
    expect(xml).not.toContain("Everything");
    expect(xml).not.toContain("<definedNames");
    const workbook = new Workbook();
    await workbook.xlsx.load(asExcelBuffer(admitted));
    expect(workbook.worksheets[0].getCell("A1").value).toBe(1);
  });

  test("the limits leave room for a 20,000-key-result plan: ten times a 2,000 one, with room", async () => {
    // The workbook grows with the plan: 2,000 key results measured here stand for 20,000, which
    // measured 18 MB, 233 MB unpacked, largest part 123 MB, 1.06 million cells and rows.
    const bytes = await xlsxFromSpec(buildWorkbook(planWithKeyResults(2000)));
    const measure = await measurePackage(await JSZip.loadAsync(bytes));
    const room = 1.25;
    expect(bytes.length * 10 * room).toBeLessThan(READ_LIMITS.fileBytes);
    expect(measure.unpackedBytes * 10 * room).toBeLessThan(READ_LIMITS.unpackedBytes);
    expect(measure.largestPartBytes * 10 * room).toBeLessThan(READ_LIMITS.partBytes);
    expect(measure.cells * 10 * room).toBeLessThan(READ_LIMITS.cells);
    expect(MERGED_CELLS_READ).toBeLessThan(READ_LIMITS.cells);
  }, 60_000);
});

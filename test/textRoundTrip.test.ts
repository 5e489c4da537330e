import fc from "fast-check";
import JSZip from "jszip";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import { appendCheckIn, insertWorkbook } from "../src/hosts/excel";
import { loadWorkbook } from "../src/hosts/memory";
import { readXlsx, writeXlsx, xlsxFromSpec } from "../src/hosts/xlsx";
import { fileText } from "../src/hosts/xlsx/workbook";
import { cellsOf } from "../src/sheets/snapshot";
import {
  CELL_TEXT_LIMIT,
  type CellSpec,
  UnwritableSpecError,
  type WorkbookSpec,
} from "../src/sheets/spec";
import { FakeExcel } from "./support/fakeExcel";
import { excelUpTo, sheetSpec } from "./support/handSpecs";
import { propertyRuns, Reach } from "./support/reach";

/*
 * Text round-trips exactly: what a plan says is what the workbook says when read back, through
 * OOXML's `_xHHHH_` escapes (a literal "_x0041_" in user text must not come back as "A"), XML's
 * forbidden characters and line-end normalisation; and a text longer than a cell can hold is
 * refused before anything is written, with the same reason in every host.
 */

const dir = mkdtempSync(join(tmpdir(), "okr-text-"));

/** A one-sheet spec with these texts down column A. */
function specOf(texts: readonly string[]): WorkbookSpec {
  const cells: CellSpec[] = texts.map((text, row) => ({
    row,
    column: 0,
    content: { kind: "text", text },
  }));
  return {
    style: "portable",
    sheets: [sheetSpec("Texts", { cells })],
    names: [],
    styles: {},
  };
}

let files = 0;
/** Writes the texts to an .xlsx file and reads column A back. */
async function roundTrip(texts: readonly string[]): Promise<unknown[]> {
  const path = join(dir, `texts-${(files += 1)}.xlsx`);
  await writeXlsx(specOf(texts), path);
  const [sheet] = (await readXlsx(path)).sheets;
  const read: unknown[] = texts.map(() => null);
  for (const cell of cellsOf(sheet)) if (cell.column === 0) read[cell.row] = cell.value;
  return read;
}

/** Excel's reading of an escaped string: `_xHHHH_` in either case is U+HHHH, left to right. */
const excelReads = (stored: string) =>
  stored.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );

const CASES: [string, string][] = [
  ["the issue's key result", "code_x0041_"],
  ["an escaped underscore, literally", "_x005F_"],
  ["half a surrogate pair, literally", "_xD83D_"],
  ["two escapes sharing an underscore", "_x0041_x0042_"],
  ["lower-case hex (Excel reads it too)", "_x004a_ and _x005f_"],
  ["an escape of an escape", "_x005F_x0041_"],
  ["doubled underscores", "__x0041__"],
  ["almost an escape", "_x004_ _x00411_ _xGGGG_ x0041_"],
  ["a carriage return", "line\r\nnext\rlast"],
  ["an almost-escape before a lone surrogate (found by the property)", "_x4fa0\ud83d"],
  ["an almost-escape before a control or a carriage return", "_x0041\u0001 _x0041\r"],
  ["tab and line feed", "a\tb\nc"],
  ["control characters", "\u0001\u001B[2J\u0008\u007F"],
  ["a NUL", "before\u0000after"],
  ["a lone high surrogate", "ab\uD83D"],
  ["a lone low surrogate", "\uDE00cd"],
  ["a real emoji", "ship it 😀"],
  ["U+FFFE and U+FFFF", "\uFFFE\uFFFF"],
  ["leading and trailing spaces", "  padded  "],
  ["text that looks like a formula", "=1+1"],
  ["XML's own characters", `<a href="x">&amp;</a> 'q'`],
];

describe(".xlsx: user text is read back exactly as written", () => {
  test.each(CASES)("%s", async (_name, text) => {
    expect(await roundTrip([text])).toEqual([text]);
  });

  test("the shared strings hold the escapes Excel reads: _x0041_ is stored as _x005F_x0041_", async () => {
    const bytes = await xlsxFromSpec(specOf(["code_x0041_", "a\rb", "\u0001"]));
    const zip = await JSZip.loadAsync(bytes);
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toContain("<t>code_x005F_x0041_</t>");
    expect(strings).toContain("<t>a_x000D_b</t>");
    expect(strings).toContain("<t>_x0001_</t>");
    // And Excel's reading of each stored string is the text.
    expect(["code_x005F_x0041_", "a_x000D_b", "_x0001_"].map(excelReads)).toEqual([
      "code_x0041_",
      "a\rb",
      "\u0001",
    ]);
  });

  test("a text of exactly 32,767 characters, escapes and all, is written and read back", async () => {
    const text = `${"_x0041_".repeat(4681)}`;
    expect(text.length).toBe(CELL_TEXT_LIMIT);
    expect(await roundTrip([text])).toEqual([text]);
  });

  // The characters escapes are made of, and the ones XML cannot carry.
  const tricky = fc.string({
    unit: fc.constantFrom(
      "_",
      "x",
      "X",
      "0",
      "0",
      "4",
      "1",
      "5",
      "F",
      "f",
      "D",
      "8",
      "3",
      "a",
      " ",
      "\r",
      "\n",
      "\t",
      "\u0000",
      "\u0001",
      "\u001B",
      "\u007F",
      "\uD83D",
      "\uDE00",
      "\uFFFF"
    ),
    maxLength: 24,
  });

  test("property: Excel's reading of every escaped text is the text", () => {
    const reach = new Reach();
    fc.assert(
      fc.property(tricky, (text) => {
        const stored = fileText(text);
        expect(excelReads(stored)).toBe(text);
        // Nothing XML 1.0 forbids, and no carriage return for a reader to turn into a line feed.
        // eslint-disable-next-line no-control-regex -- the control characters are what it finds
        expect(stored).not.toMatch(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/);
        reach.record(stored === text ? "unchanged" : "escaped");
      }),
      { numRuns: propertyRuns(5000) }
    );
    reach.expectShare(0.4, "escaped");
  });

  test("property: through ExcelJS, a workbook of such texts reads back as written", async () => {
    const texts = fc.sample(tricky, propertyRuns(400)).filter((text) => text !== "");
    const read = await roundTrip(texts);
    const wrong = texts.filter((text, index) => read[index] !== text);
    expect(wrong).toEqual([]);
    // The interesting ones: texts that needed an escape.
    expect(texts.filter((text) => fileText(text) !== text).length).toBeGreaterThan(
      texts.length / 3
    );
  });
});

describe("a text longer than a cell holds is refused before anything is written, in every host", () => {
  const long = "x".repeat(CELL_TEXT_LIMIT + 1);
  const spec = specOf(["fine", long]);
  const reason =
    "Texts!A2: its text is 32,768 characters long, more than the 32,767 a cell can hold.";

  test(".xlsx: no file, no temporary file", async () => {
    const folder = mkdtempSync(join(tmpdir(), "okr-long-"));
    const path = join(folder, "long.xlsx");
    await expect(writeXlsx(spec, path)).rejects.toThrow(new UnwritableSpecError([reason]));
    expect(readdirSync(folder)).toEqual([]);
  });

  test("memory (HyperFormula)", () => {
    expect(() => loadWorkbook(spec)).toThrow(reason);
  });

  test("Excel: no call, no sync", async () => {
    const fake = new FakeExcel();
    await expect(
      insertWorkbook(fake.context, spec, { isSetSupported: excelUpTo("1.20") })
    ).rejects.toThrow(reason);
    expect(fake.calls).toEqual([]);
    expect(fake.syncs).toBe(0);
  });

  test("many long texts: the reason names the first three and counts the rest", () => {
    expect(() => loadWorkbook(specOf([long, long, long, long, long]))).toThrow(
      /^Texts!A1: .*Texts!A3: its text is 32,768 characters long, more than the 32,767 a cell can hold\. \(and 2 more\)$/
    );
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["a comment", { comment: long }, "the comment is 32,768 characters long"],
    ["an author", { author: long }, "the author is 32,768 characters long"],
    ["a value", { value: long }, "the value is 32,768 characters long"],
    ["a key result", { keyResultId: long }, "the key result is 32,768 characters long"],
  ])("a check-in with %s too long: no call, no sync", async (_name, change, said) => {
    const fake = new FakeExcel();
    await expect(
      appendCheckIn(
        fake.context,
        { date: 46100, keyResultId: "O1.KR1", value: 0.5, ...change },
        { isSetSupported: excelUpTo("1.20") }
      )
    ).rejects.toThrow(
      `This check-in cannot be recorded: ${said}, more than the 32,767 a cell can hold.`
    );
    expect(fake.calls).toEqual([]);
    expect(fake.syncs).toBe(0);
  });

  test("a check-in comment of exactly 32,767 characters passes the check", async () => {
    const fake = new FakeExcel();
    // Refused later, for want of a log to write to: the text itself is not the reason.
    await expect(
      appendCheckIn(
        fake.context,
        { date: 46100, keyResultId: "O1.KR1", value: 0.5, comment: "x".repeat(CELL_TEXT_LIMIT) },
        { isSetSupported: excelUpTo("1.20") }
      )
    ).rejects.toThrow(/check-in (log|table)/i);
  });

  test("okr new: exit 2, one line naming the file and the reason, nothing written", async () => {
    const folder = mkdtempSync(join(tmpdir(), "okr-new-long-"));
    const path = join(folder, "plan.xlsx");
    let stdout = "";
    let stderr = "";
    const code = await run(
      ["new", "--template", "nlp-chatbot", "--project", long, "--period", "2026-Q2", "--out", path],
      {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        readFile: async (file) => readFileSync(file, "utf8"),
      }
    );
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    const cell = (where: string, length: string) =>
      `${where}: its text is ${length} characters long, more than the 32,767 a cell can hold.`;
    expect(stderr).toBe(
      `okr: cannot write ${path}: ${cell("'OKR Plan'!A1", "32,778")} ${cell("'OKR Plan'!B3", "32,768")} ${cell("Scorecard!A1", "32,779")} (and 2 more)\n`
    );
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
});

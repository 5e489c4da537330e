import { STRUCTURE_RULE_IDS } from "../src/okr/rules/catalogue";
import JSZip from "jszip";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatJson, lintFile } from "../src/cli/lint";
import { admitXlsx, readXlsx, writeXlsx } from "../src/hosts/xlsx";
import { checkWorkbook, type Finding } from "../src/okr/rules";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { LAYOUT_VERSION, layoutMark, SHEETS } from "../src/sheets/layout";
import { formulaAt, valueAt } from "../src/sheets/snapshot";
import { normalisedFormula, readWorkbookFacts } from "../src/sheets/structure";
import {
  cellAddress,
  type CellContent,
  type FormulaStyle,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { convert, makeProfile, withLibreOffice } from "./support/scorecardPicture";

/**
 * The structure check on .xlsx files (issue 13): the layout mark survives the xlsx host's read
 * (ExcelJS keeps only names that are ranges, and admitXlsx may leave names out), and workbooks
 * recalculated by LibreOffice headless, undamaged and damaged, in both formula styles, are checked
 * as `okr lint` checks them: no structure finding for an undamaged one, each damage at its cells.
 * All LibreOffice conversions run in one soffice start-up.
 */

/** Every structure rule of the catalogue (OKR021–OKR029), so a new one is checked here too. */
const STRUCTURE_RULES: readonly string[] = STRUCTURE_RULE_IDS;
const STYLES: FormulaStyle[] = ["portable", "functions"];

function specOf(templateId: string, style: FormulaStyle): WorkbookSpec {
  return buildWorkbook(withCurrents(instantiate(templateById(templateId)!)), { style });
}

function structureOf(snapshot: WorkbookSnapshot): Finding[] {
  return checkWorkbook(readWorkbookFacts(snapshot), { asOf: 46100 }).filter((finding) =>
    STRUCTURE_RULES.includes(finding.ruleId)
  );
}

/** The spec with cells of one sheet replaced (by A1 address) or added. */
function edited(
  spec: WorkbookSpec,
  sheetName: string,
  changes: Record<string, CellContent>
): WorkbookSpec {
  const position = (a1: string) => {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const column = [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(digits) - 1, column };
  };
  return {
    ...spec,
    sheets: spec.sheets.map((sheet) => {
      if (sheet.name !== sheetName) return sheet;
      const placed = Object.entries(changes).map(([a1, content]) => ({ ...position(a1), content }));
      const kept = sheet.cells.filter(
        (cell) => !placed.some((p) => p.row === cell.row && p.column === cell.column)
      );
      return { ...sheet, cells: [...kept, ...placed] };
    }),
  };
}

/** What a person does in LibreOffice: types over formulas, breaks a reference, logs beside the table. */
function damaged(spec: WorkbookSpec): WorkbookSpec {
  const scorecard = edited(spec, SHEETS.scorecard, {
    K6: { kind: "number", value: 0.8 },
    K7: { kind: "number", value: 0.5 },
    J8: { kind: "formula", formula: "=MIN(1,#REF!)" },
    L5: { kind: "text", text: "RAG" },
  });
  return edited(scorecard, SHEETS.checkIns, {
    S3: { kind: "date", serial: 46050 },
    T3: { kind: "text", text: "O1.KR1" },
    U3: { kind: "number", value: 0.8 },
  });
}

describe("the layout mark in .xlsx files", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "okr-structure-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.each(STYLES)("read back by the xlsx host (%s style)", async (style) => {
    const path = join(work, `marked-${style}.xlsx`);
    await writeXlsx(specOf("nlp-chatbot", style), path);
    const snapshot = await readXlsx(path);
    expect(layoutMark(snapshot.names!)).toEqual({ version: LAYOUT_VERSION, style });
    expect(structureOf(snapshot)).toEqual([]);
  });

  test("kept when admitXlsx leaves the names out for ExcelJS (a name over a whole column)", async () => {
    const spec = specOf("nlp-chatbot", "portable");
    const path = join(work, "huge-name.xlsx");
    await writeXlsx(
      { ...spec, names: [...spec.names, { name: "EVERY_ROW", formula: "=Scorecard!$A:$Z" }] },
      path
    );
    // The names are left out of what ExcelJS reads …
    const admitted = await JSZip.loadAsync(await admitXlsx(readFileSync(path)));
    expect(await admitted.file("xl/workbook.xml")!.async("string")).not.toContain("definedName");
    // … and still read, mark included.
    const snapshot = await readXlsx(path);
    expect(layoutMark(snapshot.names!)).toEqual({ version: LAYOUT_VERSION, style: "portable" });
    expect(snapshot.names!.map((name) => name.name)).toContain("EVERY_ROW");
  });
});

describe("workbooks recalculated by LibreOffice", () => {
  const runs = STYLES.flatMap((style) => [
    { name: `undamaged-${style}`, style, spec: specOf("predictive-analytics", style) },
    { name: `damaged-${style}`, style, spec: damaged(specOf("predictive-analytics", style)) },
  ]);
  let work: string;
  const files = new Map<string, string>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "okr-structure-lo-"));
    const [input, output] = [join(work, "in"), join(work, "out")];
    mkdirSync(input);
    mkdirSync(output);
    for (const run of runs) await writeXlsx(run.spec, join(input, `${run.name}.xlsx`));
    if (withLibreOffice("the structure suite") === test.skip) return;
    convert(
      makeProfile(join(work, "profile")),
      "xlsx",
      output,
      runs.map((run) => join(input, `${run.name}.xlsx`))
    );
    for (const run of runs) files.set(run.name, join(output, `${run.name}.xlsx`));
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  withLibreOffice("the structure suite").each(STYLES)(
    "undamaged (%s style): no structure finding",
    async (style) => {
      const snapshot = await readXlsx(files.get(`undamaged-${style}`)!);
      expect(layoutMark(snapshot.names!)?.version).toBe(LAYOUT_VERSION);
      expect(structureOf(snapshot)).toEqual([]);
      // Recalculated (the xlsx host writes no results; LibreOffice has no OKR.* functions, so the
      // functions style shows #NAME?), and every formula the builder writes is the one
      // LibreOffice gives back, as the check compares them.
      const scorecard = snapshot.sheets.find((sheet) => sheet.name === SHEETS.scorecard)!;
      expect(valueAt(scorecard, 5, 10)).toEqual(style === "portable" ? 0.2 : "#NAME?");
      const spec = runs.find((run) => run.name === `undamaged-${style}`)!.spec;
      const differing: string[] = [];
      for (const sheet of spec.sheets) {
        const found = snapshot.sheets.find((entry) => entry.name === sheet.name)!;
        for (const cell of sheet.cells)
          if (
            cell.content.kind === "formula" &&
            normalisedFormula(formulaAt(found, cell.row, cell.column) ?? "") !==
              normalisedFormula(cell.content.formula)
          )
            differing.push(`${sheet.name}!${cellAddress(cell.row, cell.column)}`);
      }
      expect(differing).toEqual([]);
    }
  );

  withLibreOffice("the structure suite").each(STYLES)(
    "damaged (%s style): each damage at its cells, in okr lint's JSON",
    async (style) => {
      const result = await lintFile(files.get(`damaged-${style}`)!, {
        asOf: 46100,
        rules: [...STRUCTURE_RULES],
      });
      const where = (ruleId: string) =>
        result.findings
          .filter((finding) => finding.ruleId === ruleId)
          .flatMap((finding) => finding.cells ?? [])
          .map((cell) => `${cell.sheet}!${cell.address}`)
          .sort();
      expect(where("OKR021")).toEqual(["Scorecard!K6", "Scorecard!K7"]);
      expect(where("OKR022")).toEqual(["Scorecard!J8"]);
      expect(where("OKR023")).toEqual(["Check-ins!S3", "Check-ins!T3", "Check-ins!U3"]);
      expect(where("OKR025")).toEqual(["Scorecard!L5"]);
      const typed = result.findings.find((finding) => finding.ruleId === "OKR021")!;
      expect(typed.cells!.map((cell) => cell.current)).toEqual([
        { value: 0.8, formula: null },
        { value: 0.5, formula: null },
      ]);
      const json = JSON.parse(formatJson([result]));
      expect(JSON.stringify(json)).toContain('"expected":"=');
      expect(json[0].findings.find((f: Finding) => f.ruleId === "OKR021").cells).toHaveLength(2);
    }
  );
});

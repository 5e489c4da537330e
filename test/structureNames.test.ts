import { definedNamesIn } from "../src/hosts/xlsx/files";
import { loadWorkbook } from "../src/hosts/memory";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import { NAMES } from "../src/sheets/layout";
import { readPlan } from "../src/sheets/read";
import { checkStructure, isConstantFormula } from "../src/sheets/structure";
import type { SnapshotName, WorkbookSnapshot } from "../src/sheets/spec";
import { withCurrents } from "./support/plans";
import { measureWork } from "./support/workMeter";

/*
 * OKR022 over defined names: only OKR Studio's own names are reported; Excel's and other add-ins'
 * broken leftovers are not, however many; the check's work grows linearly with the names (counted
 * with test/support/workMeter.ts, not timed); a sheet-scoped name does not hide a broken
 * workbook-wide one.
 */

const snapshot: WorkbookSnapshot = loadWorkbook(
  buildWorkbook(withCurrents(instantiate(templateById("completed-cv-q4-2025")!)), {
    style: "portable",
  }),
  { today: 46100 }
).snapshot();
const read = readPlan(snapshot);

function foreign(count: number): SnapshotName[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `_xlfn_Leftover${i}`,
    formula: "=#REF!$A$1",
  }));
}

function nameFindings(names: SnapshotName[]) {
  return checkStructure({ ...snapshot, names }, read).filter(
    (finding) => finding.ruleId === "OKR022" && finding.names !== undefined
  );
}

describe("OKR022 over defined names", () => {
  test("the snapshot's own names are whole: no finding", () => {
    expect(nameFindings(snapshot.names!)).toEqual([]);
  });

  test.each`
    count
    ${1}
    ${20_000}
  `("$count broken names of others: not reported", ({ count }: { count: number }) => {
    expect(nameFindings([...snapshot.names!, ...foreign(count)])).toEqual([]);
  });

  test("a broken name of OKR Studio's is reported, with the formula the builder writes", () => {
    const names = snapshot.names!.map((name) =>
      name.name === NAMES.redBelow ? { ...name, formula: "=#REF!" } : name
    );
    const findings = nameFindings([...names, ...foreign(100)]);
    expect(findings).toHaveLength(1);
    expect(findings[0].names).toEqual([
      {
        name: NAMES.redBelow,
        current: "=#REF!",
        expected: snapshot.names!.find((name) => name.name === NAMES.redBelow)!.formula,
      },
    ]);
  });

  test.each`
    order
    ${"sheet-scoped first"}
    ${"sheet-scoped last"}
  `(
    "a sheet-scoped name of the same name does not hide a broken workbook-wide one ($order)",
    ({ order }: { order: string }) => {
      const whole = snapshot.names!.find((name) => name.name === NAMES.greenFrom)!;
      const others = snapshot.names!.filter((name) => name !== whole);
      const scoped = { ...whole, sheetScoped: true };
      const broken = { ...whole, formula: "=#REF!" };
      const names =
        order === "sheet-scoped first" ? [...others, scoped, broken] : [...others, broken, scoped];
      expect(nameFindings(names).map((finding) => finding.names?.[0].name)).toEqual([
        NAMES.greenFrom,
      ]);
    }
  );

  test("the work grows linearly with the names (counted, extra work over the bare check)", () => {
    const base = measureWork(() => nameFindings(snapshot.names!)).total;
    const extra = [2_000, 20_000].map(
      (count) =>
        measureWork(() => nameFindings([...snapshot.names!, ...foreign(count)])).total - base
    );
    // Tenfold names: linear work grows at most ~10x; the quadratic loop grew ~100x.
    expect(extra[1]).toBeLessThanOrEqual(Math.max(extra[0], 1) * 13);
  });
});

describe("definedNamesIn: sheet scope", () => {
  test.each`
    xml                                                                             | scoped
    ${'<definedName name="OKR_RED_BELOW">Plan!$B$1</definedName>'}                  | ${undefined}
    ${'<definedName name="OKR_RED_BELOW" localSheetId="0">Plan!$B$1</definedName>'} | ${true}
    ${"<definedName localSheetId='2' name='OKR_RED_BELOW'>Plan!$B$1</definedName>"} | ${true}
  `("$xml: sheetScoped $scoped", ({ xml, scoped }: { xml: string; scoped?: boolean }) => {
    expect(definedNamesIn(xml)[0].sheetScoped).toBe(scoped);
  });
});

describe("the structure check's own failures", () => {
  test("an internal error is thrown, not reported as OKR026", () => {
    const broken = {
      ...snapshot,
      sheets: snapshot.sheets.map((sheet) => ({ ...sheet, rows: null })),
    } as unknown as WorkbookSnapshot;
    expect(() => checkStructure(broken, read)).toThrow();
  });
});

describe("isConstantFormula: a formula that reads no cell and no name", () => {
  test.each`
    formula                                   | constant
    ${"=0.8"}                                 | ${true}
    ${"= 1.5E+3 * 2"}                         | ${true}
    ${'="done"'}                              | ${true}
    ${"=TRUE"}                                | ${true}
    ${"=TRUE()"}                              | ${true}
    ${"=ROUND(0.83,1)"}                       | ${true}
    ${"=#N/A"}                                | ${true}
    ${'=IF(TRUE,"K6",#DIV/0!)'}               | ${true}
    ${"=K7"}                                  | ${false}
    ${"=$K$7*2"}                              | ${false}
    ${"=OKR_RED_BELOW"}                       | ${false}
    ${"=Scorecard!A1"}                        | ${false}
    ${"='OKR Plan'!B13"}                      | ${false}
    ${"=SUM(A:A)"}                            | ${false}
    ${"=_xlfn.MAXIFS(OkrCheckIns[Date],1,1)"} | ${false}
  `("$formula: $constant", ({ formula, constant }: { formula: string; constant: boolean }) => {
    expect(isConstantFormula(formula)).toBe(constant);
  });
});

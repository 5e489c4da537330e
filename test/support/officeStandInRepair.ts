/*
 * office.js for the repair test page (test/taskpaneRepair.e2e.test.ts): as officeStandInPlan.ts,
 * the fake Excel holds a workbook OKR Studio made (buildWorkbook → insertWorkbook) before Office
 * answers; the test damages it through `window.okrExcel.fake`. Office's theme is light, or
 * `window.okrStandInTheme` (a body background colour) when the test sets it first.
 */
import { insertWorkbook } from "../../src/hosts/excel/insert";
import { instantiate, templateById } from "../../src/okr/templates";
import { buildWorkbook } from "../../src/sheets/build";
import { FakeExcel } from "./fakeExcel";
import { setPaneOffice } from "./officeStandInShared";

const fake = new FakeExcel();
const isSetSupported = (set: string) => set === "ExcelApi";
const seeded = insertWorkbook(
  fake.context,
  buildWorkbook(instantiate(templateById("predictive-analytics")!)),
  { isSetSupported }
);

const globals = window as unknown as Record<string, unknown>;
globals.okrExcel = { fake };
setPaneOffice(globals, {
  context: fake.context,
  ready: seeded,
  isSetSupported,
  // Light unless the test set a dark Office theme before the page's scripts ran.
  bodyBackgroundColor: (globals.okrStandInTheme as string | undefined) ?? "#ffffff",
});

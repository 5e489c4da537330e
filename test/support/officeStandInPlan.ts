/*
 * office.js for the check-in test page (test/taskpaneCheckIn.e2e.test.ts): as officeStandIn.ts,
 * but the fake Excel holds a workbook OKR Studio made (buildWorkbook → insertWorkbook) with a
 * Check-ins table, before Office answers.
 */
import { insertWorkbook } from "../../src/hosts/excel/insert";
import { buildWorkbook } from "../../src/sheets/build";
import { FakeExcel } from "./fakeExcel";
import { checkInTestPlan } from "./checkInTestPlan";
import { setPaneOffice } from "./officeStandInShared";

export interface OfficeStandInPlanControl {
  fake: FakeExcel;
}

const fake = new FakeExcel();
const isSetSupported = (set: string) => set === "ExcelApi";
const seeded = insertWorkbook(fake.context, buildWorkbook(checkInTestPlan(new Date())), {
  isSetSupported,
});

const globals = window as unknown as Record<string, unknown>;
globals.okrExcel = { fake } satisfies OfficeStandInPlanControl;
setPaneOffice(globals, {
  context: fake.context,
  ready: seeded,
  isSetSupported,
  // The test sets the theme before this script runs (addInitScript); light by default.
  bodyBackgroundColor: (globals.okrStandInTheme as string | undefined) ?? "#ffffff",
});

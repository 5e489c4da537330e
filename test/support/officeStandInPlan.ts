/*
 * office.js for the check-in test page (test/taskpaneCheckIn.e2e.test.ts): as officeStandIn.ts,
 * but the fake Excel holds a workbook OKR Studio made (buildWorkbook → insertWorkbook) with a
 * Check-ins table, before Office answers.
 */
import { insertWorkbook } from "../../src/hosts/excel/insert";
import { buildWorkbook } from "../../src/sheets/build";
import { FakeExcel } from "./fakeExcel";
import { checkInTestPlan } from "./checkInTestPlan";

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
globals.Office = {
  onReady: async () => {
    await seeded;
    return { host: "Excel", platform: "OfficeOnline" };
  },
  EventType: { OfficeThemeChanged: "officeThemeChanged" },
  context: {
    // The test sets the theme before this script runs (addInitScript); light by default.
    officeTheme: {
      bodyBackgroundColor: (globals.okrStandInTheme as string | undefined) ?? "#ffffff",
    },
    requirements: { isSetSupported },
    document: { addHandlerAsync: () => undefined },
  },
  actions: { associate: () => undefined },
  addin: { showAsTaskpane: async () => undefined },
};
globals.Excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(fake.context),
};

/*
 * office.js for the repair test page (test/taskpaneRepair.e2e.test.ts): as officeStandInPlan.ts,
 * the fake Excel holds a workbook OKR Studio made (buildWorkbook → insertWorkbook) before Office
 * answers; the test damages it through `window.okrExcel.fake`. Office's theme is light, or
 * `window.okrStandInTheme` (a body background colour) when the test sets it first. The workbook
 * is of one set (predictive analytics), or of every set of the catalogue in one plan when the
 * test sets `window.okrStandInCatalogue` first: a big plan's workbook, as a company's is.
 */
import { insertWorkbook } from "../../src/hosts/excel/insert";
import type { Plan } from "../../src/okr/model";
import { instantiate, templateById, templates } from "../../src/okr/templates";
import { buildWorkbook } from "../../src/sheets/build";
import { FakeExcel } from "./fakeExcel";
import { setPaneOffice } from "./officeStandInShared";

/** Every set's objectives in one plan, numbered O1, O2, … in the catalogue's order. */
function cataloguePlan(): Plan {
  const plans = templates.map((template) => instantiate(template));
  let number = 0;
  return {
    ...plans[0],
    objectives: plans.flatMap((plan) =>
      plan.objectives.map((objective) => {
        const id = `O${++number}`;
        return {
          ...objective,
          id,
          keyResults: objective.keyResults.map((keyResult, index) => ({
            ...keyResult,
            id: `${id}.KR${index + 1}`,
          })),
        };
      })
    ),
  };
}

const globals = window as unknown as Record<string, unknown>;
const fake = new FakeExcel();
const isSetSupported = (set: string) => set === "ExcelApi";
const seeded = insertWorkbook(
  fake.context,
  buildWorkbook(
    globals.okrStandInCatalogue === true
      ? cataloguePlan()
      : instantiate(templateById("predictive-analytics")!)
  ),
  { isSetSupported }
);

globals.okrExcel = { fake };
setPaneOffice(globals, {
  context: fake.context,
  ready: seeded,
  isSetSupported,
  // Light unless the test set a dark Office theme before the page's scripts ran.
  bodyBackgroundColor: (globals.okrStandInTheme as string | undefined) ?? "#ffffff",
});

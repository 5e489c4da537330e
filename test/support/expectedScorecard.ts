import { insertWorkbook } from "../../src/hosts/excel/insert";
import { summarize } from "../../src/okr/summary";
import { todaySerial } from "../../src/okr/values";
import { buildWorkbook } from "../../src/sheets/build";
import { createExcelActions } from "../../src/taskpane/excel/excelActions";
import { checkInTestPlan } from "./checkInTestPlan";
import { FakeExcel } from "./fakeExcel";

/** The pane's scorecard lines as the browser suites look for them. */
export interface ScorecardTexts {
  overall: string;
  counts: string[];
  stale: string;
}

const isSetSupported = (set: string) => set === "ExcelApi";

/**
 * What the pane's scorecard should say for the check-in test plan's workbook, made and read in
 * Node as the pane makes and reads it, after `fill` (say, check-ins recorded) has run on it:
 * summarize's numbers in the pane's words.
 */
export async function expectedScorecard(
  fill: (
    fake: FakeExcel,
    options: { isSetSupported: (set: string) => boolean }
  ) => Promise<void> = async () => undefined
): Promise<ScorecardTexts> {
  const fake = new FakeExcel();
  await insertWorkbook(fake.context, buildWorkbook(checkInTestPlan(new Date())), {
    isSetSupported,
  });
  await fill(fake, { isSetSupported });
  const read = await createExcelActions({
    run: (batch) => batch(fake.context),
    isSetSupported,
  }).readPlan();
  const summary = summarize(read.facts, { asOf: todaySerial() })!;
  return {
    overall: `Overall score ${summary.overall.score!.toFixed(2)}, health ${summary.overall.health}`,
    counts: (["Red", "Yellow", "Green", "Pending"] as const).map(
      (status) => `${status}: ${summary.counts[status]}`
    ),
    stale: `Stale check-ins: ${summary.stale.length}`,
  };
}

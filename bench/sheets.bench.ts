import { recordCheckIn } from "../src/hosts/sheets/checkIn";
import { insertWorkbook } from "../src/hosts/sheets/write";
import { buildWorkbook } from "../src/sheets/build";
import { FakeAppsScript } from "../test/support/fakeAppsScript";
import { planWithKeyResults } from "../test/support/fakeExcel";

/**
 * The Google Sheets host through the recording fake of Apps Script: how many service calls an
 * insert and a check-in cost (each is a round trip from the script to Sheets when Apps Script
 * does not batch it). Google is not here, so these are call counts, not timings.
 */

/**
 * Calls that only assemble a rule, validation or chart in the script (the builders), as against
 * those that read or change the spreadsheet.
 */
const BUILDER =
  /^(ConditionalFormatRuleBuilder|DataValidationBuilder|EmbeddedChartBuilder)\.|^SpreadsheetApp\.new/;

/** 2026-02-16, inside the benchmark plan's quarter, as a serial date. */
const MID_QUARTER = 46069;

function insertFigures(keyResults: number): { name: string; value: string } {
  const fake = new FakeAppsScript();
  const spec = buildWorkbook(planWithKeyResults(keyResults));
  insertWorkbook(fake.services(), spec);
  const cells = spec.sheets.reduce((sum, sheet) => sum + sheet.cells.length, 0);
  const builders = fake.calls.filter((call) => BUILDER.test(call)).length;
  return {
    name: `Sheets insert, ${keyResults.toLocaleString("en-US")} key results: service calls`,
    value: `${fake.calls.length.toLocaleString("en-US")} (${builders.toLocaleString("en-US")} of them builder calls; ${fake.count("Range.setValues")} setValues and ${fake.count("Range.setFormulas")} setFormulas for ${cells.toLocaleString("en-US")} cells)`,
  };
}

function checkInFigures(logLength: number): { name: string; value: string } {
  const fake = new FakeAppsScript();
  insertWorkbook(fake.services(), buildWorkbook(planWithKeyResults(25)));
  for (let index = 0; index < logLength; index++)
    recordCheckIn(fake.services(), {
      id: `e-${index}`,
      date: MID_QUARTER,
      keyResultId: "O1.KR1",
      value: index,
    });
  const before = fake.calls.length;
  const result = recordCheckIn(fake.services(), {
    date: MID_QUARTER,
    keyResultId: "O1.KR2",
    value: 42,
    author: "Ben",
  });
  return {
    name: `Sheets check-in, log of ${logLength.toLocaleString("en-US")}: service calls`,
    value: `${fake.calls.length - before} (row ${result.row}, under the document lock)`,
  };
}

export function runSheetsBenchmarks(): { name: string; value: string }[] {
  return [insertFigures(25), insertFigures(2000), checkInFigures(0), checkInFigures(100)];
}

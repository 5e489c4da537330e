import { insertWorkbook, readWorkbook } from "../src/hosts/excel";
import { buildWorkbook } from "../src/sheets/build";
import { SHEETS, TABLES } from "../src/sheets/layout";
import { createExcelActions } from "../src/taskpane/excel/excelActions";
import {
  FakeExcel,
  planWithKeyResults,
  seedCheckInLog,
  type LoggedCheckIn,
} from "../test/support/fakeExcel";

/**
 * The Office.js host through the recording fake: how many syncs, API calls and request bytes a
 * plan costs to insert, and to read back. Excel itself is not here, so these are the figures that
 * decide its speed (each sync is a round trip; Excel on the web refuses requests over 5 MB), not
 * timings.
 */

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;

async function figuresFor(keyResults: number): Promise<{ name: string; value: string }[]> {
  const spec = buildWorkbook(planWithKeyResults(keyResults));
  const fake = new FakeExcel();
  const result = await insertWorkbook(fake.context, spec, { isSetSupported: () => true });
  const insertRequests = fake.requests.slice(0, fake.syncs);
  const insertCalls = fake.calls.length;
  const read = await readWorkbook(fake.context);
  const readRequests = fake.requests.slice(insertRequests.length);
  const label = `Excel insert, ${keyResults.toLocaleString("en-US")} key results`;
  const readLabel = `Excel read-back, ${keyResults.toLocaleString("en-US")} key results`;
  return [
    { name: `${label}: syncs`, value: String(result.syncs) },
    { name: `${label}: API calls`, value: insertCalls.toLocaleString("en-US") },
    {
      name: `${label}: largest request`,
      value: `${bytes(Math.max(...insertRequests.map((request) => request.bytes)))} (host estimate ${bytes(result.largestPayloadBytes)})`,
    },
    { name: `${readLabel}: syncs`, value: String(read.syncs) },
    {
      name: `${readLabel}: largest response`,
      value: bytes(Math.max(...readRequests.map((request) => request.responseBytes))),
    },
  ];
}

/** 2026-02-16, inside the benchmark plan's quarter (2026-Q1), as an Excel serial date. */
const MID_QUARTER = 46069;

/**
 * The pane's check-in in a workbook OKR Studio made (25 key results) whose log already holds
 * `logLength` check-ins: the syncs to record one (read where the log ends, write, read back), then
 * the scorecard's refresh (the pane reads the workbook again and summarises it, no more syncs).
 */
async function checkInFiguresFor(logLength: number): Promise<{ name: string; value: string }[]> {
  const fake = new FakeExcel();
  const plan = planWithKeyResults(25);
  await insertWorkbook(fake.context, buildWorkbook(plan), { isSetSupported: () => true });
  // The builder's empty log, replaced by one of `logLength` entries laid out as the builder does.
  fake.sheets.splice(
    fake.sheets.findIndex((sheet) => sheet.name === SHEETS.checkIns),
    1
  );
  fake.tables.splice(
    fake.tables.findIndex((table) => table.name === TABLES.checkIns),
    1
  );
  const ids = plan.objectives.flatMap((objective) => objective.keyResults.map((kr) => kr.id));
  const entries = Array.from({ length: logLength }, (_, index): LoggedCheckIn => [
    MID_QUARTER - 40 + (index % 40),
    ids[index % ids.length],
    index % 100,
    null,
    null,
    "Ann",
    `e-${index}`,
    null,
  ]);
  seedCheckInLog(fake, entries, 0);
  const actions = createExcelActions({
    run: (batch) => batch(fake.context),
    isSetSupported: () => true,
  });
  const before = fake.syncs;
  const recorded = await actions.appendCheckIn!({
    keyResultId: ids[0],
    value: 42,
    date: MID_QUARTER,
    confidence: null,
    author: "Ben",
    note: "",
    replaces: null,
  });
  const afterCheckIn = fake.syncs;
  const read = await actions.readPlan();
  const refreshRequests = fake.requests.slice(afterCheckIn);
  const label = `pane check-in, log of ${logLength.toLocaleString("en-US")}`;
  return [
    {
      name: `${label}: syncs to record`,
      value: `${afterCheckIn - before} (row ${recorded.location.address})`,
    },
    {
      name: `${label}: syncs to refresh the scorecard`,
      value: `${fake.syncs - afterCheckIn} (largest response ${bytes(Math.max(...refreshRequests.map((request) => request.responseBytes)))}, ${read.facts.checkIns.length} check-ins read)`,
    },
  ];
}

export async function runExcelBenchmarks(): Promise<{ name: string; value: string }[]> {
  return [
    ...(await figuresFor(25)),
    ...(await figuresFor(2000)),
    ...(await checkInFiguresFor(10)),
    ...(await checkInFiguresFor(10_000)),
  ];
}

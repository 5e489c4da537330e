import {
  appendCheckIn,
  type AppendCheckInResult,
  type CheckInRecord,
  type RequirementChecker,
} from "../src/hosts/excel";
import { checkInValidFormula } from "../src/sheets/build";
import { CHECK_IN_HEADERS, SHEETS } from "../src/sheets/layout";
import { cellAddress } from "../src/sheets/spec";
import { FakeExcel, seedCheckInLog, type LoggedCheckIn } from "./support/fakeExcel";

/**
 * Co-authoring: several people record a check-in into one workbook at the same moment. Each
 * client is a context of the recording fake over one shared workbook; each sync applies that
 * client's queued commands at once, and the test decides which client's sync goes next. Every
 * interleaving of two and of three clients (each recording one check-in) is run, to its end:
 * - nothing is lost and nothing is mixed: every entry is in the log exactly once, whole;
 * - the log's earlier rows are where they were, unchanged;
 * - the new rows follow the earlier ones without a gap, each with its Valid formula, inside the
 *   table where Table.resize is there;
 * - a client needs three syncs (read, write, read back), more only when its write landed on
 *   another client's new row (one more per such row at most).
 * A client that read the log before another wrote can still write over that other's new row (a
 * write cannot be made conditional): the test's point is that the one that did so writes the row
 * again, so that no interleaving ends with a row lost.
 */

/** An Excel with every ExcelApi set up to `newest`. */
function excelUpTo(newest: string): RequirementChecker {
  const [major, minor] = newest.split(".").map(Number);
  return (set, version) => {
    const [vMajor, vMinor] = version.split(".").map(Number);
    return set === "ExcelApi" && (vMajor < major || (vMajor === major && vMinor <= minor));
  };
}

const EARLIER: LoggedCheckIn[] = [
  [46030, "O1.KR1", 10, 0.5, "kick-off", "Ann", "e-1", null],
  [46037, "O1.KR2", "done", null, null, "Bo", null, null],
  [46040, "O1.KR1", 12, null, null, "Ann", "e-3", null],
];

/** Client `index`'s check-in: its own key result, value and text, so a mixed row shows. */
function recordOf(index: number, log: Log = "current"): CheckInRecord & { id: string } {
  return {
    id: `client-${index}`,
    date: 46050 + index,
    keyResultId: `O${index + 1}.KR1`,
    value: 100 + index,
    confidence: index % 2 === 0 ? 0.7 : null,
    comment: index === 1 ? "=SUM(1,2) is text" : `from client ${index}`,
    author: `Person ${index}`,
    // A log without Replaces takes no corrections.
    replaces: index === 2 && log !== "earlier" ? "e-1" : null,
  };
}

/** What a client's row must hold, as the fake reads it back (text without its apostrophe). */
function expectedRow(record: CheckInRecord & { id: string }, log: Log): unknown[] {
  return [
    record.date,
    record.keyResultId,
    record.value,
    record.confidence ?? null,
    record.comment ?? null,
    record.author ?? null,
    log === "earlier" ? null : record.id,
    record.replaces ?? null,
  ];
}

/**
 * The log: as OKR Studio inserts it; its table and sheet renamed (found by its header row, two
 * syncs more); or an earlier OKR Studio's, Date … Author alone (plain rows, read back by their
 * cells).
 */
type Log = "current" | "renamed" | "earlier";

interface Setting {
  name: string;
  /** Empty rows left in the table. */
  spare: number;
  newest: string;
  log?: Log;
}

/** The syncs of a check-in without a conflict. */
const baseSyncs = (setting: Setting) => (setting.log === "renamed" ? 5 : 3);
/** The sheet the log is on. */
const logSheet = (setting: Setting) => (setting.log === "renamed" ? "Journal" : SHEETS.checkIns);

function seed(fake: FakeExcel, setting: Setting): void {
  seedCheckInLog(fake, EARLIER, setting.spare);
  if (setting.log === "renamed") {
    fake.sheet(SHEETS.checkIns).name = "Journal";
    fake.tables[0].sheet = "Journal";
    fake.tables[0].name = "Log";
  }
  if (setting.log === "earlier") {
    // The first six columns alone: no Entry, Replaces or Valid, in the cells or in the table.
    const sheet = fake.sheet(SHEETS.checkIns);
    for (const position of [...sheet.cells.keys()])
      if (Number(position.split(",")[1]) >= 6) sheet.cells.delete(position);
    fake.tables[0].range.endColumn = 5;
  }
}

interface Outcome {
  results: AppendCheckInResult[];
  fake: FakeExcel;
  clients: FakeExcel[];
  schedule: number[];
}

/** Lets every released client run until it syncs again or finishes. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `clients` check-ins over a fresh log, releasing at each step the parked client that
 * `prefix` names (by its position among the parked ones), then the first parked one; returns the
 * outcome, the choices made and, past the prefix, how many clients were parked at each step.
 */
async function run(
  setting: Setting,
  clientCount: number,
  prefix: number[]
): Promise<{ outcome: Outcome; taken: number[]; options: number[] }> {
  const fake = new FakeExcel();
  seed(fake, setting);
  const clients = Array.from({ length: clientCount }, () => {
    const client = fake.client();
    client.hold();
    return client;
  });
  const settled: (AppendCheckInResult | Error | undefined)[] = [];
  const running = clients.map((client, index) =>
    appendCheckIn(client.context, recordOf(index, setting.log), {
      isSetSupported: excelUpTo(setting.newest),
    }).then(
      (result) => (settled[index] = result),
      (error: Error) => (settled[index] = error)
    )
  );
  const taken: number[] = [];
  const options: number[] = [];
  for (let step = 0; ; step++) {
    await settle();
    const parked = clients.flatMap((client, index) => (client.parked ? [index] : []));
    const stuck = clients.filter((client, index) => !client.parked && settled[index] === undefined);
    if (stuck.length > 0) throw new Error("A client neither syncs nor finishes.");
    if (parked.length === 0) break;
    if (step >= prefix.length) options.push(parked.length);
    const choice = step < prefix.length ? prefix[step] : 0;
    taken.push(choice);
    clients[parked[choice]].release();
  }
  await Promise.all(running);
  for (const result of settled) if (result instanceof Error) throw result;
  return {
    outcome: { results: settled as AppendCheckInResult[], fake, clients, schedule: taken },
    taken,
    options,
  };
}

/** Every interleaving: a depth-first walk over the choice of which parked client goes next. */
async function everyInterleaving(
  setting: Setting,
  clientCount: number,
  visit: (outcome: Outcome) => void
): Promise<number> {
  const stack: number[][] = [[]];
  let count = 0;
  while (stack.length > 0) {
    const prefix = stack.pop()!;
    const { outcome, taken, options } = await run(setting, clientCount, prefix);
    visit(outcome);
    count++;
    options.forEach((parked, offset) => {
      const step = prefix.length + offset;
      for (let choice = 1; choice < parked; choice++) stack.push([...taken.slice(0, step), choice]);
    });
  }
  return count;
}

/** The log's rows (1-based sheet rows → Date … Replaces), every row with anything in it. */
function logRows(fake: FakeExcel, sheetName: string): Map<number, unknown[]> {
  const sheet = fake.sheet(sheetName);
  const rows = new Map<number, unknown[]>();
  for (const position of sheet.cells.keys()) {
    const [row] = position.split(",").map(Number);
    if (row === 0 || rows.has(row + 1)) continue;
    const cells = CHECK_IN_HEADERS.slice(0, 8).map(
      (_, column) => sheet.cells.get(`${row},${column}`)?.value ?? null
    );
    if (cells.some((cell) => cell !== null)) rows.set(row + 1, cells);
  }
  return rows;
}

function check(outcome: Outcome, setting: Setting, clientCount: number): void {
  const { fake, results, clients } = outcome;
  const log = setting.log ?? "current";
  const sheet = logSheet(setting);
  const rows = logRows(fake, sheet);
  const context = `schedule ${outcome.schedule.join(",")}`;
  // The earlier rows are where they were, as they were.
  EARLIER.forEach((entry, index) =>
    expect({ context, row: rows.get(index + 2) }).toEqual({
      context,
      row: log === "earlier" ? [...entry.slice(0, 6), null, null] : entry,
    })
  );
  // Each client's entry is in the log exactly once, whole; nothing else is.
  const expected = Array.from({ length: clientCount }, (_, index) =>
    expectedRow(recordOf(index, log), log)
  );
  const written = [...rows.entries()].filter(([row]) => row > EARLIER.length + 1);
  expect({ context, rows: written.map(([, cells]) => cells).sort(byEntry) }).toEqual({
    context,
    rows: [...expected].sort(byEntry),
  });
  // One after another below the earlier rows, each with its Valid formula (none in an earlier log).
  const numbers = written.map(([row]) => row).sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, index) => EARLIER.length + 2 + index));
  for (const row of numbers)
    expect(fake.cell(sheet, cellAddress(row - 1, 8))?.formula ?? null).toBe(
      log === "earlier" ? null : checkInValidFormula(row - 1)
    );
  // The table takes in every row where Table.resize is there; else it keeps its size.
  const table = fake.tables[0];
  const lastRow = Math.max(...numbers);
  if (setting.newest >= "1.13")
    expect(table.range.endRow + 1).toBe(Math.max(lastRow, EARLIER.length + 1 + setting.spare));
  else expect(table.range.endRow + 1).toBe(EARLIER.length + 1 + Math.max(setting.spare, 0));
  // Syncs: (find the renamed log,) read, write, read back; more only for a client that wrote over
  // another's row.
  results.forEach((result, index) => {
    expect(result.syncs).toBe(clients[index].syncs);
    expect(result.syncs).toBeGreaterThanOrEqual(baseSyncs(setting));
    expect(result.syncs).toBeLessThanOrEqual(baseSyncs(setting) + result.moved);
  });
  expect(results.reduce((sum, result) => sum + result.moved, 0)).toBeLessThan(
    clientCount * clientCount
  );
}

/** By Entry, else (an earlier log has none) by Key Result, which differs per client. */
function byEntry(a: unknown[], b: unknown[]): number {
  return String(a[6]).localeCompare(String(b[6])) || String(a[1]).localeCompare(String(b[1]));
}

/** Where the log is when they record, and which clients count: three clients only where it ends. */
const SETTINGS: [Setting, number[]][] = [
  [{ name: "empty rows left in the table", spare: 5, newest: "1.13" }, [2]],
  [
    { name: "one empty row left, Table.resize there (ExcelApi 1.13)", spare: 1, newest: "1.13" },
    [2, 3],
  ],
  [{ name: "the table full, Table.resize there", spare: 0, newest: "1.13" }, [2]],
  [{ name: "the table full, no Table.resize (ExcelApi 1.12)", spare: 0, newest: "1.12" }, [2, 3]],
  [
    {
      name: "the table and its sheet renamed, one empty row left",
      spare: 1,
      newest: "1.13",
      log: "renamed",
    },
    [2],
  ],
  [
    {
      name: "an earlier OKR Studio's log, one empty row left",
      spare: 1,
      newest: "1.13",
      log: "earlier",
    },
    [2],
  ],
];

describe("every interleaving of clients recording at once", () => {
  it.each(
    SETTINGS.flatMap(([setting, counts]) =>
      counts.map((clients) => [setting.name, clients, setting] as const)
    )
  )(
    "%s, %i clients: nothing lost, earlier rows untouched, each entry once and whole",
    async (_name, clientCount, setting) => {
      let conflicts = 0;
      let maxSyncs = 0;
      const count = await everyInterleaving(setting, clientCount, (outcome) => {
        check(outcome, setting, clientCount);
        if (outcome.results.some((result) => result.moved > 0)) conflicts++;
        maxSyncs = Math.max(maxSyncs, ...outcome.results.map((result) => result.syncs));
      });
      // Two clients: 20 orders of their 3 + 3 syncs (a conflict is settled in the read-back);
      // three: the 1,680 orders of 3 + 3 + 3 and more, where a fourth sync settles a conflict.
      // A renamed log: 252 orders of 5 + 5 (two to find it, by its header row).
      expect({ count, conflicts, maxSyncs }).toEqual(
        setting.log === "renamed"
          ? { count: 252, conflicts: 120, maxSyncs: 5 }
          : clientCount === 2
            ? { count: 20, conflicts: 12, maxSyncs: 3 }
            : { count: 1968, conflicts: 1800, maxSyncs: 4 }
      );
    },
    120_000
  );
});

import { checkInEntries, RebuildLimitError } from "../src/sheets/rebuild";
import { snapshotFromGrid } from "../src/sheets/snapshot";
import type { SnapshotValue } from "../src/sheets/spec";

/*
 * Which rows of the old check-in logs okr rebuild carries, and in what order
 * (src/sheets/rebuild.ts checkInEntries), from snapshots alone.
 */

const HEADER = ["Date", "Key Result", "Value", "Confidence", "Comment", "Author"];
const entry = (kr: string, value: number): SnapshotValue[] => [46_030, kr, value, 0.7, "ok", "Ana"];

/** A sheet with a log: the header in row 1, then the rows given (null for a blank row). */
function log(name: string, rows: (SnapshotValue[] | null)[]) {
  return snapshotFromGrid(name, [HEADER, ...rows.map((row) => row ?? [])]);
}

describe("the Check-ins sheet's own log: every non-blank row under the header, blank rows kept as gaps", () => {
  const cases: [string, (SnapshotValue[] | null)[], (string | null)[]][] = [
    [
      "rows 2, 3 and 6 (4 and 5 blank)",
      [entry("KR1", 1), entry("KR2", 2), null, null, entry("KR3", 3)],
      ["KR1", "KR2", null, null, "KR3"],
    ],
    [
      "rows 2 and 10 (seven blank)",
      [entry("KR1", 1), ...Array(7).fill(null), entry("KR9", 9)],
      ["KR1", ...Array(7).fill(null), "KR9"],
    ],
  ];
  test.each(cases)("%s", (_name, rows, keyResults) => {
    for (const name of ["Check-ins", "CHECK-INS"]) {
      const { entries } = checkInEntries({ sheets: [log(name, rows)] });
      expect(
        entries.map((e) => (e["Key Result"]?.kind === "text" ? e["Key Result"].text : null))
      ).toEqual(keyResults);
    }
  });
});

test("the Check-ins sheet's log comes first, whatever the tab order; then other sheets' logs in tab order", () => {
  const snapshot = {
    sheets: [
      log("Old log", [entry("OLD1", 1)]),
      log("Check-ins", [entry("KR1", 1), entry("KR2", 2)]),
      log("More", [entry("MORE1", 3)]),
    ],
  };
  const { entries, carried } = checkInEntries(snapshot);
  expect(
    entries.map((e) => (e["Key Result"]?.kind === "text" ? e["Key Result"].text : null))
  ).toEqual(["KR1", "KR2", "OLD1", "MORE1"]);
  expect(
    carried.filter((cell) => cell.column === 1).map((cell) => [cell.sheet, cell.row, cell.to.row])
  ).toEqual([
    ["Check-ins", 1, 1],
    ["Check-ins", 2, 2],
    ["Old log", 1, 3],
    ["More", 1, 4],
  ]);
});

describe("a carried log longer than a sheet's 1,048,576 rows is refused", () => {
  // The Check-ins sheet's log with a row far down (0-based sheet row `far`: its whole log is
  // carried), then a log of one row on another sheet: the new log's header is row 1, so the last
  // entry fits on row 1,048,576 and no further.
  const cases: [string, number, boolean][] = [
    ["the last entry on the sheet's last row", 1_048_574, true],
    ["one row more", 1_048_575, false],
  ];
  test.each(cases)("%s", (_name, far, fits) => {
    const own = log("Check-ins", [entry("KR1", 1)]);
    own.rows.push({
      row: far,
      cells: entry("FAR", 1).map((value, column) => ({ column, value, formula: null })),
    });
    const snapshot = { sheets: [log("Other", [entry("KR2", 2)]), own] };
    if (fits) expect(checkInEntries(snapshot).entries).toHaveLength(1_048_575);
    else
      expect(() => checkInEntries(snapshot)).toThrow(
        new RebuildLimitError(
          "the check-in logs carried need 1,048,577 rows or more, more than the 1,048,576 rows of a sheet"
        )
      );
  });
});

test("the Check-ins sheet's log ends at a table put under it", () => {
  const sheet = log("Check-ins", [
    entry("KR1", 1),
    null,
    null,
    ["ID", "Objective", "Key Result", "Baseline", "Target"],
    ["KR9", "O1", "Grow", 0, 10],
  ]);
  expect(checkInEntries({ sheets: [sheet] }).entries.map((e) => e["Key Result"])).toEqual([
    { kind: "text", text: "KR1" },
  ]);
});

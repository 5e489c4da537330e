import {
  DIRECT_AREA,
  READ_CELL_BUDGET,
  SPLIT_FANOUT,
  TIGHT_WEIGHT,
  readWorkbook,
} from "../src/hosts/excel/snapshot";
import type { SheetSnapshot } from "../src/sheets/spec";
import { cellAddress } from "../src/sheets/spec";
import { FakeExcel, parseAddress } from "./support/fakeExcel";

/**
 * Issue 12: the Excel read finds the cells that hold data without walking an empty used range.
 * Cells far apart make a used range of billions of cells; the read cuts it into strips and asks
 * each strip for its values-only used range, so its syncs are bounded by the cells present and the
 * cutting's depth, never by the used range's area.
 */

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/**
 * Rounds of cutting a region can take: each cuts the longer side by SPLIT_FANOUT until a region
 * holds at most DIRECT_AREA cells (the whole grid: ceil(log16(2^34 / 80,000)) = 5).
 */
const SPLIT_ROUNDS = Math.ceil(
  Math.log((MAX_ROWS * MAX_COLUMNS) / DIRECT_AREA) / Math.log(SPLIT_FANOUT)
);

/** Cells loaded (values and formulas) in each request from `from` on, by the ranges' addresses. */
function cellsPerRequest(fake: FakeExcel, from: number): number[] {
  const cells = fake.requests.slice(from).map(() => 0);
  fake.calls.forEach((call, i) => {
    const next = fake.calls[i + 1];
    if (
      call.request >= from &&
      call.method === "Worksheet.getRange" &&
      next?.kind === "load" &&
      next.args[0] === "values,formulas"
    ) {
      const range = parseAddress(call.args[0] as string);
      cells[call.request - from] +=
        (range.endRow - range.startRow + 1) * (range.endColumn - range.startColumn + 1);
    }
  });
  return cells;
}

/** The snapshot's cells as "A1=value" strings, in row then column order. */
function cellsOf(sheet: SheetSnapshot): string[] {
  return sheet.rows.flatMap(({ row, cells }) =>
    cells.map(({ column, value, formula }) => `${cellAddress(row, column)}=${formula ?? value}`)
  );
}

/** A seeded pseudo-random generator (mulberry32): the same cells on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("reading a sparse workbook in Excel (issue 12)", () => {
  it("reads A1 and XFD1048576 in four syncs: the sheets, the used range, the strips' used ranges, the two cells", async () => {
    const fake = new FakeExcel();
    const sheet = fake.seedSheet("Stray", [["first"]]);
    fake.seedSheet("Other", [["x"]]);
    const far = fake.seedSheet("Far", [["last"]], { origin: "XFD1048576" });
    sheet.cells.set(
      `${MAX_ROWS - 1},${MAX_COLUMNS - 1}`,
      far.cells.get(`${MAX_ROWS - 1},${MAX_COLUMNS - 1}`)!
    );
    const { snapshot, syncs } = await readWorkbook(fake.context);
    expect(syncs).toBe(4);
    expect(fake.syncs).toBe(4);
    expect(snapshot.sheets.map(cellsOf)).toEqual([
      ["A1=first", "XFD1048576=last"],
      ["A1=x"],
      ["XFD1048576=last"],
    ]);
    expect(Math.max(...cellsPerRequest(fake, 0))).toBeLessThanOrEqual(READ_CELL_BUDGET);
  });

  it.each([1, 2, 3])(
    "reads 100 cells scattered over the whole grid (seed %i) in syncs bounded by the rounds of strips and the cells read, each request within the budget",
    async (seed) => {
      const fake = new FakeExcel();
      const next = random(seed);
      const placed = new Map<string, string>();
      while (placed.size < 100) {
        const row = Math.floor(next() * MAX_ROWS);
        const column = Math.floor(next() * MAX_COLUMNS);
        placed.set(`${row},${column}`, `v${placed.size}`);
      }
      const sheet = fake.seedSheet("Scattered");
      const model = fake.seedSheet("Model", [["v"]]);
      const template = model.cells.get("0,0")!;
      for (const [position, value] of placed)
        sheet.cells.set(position, { ...template, value, written: value, format: {} });
      const { snapshot, syncs } = await readWorkbook(fake.context);
      // The sheet list, the used ranges, at most SPLIT_ROUNDS + 1 rounds of strips (a round that
      // cuts fewer than SPLIT_FANOUT ways leaves only readable boxes), and the blocks: a box read
      // directly holds at least one placed cell, so the cells read are at most 100 × DIRECT_AREA,
      // each counting TIGHT_WEIGHT against the budget (a block split across two requests at most
      // once per box).
      const perRequest = cellsPerRequest(fake, 0);
      const read = perRequest.reduce((sum, n) => sum + n, 0);
      expect(read).toBeLessThanOrEqual(placed.size * DIRECT_AREA);
      expect(syncs).toBeLessThanOrEqual(
        2 + SPLIT_ROUNDS + 1 + Math.ceil((read * TIGHT_WEIGHT) / READ_CELL_BUDGET) + placed.size
      );
      expect(syncs).toBeLessThan(30);
      expect(Math.max(...perRequest)).toBeLessThanOrEqual(READ_CELL_BUDGET);
      const expected = [...placed]
        .map(([position, value]) => {
          const [row, column] = position.split(",").map(Number);
          return { row, column, text: `${cellAddress(row, column)}=${value}` };
        })
        .sort((a, b) => a.row - b.row || a.column - b.column)
        .map(({ text }) => text);
      expect(cellsOf(snapshot.sheets[0])).toEqual(expected);
      expect(cellsOf(snapshot.sheets[1])).toEqual(["A1=v"]);
    }
  );

  it("reads a table far away (row 900,000, column 15,000) with a title in A1: the cells exactly, few syncs", async () => {
    const fake = new FakeExcel();
    const origin = cellAddress(899_999, 14_999);
    const table = [
      ["Objective", "Key result", "Target", "Current", "Progress"],
      ...Array.from({ length: 40 }, (_, i) => [
        `Objective ${Math.floor(i / 4) + 1}`,
        `Key result ${i + 1}`,
        100,
        i,
        `=${cellAddress(900_000 + i, 15_002)}/${cellAddress(900_000 + i, 15_001)}`,
      ]),
    ];
    const far = fake.seedSheet("Plan far away", table, { origin });
    far.cells.set("0,0", fake.seedSheet("Title", [["OKR plan"]]).cells.get("0,0")!);
    const { snapshot, syncs } = await readWorkbook(fake.context);
    // Sheets, used ranges, one round of strips (the title's box and the table's), the cells.
    expect(syncs).toBe(4);
    const cells = cellsOf(snapshot.sheets[0]);
    expect(cells[0]).toBe("A1=OKR plan");
    expect(cells).toHaveLength(1 + 41 * 5);
    expect(cells[1]).toBe(`${origin}=Objective`);
    expect(cells).toContain(
      `${cellAddress(900_039, 15_003)}==${cellAddress(900_039, 15_002)}/${cellAddress(900_039, 15_001)}`
    );
    expect(cellsPerRequest(fake, 0).reduce((sum, n) => sum + n, 0)).toBeLessThan(
      2 * READ_CELL_BUDGET
    );
  });

  it("reads a dense region larger than DIRECT_AREA whole, every cell, in row blocks after one round of strips", async () => {
    const fake = new FakeExcel();
    const rows = 12_000;
    const columns = 10;
    fake.seedSheet(
      "Dense",
      Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c) => r * columns + c)
      )
    );
    const { snapshot, syncs } = await readWorkbook(fake.context);
    expect(rows * columns).toBeGreaterThan(DIRECT_AREA);
    const values = snapshot.sheets[0].rows.flatMap((row) => row.cells.map((cell) => cell.value));
    expect(values).toEqual(Array.from({ length: rows * columns }, (_, i) => i));
    const perRequest = cellsPerRequest(fake, 0);
    expect(Math.max(...perRequest)).toBeLessThanOrEqual(READ_CELL_BUDGET);
    // Sheets, used range, strips (one sync more than reading it whole: there is no block yet for
    // them to ride with), then the cells, READ_CELL_BUDGET a request (the strips' boxes keep all
    // the used columns, so they count one a cell).
    expect(syncs).toBe(3 + Math.ceil((rows * columns) / READ_CELL_BUDGET));
  });

  it("keeps every response under 5 MB when a strip's box is only the long columns: its cells count TIGHT_WEIGHT", async () => {
    const fake = new FakeExcel(); // refuses responses over 5 MB, as Excel on the web does
    const rows = 60_000;
    const long = "x".repeat(140);
    // Ten short columns for 2,000 rows; below, only the last two, each cell 140 characters (its
    // value and its "formula" both come back).
    fake.seedSheet(
      "Long",
      Array.from({ length: rows }, (_, r) =>
        r < 2_000
          ? Array.from({ length: 10 }, (_, c) => (c < 8 ? r : `${long}${r}`))
          : [...Array.from({ length: 8 }, () => null), `${long}${r}`, `${long}${r}`]
      )
    );
    const { snapshot, syncs } = await readWorkbook(fake.context);
    expect(syncs).toBe(fake.syncs);
    const largest = Math.max(...fake.requests.map((request) => request.responseBytes));
    expect(largest).toBeLessThan(5 * 1024 * 1024);
    // Counted one a cell, READ_CELL_BUDGET of these cells would have come to about 6 MB.
    expect((largest * TIGHT_WEIGHT) / 5 / 1024 / 1024).toBeGreaterThan(1);
    expect(Math.max(...cellsPerRequest(fake, 0))).toBeLessThanOrEqual(READ_CELL_BUDGET);
    expect(snapshot.sheets[0].rows).toHaveLength(rows);
    expect(snapshot.sheets[0].rows[rows - 1].cells.map((cell) => cell.value)).toEqual([
      `${long}${rows - 1}`,
      `${long}${rows - 1}`,
    ]);
  });
});

import type { SheetSnapshot, SnapshotCell, SnapshotRow, WorkbookSnapshot } from "../../sheets/spec";
import { cellAddress, columnLetter } from "../../sheets/spec";
import { MARK_NAMES, NAMES } from "../../sheets/layout";
import { officeRequirements, type RequirementChecker } from "./requirements";

/**
 * Reading the open workbook back as a sparse snapshot (the cells that hold something), for the
 * validator. A worksheet can only be asked for its used range once its name is known, so the read
 * takes two syncs: the sheet list, then every sheet's used range. (Office.js has no way to reach an
 * unloaded collection's items in the same request.) A workbook too large for one response is read
 * in further requests of at most READ_CELL_BUDGET cells each.
 *
 * A used range is only the bounding box of the cells that hold values: two cells, A1 and
 * XFD1048576, make it the whole grid. So a region larger than DIRECT_AREA cells is not read: it is
 * cut into at most SPLIT_FANOUT strips along its longer side, and each strip's values-only used
 * range (Range.getUsedRangeOrNullObject(true), ExcelApi 1.4) is asked for: its tight bounding box,
 * or nothing when the strip is empty. Those boxes replace the region, until every region left is
 * small enough to read. The questions ride along in the requests that read blocks (their answers
 * are a few numbers each), so a large dense workbook pays at most a sync or so for them; a sparse
 * one pays a handful of rounds instead of reading its empty cells: at most six (the grid's 2^34
 * cells cut by 16 a round reach DIRECT_AREA in five, and a round that cuts fewer ways leaves only
 * readable boxes), more only when over SPLITS_PER_SYNC strips are pending at once.
 */

/**
 * Excel on the web also caps a response at 5 MB. A cell comes back twice, value and formula; the
 * generated sheets' formulas average about 100 to 160 characters a cell (the portable progress
 * formula alone has over 1,000; the check-in log's trend helpers are long too), so 20,000 cells
 * stay near 3.3 MB, with room for longer texts (30,000 came to 4.9 MB at 2,000 key results).
 */
export const READ_CELL_BUDGET = 20_000;
/**
 * Regions of at most this many cells are read in row blocks, empty cells and all; larger ones are
 * cut up first. Four budgets: the largest sheet of a 2,000-key-result workbook (the Scorecard, 23
 * columns by 2,408 rows, 55,384 cells) is read directly, as before; a region read directly holds
 * at least one cell, so the empty cells read stay within four requests per region.
 */
export const DIRECT_AREA = 4 * READ_CELL_BUDGET;
/** Strips a large region is cut into in one round (fewer when DIRECT_AREA-sized strips do). */
export const SPLIT_FANOUT = 16;
/**
 * Strip questions (used range of a strip) in one request: each is three calls, about 400 bytes of
 * request and 100 of response, so a full request is about 1.6 MB, under the 5 MB limit.
 */
export const SPLITS_PER_SYNC = 4_000;
/** Columns of the window each sheet is read through in the second sync; wider sheets take a third. */
const WINDOW_COLUMNS = 26;

type CellValue = string | number | boolean | null;

interface RangeDimensions {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * The rows of a block read at (top, left), sparse: the cells that hold a value or a formula.
 * Office reads an empty cell as "", and a constant's "formula" as its value.
 */
function sparseRows(
  top: number,
  left: number,
  values: unknown[][],
  formulas: unknown[][]
): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  values.forEach((line, r) => {
    const cells: SnapshotCell[] = [];
    line.forEach((shown, c) => {
      const value = shown === "" || shown === undefined ? null : (shown as CellValue);
      const written = formulas[r]?.[c];
      const formula =
        typeof written === "string" && written.startsWith("=") && written !== shown
          ? written
          : null;
      if (value !== null || formula !== null) cells.push({ column: left + c, value, formula });
    });
    if (cells.length > 0) rows.push({ row: top + r, cells });
  });
  return rows;
}

/** Row blocks of a range, each within `budget` cells. */
function rowBlocks(range: RangeDimensions, budget: number): RangeDimensions[] {
  const rowsPerBlock = Math.max(1, Math.floor(budget / range.columnCount));
  const blocks: RangeDimensions[] = [];
  for (let offset = 0; offset < range.rowCount; offset += rowsPerBlock)
    blocks.push({
      rowIndex: range.rowIndex + offset,
      columnIndex: range.columnIndex,
      rowCount: Math.min(rowsPerBlock, range.rowCount - offset),
      columnCount: range.columnCount,
    });
  return blocks;
}

function addressOf(range: RangeDimensions): string {
  return `${cellAddress(range.rowIndex, range.columnIndex)}:${cellAddress(
    range.rowIndex + range.rowCount - 1,
    range.columnIndex + range.columnCount - 1
  )}`;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  syncs: number;
}

/**
 * What a cell of a strip's tight bounding box counts against READ_CELL_BUDGET when the box lost
 * some of its sheet's used columns. The budget was measured on whole used ranges, whose empty and
 * short columns bring the average down; a narrower box can be nothing but long formulas (the
 * Dashboard's columns I:P of a 20,000-key-result plan come to about 300 bytes a cell, 5.9 MB for
 * 20,000 cells), so its cells count one and a half (3.9 MB there). A box with all the used
 * columns counts one, as before.
 */
export const TIGHT_WEIGHT = 1.5;

/**
 * Strips of a region too large to read, along its longer side: as many as make each one at most
 * DIRECT_AREA cells, SPLIT_FANOUT at most. (The shorter side is at most 16,384 cells, the grid's
 * width, so a strip one cell thick is always within DIRECT_AREA.)
 */
function strips(range: RangeDimensions): RangeDimensions[] {
  const byRows = range.rowCount >= range.columnCount;
  const length = byRows ? range.rowCount : range.columnCount;
  const width = byRows ? range.columnCount : range.rowCount;
  const perStrip = Math.max(1, Math.floor(DIRECT_AREA / width));
  // Row strips of whole row blocks where SPLIT_FANOUT of them cover the region, so a dense
  // region's blocks come out as full as if it were read whole.
  const rowsPerBlock = Math.max(1, Math.floor(READ_CELL_BUDGET / width));
  const aligned = byRows ? Math.max(rowsPerBlock, perStrip - (perStrip % rowsPerBlock)) : perStrip;
  const cuts: number[] = [];
  if (Math.ceil(length / aligned) <= SPLIT_FANOUT)
    for (let from = 0; from < length; from += aligned) cuts.push(from);
  else for (let i = 0; i < SPLIT_FANOUT; i++) cuts.push(Math.floor((i * length) / SPLIT_FANOUT));
  return cuts.map((from, i) => {
    const to = cuts[i + 1] ?? length;
    return byRows
      ? { ...range, rowIndex: range.rowIndex + from, rowCount: to - from }
      : { ...range, columnIndex: range.columnIndex + from, columnCount: to - from };
  });
}

export interface ReadOptions {
  /** Defaults to `Office.context.requirements.isSetSupported`. */
  isSetSupported?: RequirementChecker;
}

/** NamedItem.formula: the defined names' formulas, which the structure check compares. */
export const NAMES_API = "1.7";

/** Why the structure is not checked below NAMES_API, as the pane tells it once. */
export const NAMES_UNREAD = `the structure check needs ExcelApi ${NAMES_API} (to read the workbook's defined names), which this Excel does not have: the content is checked, the structure is not`;

/** The defined names the builder writes: the layout mark, the thresholds, period and ranges. */
const BUILDER_NAMES: readonly string[] = [...Object.values(MARK_NAMES), ...Object.values(NAMES)];

/** The snapshot, with the number of syncs it took (two unless the workbook is very large). */
export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions = {}
): Promise<ReadResult> {
  const isSetSupported = options.isSetSupported ?? officeRequirements;
  const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
  // The builder's defined names, in the same sync: the layout mark and the structure check read
  // them. Only those (a workbook may hold thousands of other names), each by itself, found
  // without case and hidden or not; NamedItem.formula is ExcelApi 1.7, so below it no name is
  // read and the structure is not checked (snapshot.names stays absent).
  const readsNames = isSetSupported("ExcelApi", NAMES_API);
  const names = readsNames
    ? BUILDER_NAMES.map((name) =>
        context.workbook.names.getItemOrNullObject(name).load("name,formula")
      )
    : [];
  await context.sync();
  let syncs = 1;
  const definedNames = names
    .filter((item) => !item.isNullObject)
    .map((item) => ({ name: item.name, formula: item.formula }));

  const sheets = worksheets.items.map((worksheet) => ({
    worksheet,
    name: worksheet.name,
    visible: worksheet.visibility === "Visible",
  }));
  const windowRows = Math.max(
    1,
    Math.floor(READ_CELL_BUDGET / Math.max(1, sheets.length) / WINDOW_COLUMNS)
  );
  const windowAddress = `A1:${columnLetter(WINDOW_COLUMNS - 1)}${windowRows}`;
  const reads = sheets.map(({ worksheet }) => {
    // getUsedRange (not …OrNullObject) gives A1 for an empty sheet, so the window below never
    // hangs off a null object.
    const used = worksheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
    const window = used
      .getIntersectionOrNullObject(windowAddress)
      .load("rowIndex,columnIndex,rowCount,columnCount,values,formulas");
    return { used, window };
  });
  await context.sync();
  syncs++;

  // Each sheet's rows by row number: blocks of cut-up regions arrive in no particular order.
  const rowsOf: Map<number, SnapshotCell[]>[] = sheets.map(() => new Map());
  const addRows = (sheet: number, rows: SnapshotRow[]) => {
    for (const { row, cells } of rows) {
      const known = rowsOf[sheet].get(row);
      if (known === undefined) rowsOf[sheet].set(row, cells);
      else known.push(...cells);
    }
  };
  // A block's weight: what each of its cells counts against READ_CELL_BUDGET (see TIGHT_WEIGHT).
  const pending: { sheet: number; block: RangeDimensions; weight: number }[] = [];
  const toSplit: { sheet: number; strip: RangeDimensions }[] = [];
  const place = (sheet: number, region: RangeDimensions, weight: number) => {
    if (region.rowCount * region.columnCount <= DIRECT_AREA)
      for (const block of rowBlocks(region, Math.floor(READ_CELL_BUDGET / weight)))
        pending.push({ sheet, block, weight });
    else for (const strip of strips(region)) toSplit.push({ sheet, strip });
  };
  sheets.forEach((_, index) => {
    const { used, window } = reads[index];
    const covered =
      !window.isNullObject &&
      window.rowCount === used.rowCount &&
      window.columnCount === used.columnCount;
    if (covered)
      addRows(
        index,
        sparseRows(window.rowIndex, window.columnIndex, window.values, window.formulas)
      );
    else
      place(
        index,
        {
          rowIndex: used.rowIndex,
          columnIndex: used.columnIndex,
          rowCount: used.rowCount,
          columnCount: used.columnCount,
        },
        1
      );
  });

  // Large sheets: strip questions (SPLITS_PER_SYNC at most) and row blocks (READ_CELL_BUDGET
  // cells at most) in the same requests.
  while (pending.length > 0 || toSplit.length > 0) {
    const asked = toSplit.splice(0, SPLITS_PER_SYNC).map(({ sheet, strip }) => ({
      sheet,
      used: sheets[sheet].worksheet
        .getRange(addressOf(strip))
        .getUsedRangeOrNullObject(true)
        .load("rowIndex,columnIndex,rowCount,columnCount"),
    }));
    const group: typeof pending = [];
    let cells = 0;
    while (
      pending.length > 0 &&
      (group.length === 0 ||
        cells + pending[0].block.rowCount * pending[0].block.columnCount * pending[0].weight <=
          READ_CELL_BUDGET)
    ) {
      const next = pending.shift()!;
      cells += next.block.rowCount * next.block.columnCount * next.weight;
      group.push(next);
    }
    const ranges = group.map(({ sheet, block }) =>
      sheets[sheet].worksheet.getRange(addressOf(block)).load("values,formulas")
    );
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
    group.forEach(({ sheet, block }, i) =>
      addRows(
        sheet,
        sparseRows(block.rowIndex, block.columnIndex, ranges[i].values, ranges[i].formulas)
      )
    );
    for (const { sheet, used } of asked)
      if (!used.isNullObject) {
        // A box that keeps all its sheet's used columns has the column mix the budget was
        // measured on; one that lost some may be only the long-formula columns.
        const whole = reads[sheet].used;
        const allColumns =
          used.columnIndex === whole.columnIndex && used.columnCount === whole.columnCount;
        place(
          sheet,
          {
            rowIndex: used.rowIndex,
            columnIndex: used.columnIndex,
            rowCount: used.rowCount,
            columnCount: used.columnCount,
          },
          allColumns ? 1 : TIGHT_WEIGHT
        );
      }
  }

  const snapshots: SheetSnapshot[] = sheets.map(({ name, visible }, index) => ({
    name,
    visible,
    rows: [...rowsOf[index]]
      .sort(([a], [b]) => a - b)
      .map(([row, cells]) => ({ row, cells: cells.sort((a, b) => a.column - b.column) })),
  }));
  const snapshot: WorkbookSnapshot = readsNames
    ? { sheets: snapshots, names: definedNames }
    : { sheets: snapshots, namesUnread: NAMES_UNREAD };
  return { snapshot, syncs };
}

/** Every sheet's cells that hold a value or a formula, sparse (read through its used range). */
export async function readSnapshot(
  context: Excel.RequestContext,
  options: ReadOptions = {}
): Promise<WorkbookSnapshot> {
  return (await readWorkbook(context, options)).snapshot;
}

/** Where a finding points: a sheet and an A1 address on it. */
export interface CellLocation {
  sheet: string;
  address: string;
}

/** Shows a finding: activates its sheet and selects the cell, in one sync. */
export async function select(context: Excel.RequestContext, location: CellLocation): Promise<void> {
  const worksheet = context.workbook.worksheets.getItem(location.sheet);
  worksheet.activate();
  worksheet.getRange(location.address).select();
  await context.sync();
}

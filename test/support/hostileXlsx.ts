import fc from "fast-check";
import { zip } from "../fixtures/lint/make";

/**
 * Hostile .xlsx packages for the reader's fuzz suite, written part by part so that a cell at
 * XFD1048576 or a merge of the whole grid costs bytes, not memory: cells anywhere on the
 * 1,048,576 × 16,384 grid, merges of any size (the whole grid included), defined names over huge
 * ranges, several sheets, and an OKR table somewhere among them.
 */

export const GRID = { rows: 1_048_576, columns: 16_384 } as const;

export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const address = (row: number, column: number) => `${columnName(column)}${row + 1}`;

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type HostileValue = string | number | boolean | { error: string } | { formula: string };

export interface HostileCell {
  row: number;
  column: number;
  value: HostileValue;
}

export interface HostileSheet {
  name: string;
  cells: HostileCell[];
  /** [top, left, bottom, right], 0-based, inclusive. */
  merges: [number, number, number, number][];
}

export interface HostileWorkbook {
  sheets: HostileSheet[];
  /** Defined names: a name and its reference text (Sheet1!$A$1:$XFD$1048576). */
  names: { name: string; reference: string }[];
}

function cellXml({ row, column, value }: HostileCell): string {
  const ref = address(row, column);
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string")
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
  if ("error" in value) return `<c r="${ref}" t="e"><v>${escapeXml(value.error)}</v></c>`;
  return `<c r="${ref}"><f>${escapeXml(value.formula)}</f></c>`;
}

/** A sheet's XML: rows in order, cells in order within a row (a cell given twice: the last wins). */
export function sheetXml(sheet: HostileSheet): string {
  const rows = new Map<number, Map<number, HostileCell>>();
  for (const cell of sheet.cells) {
    const row = rows.get(cell.row) ?? new Map<number, HostileCell>();
    row.set(cell.column, cell);
    rows.set(cell.row, row);
  }
  const rowXml = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([row, cells]) =>
        `<row r="${row + 1}">${[...cells.values()]
          .sort((a, b) => a.column - b.column)
          .map(cellXml)
          .join("")}</row>`
    )
    .join("");
  // Merges may not overlap (Excel refuses such files); keep the first of any that do.
  const kept: HostileSheet["merges"] = [];
  for (const merge of sheet.merges) {
    const [top, left, bottom, right] = merge;
    if (top === bottom && left === right) continue;
    if (kept.some(([t, l, b, r]) => top <= b && bottom >= t && left <= r && right >= l)) continue;
    kept.push(merge);
  }
  const merges =
    kept.length === 0
      ? ""
      : `<mergeCells count="${kept.length}">${kept
          .map(([t, l, b, r]) => `<mergeCell ref="${address(t, l)}:${address(b, r)}"/>`)
          .join("")}</mergeCells>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<sheetData>${rowXml}</sheetData>${merges}</worksheet>`
  );
}

/** The whole package, each part deflated. */
export function hostileXlsx(workbook: HostileWorkbook): Buffer {
  const sheets = workbook.sheets;
  const names =
    workbook.names.length === 0
      ? ""
      : `<definedNames>${workbook.names
          .map(
            ({ name, reference }) =>
              `<definedName name="${escapeXml(name)}">${escapeXml(reference)}</definedName>`
          )
          .join("")}</definedNames>`;
  return zip([
    {
      name: "[Content_Types].xml",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
          )
          .join("") +
        `</Types>`,
    },
    {
      name: "_rels/.rels",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
        `</Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<sheets>${sheets
          .map(
            (sheet, i) =>
              `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`
          )
          .join("")}</sheets>${names}</workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
          )
          .join("") +
        `</Relationships>`,
    },
    ...sheets.map((sheet, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: sheetXml(sheet),
    })),
  ]);
}

/** An OKR table as people type it, placed with its top-left cell at (row, column). */
export function okrTableAt(row: number, column: number): HostileCell[] {
  const lines: HostileValue[][] = [
    ["Objective", "Key result", "Baseline", "Target", "Current"],
    ["Grow the community", "Reach 500 monthly contributors", 100, 500, 300],
    ["Grow the community", "Publish 12 tutorials", 0, 12, 6],
    ["Grow the community", "Answer 90% of questions within a day", 50, 90, 80],
  ];
  return lines.flatMap((line, r) =>
    line.map((value, c) => ({ row: row + r, column: column + c, value }))
  );
}

/** A position anywhere on the grid, biased to its edges and its start, where readers break. */
const position = (size: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: size - 1 }),
    fc.constantFrom(0, 1, size - 2, size - 1),
    fc.integer({ min: 0, max: 50 })
  );

const value: fc.Arbitrary<HostileValue> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("Objective", "Key result", "Target", "Current", "Score", "Baseline"),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom({ error: "#N/A" }, { error: "#VALUE!" }, { error: "#REF!" }),
  fc.constantFrom({ formula: "1+1" }, { formula: "SUM(A:A)" }, { formula: "A1" })
);

const merge = fc
  .tuple(position(GRID.rows), position(GRID.columns), position(GRID.rows), position(GRID.columns))
  .map(
    ([r1, c1, r2, c2]) =>
      [Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2)] as [
        number,
        number,
        number,
        number,
      ]
  );

const sheet = (index: number) =>
  fc
    .record({
      cells: fc.array(
        fc.record({ row: position(GRID.rows), column: position(GRID.columns), value }),
        { maxLength: 30 }
      ),
      merges: fc.array(
        fc.oneof(
          merge,
          fc.constant([0, 0, GRID.rows - 1, GRID.columns - 1] as [number, number, number, number])
        ),
        {
          maxLength: 4,
        }
      ),
      table: fc.option(fc.tuple(position(GRID.rows - 4), position(GRID.columns - 5)), {
        nil: null,
      }),
    })
    .map(({ cells, merges, table }) => ({
      name: `Sheet${index + 1}`,
      cells: table === null ? cells : [...cells, ...okrTableAt(table[0], table[1])],
      merges,
    }));

const reference = fc.oneof(
  merge.map(([t, l, b, r]) => `Sheet1!$${columnName(l)}$${t + 1}:$${columnName(r)}$${b + 1}`),
  fc.constant("Sheet1!$A$1:$XFD$1048576"),
  fc.constant("Sheet1!$A:$XFD"),
  fc.constant("0.7")
);

/** A hostile workbook: one to three sheets, with names over huge ranges now and then. */
export const hostileWorkbook: fc.Arbitrary<HostileWorkbook> = fc
  .integer({ min: 1, max: 3 })
  .chain((count) =>
    fc.record({
      sheets: fc.tuple(...Array.from({ length: count }, (_, i) => sheet(i))),
      names: fc.array(
        fc.record({ name: fc.constantFrom("Big", "Threshold", "Everything"), reference }),
        { maxLength: 3 }
      ),
    })
  )
  .map(({ sheets, names }) => ({
    sheets,
    // Names are unique in a workbook.
    names: names.filter((entry, i) => names.findIndex((other) => other.name === entry.name) === i),
  }));

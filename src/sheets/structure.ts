import { type Plan, PLAN_STATUSES } from "../okr/model";
import type { FindingCell, FindingName, Location, StructureFinding } from "../okr/rules/types";
import { buildWorkbook } from "./build";
import {
  KEY_RESULT_HEADERS,
  LAYOUT_VERSION,
  layoutMark,
  MARK_NAMES,
  NAMES,
  SHEETS,
  TABLES,
} from "./layout";
import { readPlan } from "./read/reader";
import type { ReadResult } from "./read/result";
import { cellAt } from "./snapshot";
import {
  cellAddress,
  type CellSpec,
  columnLetter,
  type FormulaStyle,
  type SheetSnapshot,
  type SheetSpec,
  type SnapshotCell,
  type SnapshotName,
  type TableSpec,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "./spec";

/**
 * The structure check (issue 13): a workbook OKR Studio made carries its layout mark (layout
 * version and formula style, see layoutMarkNames); its sheets, headers, computed cells and
 * defined names are compared with what the builder writes for the plan read back from it, so the
 * expected formulas come from the builders themselves, never from a second copy. It finds typed
 * values over formulas (OKR021), #REF! in formulas and names (OKR022), check-ins outside the
 * check-in table (OKR023), missing or renamed sheets (OKR024) and headers (OKR025); a mark of
 * another layout version is told once (OKR026), as is an unmarked workbook that looks like ours
 * (OKR027). Every finding carries the cells (or names) it is about, with what each holds now and
 * what the builder writes there, for a later repair. Pure over the snapshot: no host, no I/O.
 */

/** The layout versions whose structure this add-in checks: the layout it writes. */
const CHECKED_VERSIONS: readonly number[] = [LAYOUT_VERSION];

/** What stops working without each sheet of the set. */
const WITHOUT_SHEET: Record<string, string> = {
  [SHEETS.plan]: `the thresholds and the period (${[NAMES.redBelow, NAMES.greenFrom, NAMES.periodStart, NAMES.periodEnd, NAMES.staleAfterDays].join(", ")}) point at its cells, so every Status, pace and staleness formula breaks`,
  [SHEETS.scorecard]:
    "it holds the key results and their scores, which the plan, the Dashboard, the Monthly Review and the check-ins' trend read",
  [SHEETS.dashboard]: "the dashboard table and its charts are gone (no other sheet reads it)",
  [SHEETS.checkIns]:
    "Current, Last Check-in, staleness and the trend count its rows, so no check-in counts",
  [SHEETS.review]:
    "the monthly review's tables and its decisions log are gone (no other sheet reads it)",
};

/** The most cells a finding's message names; the finding's cells list them all. */
const SHOWN_CELLS = 8;

/** "a, b, c and 4 more": the first SHOWN_CELLS items of a list, as a message names them. */
function shownList(items: readonly string[]): string {
  const more = items.length - SHOWN_CELLS;
  return `${items.slice(0, SHOWN_CELLS).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** A person's text in a message: at most 60 characters, so a long cell keeps a message short. */
function shortText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * A formula as the hosts give it back, for comparison: no "=", no spaces and one case outside
 * strings, and TRUE and FALSE as constants (LibreOffice writes the constant TRUE back as TRUE()).
 */
export function normalisedFormula(formula: string): string {
  return formula
    .trim()
    .replace(/^=/, "")
    .split('"')
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\s+/g, "")
            .toUpperCase()
            .replace(/(?<![A-Z0-9_.])(TRUE|FALSE)\(\)/g, "$1")
    )
    .join('"');
}

/**
 * Whether a formula reads no cell and no name: only numbers, strings, TRUE and FALSE, error
 * values, operators and function calls ("=0.8", "=ROUND(0.8,1)", "=\"done\""). A quoted sheet
 * name, a cell reference or a name (anything not called like a function) is a reference.
 */
export function isConstantFormula(formula: string): boolean {
  const outside = normalisedFormula(formula)
    .split('"')
    .filter((_, index) => index % 2 === 0)
    .join(" ")
    .replace(/#(NULL!|DIV\/0!|VALUE!|NAME\?|NUM!|N\/A|GETTING_DATA)/g, " ");
  if (outside.includes("'")) return false;
  const words = outside.match(/(?<![A-Z0-9_.\\])[A-Z_\\][A-Z0-9_.]*\(?/g) ?? [];
  return words.every((word) => word.endsWith("(") || word === "TRUE" || word === "FALSE");
}

/** Whether a formula holds #REF! outside its strings. */
export function hasBrokenReference(formula: string): boolean {
  return formula.split('"').some((part, index) => index % 2 === 0 && /#REF!/i.test(part));
}

/** A cell, a range, a whole column or a whole row, with its sheet: one reference of a formula. */
const REFERENCE = new RegExp(
  [
    "(?<![A-Z0-9_.$'!\\\\])",
    "(?:(?:'(?:[^']|'')+'|[A-Z_\\\\][A-Z0-9_.]*)!)?",
    "(?:",
    "\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?",
    "|\\$?[A-Z]{1,3}:\\$?[A-Z]{1,3}",
    "|\\$?\\d+:\\$?\\d+",
    ")",
    "(?![A-Z0-9_.(!])",
  ].join(""),
  "g"
);

/**
 * A formula's shape, for telling a person's formula from the builder's: normalised (see
 * normalisedFormula), without Excel's _xlfn. and _xlws. prefixes and its @ (implicit
 * intersection), and with every reference (a cell, a range, a whole column or row, on any sheet)
 * written as one "&" whatever its address. A row or column deleted or inserted shifts the
 * references of the formulas that stay, and leaves their shape as it was.
 */
export function formulaShape(formula: string): string {
  return normalisedFormula(formula)
    .split('"')
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/_XL(?:FN|WS)\./g, "")
            .replace(/@/g, "")
            .replace(REFERENCE, "&")
    )
    .join('"');
}

/** formulaShape, each formula's shape computed once (a sheet repeats its formulas by the row). */
export function shapeCache(): (formula: string) => string {
  const shapes = new Map<string, string>();
  return (formula) => {
    let shape = shapes.get(formula);
    if (shape === undefined) {
      shape = formulaShape(formula);
      shapes.set(formula, shape);
    }
    return shape;
  };
}

/** The plan read back with the structure check's findings: what `okr lint` and the pane check. */
export function readWorkbookFacts(snapshot: WorkbookSnapshot): ReadResult {
  const read = readPlan(snapshot);
  return { ...read, structure: checkStructure(snapshot, read) };
}

/**
 * The structure findings of a snapshot, given the plan read from it. None when the host read no
 * defined names (the mark cannot be told), and none for a workbook OKR Studio did not make.
 */
export function checkStructure(snapshot: WorkbookSnapshot, read: ReadResult): StructureFinding[] {
  if (!Array.isArray(snapshot?.sheets)) return [];
  if (!Array.isArray(snapshot.names))
    // Said once, and only of a workbook that holds a plan or looks like ours.
    return typeof snapshot.namesUnread === "string" &&
      (read.plan !== null || looksLikeOurs(snapshot))
      ? [{ ruleId: "OKR026", message: snapshot.namesUnread, location: null }]
      : [];
  // A bug here is a bug, not a fact about the workbook: it is thrown, as the rest of the check
  // throws, never told as OKR026 (a layout this add-in does not check).
  return structureFindings(snapshot as Required<WorkbookSnapshot>, read);
}

function structureFindings(
  snapshot: Required<WorkbookSnapshot>,
  read: ReadResult
): StructureFinding[] {
  const mark = layoutMark(snapshot.names);
  if (mark === null) return looksLikeOurs(snapshot) ? [unmarked()] : [];
  if (!CHECKED_VERSIONS.includes(mark.version) || mark.style === null) {
    const why =
      mark.style === null
        ? "a formula style this add-in does not know"
        : mark.version > LAYOUT_VERSION
          ? `layout version ${mark.version}, newer than this add-in's (${LAYOUT_VERSION})`
          : `layout version ${mark.version}, older than this add-in's (${LAYOUT_VERSION}) and laid out differently`;
    return [
      {
        ruleId: "OKR026",
        message: `the workbook's layout mark records ${why}: its content is checked, its structure is not`,
        location: null,
      },
    ];
  }
  const findings: StructureFinding[] = [];
  const expected = read.plan === null ? null : buildWorkbook(read.plan, { style: mark.style });
  const sheets = matchSheets(snapshot, expected, findings);
  findings.push(...brokenNames(snapshot.names, expected));
  if (expected === null) {
    findings.push(...brokenFormulas(snapshot, new Map()));
    return findings;
  }
  const expectedAt = new Map<string, string>();
  const regions = new Map<SheetSnapshot, Region[]>();
  const fixed = fixedLabels(read.plan!, mark.style, expected);
  for (const sheet of expected.sheets) {
    const found = sheets.get(sheet.name);
    if (found === undefined) continue;
    const placed = placeTables(sheet, found);
    const labels = labelAnchors(sheet, found);
    for (const table of placed) {
      findings.push(...headerFindings(table, found, placed, labels));
      findings.push(...missingTableRows(sheet, table, found, placed));
    }
    const labelRows = missingLabelRows(
      sheet,
      found,
      placed,
      labels,
      fixed.get(sheet.name) ?? new Set(),
      rowsGoneBetween(sheet, found, placed, labels)
    );
    findings.push(...labelRows.findings);
    regions.set(
      found,
      placed.map((table) => {
        const region = regionOf(table);
        // Current and Last Check-in count the log's columns whole ('Check-ins'!$C:$C), so a row
        // typed below the log, after a gap, is counted there: the log reaches the last row.
        return table.spec.name === TABLES.checkIns
          ? { ...region, bottom: Number.MAX_SAFE_INTEGER }
          : region;
      })
    );
    findings.push(
      ...typedOverFormulas(sheet, placed, found, labels, expectedAt, labelRows.deleted)
    );
  }
  findings.push(...brokenFormulas(snapshot, expectedAt));
  findings.push(...checkInsOutside(snapshot, read, regions));
  return findings;
}

function unmarked(): StructureFinding {
  return {
    ruleId: "OKR027",
    message:
      "this workbook has OKR Studio's sheets and Scorecard headers but not its layout mark: its content is checked, its structure is not",
    location: null,
  };
}

/** Two or more of our sheet names, and the Scorecard's key-result header row on some sheet. */
function looksLikeOurs(snapshot: WorkbookSnapshot): boolean {
  const ours = new Set<string>(Object.values(SHEETS));
  if (snapshot.sheets.filter((sheet) => ours.has(sheet.name)).length < 2) return false;
  const wanted = KEY_RESULT_HEADERS.map((header) => header.toLowerCase());
  return snapshot.sheets.some((sheet) =>
    sheet.rows.some((row) => {
      const texts = new Set(row.cells.map((cell) => textOf(cell)));
      return wanted.every((header) => texts.has(header));
    })
  );
}

/** A text cell's text, trimmed and lower case; "" for anything else. */
function textOf(cell: SnapshotCell | null): string {
  return typeof cell?.value === "string" && cell.formula === null
    ? cell.value.trim().toLowerCase()
    : "";
}

// ---------------------------------------------------------------------------------------------
// Sheets and names.

/**
 * Each expected sheet's snapshot sheet: by its name, else a sheet of another name that holds
 * most of its label texts where the builder put them (renamed). A missing or renamed sheet is an
 * OKR024 finding; with no plan read, the sheets are looked for by name only.
 */
function matchSheets(
  snapshot: WorkbookSnapshot,
  expected: WorkbookSpec | null,
  findings: StructureFinding[]
): Map<string, SheetSnapshot> {
  const byName = new Map(snapshot.sheets.map((sheet) => [sheet.name.toLowerCase(), sheet]));
  const names = expected?.sheets.map((sheet) => sheet.name) ?? Object.values(SHEETS);
  const others = snapshot.sheets.filter(
    (sheet) => !names.some((name) => name.toLowerCase() === sheet.name.toLowerCase())
  );
  const matched = new Map<string, SheetSnapshot>();
  for (const name of names) {
    const found = byName.get(name.toLowerCase());
    if (found !== undefined) {
      matched.set(name, found);
      continue;
    }
    const spec = expected?.sheets.find((sheet) => sheet.name === name);
    const renamed =
      spec === undefined ? undefined : others.find((sheet) => holdsLabels(spec, sheet));
    const consequence = WITHOUT_SHEET[name] ?? "formulas that read it break";
    if (renamed !== undefined) {
      matched.set(name, renamed);
      others.splice(others.indexOf(renamed), 1);
      findings.push({
        ruleId: "OKR024",
        message: `the sheet "${name}" is now named "${shortText(renamed.name)}": OKR Studio finds its sheets by name, and ${consequence} when it cannot`,
        location: { sheet: renamed.name, address: "A1" },
      });
    } else {
      findings.push({
        ruleId: "OKR024",
        message: `the sheet "${name}" is missing: ${consequence}`,
        location: null,
        sheet: name,
      });
    }
  }
  return matched;
}

/** Whether most of the sheet spec's first label texts are where the builder put them. */
function holdsLabels(spec: SheetSpec, sheet: SheetSnapshot): boolean {
  const labels = spec.cells.filter((cell) => cell.content.kind === "text").slice(0, 40);
  if (labels.length === 0) return false;
  const same = labels.filter(
    (cell) =>
      cell.content.kind === "text" &&
      textOf(cellAt(sheet, cell.row, cell.column)) === cell.content.text.trim().toLowerCase()
  ).length;
  return same * 2 >= labels.length;
}

/**
 * OKR022 for each of the builder's names (the mark aside) that is gone or holds #REF!. Other
 * names (Excel's, other add-ins' leftovers) are not OKR Studio's to report. A workbook-wide name
 * is the one formulas use: a sheet-scoped name of the same name does not stand for it. Linear in
 * the names: one map, filled once.
 */
function brokenNames(
  names: readonly SnapshotName[],
  expected: WorkbookSpec | null
): StructureFinding[] {
  const marks = new Set<string>(Object.values(MARK_NAMES).map((name) => name.toUpperCase()));
  const wanted: { name: string; formula: string | null }[] =
    expected?.names.filter((name) => !marks.has(name.name.toUpperCase())) ??
    Object.values(NAMES).map((name) => ({ name, formula: null }));
  const ours = new Set(wanted.map((name) => name.name.toUpperCase()));
  const present = new Map<string, SnapshotName>();
  for (const name of names) {
    const key = name.name.toUpperCase();
    if (!ours.has(key)) continue;
    const known = present.get(key);
    if (known === undefined || (known.sheetScoped === true && name.sheetScoped !== true))
      present.set(key, name);
  }
  const broken: FindingName[] = [];
  for (const name of wanted) {
    const found = present.get(name.name.toUpperCase());
    // With no plan read, a name that is gone is not told (the plan may never have had one).
    if (found === undefined ? name.formula !== null : hasBrokenReference(found.formula))
      broken.push({ name: name.name, expected: name.formula, current: found?.formula ?? null });
  }
  return broken.map((name) => ({
    ruleId: "OKR022",
    message:
      name.current === null
        ? `the defined name ${name.name} is gone: formulas that use it show #NAME?`
        : `the defined name ${name.name} holds a broken reference (${shortText(name.current)}): formulas that use it show #REF!`,
    location: null,
    names: [name],
  }));
}

// ---------------------------------------------------------------------------------------------
// Tables and headers.

/** An expected table as found in the snapshot sheet. */
interface PlacedTable {
  spec: TableSpec;
  /** The header texts the builder writes, by column of the spec. */
  headers: Map<number, string>;
  /** The snapshot row of its header row; null when no row holds enough of its headers. */
  headerRow: number | null;
  /** Spec column → snapshot column, for the headers found. */
  columns: Map<number, number>;
  /** Spec row → snapshot row, for the data rows found (see rowsOfTable). */
  rows: Map<number, number>;
  /** The spec rows the builder derives from the plan that the sheet no longer has. */
  missing: number[];
  /** The snapshot row of its last row: where its rows end (a log grows past the builder's rows). */
  end: number | null;
}

/**
 * The sheet's tables placed, no two on one header row: tables that share headers (the Scorecard's
 * key-result and objective tables both have ID, Objective, Owner, Score and Status) would both take
 * the row of the one left when the other's header row is deleted. The row is the table's that
 * finds more of its headers there (the nearer to where the builder put it, on a tie); the other
 * is placed again without it.
 */
function placeTables(spec: SheetSpec, sheet: SheetSnapshot): PlacedTable[] {
  const excluded = spec.tables.map(() => new Set<number>());
  const placed = spec.tables.map((table, index) => placeTable(spec, table, sheet, excluded[index]));
  const share = (table: PlacedTable) => table.columns.size / Math.max(1, table.headers.size);
  for (let round = 0; round < spec.tables.length; round++) {
    let moved = false;
    for (let index = 0; index < placed.length; index++)
      for (let other = 0; other < placed.length; other++) {
        const [one, two] = [placed[index], placed[other]];
        if (other === index || one.headerRow === null || one.headerRow !== two.headerRow) continue;
        const distance = (table: PlacedTable) =>
          Math.abs(table.spec.range.startRow - table.headerRow!);
        const oneLoses =
          share(one) < share(two) || (share(one) === share(two) && distance(one) > distance(two));
        if (!oneLoses) continue;
        excluded[index].add(one.headerRow);
        placed[index] = placeTable(spec, one.spec, sheet, excluded[index]);
        moved = true;
      }
    if (!moved) break;
  }
  return placed;
}

function placeTable(
  spec: SheetSpec,
  table: TableSpec,
  sheet: SheetSnapshot,
  excluded: ReadonlySet<number>
): PlacedTable {
  const { range } = table;
  const headers = new Map<number, string>();
  for (const cell of spec.cells)
    if (
      cell.row === range.startRow &&
      cell.column >= range.startColumn &&
      cell.column <= range.endColumn &&
      cell.content.kind === "text"
    )
      headers.set(cell.column, cell.content.text);
  const wanted = new Set([...headers.values()].map((text) => text.trim().toLowerCase()));
  let best: { row: number; matches: number } | null = null;
  for (const row of sheet.rows) {
    if (excluded.has(row.row)) continue;
    const matches = new Set(
      row.cells.map((cell) => textOf(cell)).filter((text) => wanted.has(text))
    ).size;
    const better =
      best === null ||
      matches > best.matches ||
      (matches === best.matches &&
        Math.abs(row.row - range.startRow) < Math.abs(best.row - range.startRow));
    if (better) best = { row: row.row, matches };
  }
  const columns = new Map<number, number>();
  if (best === null || best.matches < Math.max(2, Math.ceil(wanted.size / 2)))
    return {
      spec: table,
      headers,
      headerRow: null,
      columns,
      rows: new Map(),
      missing: [],
      end: null,
    };
  const line = sheet.rows.find((row) => row.row === best!.row)!;
  for (const [column, text] of headers) {
    const wantedText = text.trim().toLowerCase();
    const candidates = line.cells.filter((cell) => textOf(cell) === wantedText);
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => Math.abs(a.column - column) - Math.abs(b.column - column));
    columns.set(column, candidates[0].column);
  }
  return {
    spec: table,
    headers,
    headerRow: best.row,
    columns,
    ...rowsOfTable(spec, table, sheet, best.row, columns),
  };
}

/**
 * A row's first cell as its key: the Dashboard numbers its rows by place ("KR 1.2: …"), so the
 * number is left out and a row keeps its key when one above it is removed.
 */
function rowKey(text: string): string {
  return text.replace(/^(?:obj|kr)\s*[\d.]+:\s*/, "");
}

/**
 * Each spec data row's snapshot row, and the spec rows that are gone. The table runs from its
 * header row down while each row holds something in its columns (a row deleted shortens it, and
 * no row past its end is checked). A row whose first cell the builder fills with text (an id, a
 * label) is found by that text, so a row deleted or moved elsewhere in the table moves nothing
 * else; rows of the same text are told apart by the texts and formula strings of their other
 * cells, else taken in their order. A row whose text is nowhere in the sheet's first column of
 * the table (as often as the builder writes it) is gone: a row the builder derives from the plan
 * read back, deleted. A row with nothing in its first cell (the check-in log) is found by its
 * place.
 */
function rowsOfTable(
  spec: SheetSpec,
  table: TableSpec,
  sheet: SheetSnapshot,
  headerRow: number,
  columns: ReadonlyMap<number, number>
): { rows: Map<number, number>; end: number; missing: number[] } {
  const { range } = table;
  const found = [...columns.values()];
  const [left, right] = [Math.min(...found), Math.max(...found)];
  const keyColumn = columns.get(range.startColumn);
  // Each key's rows in the table, top to bottom; and how often each key is in the key column.
  // A row the builder derives from the plan is known first by the plan id its formulas look up
  // (MATCH("O1.KR3",…) in the Scorecard Row column): its text is the plan's, and a person may
  // edit it; by its first cell's text only where the id is not there (a value typed over it).
  const keys = new Map<string, number[]>();
  const anywhere = new Map<string, number>();
  const ids = new Map<string, number>();
  const idsAnywhere = new Set<string>();
  let end = headerRow;
  let open = true;
  for (const line of sheet.rows) {
    const key = keyColumn === undefined ? "" : rowKey(textOf(cellAt(sheet, line.row, keyColumn)));
    if (key !== "" && line.row !== headerRow) anywhere.set(key, (anywhere.get(key) ?? 0) + 1);
    const id = idOf(
      line.cells
        .filter((cell) => cell.column >= left && cell.column <= right && cell.formula !== null)
        .map((cell) => cell.formula!)
    );
    if (id !== null && line.row !== headerRow) idsAnywhere.add(id);
    if (!open || line.row <= headerRow) continue;
    if (
      line.row !== end + 1 ||
      !line.cells.some((cell) => cell.column >= left && cell.column <= right)
    ) {
      open = false;
      continue;
    }
    end = line.row;
    if (id !== null && !ids.has(id)) ids.set(id, line.row);
    const list = keys.get(key);
    if (key === "") continue;
    if (list === undefined) keys.set(key, [line.row]);
    else list.push(line.row);
  }
  const keyOf = new Map<number, string>();
  const specRows = new Map<number, Map<number, CellSpec>>();
  for (const cell of spec.cells) {
    if (cell.row <= range.startRow || cell.row > range.endRow) continue;
    if (cell.column < range.startColumn || cell.column > range.endColumn) continue;
    const line = specRows.get(cell.row) ?? new Map<number, CellSpec>();
    line.set(cell.column, cell);
    specRows.set(cell.row, line);
    if (cell.column === range.startColumn && cell.content.kind === "text")
      keyOf.set(cell.row, rowKey(cell.content.text.trim().toLowerCase()));
  }
  // The rows found by their plan id, first; the lines they take are no other row's.
  const rows = new Map<number, number>();
  const specIds = new Map<number, string>();
  for (const [row, line] of specRows) {
    const id = idOf(
      [...line.values()]
        .sort((a, b) => a.column - b.column)
        .flatMap((cell) => (cell.content.kind === "formula" ? [cell.content.formula] : []))
    );
    if (id === null) continue;
    specIds.set(row, id);
    const at = ids.get(id);
    if (at !== undefined) rows.set(row, at);
  }
  const taken = new Set(rows.values());
  for (const [key, list] of keys) {
    const free = list.filter((line) => !taken.has(line));
    if (free.length === 0) keys.delete(key);
    else keys.set(key, free);
  }
  const specCount = new Map<string, number>();
  for (const key of keyOf.values()) specCount.set(key, (specCount.get(key) ?? 0) + 1);
  // The table's columns, for telling rows of the same key apart by their other cells.
  const compared = [...columns.keys()].sort((a, b) => a - b);
  const missing: number[] = [];
  const alike = new Map<string, { bySignature: Map<string, number[]>; waiting: number[] }>();
  for (let row = range.startRow + 1; row <= range.endRow; row++) {
    if (rows.has(row)) continue;
    const key = keyOf.get(row) ?? "";
    if (key === "" || keyColumn === undefined) {
      const at = headerRow + (row - range.startRow);
      if (at <= end) rows.set(row, at);
      continue;
    }
    const candidates = keys.get(key) ?? [];
    if (specCount.get(key) === 1) {
      if (candidates.length > 0) rows.set(row, candidates[0]);
      else if (!anywhere.has(key) && !idsAnywhere.has(specIds.get(row) ?? "")) missing.push(row);
      continue;
    }
    // A key written more than once: its rows paired by their other cells first, in one pass.
    let group = alike.get(key);
    if (group === undefined) {
      const bySignature = new Map<string, number[]>();
      for (const line of candidates) {
        const signature = compared
          .map((column) => cellSignature(cellAt(sheet, line, columns.get(column)!)))
          .join("\u0000");
        const list = bySignature.get(signature);
        if (list === undefined) bySignature.set(signature, [line]);
        else list.push(line);
      }
      // Bottom row first, so that taking the top row is a pop.
      for (const list of bySignature.values()) list.reverse();
      group = { bySignature, waiting: [] };
      alike.set(key, group);
    }
    const line = specRows.get(row);
    const signature = compared.map((column) => specCellSignature(line?.get(column))).join("\u0000");
    const same = group.bySignature.get(signature);
    if (same !== undefined && same.length > 0) rows.set(row, same.pop()!);
    else group.waiting.push(row);
  }
  // The rest of a repeated key's rows, in their order; those the sheet lacks are gone.
  for (const [key, { bySignature, waiting }] of alike) {
    const left = new Set([...bySignature.values()].flat());
    const free = (keys.get(key) ?? []).filter((line) => left.has(line));
    waiting.forEach((row, index) => {
      if (index < free.length) rows.set(row, free[index]);
    });
    const unplaced = waiting.slice(free.length);
    const gone = Math.max(0, specCount.get(key)! - (anywhere.get(key) ?? 0));
    missing.push(
      ...unplaced
        .slice(Math.max(0, unplaced.length - gone))
        .filter((row) => !idsAnywhere.has(specIds.get(row) ?? ""))
    );
  }
  missing.sort((a, b) => a - b);
  return { rows, end, missing };
}

/**
 * The plan id a row's formulas look up: the string of the first MATCH among them
 * (MATCH("O1.KR3",Scorecard!$A$6:$A$13,0)), or null.
 */
function idOf(formulas: readonly string[]): string | null {
  for (const formula of formulas) {
    const found = /MATCH\("((?:[^"]|"")*)"/.exec(normalisedFormula(formula));
    if (found !== null && found[1] !== "") return found[1];
  }
  return null;
}

/** A spec cell as rows are told apart: its text, its formula's strings, or nothing. */
function specCellSignature(cell: CellSpec | undefined): string {
  if (cell?.content.kind === "text") return cell.content.text.trim().toLowerCase();
  if (cell?.content.kind === "formula") return formulaStrings(cell.content.formula);
  return "";
}

/** The same of a snapshot cell. */
function cellSignature(cell: SnapshotCell | null): string {
  if (cell?.formula) return formulaStrings(cell.formula);
  return textOf(cell);
}

/** A formula's strings ("O1.KR2" of a MATCH), in order. */
function formulaStrings(formula: string): string {
  return normalisedFormula(formula)
    .split('"')
    .filter((_, index) => index % 2 === 1)
    .join('"');
}

/**
 * OKR025 for each header of a found table that its header row no longer holds; one OKR025 for a
 * table whose header row is gone (deleted or cleared: no row holds half of its headers).
 */
function headerFindings(
  table: PlacedTable,
  sheet: SheetSnapshot,
  placed: readonly PlacedTable[],
  labels: Anchors
): StructureFinding[] {
  if (table.headerRow === null) return [missingHeaderRow(table, sheet, placed, labels)];
  const headerRow = table.headerRow;
  const findings: StructureFinding[] = [];
  const ours = new Set([...table.headers.values()].map((text) => text.trim().toLowerCase()));
  const specColumns = [...table.headers.keys()].sort((a, b) => a - b);
  for (const column of specColumns) {
    if (table.columns.has(column)) continue;
    const header = table.headers.get(column)!;
    // Where it would be: beside the nearest header found to its left (or right).
    const left = specColumns.filter((c) => c < column && table.columns.has(c)).pop();
    const right = specColumns.find((c) => c > column && table.columns.has(c));
    const place =
      left !== undefined
        ? table.columns.get(left)! + (column - left)
        : right !== undefined
          ? table.columns.get(right)! - (right - column)
          : column;
    const there = place >= 0 ? cellAt(sheet, headerRow, place) : null;
    const text = textOf(there);
    const renamed = text !== "" && !ours.has(text) && typeof there?.value === "string";
    const address = cellAddress(headerRow, Math.max(place, 0));
    findings.push({
      ruleId: "OKR025",
      message: renamed
        ? `the ${table.spec.name} table's "${header}" header is now "${shortText(String(there!.value))}": the reader finds the column by its header, so it reads it as absent`
        : `the ${table.spec.name} table has no "${header}" column: it was deleted or its header cleared, and what reads it no longer finds it`,
      location: { sheet: sheet.name, address },
      cells: [
        {
          sheet: sheet.name,
          address,
          expected: null,
          expectedText: header,
          current: there === null ? null : { value: there.value, formula: there.formula },
        },
      ],
    });
  }
  return findings;
}

/** OKR025, once for the whole row: a table's header row is gone. */
function missingHeaderRow(
  table: PlacedTable,
  sheet: SheetSnapshot,
  placed: readonly PlacedTable[],
  labels: Anchors
): StructureFinding {
  const { range } = table.spec;
  // Where it was: as the labels and the other tables' header rows around it moved.
  const row =
    placeBetween(
      range.startRow,
      new Map([
        ...labels.rows,
        ...placed.flatMap((other): [number, number][] =>
          other.headerRow === null ? [] : [[other.spec.range.startRow, other.headerRow]]
        ),
      ])
    ) ?? range.startRow;
  const columns = [...table.headers.keys()].sort((a, b) => a - b);
  const cells = columns.map((column): FindingCell => {
    const address = cellAddress(row, column);
    const there = cellAt(sheet, row, column);
    return {
      sheet: sheet.name,
      address,
      expected: null,
      expectedText: table.headers.get(column)!,
      current: there === null ? null : { value: there.value, formula: there.formula },
    };
  });
  const headers = cells.map((cell) => `"${cell.expectedText}"`);
  return {
    ruleId: "OKR025",
    message: `the ${table.spec.name} table's header row is gone (${shownList(headers)}): no row of ${sheet.name} holds half of them, so the reader and the check find none of its columns, and its rows are not checked`,
    location: { sheet: sheet.name, address: cells[0]?.address ?? cellAddress(row, 0) },
    cells,
  };
}

// ---------------------------------------------------------------------------------------------
// Rows the builder writes, gone.

/** What stops working without a row of each table the builder derives from the plan. */
const WITHOUT_ROW: Record<string, string> = {
  [TABLES.objectives]:
    "the objective's Score and Status are computed there, and the Dashboard and the Monthly Review read them from it",
  [TABLES.dashboard]: "the Dashboard no longer shows its targets, score, status and progress",
  [TABLES.reviewObjectives]:
    "the Monthly Review no longer shows its score, status and key results per status",
  [TABLES.reviewKeyResults]:
    "the Monthly Review no longer shows its score, pace and last check-in, so it is never listed as at risk or stale",
};

/** The cells the builder writes in a spec row, at a snapshot row, as a finding lists them. */
function rowCells(
  cells: readonly CellSpec[],
  sheet: SheetSnapshot,
  row: number,
  column: (specColumn: number) => number
): FindingCell[] {
  return cells.flatMap((cell): FindingCell[] => {
    if (cell.content.kind !== "formula" && cell.content.kind !== "text") return [];
    if (cell.content.kind === "text" && cell.content.text.trim() === "") return [];
    const address = cellAddress(row, column(cell.column));
    const there = cellAt(sheet, row, column(cell.column));
    return [
      {
        sheet: sheet.name,
        address,
        expected: cell.content.kind === "formula" ? cell.content.formula : null,
        ...(cell.content.kind === "text" ? { expectedText: cell.content.text } : {}),
        current: there === null ? null : { value: there.value, formula: there.formula },
      },
    ];
  });
}

/** A spec sheet's cells by row, for the rows asked. */
function cellsByRow(spec: SheetSpec, wanted: ReadonlySet<number>): Map<number, CellSpec[]> {
  const byRow = new Map<number, CellSpec[]>();
  for (const cell of spec.cells) {
    if (!wanted.has(cell.row)) continue;
    const list = byRow.get(cell.row);
    if (list === undefined) byRow.set(cell.row, [cell]);
    else list.push(cell);
  }
  return byRow;
}

/**
 * OKR029: the rows of a table that the builder derives from the plan read back (a Dashboard row,
 * a Monthly Review row, a row of the Scorecard's objective table) and that the sheet no longer
 * has, in one finding per table, each row's cells listed where the row belongs (below the row
 * found above it), with what the builder writes there.
 */
function missingTableRows(
  spec: SheetSpec,
  table: PlacedTable,
  sheet: SheetSnapshot,
  placed: readonly PlacedTable[]
): StructureFinding[] {
  if (table.headerRow === null || table.missing.length === 0) return [];
  const byRow = cellsByRow(spec, new Set(table.missing));
  const { range } = table.spec;
  const found = [...table.rows].sort(([a], [b]) => a - b);
  const column = (specColumn: number) =>
    placeBetween(specColumn, new Map(placed.flatMap((other) => [...other.columns]))) ?? specColumn;
  const cells: FindingCell[] = [];
  const named: string[] = [];
  let next = 0;
  let above: [number, number] = [range.startRow, table.headerRow];
  for (const row of table.missing) {
    while (next < found.length && found[next][0] < row) above = found[next++];
    // Where it belongs: right below the row found above it (or the header row).
    const at = above[1] + (row - above[0]);
    // The table's own cells: a block beside it on the same sheet row (the Dashboard's) is told by
    // its labels (missingLabelRows), so no cell is listed twice.
    const rowCellsOf = (byRow.get(row) ?? []).filter(
      (cell) => cell.column >= range.startColumn && cell.column <= range.endColumn
    );
    const key = rowCellsOf.find(
      (cell) => cell.column === range.startColumn && cell.content.kind === "text"
    );
    named.push(
      `"${shortText(key?.content.kind === "text" ? key.content.text : cellAddress(row, range.startColumn))}"`
    );
    cells.push(...rowCells(rowCellsOf, sheet, at, column));
  }
  if (cells.length === 0) return [];
  const consequence = WITHOUT_ROW[table.spec.name] ?? "what reads it no longer finds it";
  return [
    {
      ruleId: "OKR029",
      message: `${sheet.name}: the ${table.spec.name} table has no row for ${shownList(named)}, which the plan has (${table.spec.name === TABLES.objectives || table.spec.name === TABLES.reviewObjectives ? "an objective" : "a key result"} added since this sheet was written, or its row deleted): Repair or okr rebuild writes it. Until then ${consequence}`,
      location: { sheet: sheet.name, address: cells[0].address },
      cells,
    },
  ];
}

/** What stops working without the labelled rows of each sheet. */
const WITHOUT_LABELS: Record<string, string> = {
  [SHEETS.plan]:
    "the plan's project, period, owner and status are read by these labels, and the thresholds, the period and the stale-after days sit beside them",
  [SHEETS.scorecard]: "the Scorecard's title and overall score are shown there",
  [SHEETS.dashboard]:
    "the Dashboard's per-objective, per-status and weekly blocks, and its charts, read them",
  [SHEETS.review]: "the Monthly Review's title, review date and overall score are shown there",
};

/**
 * The texts the builder writes outside the tables whatever the plan says ("Overall score",
 * "Review date", "Week ending", the OKR Plan's labels in column A), by sheet, lower case: those
 * it also writes for a plan of the same objectives whose every text (project, period, owner,
 * status, contributors, alignment, objectives' titles) differs. A title, a subtitle, a value in
 * the OKR Plan's column B or an objective's label in the Dashboard's block is built from the
 * plan, so a person editing it edits content, never structure: it is not looked for.
 */
function fixedLabels(
  plan: Plan,
  style: FormulaStyle,
  expected: WorkbookSpec
): Map<string, Set<string>> {
  const other = (text: string, n: number) => `\u2063${n}:${text}\u2063`;
  const statuses = PLAN_STATUSES.filter((status) => status !== plan.status);
  const changed: Plan = {
    ...plan,
    project: other(plan.project, 0),
    period: plan.period.trim() === "FY 2099" ? "FY 2098" : "FY 2099",
    owner: other(plan.owner, 1),
    contributors: plan.contributors.map((name, index) => other(name, index + 2)),
    status: statuses[0] ?? plan.status,
    alignment:
      plan.alignment === null
        ? null
        : {
            company: other(plan.alignment.company, 3),
            businessUnit: other(plan.alignment.businessUnit, 4),
            project: other(plan.alignment.project, 5),
          },
    objectives: plan.objectives.map((objective, index) => ({
      ...objective,
      title: other(objective.title, 6 + index),
      keyResults: objective.keyResults.slice(0, 1),
    })),
  };
  const outside = (spec: WorkbookSpec) =>
    new Map(
      spec.sheets.map((sheet): [string, Set<string>] => [
        sheet.name,
        new Set(
          sheet.cells
            .filter(
              (cell) =>
                cell.content.kind === "text" &&
                !sheet.tables.some(
                  ({ range }) =>
                    cell.row >= range.startRow &&
                    cell.row <= range.endRow &&
                    cell.column >= range.startColumn &&
                    cell.column <= range.endColumn
                )
            )
            .map((cell) =>
              cell.content.kind === "text" ? cell.content.text.trim().toLowerCase() : ""
            )
        ),
      ])
    );
  const theirs = outside(buildWorkbook(changed, { style }));
  const fixed = new Map<string, Set<string>>();
  for (const [name, texts] of outside(expected)) {
    const also = theirs.get(name) ?? new Set<string>();
    fixed.set(name, new Set([...texts].filter((text) => also.has(text))));
  }
  return fixed;
}

/**
 * The rows the builder writes outside the tables, between two of its labels or table headers
 * (or above the first: a title and a subtitle, built from the plan, so never looked for by their
 * text), that were deleted: the label below sits closer to the one above than the builder put
 * it, by as many rows as went. Which rows went is told by the texts of the rows left between
 * them (the rows taken out that leave most rows holding what the builder wrote there; on a tie,
 * empty rows first, then the lower ones), so an empty row deleted is no finding. Spec row → the
 * snapshot row where it belongs (where it is inserted again).
 */
function rowsGoneBetween(
  spec: SheetSpec,
  sheet: SheetSnapshot,
  placed: readonly PlacedTable[],
  labels: Anchors
): Map<number, number> {
  const gone = new Map<number, number>();
  const anchors = new Map<number, number>([
    [-1, -1],
    ...labels.rows,
    ...placed.flatMap((table): [number, number][] =>
      table.headerRow === null ? [] : [[table.spec.range.startRow, table.headerRow]]
    ),
  ]);
  const inTable = (row: number) =>
    spec.tables.some(({ range }) => row > range.startRow && row <= range.endRow);
  const rowText = (cells: readonly { column: number; text: string }[]) => {
    const first = [...cells].sort((x, y) => x.column - y.column).find((cell) => cell.text !== "");
    return first === undefined ? "" : first.text;
  };
  const specRows = new Map<number, { column: number; text: string }[]>();
  for (const cell of spec.cells) {
    const text =
      cell.content.kind === "text"
        ? cell.content.text.trim().toLowerCase()
        : cell.content.kind === "formula"
          ? "="
          : String(cell.content.kind === "date" ? cell.content.serial : cell.content.value);
    specRows.set(cell.row, [...(specRows.get(cell.row) ?? []), { column: cell.column, text }]);
  }
  const specText = (row: number) => rowText(specRows.get(row) ?? []);
  const sheetText = (row: number) =>
    rowText(
      (sheet.rows.find((line) => line.row === row)?.cells ?? []).map((cell) => ({
        column: cell.column,
        text:
          cell.formula !== null
            ? "="
            : typeof cell.value === "string"
              ? cell.value.trim().toLowerCase()
              : cell.value === null
                ? ""
                : String(cell.value),
      }))
    );
  const sorted = [...anchors].sort(([x], [y]) => x - y);
  for (let index = 1; index < sorted.length; index++) {
    const [above, aboveNow] = sorted[index - 1];
    const [below, belowNow] = sorted[index];
    const between = below - above - 1;
    const count = between - (belowNow - aboveNow - 1);
    if (count <= 0 || count > between || between > 8) continue;
    const rows = Array.from({ length: between }, (_, offset) => above + 1 + offset);
    if (rows.some(inTable)) continue;
    // Every choice of `count` rows among those between (a few at most).
    const choices: number[][] = [];
    const choose = (from: number, picked: number[]) => {
      if (picked.length === count) choices.push(picked);
      else for (let at = from; at < rows.length; at++) choose(at + 1, [...picked, rows[at]]);
    };
    choose(0, []);
    let best: { taken: number[]; score: number; empty: number } | null = null;
    for (const taken of choices) {
      let score = 0;
      let moved = 0;
      for (const row of rows) {
        if (taken.includes(row)) moved++;
        else if (sheetText(aboveNow + (row - above) - moved) === specText(row)) score++;
      }
      const empty = taken.filter((row) => specText(row) === "").length;
      // Better: more rows in place; then more empty rows taken; then the lower rows (the later).
      if (best === null || score > best.score || (score === best.score && empty >= best.empty))
        best = { taken, score, empty };
    }
    for (const [order, row] of (best?.taken ?? []).entries())
      if (specText(row) !== "") gone.set(row, aboveNow + (row - above) - order);
  }
  // Below the last label or header no label tells rows gone (the Dashboard's weekly trend,
  // below its "Week ending" row, 13 to 53 rows of formulas alike). Each of its rows reads the one
  // above, so a row deleted there leaves #REF! in the row that moved up into its place, and the
  // block's last rows empty: as many rows went as are empty at the end, each where one of the
  // first rows holding #REF! is. Without #REF!, the last rows were cleared, not deleted.
  const [last, lastNow] = sorted[sorted.length - 1];
  const tail = [...specRows.keys()].filter((row) => row > last).sort((x, y) => x - y);
  if (tail.length > 0 && !tail.some(inTable)) {
    let empty = 0;
    for (let index = tail.length - 1; index >= 0; index--) {
      const row = tail[index];
      if (specText(row) === "" || sheetText(lastNow + (row - last)) !== "") break;
      empty++;
    }
    // Read only when rows are missing at the end: an undamaged sheet costs no #REF! scan.
    const broken = (empty === 0 ? [] : sheet.rows)
      .filter(
        (line) =>
          line.row > lastNow &&
          line.row <= lastNow + (tail[tail.length - 1] - last) - empty &&
          line.cells.some((cell) => cell.formula !== null && hasBrokenReference(cell.formula))
      )
      .map((line) => line.row)
      .slice(0, empty);
    if (empty > 0 && broken.length === empty)
      for (const [order, at] of broken.entries()) {
        const row = last + (at - lastNow) + order;
        if (specText(row) !== "" && !gone.has(row)) gone.set(row, at);
      }
  }
  return gone;
}

/**
 * OKR029: the labelled rows the builder writes outside the tables (the OKR Plan sheet's
 * settings, the Overall score row, the Dashboard's blocks) whose fixed labels (see fixedLabels)
 * the sheet no longer holds: each label text is looked for anywhere on the sheet, as often as
 * the builder writes it (a text written more than once: the copies not where the rows around
 * them put them are the ones gone), and the rows between two labels that are gone (`between`,
 * see rowsGoneBetween). One finding per sheet, each row's cells listed where the row belongs, with what
 * the builder writes there. Also the rows of those that were deleted (not cleared), spec row →
 * where it belongs: the rows below them moved up, and the computed cells are looked for there.
 */
function missingLabelRows(
  spec: SheetSpec,
  sheet: SheetSnapshot,
  placed: readonly PlacedTable[],
  labels: Anchors,
  fixed: ReadonlySet<string>,
  between: ReadonlyMap<number, number>
): { findings: StructureFinding[]; deleted: Map<number, number> } {
  const deleted = new Map<number, number>();
  const inTable = (row: number, column: number) =>
    spec.tables.some(
      ({ range }) =>
        row >= range.startRow &&
        row <= range.endRow &&
        column >= range.startColumn &&
        column <= range.endColumn
    );
  const written = new Map<string, CellSpec[]>();
  for (const cell of spec.cells) {
    if (cell.content.kind !== "text" || inTable(cell.row, cell.column)) continue;
    const text = cell.content.text.trim().toLowerCase();
    if (text === "" || !fixed.has(text)) continue;
    const list = written.get(text);
    if (list === undefined) written.set(text, [cell]);
    else list.push(cell);
  }
  if (written.size === 0 && between.size === 0) return { findings: [], deleted };
  const present = new Map<string, number>();
  for (const row of sheet.rows)
    for (const cell of row.cells) {
      const text = textOf(cell);
      if (written.has(text)) present.set(text, (present.get(text) ?? 0) + 1);
    }
  const moved = new Map([
    ...labels.rows,
    ...placed.flatMap((table): [number, number][] =>
      table.headerRow === null ? [] : [[table.spec.range.startRow, table.headerRow]]
    ),
  ]);
  const tableColumns = placed.flatMap((table) => [...table.columns]);
  const rowsGone = new Set<number>(between.keys());
  for (const [text, cells] of written) {
    const gone = cells.length - (present.get(text) ?? 0);
    if (gone <= 0) continue;
    // A text written more than once: a copy found where the rows around it put it is there; of
    // the others, the last ones went (which one cannot be told).
    const unsure = cells.filter((cell) => {
      const row = placeBetween(cell.row, moved);
      const column = placeBetween(
        cell.column,
        new Map([...columnsNear(labels, cell.row), ...tableColumns])
      );
      return row === null || column === null || textOf(cellAt(sheet, row, column)) !== text;
    });
    const from = unsure.length >= gone ? unsure : cells;
    for (const cell of from.slice(from.length - gone)) rowsGone.add(cell.row);
  }
  if (rowsGone.size === 0) return { findings: [], deleted };
  const byRow = cellsByRow(spec, rowsGone);
  const shifted = rowShiftedUp(spec, sheet, labels, tableColumns, rowsGone);
  const cells: FindingCell[] = [];
  const named: string[] = [];
  let labelled = false;
  // Labels gone from a row that is still there (one went with a deleted column, or was cleared):
  // only those labels are told, at their places.
  const labelCells: FindingCell[] = [];
  const labelsNamed: string[] = [];
  const listed = new Set<string>();
  const once = (list: FindingCell[]) =>
    list.filter((cell) => {
      if (listed.has(cell.address)) return false;
      listed.add(cell.address);
      return true;
    });
  for (const row of [...rowsGone].sort((a, b) => a - b)) {
    const outside = (byRow.get(row) ?? []).filter((cell) => !inTable(cell.row, cell.column));
    const at = between.get(row) ?? placeBetween(row, moved, new Set(deleted.keys())) ?? row;
    const columns = new Map([...columnsNear(labels, row), ...tableColumns]);
    const column = (specColumn: number) => placeBetween(specColumn, columns) ?? specColumn;
    const texts = new Set(
      (sheet.rows.find((line) => line.row === at)?.cells ?? []).map((cell) => textOf(cell))
    );
    const fixedHere = outside.filter(
      (cell) => cell.content.kind === "text" && fixed.has(cell.content.text.trim().toLowerCase())
    );
    const missing = fixedHere.filter(
      (cell) => cell.content.kind === "text" && !texts.has(cell.content.text.trim().toLowerCase())
    );
    if (!between.has(row) && missing.length > 0 && missing.length < fixedHere.length) {
      const found = once(rowCells(missing, sheet, at, column));
      labelCells.push(...found);
      labelsNamed.push(
        ...missing.map((cell, index) =>
          cell.content.kind === "text"
            ? `"${shortText(cell.content.text)}" (${found[index]?.address ?? cellAddress(at, column(cell.column))})`
            : ""
        )
      );
      continue;
    }
    // Deleted rather than cleared: the rows below moved up (a row between two labels that sit
    // closer, or one whose place holds what the builder writes in the row below it).
    if (between.has(row) || shifted(row, at, column)) deleted.set(row, at);
    const label = outside.find((cell) => cell.content.kind === "text");
    if (label !== undefined) labelled = true;
    named.push(
      label?.content.kind === "text"
        ? `"${shortText(label.content.text)}" (row ${at + 1})`
        : `${at + 1} (formulas only)`
    );
    cells.push(...once(rowCells(outside, sheet, at, column)));
  }
  const labelFinding: StructureFinding[] =
    labelCells.length === 0
      ? []
      : [
          {
            ruleId: "OKR029",
            message: `${sheet.name}: ${labelsNamed.length === 1 ? "the label" : "the labels"} ${shownList(labelsNamed)} that OKR Studio writes ${labelsNamed.length === 1 ? "is" : "are"} gone from ${labelsNamed.length === 1 ? "its row" : "their rows"}, which ${labelsNamed.length === 1 ? "is" : "are"} still there (${labelsNamed.length === 1 ? "its column" : "their columns"} deleted, or cleared): the cells beside ${labelsNamed.length === 1 ? "it" : "them"} are no longer labelled`,
            location: { sheet: sheet.name, address: labelCells[0].address },
            cells: labelCells,
          },
        ];
  if (cells.length === 0) return { findings: labelFinding, deleted };
  const consequence = [...rowsGone].every(
    (row) => between.has(row) && row < Math.min(...moved.keys())
  )
    ? "its title is shown there, and the rows below moved up, so OKR Studio's formulas are no longer where it writes them"
    : (WITHOUT_LABELS[sheet.name] ?? "what reads them no longer finds them");
  return {
    findings: [
      ...labelFinding,
      {
        ruleId: "OKR029",
        message: `${sheet.name}: ${named.length === 1 ? "the row" : "the rows"} ${shownList(named)} that OKR Studio writes ${named.length === 1 ? "is" : "are"} gone (${labelled ? `deleted, or ${named.length === 1 ? "its label" : "their labels"} cleared` : "deleted"}): ${consequence}`,
        location: { sheet: sheet.name, address: cells[0]?.address ?? "A1" },
        cells,
      },
    ],
    deleted,
  };
}

/**
 * Whether a labelled row told gone was deleted (the rows below moved up) rather than cleared: the
 * snapshot row where it belongs holds more of what the builder writes in the next row (its
 * texts, its formulas' shapes) than of what it writes in this one. A label deleted with the row
 * below it in place is found by rowsGoneBetween; this tells the last block of a sheet (the
 * Dashboard's weekly trend, below its "Week ending" row), which has no label below it.
 */
function rowShiftedUp(
  spec: SheetSpec,
  sheet: SheetSnapshot,
  labels: Anchors,
  tableColumns: readonly [number, number][],
  gone: ReadonlySet<number>
): (row: number, at: number, column: (specColumn: number) => number) => boolean {
  const shapeOf = shapeCache();
  const specRows = new Map<number, CellSpec[]>();
  for (const cell of spec.cells) specRows.set(cell.row, [...(specRows.get(cell.row) ?? []), cell]);
  const specSignature = (cell: CellSpec) =>
    cell.content.kind === "formula"
      ? `=${shapeOf(cell.content.formula)}`
      : cell.content.kind === "text"
        ? cell.content.text.trim().toLowerCase()
        : "";
  const sheetSignature = (cell: SnapshotCell | null) =>
    cell === null ? "" : cell.formula !== null ? `=${shapeOf(cell.formula)}` : textOf(cell);
  const agreeing = (specRow: number, at: number, column: (specColumn: number) => number) =>
    (specRows.get(specRow) ?? []).filter((cell) => {
      const signature = specSignature(cell);
      return (
        signature !== "" && signature === sheetSignature(cellAt(sheet, at, column(cell.column)))
      );
    }).length;
  return (row, at, column) => {
    let next = row + 1;
    while (gone.has(next)) next++;
    const nextColumn = (specColumn: number) =>
      placeBetween(specColumn, new Map([...columnsNear(labels, next), ...tableColumns])) ??
      column(specColumn);
    return agreeing(next, at, nextColumn) > agreeing(row, at, column);
  };
}

// ---------------------------------------------------------------------------------------------
// Computed cells and broken references.

/** Where a table lies in the snapshot sheet: its header row to its last row, its columns. */
interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function regionOf(table: PlacedTable): Region {
  const { range } = table.spec;
  if (table.headerRow === null || table.columns.size === 0)
    return {
      top: range.startRow,
      bottom: range.endRow,
      left: range.startColumn,
      right: range.endColumn,
    };
  const found = [...table.columns.values()];
  const shift = table.headerRow - range.startRow;
  return {
    top: table.headerRow,
    bottom: Math.max(range.endRow + shift, table.end ?? 0),
    left: Math.min(...found),
    right: Math.max(...found),
  };
}

/** The snapshot position of a spec cell, or null where it cannot be told. */
function positionOf(
  row: number,
  column: number,
  placed: readonly PlacedTable[],
  labels: Anchors,
  deleted: ReadonlySet<number>
): { row: number; column: number; group: string } | null {
  const inside = placed.find(
    ({ spec: { range } }) =>
      row > range.startRow &&
      row <= range.endRow &&
      column >= range.startColumn &&
      column <= range.endColumn
  );
  if (inside !== undefined) {
    const mapped = inside.columns.get(column);
    const mappedRow = inside.rows.get(row);
    if (mapped === undefined || mappedRow === undefined) return null;
    return {
      row: mappedRow,
      column: mapped,
      group: `the ${inside.headers.get(column) ?? columnLetter(column)} column`,
    };
  }
  // Outside the tables: moved as the labels beside it and the tables' headers moved, and up
  // past the rows deleted above it (a deleted row's own cells are told by OKR029).
  if (deleted.has(row)) return null;
  const mappedColumn = placeBetween(
    column,
    new Map([...columnsNear(labels, row), ...placed.flatMap((table) => [...table.columns])])
  );
  const mappedRow = placeBetween(
    row,
    new Map([
      ...labels.rows,
      ...placed.flatMap((table): [number, number][] =>
        table.headerRow === null ? [] : [[table.spec.range.startRow, table.headerRow]]
      ),
    ]),
    deleted
  );
  if (mappedColumn === null || mappedRow === null) return null;
  return { row: mappedRow, column: mappedColumn, group: `column ${columnLetter(column)}` };
}

/**
 * Where the builder's rows and columns went (spec → snapshot), as its labels show. Rows move
 * alike across a sheet, so one map holds them; columns are told by the labels nearest in rows
 * (see columnsNear), since blocks stacked on one sheet lay out their columns each by its own
 * count: the Dashboard's weekly block has a column per objective and the blocks above it do not,
 * so a plan read back with another objective count moves the weekly block's labels alone.
 */
interface Anchors {
  rows: Map<number, number>;
  /** [spec row, spec column, snapshot column], one per label found. */
  columns: [number, number, number][];
  /** columnsNear's answer by spec row. */
  near: Map<number, Map<number, number>>;
}

/**
 * Where each spec column went, as seen from a spec row: for each column, the label in it nearest
 * to that row (the one above on a tie) tells, so a block's cells follow their own labels.
 */
function columnsNear(labels: Anchors, row: number): Map<number, number> {
  let columns = labels.near.get(row);
  if (columns !== undefined) return columns;
  const best = new Map<number, [number, number]>();
  for (const [at, column, to] of labels.columns) {
    const distance = at <= row ? (row - at) * 2 : (at - row) * 2 + 1;
    const held = best.get(column);
    if (held === undefined || distance < held[0]) best.set(column, [distance, to]);
  }
  // Nearest first; a farther label that would put its column on or past a nearer one's (a
  // column the sheet lacks, such as the weekly block's column of an objective added since it
  // was written) tells nothing: the cells of that column are not looked for.
  columns = new Map();
  for (const [column, [, to]] of [...best].sort(([, a], [, b]) => a[0] - b[0])) {
    let fits = true;
    for (const [other, place] of columns)
      if (other < column ? place >= to : place <= to) {
        fits = false;
        break;
      }
    if (fits) columns.set(column, to);
  }
  labels.near.set(row, columns);
  return columns;
}

/**
 * The labels the builder writes outside the tables ("Overall score", "Per status", "Week
 * ending", …) that the spec and the snapshot sheet each hold once: where each is now tells where
 * the cells beside it went, whatever the tables' rows did.
 */
function labelAnchors(spec: SheetSpec, sheet: SheetSnapshot): Anchors {
  const inTable = (row: number, column: number) =>
    spec.tables.some(
      ({ range }) =>
        row >= range.startRow &&
        row <= range.endRow &&
        column >= range.startColumn &&
        column <= range.endColumn
    );
  const once = <T>(entries: [string, T][]) => {
    const seen = new Map<string, T | null>();
    for (const [text, place] of entries) seen.set(text, seen.has(text) ? null : place);
    return seen;
  };
  const written = once(
    spec.cells
      .filter((cell) => cell.content.kind === "text" && !inTable(cell.row, cell.column))
      .map((cell): [string, { row: number; column: number }] => [
        cell.content.kind === "text" ? cell.content.text.trim().toLowerCase() : "",
        { row: cell.row, column: cell.column },
      ])
  );
  const present = once(
    sheet.rows.flatMap((row) =>
      row.cells
        .filter((cell) => textOf(cell) !== "")
        .map((cell): [string, { row: number; column: number }] => [
          textOf(cell),
          { row: row.row, column: cell.column },
        ])
    )
  );
  const anchors: Anchors = { rows: new Map(), columns: [], near: new Map() };
  for (const [text, place] of written) {
    const found = present.get(text);
    if (text === "" || place === null || found === undefined || found === null) continue;
    anchors.rows.set(place.row, found.row);
    anchors.columns.push([place.row, place.column, found.column]);
  }
  return anchors;
}

/**
 * A row or column outside the tables, in the snapshot, from where the tables' rows and columns
 * went (spec → snapshot): as the nearest on each side moved. Null when the two sides moved apart
 * by different amounts (a row or column between them is gone, and it may be this one), unless the
 * rows known `deleted` (spec rows) account for it: those between are taken out.
 */
function placeBetween(
  index: number,
  moved: ReadonlyMap<number, number>,
  deleted: ReadonlySet<number> = new Set()
): number | null {
  if (moved.has(index)) return moved.get(index)!;
  let left: [number, number] | null = null;
  let right: [number, number] | null = null;
  for (const pair of moved) {
    if (pair[0] < index && (left === null || pair[0] > left[0])) left = pair;
    if (pair[0] > index && (right === null || pair[0] < right[0])) right = pair;
  }
  const gone = (from: number, to: number) => {
    let count = 0;
    for (const row of deleted) if (row > from && row < to) count++;
    return count;
  };
  if (left !== null && right !== null)
    return right[1] - left[1] === right[0] - left[0] - gone(left[0], right[0])
      ? left[1] + (index - left[0]) - gone(left[0], index)
      : null;
  if (left !== null) return left[1] + (index - left[0]) - gone(left[0], index);
  if (right !== null) {
    const at = right[1] - (right[0] - index) + gone(index, right[0]);
    return at >= 0 ? at : null;
  }
  return index;
}

/**
 * OKR021: the sheet's computed cells that hold a typed value, nothing, or a constant formula
 * where the builder's reads cells; OKR028: those holding another formula that reads cells (its
 * shape, references aside, differs from the builder's). By column.
 */
function typedOverFormulas(
  spec: SheetSpec,
  placed: readonly PlacedTable[],
  sheet: SheetSnapshot,
  labels: Anchors,
  expectedAt: Map<string, string>,
  deleted: ReadonlyMap<number, number>
): StructureFinding[] {
  const typed = new Map<string, FindingCell[]>();
  const deletedRows = new Set(deleted.keys());
  const other = new Map<string, FindingCell[]>();
  const shapeOf = shapeCache();
  for (const cell of spec.cells) {
    if (cell.content.kind !== "formula") continue;
    const position = positionOf(cell.row, cell.column, placed, labels, deletedRows);
    if (position === null) continue;
    const address = cellAddress(position.row, position.column);
    expectedAt.set(`${sheet.name}!${address}`, cell.content.formula);
    const found = cellAt(sheet, position.row, position.column);
    // The builder's formula, as written or as a host gives it back: nothing to tell (and no
    // shape to compute, which on every computed cell of a big workbook is most of the check).
    if (
      found?.formula &&
      (found.formula === cell.content.formula ||
        normalisedFormula(found.formula) === normalisedFormula(cell.content.formula))
    )
      continue;
    const builderConstant = isConstantFormula(cell.content.formula);
    // A constant formula (=0.8) where the builder reads other cells is a value typed over the
    // formula as much as 0.8 alone. Another formula is a person's when its shape differs from
    // the builder's (a #REF! in it is OKR022's).
    const constant = !!found?.formula && isConstantFormula(found.formula) && !builderConstant;
    let groups = typed;
    if (found?.formula && !constant) {
      if (
        builderConstant ||
        hasBrokenReference(found.formula) ||
        shapeOf(found.formula) === shapeOf(cell.content.formula)
      )
        continue;
      groups = other;
    }
    const list = groups.get(position.group) ?? [];
    list.push({
      sheet: sheet.name,
      address,
      expected: cell.content.formula,
      current:
        found === null
          ? null
          : { value: found.value, formula: groups === other || constant ? found.formula : null },
    });
    groups.set(position.group, list);
  }
  return [
    ...[...typed].map(([group, cells]): StructureFinding => ({
      ruleId: "OKR021",
      message: `${sheet.name}, ${group}: ${cellList(cells)} ${cells.length === 1 ? "holds" : "hold"} no formula (or a constant one) where OKR Studio writes one, so ${cells.length === 1 ? "it no longer follows" : "they no longer follow"} the plan and its check-ins`,
      location: { sheet: sheet.name, address: cells[0].address },
      cells,
    })),
    ...[...other].map(([group, cells]): StructureFinding => ({
      ruleId: "OKR028",
      message: `${sheet.name}, ${group}: ${cellList(cells)} ${cells.length === 1 ? "holds" : "hold"} another formula than the one OKR Studio writes there, so ${cells.length === 1 ? "it no longer follows" : "they no longer follow"} the plan and its check-ins as OKR Studio computes them`,
      location: { sheet: sheet.name, address: cells[0].address },
      cells,
    })),
  ];
}

/** "K7 (0.8 typed), K9 (empty)", the first few of them. */
function cellList(cells: readonly FindingCell[]): string {
  const shown = cells.slice(0, SHOWN_CELLS).map((cell) => {
    if (cell.current === null) return `${cell.address} (empty)`;
    if (cell.current.formula !== null)
      return `${cell.address} (${shortText(cell.current.formula)})`;
    return `${cell.address} (${shortText(JSON.stringify(cell.current.value))} typed)`;
  });
  const more = cells.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** OKR022: formulas holding #REF!, by sheet and column, with the builder's formula where known. */
function brokenFormulas(
  snapshot: WorkbookSnapshot,
  expectedAt: ReadonlyMap<string, string>
): StructureFinding[] {
  const findings: StructureFinding[] = [];
  for (const sheet of snapshot.sheets) {
    const groups = new Map<number, FindingCell[]>();
    for (const row of sheet.rows)
      for (const cell of row.cells) {
        if (cell.formula === null || !hasBrokenReference(cell.formula)) continue;
        const address = cellAddress(row.row, cell.column);
        const list = groups.get(cell.column) ?? [];
        list.push({
          sheet: sheet.name,
          address,
          expected: expectedAt.get(`${sheet.name}!${address}`) ?? null,
          current: { value: cell.value, formula: cell.formula },
        });
        groups.set(cell.column, list);
      }
    for (const [column, cells] of [...groups].sort(([a], [b]) => a - b))
      findings.push({
        ruleId: "OKR022",
        message: `${sheet.name}, column ${columnLetter(column)}: ${shownList(cells.map((cell) => cell.address))} ${cells.length === 1 ? "refers" : "refer"} to deleted cells (#REF!)`,
        location: { sheet: sheet.name, address: cells[0].address },
        cells,
      });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Check-ins outside the table.

/** Excel serials from 2000-01-01 to 2099-12-31: a number there, beside a key result, is a date. */
const DATES = { from: 36_526, to: 73_050 } as const;
const DATE_TEXT = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4})$/;

/** OKR023: rows outside every table holding a date and a key result's id or text, by sheet. */
function checkInsOutside(
  snapshot: WorkbookSnapshot,
  read: ReadResult,
  regions: ReadonlyMap<SheetSnapshot, Region[]>
): StructureFinding[] {
  // A key result by its id, its text, or its number as the Dashboard writes it ("KR 1.2").
  const keyResults = new Set<string>();
  (read.plan?.objectives ?? []).forEach((objective, o) =>
    objective.keyResults.forEach((kr, k) => {
      keyResults.add(kr.id.trim().toLowerCase());
      keyResults.add(kr.text.trim().toLowerCase());
      keyResults.add(`kr${o + 1}.${k + 1}`);
    })
  );
  keyResults.delete("");
  const named = (text: string) => keyResults.has(text) || keyResults.has(text.replace(/\s+/g, ""));
  const findings: StructureFinding[] = [];
  for (const sheet of snapshot.sheets) {
    const tables = regions.get(sheet) ?? [];
    const cells: FindingCell[] = [];
    for (const row of sheet.rows) {
      const outside = row.cells.filter(
        (cell) =>
          !tables.some(
            (region) =>
              row.row >= region.top &&
              row.row <= region.bottom &&
              cell.column >= region.left &&
              cell.column <= region.right
          )
      );
      const names = outside.some((cell) => named(textOf(cell)));
      // A date typed in, not a formula's result (a copy of the Monthly Review with its formulas).
      const dated = outside.some(
        (cell) =>
          cell.formula === null &&
          ((typeof cell.value === "number" &&
            cell.value >= DATES.from &&
            cell.value <= DATES.to &&
            Number.isInteger(cell.value)) ||
            (typeof cell.value === "string" && DATE_TEXT.test(cell.value.trim())))
      );
      if (!names || !dated) continue;
      for (const cell of outside)
        cells.push({
          sheet: sheet.name,
          address: cellAddress(row.row, cell.column),
          expected: null,
          current: { value: cell.value, formula: cell.formula },
        });
    }
    if (cells.length === 0) continue;
    const rows = [...new Set(cells.map((cell) => Number(/\d+$/.exec(cell.address)![0])))];
    findings.push({
      ruleId: "OKR023",
      message: `${sheet.name}: ${rows.length === 1 ? "row" : "rows"} ${shownList(rows.map(String))} ${rows.length === 1 ? "holds" : "hold"} a date and a key result outside the Check-ins table: no formula counts ${rows.length === 1 ? "it" : "them"}`,
      location: { sheet: sheet.name, address: cells[0].address } satisfies Location,
      cells,
    });
  }
  return findings;
}

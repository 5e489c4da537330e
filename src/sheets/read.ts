import type { KeyResult, KeyResultValue, Objective, Plan, PlanStatus } from "../okr/model";
import { PLAN_STATUSES, planStatusNamed } from "../okr/model";
import { parseKeyResult, type ParsedKeyResult } from "../okr/parser";
import {
  KEY_RESULT_TYPES,
  type KeyResultType,
  keyResultTypeNamed,
  okrKindNamed,
} from "../okr/scoring";
import {
  MILESTONE_DONE_WORDS,
  MILESTONE_GRADE,
  MILESTONE_NOT_DONE_WORDS,
  type OkrKind,
} from "../okr/thresholds";
import { toDateSerial } from "../okr/values";
import {
  DASHBOARD_HEADERS,
  DECISION_HEADERS,
  HEADER_SYNONYMS,
  KEY_RESULT_HEADERS,
  REPORT_HELPER_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  REVIEW_OBJECTIVE_HEADERS,
  SHEETS,
} from "./layout";
import { cellAddress, columnLetter, type SheetSnapshot, type WorkbookSnapshot } from "./spec";

/**
 * The builder's layout version and formula style, from a workbook's defined names. A snapshot
 * holds cells only, not names, so a host reads the names and passes them (issue 13).
 */
export { layoutMark, type LayoutMark } from "./layout";

/**
 * Reading a plan back from a workbook snapshot: the OKR tables are found by their header rows,
 * anywhere on any sheet, whether OKR Studio made them or a person typed them. Columns may be
 * reordered, renamed with the usual synonyms or added; rows may be inserted. Besides the plan, the
 * result says where each field lives and what the sheet records (scores, statuses, formulas), so
 * the validator can point at cells. Total: any snapshot gives a result.
 */

export interface CellLocation {
  sheet: string;
  /** "B12" */
  address: string;
}

export type KeyResultField =
  | "id"
  | "objective"
  | "text"
  | "type"
  | "owner"
  | "unit"
  | "baseline"
  | "target"
  | "current"
  | "progress"
  | "score"
  | "status"
  | "weight"
  | "confidence"
  | "lastCheckIn"
  | "notes";

export interface KeyResultLocations {
  /** The row's first cell in the table. */
  row: CellLocation;
  fields: Partial<Record<KeyResultField, CellLocation>>;
}

export type TableKind = "keyResults" | "objectives" | "checkIns";

export type PlanField = "project" | "period" | "owner" | "contributors" | "status";

export interface FoundTable {
  sheet: string;
  table: TableKind;
  headerRow: CellLocation;
  /** Header (as OKR Studio names it: "Key Result", "Target", …) → column letter. */
  columns: Record<string, string>;
}

export interface RecordedValues {
  score?: number | string | null;
  status?: string | null;
  progress?: number | null;
  /** Field ("score", "status", "progress") → the formula of that cell, where it has one. */
  formulas: Record<string, string>;
  /** Field → the error value its cell shows (#N/A, #VALUE!, #REF!, …), where it shows one. */
  errors?: Partial<Record<"score" | "status" | "progress", string>>;
}

export interface CheckIn {
  /** Excel serial number; null when the cell is not a date. */
  date: number | null;
  keyResultId: string;
  value: unknown;
  confidence: unknown;
  comment: string;
  author: string;
  /** The row's Entry id ("" when empty); only where the log has an Entry column. */
  entry?: string;
  /** The Entry this row corrects ("" when none); only where the log has a Replaces column. */
  replaces?: string;
  location: CellLocation;
}

export interface ReadProblem {
  location: CellLocation | null;
  message: string;
}

export interface ReadResult {
  /** null when no table of key results or objectives was found. */
  plan: Plan | null;
  found: FoundTable[];
  locations: {
    plan: Partial<Record<PlanField, CellLocation>>;
    objectives: Record<string, { row: CellLocation; fields: Record<string, CellLocation> }>;
    keyResults: Record<string, KeyResultLocations>;
  };
  /** What the sheet says per key-result id (typed or computed), for the validator. */
  recorded: Record<string, RecordedValues>;
  /** Objective id → the error value its Score cell shows, where it shows one. */
  objectiveErrors: Record<string, string>;
  checkIns: CheckIn[];
  problems: ReadProblem[];
  /** The header sets searched, in words, for a "no OKR structure found" message. */
  lookedFor: string[];
}

// ---------------------------------------------------------------------------------------------
// The headers of each table, with the spellings accepted for them.

type Cell = string | number | boolean | null;

interface FieldDefinition {
  field: string;
  /** The header OKR Studio writes for it (reported in `found[].columns`). */
  header: string;
  spellings: readonly string[];
}

function spellingsOf(header: string, extra: readonly string[] = []): string[] {
  return [...new Set([header, ...(HEADER_SYNONYMS[header] ?? []), ...extra])];
}

const KEY_RESULT_FIELDS: FieldDefinition[] = [
  { field: "id", header: "ID", spellings: spellingsOf("ID") },
  { field: "objectiveId", header: "Objective ID", spellings: ["Objective ID", "Obj ID"] },
  { field: "objective", header: "Objective", spellings: spellingsOf("Objective") },
  { field: "text", header: "Key Result", spellings: spellingsOf("Key Result") },
  { field: "type", header: "Type", spellings: spellingsOf("Type") },
  { field: "owner", header: "Owner", spellings: spellingsOf("Owner") },
  { field: "unit", header: "Unit", spellings: spellingsOf("Unit") },
  { field: "baseline", header: "Baseline", spellings: spellingsOf("Baseline") },
  { field: "target", header: "Target", spellings: spellingsOf("Target") },
  { field: "current", header: "Current", spellings: spellingsOf("Current") },
  { field: "planCurrent", header: "Plan Current", spellings: ["Plan Current"] },
  { field: "progress", header: "Progress", spellings: spellingsOf("Progress") },
  { field: "score", header: "Score", spellings: spellingsOf("Score") },
  { field: "status", header: "Status", spellings: spellingsOf("Status") },
  { field: "weight", header: "Weight", spellings: spellingsOf("Weight") },
  { field: "confidence", header: "Confidence", spellings: spellingsOf("Confidence") },
  { field: "lastCheckIn", header: "Last Check-in", spellings: spellingsOf("Last Check-in") },
  { field: "notes", header: "Notes", spellings: spellingsOf("Notes") },
];

const OBJECTIVE_FIELDS: FieldDefinition[] = [
  { field: "id", header: "ID", spellings: spellingsOf("ID", ["Objective ID"]) },
  { field: "title", header: "Objective", spellings: spellingsOf("Objective") },
  { field: "owner", header: "Owner", spellings: spellingsOf("Owner") },
  {
    field: "timeline",
    header: "Timeline",
    spellings: ["Timeline", "Timeframe", "Period", "Quarter"],
  },
  { field: "kind", header: "Kind", spellings: ["Kind", "Type", "Commitment"] },
  { field: "score", header: "Score", spellings: spellingsOf("Score") },
  { field: "status", header: "Status", spellings: spellingsOf("Status") },
];

const CHECK_IN_FIELDS: FieldDefinition[] = [
  { field: "date", header: "Date", spellings: ["Date", "Check-in Date", "Check-In Date", "When"] },
  {
    field: "keyResult",
    header: "Key Result",
    spellings: spellingsOf("Key Result", ["KR ID", "Key Result ID", "ID"]),
  },
  { field: "value", header: "Value", spellings: ["Value", ...spellingsOf("Current")] },
  { field: "confidence", header: "Confidence", spellings: spellingsOf("Confidence") },
  { field: "comment", header: "Comment", spellings: ["Comment", "Comments", "Notes", "Note"] },
  { field: "author", header: "Author", spellings: ["Author", "By", "Who", "Owner"] },
  { field: "entry", header: "Entry", spellings: ["Entry", "Entry ID", "Check-in ID"] },
  { field: "replaces", header: "Replaces", spellings: ["Replaces", "Corrects"] },
];

const FIELDS: Record<TableKind, FieldDefinition[]> = {
  keyResults: KEY_RESULT_FIELDS,
  objectives: OBJECTIVE_FIELDS,
  checkIns: CHECK_IN_FIELDS,
};

const LOOKED_FOR: string[] = [
  `key results: a "Key Result" column (or ${HEADER_SYNONYMS["Key Result"].filter((s) => s !== "Key Result").join(", ")}) with at least one of Target, Baseline, Current or Score (or their synonyms)`,
  'objectives: an "Objective" column with Score or Owner, and no key-result column',
  "check-ins: Date, Key Result and Value columns",
];

/** Lower case, trimmed, single spaces, no trailing colon: how header and label cells compare. */
function normalHeader(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/\s*:$/, "").toLowerCase();
}

interface Spelling {
  kind: TableKind;
  field: string;
  /** 0 for OKR Studio's own header; a synonym ranks lower, so "Target" wins over "Goal". */
  rank: number;
}

const SPELLINGS = new Map<string, Spelling[]>();
for (const kind of Object.keys(FIELDS) as TableKind[]) {
  const taken = new Set<string>();
  for (const definition of FIELDS[kind]) {
    definition.spellings.forEach((spelling, rank) => {
      const key = normalHeader(spelling);
      // Within a table a spelling names one field: the first that lists it.
      if (taken.has(key)) return;
      taken.add(key);
      const list = SPELLINGS.get(key) ?? [];
      list.push({ kind, field: definition.field, rank });
      SPELLINGS.set(key, list);
    });
  }
}

/** OKR Studio's report tables repeat key-result headers but are derived, not sources. */
const REPORT_HEADERS = [
  DASHBOARD_HEADERS,
  [...DASHBOARD_HEADERS, ...REPORT_HELPER_HEADERS],
  REVIEW_OBJECTIVE_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  [...REVIEW_KEY_RESULT_HEADERS, ...REPORT_HELPER_HEADERS],
  DECISION_HEADERS,
].map((headers) => headers.map(normalHeader).join("\u0000"));

const STUDIO_KEY_RESULT_HEADERS = KEY_RESULT_HEADERS.map(normalHeader);

/** Longer header cells are sentences, not headers. */
const MAX_HEADER_LENGTH = 60;

// ---------------------------------------------------------------------------------------------
// Cells.

class Grid {
  readonly name: string;
  private readonly values: unknown[];
  private readonly formulas: unknown[];
  private readonly top: number;
  private readonly left: number;
  readonly rowCount: number;

  constructor(sheet: SheetSnapshot, index: number) {
    this.name = typeof sheet?.name === "string" ? sheet.name : `Sheet${index + 1}`;
    this.values = Array.isArray(sheet?.values) ? sheet.values : [];
    this.formulas = Array.isArray(sheet?.formulas) ? sheet.formulas : [];
    this.top = wholeOrZero(sheet?.origin?.row);
    this.left = wholeOrZero(sheet?.origin?.column);
    this.rowCount = this.values.length;
  }

  width(row: number): number {
    const cells = this.values[row];
    return Array.isArray(cells) ? cells.length : 0;
  }

  value(row: number, column: number): Cell {
    const cells = this.values[row];
    if (!Array.isArray(cells)) return null;
    const value: unknown = cells[column];
    if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
    if (typeof value === "string" || typeof value === "boolean") return value;
    return null;
  }

  formula(row: number, column: number): string | null {
    const cells = this.formulas[row];
    if (!Array.isArray(cells)) return null;
    const formula: unknown = cells[column];
    return typeof formula === "string" && formula.startsWith("=") ? formula : null;
  }

  location(row: number, column: number): CellLocation {
    return { sheet: this.name, address: cellAddress(this.top + row, this.left + column) };
  }

  columnLetter(column: number): string {
    return columnLetter(this.left + column);
  }
}

function wholeOrZero(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
}

function isBlank(value: Cell): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}

const ERROR_VALUE =
  /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!?)$/i;

function isErrorValue(value: Cell): value is string {
  return typeof value === "string" && ERROR_VALUE.test(value.trim());
}

/** What a cell shows, as text: numbers in General format, booleans as TRUE/FALSE. */
function textOf(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(Number(value.toPrecision(15)));
  return value.trim();
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** Longer text is not a number a person typed; the parser is not run on it. */
const MAX_NUMBER_TEXT = 100;

interface Quantity {
  value: number;
  /** The unit the text states ("%", "$", "seconds"), or null for a bare number. */
  unit: string | null;
  /** True when the cell holds a number, false when the number was read from text. */
  numeric: boolean;
}

/** A number a cell holds or states: 12, "12", "85%", "$1.2M", "< 5%", "30 seconds". */
function readQuantity(value: Cell): Quantity | null {
  if (typeof value === "number") return { value, unit: null, numeric: true };
  if (typeof value !== "string") return null;
  const text = value.trim().replace(/,(?=\d{3}(?!\d))/g, "");
  if (PLAIN_NUMBER.test(text)) {
    const number = Number(text);
    return Number.isFinite(number) ? { value: number, unit: null, numeric: false } : null;
  }
  if (text === "" || text.length > MAX_NUMBER_TEXT || isErrorValue(text)) return null;
  const parsed = parseMetric(text);
  if (parsed === null || parsed.target === null) return null;
  // The parser reads magnitudes; a leading minus sign is the value's own.
  const negative = /^[-−]\s*[$€£]?\d/.test(text);
  return { value: negative ? -parsed.target : parsed.target, unit: parsed.unit, numeric: false };
}

/**
 * The parser's cost grows with the count of numbers in a text, so a cell full of numbers (a
 * pasted log, a fuzzed string) is not read as a metric.
 */
const MAX_METRIC_TEXT = 1000;
const MAX_METRIC_NUMBERS = 16;

function parseMetric(text: string): ParsedKeyResult | null {
  if (text.length > MAX_METRIC_TEXT) return null;
  if ((text.match(/\d+/g)?.length ?? 0) > MAX_METRIC_NUMBERS) return null;
  try {
    return parseKeyResult(text);
  } catch {
    return null;
  }
}

function isPercentUnit(unit: string | null): boolean {
  return unit !== null && unit.startsWith("%");
}

/**
 * A percentage cell's number in percentage points. OKR Studio stores 85% as 0.85 with a percent
 * format (src/sheets/build.ts `stored`), as Excel does when a person types "85%"; the model holds
 * 85. Text such as "85%" is read in points already and does not come through here.
 */
function percentPointsFromCell(value: number): number {
  return Number((value * 100).toPrecision(15));
}

/**
 * Whether a person's sheet holds a key result's percentages as fractions (0.85 shown as 85%) or
 * as points (85). The sentence decides when it states the target; otherwise numbers all within
 * ±1 are fractions, as Excel stores a typed "85%".
 */
function holdsFractions(
  cellNumbers: number[],
  parsedTarget: number | null,
  cellTarget: number | null
): boolean {
  if (cellNumbers.length === 0) return false;
  if (parsedTarget !== null && cellTarget !== null) {
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (close(percentPointsFromCell(cellTarget), parsedTarget)) return true;
    if (close(cellTarget, parsedTarget)) return false;
  }
  return (
    cellNumbers.every((value) => Math.abs(value) <= 1) && cellNumbers.some((value) => value !== 0)
  );
}

/**
 * A row that heads the key results below it, in the key-result column with nothing else on the
 * row: "Objective: Grow usage", "Objective 2 - Grow usage", "Growth Objective - Find our first
 * users" (a team's name before the word).
 */
const OBJECTIVE_ROW =
  /^(?:[A-Z][\w&/.+-]*(?:\s+[A-Z][\w&/.+-]*){0,2}\s+)?(?:objective|obj)(?:\s*#?\d+)?\s*(?::|[-–—](?=\s))\s*(\S.*)$/i;
/**
 * A numbered heading, when nothing else is on its row: "1 Finish the base cluster", "O2 Grow
 * usage", "3) Ship it". Its number is numbering, not a target.
 */
const NUMBERED_HEADING = /^(?:\d{1,2}[.)]?|O\d{1,2}[.:)]?)\s+(\S.*\S)$/;
/** A label that groups the rows below it ("Generate 3 guides:", "*Not likely to get done:*"). */
const GROUP_LABEL = /:\s*$/;

/** The heading a key-result cell holds when nothing else is on its row, or null. */
function headingOf(text: string): string | null {
  const named = OBJECTIVE_ROW.exec(text);
  if (named) return named[1].trim();
  const numbered = NUMBERED_HEADING.exec(text);
  return numbered && !GROUP_LABEL.test(numbered[1]) ? numbered[1].trim() : null;
}

/** A status cell that carries the score as a percentage: "🟨 66%", "Green (80%)". */
const STATUS_WITH_SCORE = /(?:^|[\s(])(\d{1,3}(?:\.\d+)?)\s*%\)?\s*$/;

/** Text with the emphasis marks a markdown export leaves around it taken off. */
function withoutEmphasis(text: string): string {
  return text.replace(/^[*_\s]+|[*_\s]+$/g, "");
}

const DONE = new Set<string>(MILESTONE_DONE_WORDS);
const NOT_DONE = new Set<string>(MILESTONE_NOT_DONE_WORDS);

/** A milestone's state in words: "Done" → true, "not done" → false, anything else null. */
function doneOrNot(text: string): boolean | null {
  const word = text.trim().toLowerCase().replace(/\s+/g, " ");
  return DONE.has(word) ? true : NOT_DONE.has(word) ? false : null;
}

/** A score or progress on the 0–1 scale: text such as "75%" states points. */
function onUnitScale(quantity: Quantity): number {
  return !quantity.numeric && isPercentUnit(quantity.unit) ? quantity.value / 100 : quantity.value;
}

// ---------------------------------------------------------------------------------------------
// Finding the tables.

interface Table {
  grid: Grid;
  kind: TableKind;
  headerRow: number;
  /** Field → column index in the grid. */
  columns: Map<string, number>;
  /** Data rows, in order (blank rows already left out). */
  rows: number[];
  /** The header row is OKR Studio's own: its cells are authoritative, percentages are fractions. */
  studio: boolean;
  /** The row above the header that names the table's objective ("Growth Objective - …"), if any. */
  headingRow?: number;
}

type RowShape =
  | { kind: "none" }
  | { kind: "report" }
  | { kind: TableKind; columns: Map<string, number>; studio: boolean };

/** Whether a row is a header row, and of which table. */
function classifyRow(grid: Grid, row: number): RowShape {
  const width = grid.width(row);
  // Most rows are data or empty: look for two header words before doing any more work.
  let candidates = 0;
  for (let column = 0; column < width && candidates < 2; column++) {
    const value = grid.value(row, column);
    if (
      typeof value === "string" &&
      value.length <= MAX_HEADER_LENGTH &&
      SPELLINGS.has(normalHeader(value))
    )
      candidates++;
  }
  if (candidates < 2) return { kind: "none" };
  const best: Record<TableKind, Map<string, { column: number; rank: number }>> = {
    keyResults: new Map(),
    objectives: new Map(),
    checkIns: new Map(),
  };
  const headers: string[] = [];
  let recognised = 0;
  for (let column = 0; column < width; column++) {
    const value = grid.value(row, column);
    if (typeof value !== "string") {
      if (value !== null) headers.push("\u0001");
      continue;
    }
    if (value.length > MAX_HEADER_LENGTH) {
      headers.push("\u0001");
      continue;
    }
    const key = normalHeader(value);
    if (key === "") continue;
    headers.push(key);
    const spellings = SPELLINGS.get(key);
    if (!spellings) continue;
    recognised++;
    for (const { kind, field, rank } of spellings) {
      const current = best[kind].get(field);
      if (!current || rank < current.rank) best[kind].set(field, { column, rank });
    }
  }
  if (recognised < 2) return { kind: "none" };
  if (REPORT_HEADERS.includes(headers.join("\u0000"))) return { kind: "report" };
  const columnsOf = (kind: TableKind) =>
    new Map([...best[kind]].map(([field, { column }]) => [field, column]));
  const keyResults = best.keyResults;
  const checkIns = best.checkIns;
  if (
    checkIns.has("date") &&
    checkIns.has("keyResult") &&
    checkIns.has("value") &&
    !keyResults.has("target") &&
    !keyResults.has("baseline")
  ) {
    return { kind: "checkIns", columns: columnsOf("checkIns"), studio: false };
  }
  // A real scorecard's header often names the team where the key-result column's header would be
  // ("IPFS Cluster | Priority | Owner | Mid-Q | End-Q"): the first column, when its header is no
  // header word and the row has a score column, holds the key results.
  if (!keyResults.has("text") && keyResults.has("score") && !best.objectives.has("title")) {
    const first = firstTextColumn(grid, row);
    const used = new Set([...keyResults.values()].map(({ column }) => column));
    if (
      first !== null &&
      !used.has(first) &&
      [...used].every((column) => column > first) &&
      !SPELLINGS.has(normalHeader(String(grid.value(row, first))))
    )
      keyResults.set("text", { column: first, rank: 0 });
  }
  if (
    keyResults.has("text") &&
    ["target", "baseline", "current", "score", "status"].some((field) => keyResults.has(field))
  ) {
    const studio = STUDIO_KEY_RESULT_HEADERS.every((header, index) => headers[index] === header);
    return { kind: "keyResults", columns: columnsOf("keyResults"), studio };
  }
  const objectives = best.objectives;
  if (
    objectives.has("title") &&
    (objectives.has("score") || objectives.has("owner")) &&
    !keyResults.has("text")
  ) {
    return { kind: "objectives", columns: columnsOf("objectives"), studio: false };
  }
  return { kind: "none" };
}

/** The first column of a row that holds text, or null. */
function firstTextColumn(grid: Grid, row: number): number | null {
  for (let column = 0; column < grid.width(row); column++) {
    const value = grid.value(row, column);
    if (typeof value === "string" && value.trim() !== "") return column;
    if (value !== null && value !== "") return null;
  }
  return null;
}

function isBlankRow(grid: Grid, row: number, first: number, last: number): boolean {
  for (let column = first; column <= last; column++) {
    if (!isBlank(grid.value(row, column))) return false;
  }
  return true;
}

/**
 * The row just above a key-result header (a blank row between allowed) that names an objective in
 * its table's first column with nothing else in the table's columns: one table per objective, each
 * under its title, as documents exported to spreadsheets lay them out.
 */
function headingAbove(
  grid: Grid,
  headerRow: number,
  [first, last]: [number, number]
): number | null {
  for (let row = headerRow - 1; row >= Math.max(0, headerRow - 2); row--) {
    if (isBlankRow(grid, row, first, last)) continue;
    const value = grid.value(row, first);
    if (typeof value !== "string" || OBJECTIVE_ROW.exec(withoutEmphasis(value)) === null)
      return null;
    for (let column = first + 1; column <= last; column++)
      if (!isBlank(grid.value(row, column))) return null;
    return row;
  }
  return null;
}

/** The tables of one sheet: each runs from its header row to two blank rows or the next header. */
function findTables(grid: Grid): Table[] {
  const tables: Table[] = [];
  let open: Table | null = null;
  let span: [number, number] = [0, 0];
  let blanks = 0;
  for (let row = 0; row < grid.rowCount; row++) {
    const shape = classifyRow(grid, row);
    if (shape.kind !== "none") {
      open = null;
      if (shape.kind === "report") continue;
      const columns = [...shape.columns.values()];
      span = [Math.min(...columns), Math.max(...columns)];
      open = {
        grid,
        kind: shape.kind,
        headerRow: row,
        columns: shape.columns,
        rows: [],
        studio: shape.studio,
      };
      if (shape.kind === "keyResults") {
        const heading = headingAbove(grid, row, span);
        if (heading !== null) open.headingRow = heading;
      }
      tables.push(open);
      blanks = 0;
      continue;
    }
    if (open === null) continue;
    if (isBlankRow(grid, row, span[0], span[1])) {
      blanks++;
      // One blank row is a gap inside the table; two end it.
      if (blanks >= 2) open = null;
      continue;
    }
    blanks = 0;
    open.rows.push(row);
  }
  return tables;
}

/**
 * Where a header row holds each check-in field when readPlan reads it as a check-in log, keyed by
 * the header OKR Studio writes for the field ("Date", "Key Result", … "Replaces"; synonyms such as
 * "KR ID" or "Notes" found too); null when readPlan would not read it as one. The Excel host's
 * check-in writer uses it to write into the log this reader reads.
 */
export function checkInHeaderColumns(headers: readonly string[]): Map<string, number> | null {
  const grid = new Grid(
    {
      name: "",
      visible: true,
      origin: { row: 0, column: 0 },
      values: [[...headers]],
      formulas: [],
    },
    0
  );
  const shape = classifyRow(grid, 0);
  if (shape.kind !== "checkIns") return null;
  const byHeader = new Map<string, number>();
  for (const { field, header } of CHECK_IN_FIELDS) {
    const column = shape.columns.get(field);
    if (column !== undefined) byHeader.set(header, column);
  }
  return byHeader;
}

// ---------------------------------------------------------------------------------------------
// Reading the tables into a plan.

interface ObjectiveDraft {
  /** As the sheet gives it; null until generated. */
  id: string | null;
  title: string;
  owner: string | null;
  timeline: string | null;
  kind: OkrKind;
  recordedScore?: number;
  /** The error value the Score cell shows, if it shows one. */
  scoreError?: string;
  keyResults: KeyResultDraft[];
  row: CellLocation | null;
  fields: Record<string, CellLocation>;
}

interface KeyResultDraft {
  id: string | null;
  keyResult: KeyResult;
  locations: KeyResultLocations;
  recorded: RecordedValues;
}

class Reader {
  readonly problems: ReadProblem[] = [];
  readonly objectives: ObjectiveDraft[] = [];
  private readonly objectiveById = new Map<string, ObjectiveDraft>();
  private readonly objectiveByTitle = new Map<string, ObjectiveDraft>();
  private readonly keyResultIds = new Map<string, CellLocation>();
  readonly checkIns: CheckIn[] = [];
  /** Entries some row's Replaces names, lower case (COUNTIF compares without case). */
  private readonly replaced = new Set<string>();

  problem(location: CellLocation | null, message: string): void {
    this.problems.push({ location, message });
  }

  private remember(objective: ObjectiveDraft): void {
    if (objective.id !== null && !this.objectiveById.has(objective.id)) {
      this.objectiveById.set(objective.id, objective);
    }
    const title = objective.title.toLowerCase();
    if (!this.objectiveByTitle.has(title)) this.objectiveByTitle.set(title, objective);
  }

  readObjectives(table: Table): void {
    const { grid, columns } = table;
    const at = (row: number, field: string): Cell => {
      const column = columns.get(field);
      return column === undefined ? null : grid.value(row, column);
    };
    const first = Math.min(...columns.values());
    for (const row of table.rows) {
      const id = textOf(at(row, "id"));
      const title = textOf(at(row, "title"));
      if (id === "" && title === "") continue;
      const fields: Record<string, CellLocation> = {};
      for (const [field, column] of columns) fields[field] = grid.location(row, column);
      const rowLocation = grid.location(row, first);
      if (id !== "" && this.objectiveById.has(id)) {
        this.problem(
          fields.id,
          `objective id ${id} appears twice: ${describeLocation(this.objectiveById.get(id)!.fields.id)} and ${describeLocation(fields.id)}`
        );
      }
      const kindText = textOf(at(row, "kind"));
      const kind = kindText === "" ? "aspirational" : okrKindNamed(kindText);
      if (kind === null) {
        this.problem(
          fields.kind,
          `kind "${kindText}" is not aspirational or committed; aspirational is used`
        );
      }
      const owner = textOf(at(row, "owner"));
      const timeline = textOf(at(row, "timeline"));
      const objective: ObjectiveDraft = {
        id: id === "" ? null : id,
        title,
        owner: owner === "" ? null : owner,
        timeline: timeline === "" ? null : timeline,
        kind: kind ?? "aspirational",
        keyResults: [],
        row: rowLocation,
        fields,
      };
      const scoreColumn = columns.get("score");
      if (scoreColumn !== undefined && grid.formula(row, scoreColumn) === null) {
        const score = at(row, "score");
        const typed = isBlank(score) ? null : readQuantity(score);
        if (typed !== null) objective.recordedScore = onUnitScale(typed);
      }
      if (scoreColumn !== undefined && isErrorValue(at(row, "score")))
        objective.scoreError = (at(row, "score") as string).trim();
      this.objectives.push(objective);
      this.remember(objective);
    }
  }

  /** The objective a key-result row belongs to, made when the sheet names a new one. */
  private objectiveFor(
    objectiveId: string,
    title: string,
    keyResultId: string,
    location: CellLocation,
    previous: ObjectiveDraft | null
  ): ObjectiveDraft {
    if (objectiveId !== "") {
      const byId = this.objectiveById.get(objectiveId);
      if (byId) return byId;
    }
    const byTitle = this.objectiveByTitle.get(title.toLowerCase());
    if (title !== "" && byTitle) return byTitle;
    if (title !== "") {
      const named = this.objectiveById.get(title);
      if (named) return named;
    }
    // "O3.KR2" belongs to objective O3 when the row names no objective.
    const prefix = /^(.+)\.KR\d+$/i.exec(keyResultId)?.[1] ?? "";
    if (title === "" && this.objectiveById.has(prefix)) return this.objectiveById.get(prefix)!;
    // A row that names nothing continues the objective of the row above.
    if (title === "" && prefix === "" && (previous ?? byTitle)) return (previous ?? byTitle)!;
    const givenId = [objectiveId, prefix].find((id) => id !== "" && !this.objectiveById.has(id));
    const objective: ObjectiveDraft = {
      id: givenId ?? null,
      title,
      owner: null,
      timeline: null,
      kind: "aspirational",
      keyResults: [],
      row: location,
      fields: title !== "" ? { title: location } : {},
    };
    this.objectives.push(objective);
    this.remember(objective);
    return objective;
  }

  readKeyResults(table: Table): void {
    const { grid, columns } = table;
    const at = (row: number, field: string): Cell => {
      const column = columns.get(field);
      return column === undefined ? null : grid.value(row, column);
    };
    const first = Math.min(...columns.values());
    // A person's sheet often names the objective once, above or beside its first key result.
    let previousObjective = "";
    let previousObjectiveLocation: CellLocation | null = null;
    if (table.headingRow !== undefined) {
      const title = OBJECTIVE_ROW.exec(
        withoutEmphasis(textOf(grid.value(table.headingRow, first)))
      );
      if (title) {
        previousObjective = title[1].trim();
        previousObjectiveLocation = grid.location(table.headingRow, first);
      }
    }
    let previousDraft: ObjectiveDraft | null = null;
    for (const row of table.rows) {
      const location = (field: string): CellLocation | null => {
        const column = columns.get(field);
        return column === undefined ? null : grid.location(row, column);
      };
      const idCell = at(row, "id");
      const textCell = at(row, "text");
      const objectiveCell = at(row, "objective");
      for (const [field, cell] of [
        ["id", idCell],
        ["text", textCell],
        ["objective", objectiveCell],
      ] as const) {
        if (isErrorValue(cell))
          this.problem(location(field), `${field} shows the error ${cell.trim()}`);
      }
      const id = isErrorValue(idCell) ? "" : textOf(idCell);
      const text = isErrorValue(textCell) ? "" : textOf(textCell);
      // "Objective: Grow usage" in the key-result column heads the key results below it; so does
      // "1 Finish the base cluster" with nothing else on its row, and "Generate 3 guides:" groups
      // the rows below it without being a key result itself.
      const bare = withoutEmphasis(text);
      const named = OBJECTIVE_ROW.exec(bare);
      const alone =
        id === "" &&
        isBlank(objectiveCell) &&
        [...columns].every(
          ([field, column]) => field === "text" || isBlank(grid.value(row, column))
        );
      const heading = alone
        ? headingOf(bare)
        : named &&
            id === "" &&
            isBlank(objectiveCell) &&
            ["baseline", "target", "current"].every((field) => isBlank(at(row, field)))
          ? named[1].trim()
          : null;
      if (heading !== null) {
        previousObjective = heading;
        previousObjectiveLocation = location("text");
        continue;
      }
      if (alone && bare !== "" && GROUP_LABEL.test(bare)) continue;
      let objectiveTitle = isErrorValue(objectiveCell) ? "" : textOf(objectiveCell);
      let objectiveLocation = location("objective");
      if (objectiveTitle !== "") {
        previousObjective = objectiveTitle;
        previousObjectiveLocation = objectiveLocation;
      } else {
        objectiveTitle = previousObjective;
        objectiveLocation = previousObjectiveLocation;
      }
      if (id === "" && text === "") {
        if (textOf(objectiveCell) === "" && this.hasTypedValue(grid, row, columns)) {
          this.problem(
            grid.location(row, first),
            "row has values but no key result or ID: it is not read"
          );
        }
        continue;
      }
      const objective = this.objectiveFor(
        textOf(at(row, "objectiveId")),
        objectiveTitle,
        id,
        objectiveLocation ?? grid.location(row, first),
        previousDraft
      );
      previousDraft = objective;
      const draft = this.readKeyResult(table, row, id, text, first);
      if (id !== "") {
        const seen = this.keyResultIds.get(id);
        if (seen) {
          this.problem(
            draft.locations.fields.id ?? draft.locations.row,
            `key result id ${id} appears twice: ${describeLocation(seen)} and ${describeLocation(draft.locations.fields.id ?? draft.locations.row)}`
          );
        } else {
          this.keyResultIds.set(id, draft.locations.fields.id ?? draft.locations.row);
        }
      }
      objective.keyResults.push(draft);
    }
  }

  private hasTypedValue(grid: Grid, row: number, columns: Map<string, number>): boolean {
    for (const column of columns.values()) {
      if (!isBlank(grid.value(row, column)) && grid.formula(row, column) === null) return true;
    }
    return false;
  }

  private readKeyResult(
    table: Table,
    row: number,
    id: string,
    text: string,
    first: number
  ): KeyResultDraft {
    const { grid, columns, studio } = table;
    const has = (field: string) => columns.has(field);
    const at = (field: string): Cell => {
      const column = columns.get(field);
      return column === undefined ? null : grid.value(row, column);
    };
    const fields: Partial<Record<KeyResultField, CellLocation>> = {};
    for (const [field, column] of columns) {
      if (field !== "objectiveId") fields[field as KeyResultField] = grid.location(row, column);
    }
    const locations: KeyResultLocations = { row: grid.location(row, first), fields };
    const where = (field: KeyResultField) => fields[field] ?? locations.row;

    // A field the sheet leaves out is read from the sentence; in OKR Studio's own table an empty
    // cell means the plan has no value there.
    const fromSentence = (field: string) => !has(field) || (!studio && isBlank(at(field)));
    const needsParse = ["type", "baseline", "target", "unit"].some(fromSentence) || !studio;
    const parsed = needsParse ? parseMetric(text) : null;

    const typeText = textOf(at("type"));
    let type: KeyResultType | null = typeText === "" ? null : keyResultTypeNamed(typeText);
    if (typeText !== "" && type === null) {
      this.problem(
        where("type"),
        `type "${typeText}" is not one of ${KEY_RESULT_TYPES.join(", ")}`
      );
    }
    const unitText = textOf(at("unit"));

    const number = (
      field: "baseline" | "target" | "current" | "planCurrent" | "weight"
    ): Quantity | null => {
      const cell = at(field);
      const place = where(field === "planCurrent" ? "current" : field);
      if (isBlank(cell) || typeof cell === "boolean") return null;
      if (isErrorValue(cell)) {
        this.problem(place, `${field} shows the error ${cell.trim()}`);
        return null;
      }
      const quantity = readQuantity(cell);
      if (quantity === null) this.problem(place, `${field} is not a number: "${textOf(cell)}"`);
      return quantity;
    };
    const baselineCell = number("baseline");
    const targetCell = number("target");
    // Current shows the plan's own value until a check-in; a file no program has calculated
    // holds it only in the hidden Plan Current column.
    const currentField = isBlank(at("current")) ? "planCurrent" : "current";
    const currentRaw = at(currentField);
    const currentWord = typeof currentRaw === "string" ? doneOrNot(currentRaw) : null;
    const currentCell =
      currentWord !== null || (type === "milestone" && (currentRaw === 0 || currentRaw === 1))
        ? null
        : number(currentField);

    let unit: string | null = unitText !== "" ? unitText : null;
    if (unit === null) unit = targetCell?.unit ?? baselineCell?.unit ?? currentCell?.unit ?? null;
    const sentenceAgrees =
      parsed !== null &&
      (targetCell === null ||
        parsed.target === null ||
        agrees(targetCell, parsed.target, unit ?? parsed.unit));
    if (unit === null && fromSentence("unit") && parsed !== null && sentenceAgrees)
      unit = parsed.unit;

    // Numbers the cells hold (not text such as "85%") are fractions in a percent column.
    const cellNumbers = [baselineCell, targetCell, currentCell]
      .filter((quantity): quantity is Quantity => quantity !== null && quantity.numeric)
      .map((quantity) => quantity.value);
    const fractions =
      isPercentUnit(unit) &&
      (studio ||
        holdsFractions(
          cellNumbers,
          parsed?.target ?? null,
          targetCell?.numeric ? targetCell.value : null
        ));
    const inPoints = (quantity: Quantity | null): number | null =>
      quantity === null
        ? null
        : quantity.numeric && fractions
          ? percentPointsFromCell(quantity.value)
          : quantity.value;

    let target = inPoints(targetCell);
    let baseline = inPoints(baselineCell);
    const parsedUsable = parsed !== null && sentenceAgrees;
    if (target === null && fromSentence("target") && parsed !== null) target = parsed.target;
    if (baseline === null && fromSentence("baseline") && parsedUsable) baseline = parsed.baseline;
    if (type === null && fromSentence("type")) {
      // A baseline and a target stated in the sheet say the direction ("< 5%" from 12% is a
      // reduction, not a ceiling), as the importer reads the framework's own sample.
      if (
        baselineCell !== null &&
        targetCell !== null &&
        baseline !== null &&
        target !== null &&
        baseline !== target &&
        parsed?.type !== "milestone"
      )
        type = target > baseline ? "increase" : "decrease";
      // A sentence that only names work reads as a milestone, unless the sheet gives a number to
      // reach other than done's 1 ("Onboard partners" with Target 12 counts partners).
      else if (
        parsedUsable &&
        parsed.type !== null &&
        !(parsed.type === "milestone" && targetCell !== null && target !== null && target !== 1)
      )
        type = parsed.type;
      else if (target !== null && target !== (baseline ?? 0)) {
        type = target > (baseline ?? 0) ? "increase" : "decrease";
      }
    }

    let current: KeyResultValue | null = null;
    if (typeof currentRaw === "boolean") current = currentRaw;
    else if (currentWord !== null) current = currentWord;
    // OKR Studio writes a milestone's done / not done as 1 / 0 (src/sheets/build.ts `currentValue`).
    else if (type === "milestone" && (currentRaw === 0 || currentRaw === 1))
      current = currentRaw === 1;
    else current = type === "milestone" ? (currentCell?.value ?? null) : inPoints(currentCell);

    let weight = 1;
    const weightCell = number("weight");
    if (weightCell !== null) {
      if (weightCell.value >= 0) weight = weightCell.value;
      else this.problem(where("weight"), `weight ${weightCell.value} is negative; 1 is used`);
    }

    const owner = textOf(at("owner"));
    const notesText = isErrorValue(at("notes")) ? "" : textOf(at("notes"));
    const keyResult: KeyResult = {
      id,
      text,
      type,
      baseline,
      target,
      unit,
      current,
      weight,
      owner: owner === "" || isErrorValue(owner) ? null : owner,
      // OKR Studio joins a key result's notes with "; " (src/sheets/build.ts).
      notes: notesText === "" ? [] : studio ? notesText.split("; ") : [notesText],
    };

    const recorded: RecordedValues = { formulas: {} };
    for (const field of ["score", "status", "progress"] as const) {
      const column = columns.get(field);
      if (column === undefined) continue;
      const formula = grid.formula(row, column);
      if (formula !== null) recorded.formulas[field] = formula;
      const shown = grid.value(row, column);
      if (isErrorValue(shown)) (recorded.errors ??= {})[field] = shown.trim();
    }
    if (has("score")) {
      const score = at("score");
      recorded.score = isBlank(score) ? null : typeof score === "boolean" ? textOf(score) : score;
      if (recorded.formulas.score === undefined && typeof score !== "boolean") {
        const typed = isBlank(score) ? null : readQuantity(score);
        if (typed !== null) keyResult.recordedScore = onUnitScale(typed);
      }
    }
    if (has("status")) {
      const status = at("status");
      recorded.status = isBlank(status) ? null : textOf(status);
      // "🟨 66%": a status with the score beside it, in a sheet with no score column of its own.
      const percent = has("score") ? null : STATUS_WITH_SCORE.exec(textOf(status));
      if (percent && recorded.formulas.status === undefined) {
        const value = Number(percent[1]) / 100;
        recorded.score = value;
        keyResult.recordedScore = value;
      }
    }
    if (has("progress")) {
      const progress = at("progress");
      const quantity = isBlank(progress) || isErrorValue(progress) ? null : readQuantity(progress);
      recorded.progress = quantity === null ? null : onUnitScale(quantity);
    }
    // A deliverable graded by hand: no number to reach in its cells or its sentence, and a typed
    // score from 0 to 1 (0.6 for a feature mostly shipped). It is a milestone, and its grade is its
    // value (partial credit, MILESTONE_GRADE), so the check scores it as the sheet does.
    const grade = keyResult.recordedScore;
    if (
      !studio &&
      grade !== undefined &&
      grade >= MILESTONE_GRADE.min &&
      grade <= MILESTONE_GRADE.max &&
      keyResult.type === null &&
      keyResult.target === null &&
      keyResult.baseline === null &&
      keyResult.current === null
    ) {
      keyResult.type = "milestone";
      keyResult.current = grade;
    }
    return { id: id === "" ? null : id, keyResult, locations, recorded };
  }

  readCheckIns(table: Table): void {
    const { grid, columns } = table;
    const at = (row: number, field: string): Cell => {
      const column = columns.get(field);
      return column === undefined ? null : grid.value(row, column);
    };
    const first = Math.min(...columns.values());
    for (const row of table.rows) {
      const replaces = textOf(at(row, "replaces"));
      if (replaces !== "") this.replaced.add(replaces.toLowerCase());
      const keyResultId = textOf(at(row, "keyResult"));
      const dateCell = at(row, "date");
      if (keyResultId === "" && isBlank(dateCell) && isBlank(at(row, "value"))) continue;
      // A withdrawal: it replaces an entry and has no value of its own.
      if (replaces !== "" && isBlank(at(row, "value"))) continue;
      const location = grid.location(row, first);
      let date: number | null = null;
      if (!isBlank(dateCell)) {
        try {
          date = toDateSerial("date", dateCell);
        } catch {
          this.problem(
            grid.location(row, columns.get("date")!),
            `check-in date "${textOf(dateCell)}" is not a date`
          );
        }
      }
      const checkIn: CheckIn = {
        date,
        keyResultId,
        value: at(row, "value"),
        confidence: at(row, "confidence"),
        comment: textOf(at(row, "comment")),
        author: textOf(at(row, "author")),
        location,
      };
      if (columns.has("entry")) checkIn.entry = textOf(at(row, "entry"));
      if (columns.has("replaces")) checkIn.replaces = replaces;
      this.checkIns.push(checkIn);
    }
  }

  /**
   * The check-ins that count, as the Valid formula decides: without the withdrawals (left out
   * above) and without the entries a correction or withdrawal replaces, wherever that row is.
   */
  validCheckIns(): CheckIn[] {
    return this.checkIns.filter(
      (checkIn) => !checkIn.entry || !this.replaced.has(checkIn.entry.toLowerCase())
    );
  }
}

function agrees(cell: Quantity, parsedTarget: number, unit: string | null): boolean {
  const close = (a: number) =>
    Math.abs(a - parsedTarget) <= 1e-9 * Math.max(1, Math.abs(parsedTarget));
  return (
    close(cell.value) ||
    (cell.numeric && isPercentUnit(unit) && close(percentPointsFromCell(cell.value)))
  );
}

function describeLocation(location: CellLocation | undefined | null): string {
  return location ? `${location.sheet}!${location.address}` : "an unknown cell";
}

// ---------------------------------------------------------------------------------------------
// The plan header: label cells ("Project", "Period", …) with the value in the next column.

const PLAN_LABELS: Record<string, PlanField> = {
  project: "project",
  period: "period",
  owner: "owner",
  contributors: "contributors",
  status: "status",
};

const ALIGNMENT_LABELS: Record<string, "company" | "businessUnit" | "project"> = {
  "company objective": "company",
  "business unit objective": "businessUnit",
  "project objective": "project",
};

interface PlanHeader {
  values: Partial<Record<PlanField, string>>;
  locations: Partial<Record<PlanField, CellLocation>>;
  alignment: Partial<Record<"company" | "businessUnit" | "project", string>>;
}

function isHeaderWord(text: string): boolean {
  const key = normalHeader(text);
  return SPELLINGS.has(key) || key in PLAN_LABELS;
}

function isPlanSheet(name: string): boolean {
  const lower = name.toLowerCase();
  const plan = SHEETS.plan.toLowerCase();
  return lower === plan || lower.startsWith(`${plan} (`);
}

/** Label cells of one sheet, outside the rows its tables occupy. */
function readLabels(grid: Grid, tableRows: Set<number>, header: PlanHeader): void {
  const onPlanSheet = isPlanSheet(grid.name);
  for (let row = 0; row < grid.rowCount; row++) {
    if (tableRows.has(row)) continue;
    const width = grid.width(row);
    for (let column = 0; column < width; column++) {
      const value = grid.value(row, column);
      if (typeof value !== "string" || value.length > MAX_HEADER_LENGTH) continue;
      const label = normalHeader(value);
      const field = PLAN_LABELS[label];
      const link = ALIGNMENT_LABELS[label];
      if (field === undefined && link === undefined) continue;
      const next = grid.value(row, column + 1);
      const text = isErrorValue(next) ? "" : textOf(next);
      // Off the plan sheet a label needs a value, not another header beside it ("Owner | Status").
      if (!onPlanSheet && (text === "" || isHeaderWord(text))) continue;
      if (field !== undefined && !(field in header.values)) {
        header.values[field] = text;
        header.locations[field] = grid.location(row, column + 1);
      }
      if (link !== undefined && !(link in header.alignment)) header.alignment[link] = text;
    }
  }
}

// ---------------------------------------------------------------------------------------------

function emptyResult(): ReadResult {
  return {
    plan: null,
    found: [],
    locations: { plan: {}, objectives: {}, keyResults: {} },
    recorded: {},
    objectiveErrors: {},
    checkIns: [],
    problems: [],
    lookedFor: [...LOOKED_FOR],
  };
}

/** Reads the plan a workbook holds. Total: any snapshot gives a result, never an exception. */
export function readPlan(snapshot: WorkbookSnapshot): ReadResult {
  try {
    return read(snapshot);
  } catch (error) {
    // Every path above is meant to be total; this keeps a reader bug from failing a lint run.
    const result = emptyResult();
    result.problems.push({
      location: null,
      message: `the workbook could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
    return result;
  }
}

function read(snapshot: WorkbookSnapshot): ReadResult {
  const result = emptyResult();
  const sheets: SheetSnapshot[] = Array.isArray(snapshot?.sheets) ? snapshot.sheets : [];
  const grids = sheets.map((sheet, index) => new Grid(sheet, index));
  const tables = grids.map(findTables);
  const all = tables.flat();
  for (const table of all) {
    const definitions = FIELDS[table.kind];
    const columns: Record<string, string> = {};
    for (const definition of definitions) {
      const column = table.columns.get(definition.field);
      if (column !== undefined) columns[definition.header] = table.grid.columnLetter(column);
    }
    result.found.push({
      sheet: table.grid.name,
      table: table.kind,
      headerRow: table.grid.location(table.headerRow, Math.min(...table.columns.values())),
      columns,
    });
  }

  const reader = new Reader();
  for (const table of all) if (table.kind === "objectives") reader.readObjectives(table);
  for (const table of all) if (table.kind === "keyResults") reader.readKeyResults(table);
  for (const table of all) if (table.kind === "checkIns") reader.readCheckIns(table);
  result.checkIns = reader.validCheckIns();

  // The plan header: the OKR Plan sheet first, then any other sheet's label cells.
  const header: PlanHeader = { values: {}, locations: {}, alignment: {} };
  const order = grids
    .map((grid, index) => ({ grid, index }))
    .sort((a, b) => Number(isPlanSheet(b.grid.name)) - Number(isPlanSheet(a.grid.name)));
  for (const { grid, index } of order) {
    const occupied = new Set<number>();
    for (const table of tables[index]) {
      occupied.add(table.headerRow);
      for (const row of table.rows) occupied.add(row);
    }
    readLabels(grid, occupied, header);
  }
  result.locations.plan = header.locations;

  const hasPlan = all.some((table) => table.kind === "keyResults" || table.kind === "objectives");
  if (hasPlan) {
    result.plan = assemble(reader, header, result);
  }
  result.problems = reader.problems;
  return result;
}

/** Gives ids to what the sheet left without one, then builds the plan and its locations. */
function assemble(reader: Reader, header: PlanHeader, result: ReadResult): Plan {
  const taken = new Set<string>();
  for (const objective of reader.objectives) {
    if (objective.id !== null) taken.add(objective.id);
    for (const draft of objective.keyResults) if (draft.id !== null) taken.add(draft.id);
  }
  const fresh = (make: (n: number) => string, from: number): string => {
    let n = from;
    while (taken.has(make(n))) n++;
    taken.add(make(n));
    return make(n);
  };
  reader.objectives.forEach((objective, index) => {
    objective.id ??= fresh((n) => `O${n}`, index + 1);
    const objectiveId = objective.id;
    objective.keyResults.forEach((draft, position) => {
      draft.id ??= fresh((n) => `${objectiveId}.KR${n}`, position + 1);
      draft.keyResult.id = draft.id;
    });
  });

  const objectives: Objective[] = reader.objectives.map((draft) => {
    const id = draft.id!;
    if (!(id in result.locations.objectives) && draft.row !== null) {
      result.locations.objectives[id] = { row: draft.row, fields: draft.fields };
    }
    for (const kr of draft.keyResults) {
      if (!(kr.keyResult.id in result.locations.keyResults)) {
        result.locations.keyResults[kr.keyResult.id] = kr.locations;
        result.recorded[kr.keyResult.id] = kr.recorded;
      }
    }
    const objective: Objective = {
      id,
      title: draft.title,
      owner: draft.owner,
      timeline: draft.timeline,
      kind: draft.kind,
      notes: [],
      keyResults: draft.keyResults.map((kr) => kr.keyResult),
    };
    if (draft.recordedScore !== undefined) objective.recordedScore = draft.recordedScore;
    if (draft.scoreError !== undefined && !(id in result.objectiveErrors))
      result.objectiveErrors[id] = draft.scoreError;
    return objective;
  });

  const statusText = header.values.status ?? "";
  let status: PlanStatus = "Draft";
  if (statusText !== "") {
    const read = planStatusNamed(statusText);
    if (read === null) {
      reader.problem(
        header.locations.status ?? null,
        `status "${statusText}" is not one of ${PLAN_STATUSES.join(", ")}; Draft is used`
      );
    }
    status = read ?? "Draft";
  }
  const { company, businessUnit, project } = header.alignment;
  return {
    project: header.values.project ?? "",
    period: header.values.period ?? "",
    owner: header.values.owner ?? "",
    contributors: (header.values.contributors ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
    status,
    alignment:
      company !== undefined || businessUnit !== undefined || project !== undefined
        ? { company: company ?? "", businessUnit: businessUnit ?? "", project: project ?? "" }
        : null,
    objectives,
  };
}

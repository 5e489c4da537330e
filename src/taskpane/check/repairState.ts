import { STRUCTURE_RULE_IDS as STRUCTURE_RULES } from "../../okr/rules/catalogue";
import type { Finding, Location } from "../../okr/rules/types";
import type { KeptValue, RepairPlan, RepairWrite } from "../../sheets/repair";
import { SHEETS } from "../../sheets/layout";
import type { RepairOutcome } from "../actions";

/**
 * The words of Repair (issue 13) in the check: which findings are about the workbook's structure,
 * and each planned write and kept value as a line a person reads before confirming. No Office and
 * no React here.
 */

/** The structure rules, shown in a group of their own with Repair: the catalogue's. */
export const STRUCTURE_RULE_IDS = STRUCTURE_RULES;

export function structureFindingsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) =>
    (STRUCTURE_RULE_IDS as readonly string[]).includes(finding.ruleId)
  );
}

/** Today as an Excel serial number, by the pane's local calendar (a check-in's date). */
export function excelToday(now: Date = new Date()): number {
  const utc = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round(utc / 86_400_000) + 25_569;
}

/** An Excel serial date as the day it is, "2026-03-18". */
export function serialDay(serial: number): string {
  const time = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
  return Number.isFinite(time) && Math.abs(time) <= 8.64e15
    ? new Date(time).toISOString().slice(0, 10)
    : String(serial);
}

/**
 * "Scorecard!K6: the formula =…", "Scorecard!P6: the text "…"", "Check-ins!A12: the date
 * 2026-03-18 (today)"; an empty text (a check-in's column with nothing in it) is "left empty".
 */
export function writeLine(write: RepairWrite): string {
  const where = `${write.sheet}!${write.address}`;
  const { content } = write;
  switch (content.kind) {
    case "formula":
      return `${where}: the formula ${content.formula}`;
    case "text":
      return content.text === "" ? `${where}: left empty` : `${where}: the text "${content.text}"`;
    case "date":
      return `${where}: the date ${serialDay(content.serial)} (today)`;
    case "number":
    case "boolean":
      return `${where}: the value ${String(content.value)}`;
  }
}

/**
 * "0.8, typed over Scorecard!K6, is kept as a note in Scorecard!P6"; "40, typed over
 * Scorecard!I7, becomes a check-in of O1.KR2 dated today (Check-ins!A12)" with the key result
 * when it is known (the plan's report names it).
 */
export function keptLine(kept: KeptValue, keyResult?: string): string {
  const value = typeof kept.value === "string" ? `"${kept.value}"` : String(kept.value);
  const of = keyResult === undefined || keyResult === "" ? "" : ` of ${keyResult}`;
  if (kept.as === "formula")
    return `${String(kept.value)}, a person's formula in ${kept.from}, is kept as a note in ${kept.to}`;
  return kept.as === "check-in"
    ? `${value}, typed over ${kept.from}, becomes a check-in${of} dated today (${kept.to})`
    : `${value}, typed over ${kept.from}, is kept as a note in ${kept.to}`;
}

/**
 * The key result of each check-in made from a value typed over Current, by the cell it was typed
 * in, as the plan's report says it ("Scorecard!I7: 40 typed over Current is kept as a check-in of
 * O1.KR2 dated today (Check-ins!A12)"). One pass over the report.
 */
function checkInKeyResults(plan: RepairPlan): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of plan.report) {
    const match = /^(.+?): .* is kept as a check-in of (.+) dated today \(/.exec(line);
    if (match !== null) found.set(match[1], match[2]);
  }
  return found;
}

/** Whether Repair has anything to do: a row or column to insert, a cell or a name to write. */
export function planWrites(plan: RepairPlan): boolean {
  return (
    (plan.rows ?? []).length > 0 ||
    (plan.insertions ?? []).length > 0 ||
    plan.writes.length > 0 ||
    plan.names.length > 0
  );
}

/**
 * What the confirmation says in one line: how many rows and table columns Repair inserts and how
 * many cells and names it writes; and, when it writes over people's formulas (ticked), so.
 */
export function planSummary(plan: RepairPlan): string {
  const rows = (plan.rows ?? []).length;
  const columns = (plan.insertions ?? []).length;
  const cells = plan.writes.length;
  const names = plan.names.length;
  if (!planWrites(plan)) return "Repair has nothing it can write for these findings.";
  const inserted = [
    rows > 0 ? `${rows} row${rows === 1 ? "" : "s"}` : "",
    columns > 0 ? `${columns} table column${columns === 1 ? "" : "s"}` : "",
  ].filter((part) => part !== "");
  const written = [
    cells > 0 ? `${cells} cell${cells === 1 ? "" : "s"}` : "",
    names > 0 ? `${names} defined name${names === 1 ? "" : "s"}` : "",
  ].filter((part) => part !== "");
  const said = [
    inserted.length > 0 ? `inserts ${inserted.join(" and ")}` : "",
    written.length > 0 ? `writes ${written.join(" and ")}` : "",
  ]
    .filter((part) => part !== "")
    .join(" and ");
  const formulas = plan.kept.filter((kept) => kept.as === "formula").length;
  return `Repair ${said}, and nothing else. A value a person typed is never written over${
    formulas > 0
      ? `; ${formulas === 1 ? "the formula a person wrote over a computed cell is" : `the ${formulas} formulas people wrote over computed cells are`} replaced, each kept as a note beside it`
      : ""
  }.`;
}

/**
 * The cells where a person wrote another formula over a computed cell (OKR028), each with its
 * formula and the builder's ("Scorecard!K6: a person's formula =G6*2; OKR Studio writes =IF(…"),
 * each formula marked where it is for its own Whole formula button: Repair leaves them unless
 * the user ticks restoring them too.
 */
export function personalFormulaLines(findings: readonly Finding[]): RepairLine[] {
  return findings
    .filter((finding) => finding.ruleId === "OKR028")
    .flatMap((finding) => finding.cells ?? [])
    .map((cell): RepairLine => {
      const at = { sheet: cell.sheet, address: cell.address };
      const reference = `${cell.sheet}!${cell.address}`;
      const person = cell.current?.formula ?? "";
      const builder = cell.expected ?? "nothing";
      const lead = `${reference}: a person's formula `;
      const between = "; OKR Studio writes ";
      const formulas: LineFormula[] = [];
      if (person !== "")
        formulas.push({ about: `${reference}, a person's`, text: person, at: lead.length });
      if (cell.expected !== null && cell.expected !== undefined)
        formulas.push({
          about: `${reference}, OKR Studio's`,
          text: builder,
          at: lead.length + person.length + between.length,
        });
      return {
        text: `${lead}${person}${between}${builder}`,
        cells: [at],
        key: at,
        formulas,
      };
    });
}

/** The report lines that say what Repair leaves alone (everything but the writes themselves). */
export function leftAlone(plan: RepairPlan): string[] {
  return plan.report.filter(isLeftAlone);
}

function isLeftAlone(line: string): boolean {
  return /not repaired|not moved|not copied/.test(line);
}

// ---- lines with the cells they name, grouped for a long plan -----------------------------------

/** A line of a repair (a write, a kept value, a line of the report) and the cells it names. */
export interface RepairLine {
  text: string;
  /** Each cell the text names, in the order it names them (each spelled as in the text). */
  cells: Location[];
  /** The cell the line is about, for grouping: its first cell. */
  key?: Location;
  /** A group of its own, instead of the key's sheet and column ("Check-ins, new check-ins"). */
  group?: string;
  /**
   * The formulas the text holds, where each starts in it, set where the line is made from a
   * formula (a write, a name, a finding's cell, a person's formula): only these are shown cut
   * with a button to show them whole. Text a person typed is never read as a formula.
   */
  formulas?: LineFormula[];
}

/** A formula in a line's text: whose it is (names its Whole formula button), itself, and where. */
export interface LineFormula {
  /** "Scorecard!K6", "the name OKR_Green", "Scorecard!K6, a person's". */
  about: string;
  text: string;
  /** Where the formula starts in the line's text. */
  at: number;
}

/** A line that ends with `formula`: the formula where the text ends. */
export function endingInFormula(
  lead: string,
  formula: string,
  about: string
): {
  text: string;
  formulas: LineFormula[];
} {
  return { text: `${lead}${formula}`, formulas: [{ about, text: formula, at: lead.length }] };
}

/** "Scorecard!K6" → the sheet and the address; null when it is not a cell reference. */
export function splitReference(reference: string): Location | null {
  const at = reference.lastIndexOf("!");
  if (at <= 0) return null;
  const address = reference.slice(at + 1);
  if (!/^[A-Z]{1,3}[0-9]{1,7}$/.test(address)) return null;
  return { sheet: reference.slice(0, at), address };
}

const where = (cell: Location) => `${cell.sheet}!${cell.address}`;

/** The sheet of the cell a line starts with ("Sheet1!B3: not moved …" → "Sheet1"), or null. */
function leadingSheet(line: string): string | null {
  return /^(.+?)![A-Z]{1,3}[0-9]{1,7}(?![\w!])/.exec(line)?.[1] ?? null;
}

/**
 * The sheets a plan's lines can name: OKR Studio's, every sheet the plan writes or keeps in, and
 * the sheet of the cell each line of the report (and each of `lines`, the displaced ones) starts
 * with: a person's own sheet ("Sheet1!B3: not moved …") is on no list of OKR Studio's.
 */
export function sheetsOf(plan: RepairPlan, lines: readonly string[] = []): string[] {
  const names = new Set<string>(Object.values(SHEETS));
  for (const write of plan.writes) names.add(write.sheet);
  for (const kept of plan.kept)
    for (const reference of [kept.from, kept.to]) {
      const cell = splitReference(reference);
      if (cell !== null) names.add(cell.sheet);
    }
  for (const line of [...plan.report, ...lines]) {
    const sheet = leadingSheet(line);
    if (sheet !== null) names.add(sheet);
  }
  return [...names];
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads lines for the cells they name on one of `sheets`: the pattern is built once, for all the
 * lines of a plan, not once per line. See lineOf.
 */
export function lineReader(
  sheets: readonly string[] = Object.values(SHEETS)
): (text: string) => RepairLine {
  if (sheets.length === 0) return (text) => ({ text, cells: [] });
  const names = [...sheets].sort((a, b) => b.length - a.length).map(escaped);
  const pattern = new RegExp(
    `(?<![\\w'])(${names.join("|")})!([A-Z]{1,3}[0-9]{1,7})(?![\\w])`,
    "g"
  );
  return (text) => {
    const cells: Location[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text))
      cells.push({ sheet: match[1], address: match[2] });
    return cells.length === 0 ? { text, cells } : { text, cells, key: cells[0] };
  };
}

/**
 * A line of the report (or a co-author's cell put back) with every cell it names on one of
 * `sheets` ("Scorecard!K6: …", "… recorded again in Check-ins!A14"); the line is about the first.
 * A longer sheet name wins over one it ends with ("OKR Plan" over "Plan").
 */
export function lineOf(
  text: string,
  sheets: readonly string[] = Object.values(SHEETS)
): RepairLine {
  return lineReader(sheets)(text);
}

/** Each cell the plan writes, as a line naming it; then each defined name. */
export function writeLines(plan: RepairPlan): RepairLine[] {
  return [
    ...plan.writes.map((write) => {
      const cell = { sheet: write.sheet, address: write.address };
      const { content } = write;
      const line: RepairLine =
        content.kind === "formula"
          ? {
              ...endingInFormula(`${where(cell)}: the formula `, content.formula, where(cell)),
              cells: [cell],
              key: cell,
            }
          : { text: writeLine(write), cells: [cell], key: cell };
      // A check-in's cells go together: one group, not one per column of the log.
      return write.checkIn === undefined
        ? line
        : { ...line, group: `${write.sheet}, new check-ins` };
    }),
    ...plan.names.map((name): RepairLine => ({
      ...endingInFormula(`the name ${name.name}: `, name.formula, `the name ${name.name}`),
      cells: [],
    })),
  ];
}

/** Each typed value kept, naming where it was typed and where it is kept. */
export function keptLines(plan: RepairPlan): RepairLine[] {
  const keyResults = plan.kept.some((kept) => kept.as === "check-in")
    ? checkInKeyResults(plan)
    : new Map<string, string>();
  return plan.kept.map((kept) => {
    const cells = [splitReference(kept.from), splitReference(kept.to)].filter(
      (cell): cell is Location => cell !== null
    );
    const keyResult = kept.as === "check-in" ? keyResults.get(kept.from) : undefined;
    return { text: keptLine(kept, keyResult), cells, key: cells[0] };
  });
}

/**
 * The report's lines the writes and kept values do not already say, split into what Repair leaves
 * alone (not repaired, not moved) and the rest (check-ins copied into the log, and whatever else
 * the planner reports): every line of the report is on screen, in one list or another.
 */
export function reportLines(plan: RepairPlan): { leftAlone: RepairLine[]; also: RepairLine[] } {
  const said = new Set<string>();
  for (const write of plan.writes)
    if (write.content.kind === "formula")
      said.add(`${write.sheet}!${write.address}: restores ${write.content.formula}`);
  for (const name of plan.names) said.add(`the name ${name.name}: restores ${name.formula}`);
  // The kept values by the cell they were typed in: one look-up per line, not a scan of them all.
  const keptFrom = new Map<string, string[]>();
  for (const kept of plan.kept) {
    const to = keptFrom.get(kept.from);
    if (to === undefined) keptFrom.set(kept.from, [kept.to]);
    else to.push(kept.to);
  }
  const isKept = (line: string) => {
    if (!/kept/.test(line)) return false;
    const at = line.indexOf(": ");
    const to = at < 0 ? undefined : keptFrom.get(line.slice(0, at));
    return to !== undefined && to.some((cell) => line.includes(cell));
  };
  const rest = plan.report.filter((line) => !said.has(line) && !isKept(line));
  const read = lineReader(sheetsOf(plan));
  return {
    leftAlone: rest.filter(isLeftAlone).map(read),
    also: rest.filter((line) => !isLeftAlone(line)).map(read),
  };
}

/** A line cut into its text and the cell references in it, for links. */
export type Segment = { text: string } | { cell: Location; text: string };

export function segmentsOf(line: RepairLine): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  for (const cell of line.cells) {
    const reference = where(cell);
    const at = line.text.indexOf(reference, from);
    if (at < 0) continue;
    if (at > from) segments.push({ text: line.text.slice(from, at) });
    segments.push({ cell, text: reference });
    from = at + reference.length;
  }
  if (from < line.text.length) segments.push({ text: line.text.slice(from) });
  return segments;
}

/** A list of up to this many lines is shown as it is; a longer one by sheet and column. */
export const LINES_SHOWN_FLAT = 12;
/** A group shows this many of its lines, then a button to show the rest. */
export const LINES_SHOWN_PER_GROUP = 50;

/** The lines of one sheet's column ("Scorecard, column K"), or the lines that name no cell. */
export interface LineGroup {
  /** "Scorecard, column K", or "Other lines". */
  label: string;
  lines: RepairLine[];
}

/** "K6" → "K". */
function columnOf(address: string): string {
  return /^[A-Z]+/.exec(address)?.[0] ?? address;
}

/**
 * Lines by the sheet and column of the cell each is about (or the group a line names), in the
 * order each group first comes; the lines that name no cell last. One pass over the lines.
 */
export function groupLines(lines: readonly RepairLine[]): LineGroup[] {
  const groups = new Map<string, LineGroup>();
  const other: RepairLine[] = [];
  for (const line of lines) {
    if (line.key === undefined) {
      other.push(line);
      continue;
    }
    const label = line.group ?? `${line.key.sheet}, column ${columnOf(line.key.address)}`;
    let group = groups.get(label);
    if (group === undefined) {
      group = { label, lines: [] };
      groups.set(label, group);
    }
    group.lines.push(line);
  }
  const result = [...groups.values()];
  if (other.length > 0) result.push({ label: "Other lines", lines: other });
  return result;
}

/** "1 cell", "300 cells"; "1 line" … for a group of lines that name no cell. */
export function countOf(count: number, one = "cell", many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

// ---- what a repair did, kept on screen after the check that follows it ---------------------------

/** The last repair: its plan and what the host says it wrote. */
export interface RepairReport {
  plan: RepairPlan;
  outcome: RepairOutcome;
}

/**
 * What a co-author's cell put back means for Repair's write there (repair.ts's displaced lines):
 * "…it is put back, and the formula is not restored" — Repair's formula is not in that cell;
 * "…it is put back, and Repair's note moves right" — Repair's note is in the first empty cell to
 * its right. By the cell, "Scorecard!K6"; one pass over the displaced lines.
 */
export function displacedWrites({ outcome }: RepairReport): Map<string, "not written" | "moved"> {
  const effects = new Map<string, "not written" | "moved">();
  for (const line of outcome.displaced ?? []) {
    const at = line.indexOf(": ");
    if (at < 0 || splitReference(line.slice(0, at)) === null) continue;
    if (line.endsWith("and the formula is not restored"))
      effects.set(line.slice(0, at), "not written");
    else if (line.endsWith("and Repair's note moves right"))
      effects.set(line.slice(0, at), "moved");
  }
  return effects;
}

/** The cells Repair's writes are in after the repair: the plan's, less those put back. */
export function cellsWritten(report: RepairReport): number {
  let notWritten = 0;
  for (const effect of displacedWrites(report).values()) if (effect === "not written") notWritten++;
  return Math.max(0, report.outcome.cells - notWritten);
}

const MOVED =
  " (someone wrote here at the same moment: Repair's note is in the first empty cell to the right)";

/**
 * The cells Repair wrote, as the report lists them: a write a co-author's cell took the place of
 * is not listed (it is among the displaced lines), and a note moved right says so.
 */
export function reportWriteLines(report: RepairReport): RepairLine[] {
  const effects = displacedWrites(report);
  if (effects.size === 0) return writeLines(report.plan);
  return writeLines(report.plan).flatMap((line) => {
    const effect = line.key === undefined ? undefined : effects.get(where(line.key));
    if (effect === "not written") return [];
    return effect === "moved" ? [{ ...line, text: `${line.text}${MOVED}` }] : [line];
  });
}

/** The typed values kept, as the report lists them: a note that moved right says so. */
export function reportKeptLines(report: RepairReport): RepairLine[] {
  const effects = displacedWrites(report);
  if (effects.size === 0) return keptLines(report.plan);
  const { kept } = report.plan;
  return keptLines(report.plan).map((line, index) =>
    effects.get(kept[index].to) === "moved" ? { ...line, text: `${line.text}${MOVED}` } : line
  );
}

/** What the report says in one line: what Repair wrote, and whether someone wrote at once. */
export function outcomeSummary(report: RepairReport): string {
  const { outcome } = report;
  const cells = cellsWritten(report);
  const parts = [
    cells > 0 ? countOf(cells) : "",
    outcome.names > 0 ? countOf(outcome.names, "defined name") : "",
  ].filter((part) => part !== "");
  const wrote =
    parts.length === 0 ? "Repair wrote nothing." : `Repair wrote ${parts.join(" and ")}.`;
  const displaced = outcome.displaced?.length ?? 0;
  return displaced === 0
    ? `${wrote} The workbook was checked again.`
    : `${wrote} ${countOf(displaced, "cell was", "cells were")} written by someone else at the same moment and put back, as listed. The workbook was checked again.`;
}

/** A co-author's cells Repair wrote over at the same moment and put back, with their cells. */
export function displacedLines({ plan, outcome }: RepairReport): RepairLine[] {
  const read = lineReader(sheetsOf(plan, outcome.displaced));
  return (outcome.displaced ?? []).map(read);
}

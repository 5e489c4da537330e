import { sheetReference } from "../../sheets/spec";

/**
 * Choosing names that do not clash with what a workbook already holds, and rewriting the spec's
 * formulas to the names chosen. Pure: the Office.js host reads the existing names and passes them
 * in. Excel compares sheet, table and defined names without regard to case.
 */

/** Excel's limit on a worksheet name. */
export const SHEET_NAME_LIMIT = 31;
/** Excel's limit on a table or defined name. */
export const NAME_LIMIT = 255;

/** spec name → name actually used in the workbook. */
export type NameMapping = Record<string, string>;

function fold(name: string): string {
  return name.toLocaleUpperCase("en-US");
}

/** `Scorecard`, else `Scorecard (2)`, `Scorecard (3)`…, cut so it stays within 31 characters. */
export function uniqueSheetName(wanted: string, taken: ReadonlySet<string>): string {
  const isTaken = (name: string) => taken.has(fold(name));
  if (!isTaken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = wanted.slice(0, SHEET_NAME_LIMIT - suffix.length).trimEnd() + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

/** `OkrKeyResults`, else `OkrKeyResults2`, `OkrKeyResults3`… (tables and defined names). */
export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  const isTaken = (name: string) => taken.has(fold(name));
  if (!isTaken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = String(n);
    const candidate = wanted.slice(0, NAME_LIMIT - suffix.length) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

export interface ExistingNames {
  sheets: readonly string[];
  tables: readonly string[];
  /** Workbook-scoped defined names. */
  names: readonly string[];
}

export interface NamePlan {
  sheets: NameMapping;
  tables: NameMapping;
  names: NameMapping;
}

/**
 * Picks a free name for every sheet, table and defined name of the spec. Tables and defined names
 * share one namespace in Excel, so each is checked against both.
 */
export function planNames(
  wanted: { sheets: readonly string[]; tables: readonly string[]; names: readonly string[] },
  existing: ExistingNames
): NamePlan {
  const sheetsTaken = new Set(existing.sheets.map(fold));
  const namesTaken = new Set([...existing.tables, ...existing.names].map(fold));
  const plan: NamePlan = { sheets: {}, tables: {}, names: {} };
  for (const sheet of wanted.sheets) {
    const actual = uniqueSheetName(sheet, sheetsTaken);
    sheetsTaken.add(fold(actual));
    plan.sheets[sheet] = actual;
  }
  for (const [kind, list] of [
    ["tables", wanted.tables],
    ["names", wanted.names],
  ] as const) {
    for (const name of list) {
      const actual = uniqueName(name, namesTaken);
      namesTaken.add(fold(actual));
      plan[kind][name] = actual;
    }
  }
  return plan;
}

function renamedOnly(mapping: NameMapping): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const [from, to] of Object.entries(mapping)) if (from !== to) renamed.set(fold(from), to);
  return renamed;
}

const IDENTIFIER = /[A-Za-z_\\][A-Za-z0-9_.]*/y;

/**
 * Rewrites the sheet references (`Scorecard!A1`, `'OKR Plan'!B2`), defined names and table names
 * of an en-US formula after renaming. String literals are left alone, and so are function names
 * (an identifier followed by `(`), so a text "Scorecard" or a function called like a name is safe.
 */
export function rewriteFormula(
  formula: string,
  mapping: { sheets: NameMapping; names: NameMapping; tables: NameMapping }
): string {
  const sheets = renamedOnly(mapping.sheets);
  const names = renamedOnly(mapping.names);
  const tables = renamedOnly(mapping.tables);
  if (sheets.size === 0 && names.size === 0 && tables.size === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const char = formula[i];
    if (char === '"') {
      // A string literal; "" inside it is an escaped quote.
      let end = i + 1;
      while (end < formula.length) {
        if (formula[end] === '"') {
          if (formula[end + 1] === '"') end += 2;
          else break;
        } else end++;
      }
      out += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === "'") {
      let end = i + 1;
      let name = "";
      while (end < formula.length) {
        if (formula[end] === "'") {
          if (formula[end + 1] === "'") {
            name += "'";
            end += 2;
          } else break;
        } else name += formula[end++];
      }
      const renamed = formula[end + 1] === "!" ? sheets.get(fold(name)) : undefined;
      out += renamed === undefined ? formula.slice(i, end + 1) : sheetReference(renamed);
      i = end + 1;
      continue;
    }
    if (char === "[") {
      // Structured-reference brackets hold column names, never sheet or defined names.
      let depth = 0;
      let end = i;
      do {
        if (formula[end] === "[") depth++;
        else if (formula[end] === "]") depth--;
        end++;
      } while (depth > 0 && end < formula.length);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const previous = i > 0 ? formula[i - 1] : "";
    IDENTIFIER.lastIndex = i;
    const match = /[A-Za-z0-9_.$]/.test(previous) ? null : IDENTIFIER.exec(formula);
    if (match === null) {
      out += char;
      i++;
      continue;
    }
    const word = match[0];
    const next = formula[i + word.length];
    let renamed: string | undefined;
    if (next === "!")
      renamed = sheets.has(fold(word)) ? sheetReference(sheets.get(fold(word))!) : undefined;
    else if (next === "[") renamed = tables.get(fold(word));
    else if (next !== "(" && previous !== "!") renamed = names.get(fold(word));
    out += renamed ?? word;
    i += word.length;
  }
  return out;
}

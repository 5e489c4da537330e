import { lstat, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { READ_LIMITS } from "../okr/limits";
import { checkWorkbook, type Finding } from "../okr/rules";
import { LAYOUT_VERSION, layoutMark } from "../sheets/layout";
import {
  type LeftBehind,
  leftBehind,
  type LossKind,
  type LostCell,
  nothingLeftBehind,
  RebuildLimitError,
  rebuildWorkbook,
} from "../sheets/rebuild";
import {
  type FormulaStyle,
  sheetReference,
  type SnapshotValue,
  type WorkbookSpec,
} from "../sheets/spec";
import { placeOf, whyNotXlsx } from "./lint";
import { plural, readFailure } from "./words";

/**
 * `okr rebuild <file.xlsx> --out <new.xlsx>`: the plan and check-ins read back from a workbook
 * (which editing may have damaged) and written into a new workbook by the builder of `okr new`,
 * with a list of everything of the old workbook the new one does not hold. The old file is only
 * read, and the new one is written as `okr new` writes (never over an existing file without
 * --force, through a temporary file); --out may never be the old file itself.
 */

export const REBUILD_FORMATS = ["text", "json"] as const;
export type RebuildFormat = (typeof REBUILD_FORMATS)[number];

export interface RebuildOptions {
  out: string;
  /** --style; null keeps the style the workbook's layout mark records (portable without one). */
  style: FormulaStyle | null;
  force: boolean;
  format: RebuildFormat;
  maxCells: number;
}

export interface RebuildIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Writes the spec as okr new does, returning its exit code (0 written). */
  write(spec: WorkbookSpec, out: string, force: boolean): Promise<number>;
  /** How the workbook is rebuilt: rebuildWorkbook when not given (the benchmark times a step). */
  rebuild?: typeof rebuildWorkbook;
}

/** Where the style came from, for the summary line. */
type StyleSource = "option" | "mark" | "default";

/** Whether two paths name one file: the same device and inode (a symbolic or hard link too). */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [first, second] = await Promise.all([stat(a), stat(b)]);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}

export async function runRebuild(
  file: string,
  options: RebuildOptions,
  io: RebuildIo
): Promise<number> {
  const { out } = options;
  if (resolve(out) === resolve(file) || (await sameFile(file, out))) {
    io.stderr(
      `okr: --out ${out} is ${file} itself; okr rebuild never writes over the workbook it reads: name a new file\n`
    );
    return 1;
  }
  // Refused before the full read, which may take long: writing refuses it again, atomically.
  if (
    !options.force &&
    (await lstat(out).then(
      () => true,
      () => false
    ))
  ) {
    io.stderr(`okr: ${out} already exists; add --force to replace it\n`);
    return 1;
  }
  const notXlsx = await whyNotXlsx(file);
  if (notXlsx !== null) {
    io.stderr(`okr: cannot read ${file}: ${notXlsx}\n`);
    return 2;
  }
  // Loaded on demand: ExcelJS is large and only the commands that read or write files need it.
  const { readXlsx, XlsxLimitError } = await import("../hosts/xlsx");
  const limits = { ...READ_LIMITS, cells: options.maxCells };
  let snapshot;
  try {
    snapshot = await readXlsx(file, { limits });
  } catch (error) {
    const limit = error instanceof XlsxLimitError ? error : null;
    io.stderr(`okr: cannot read ${file}: ${readFailure(file, error, limit, "rebuild")}\n`);
    return 2;
  }
  // readXlsx reads the names from the workbook part (ExcelJS drops the mark): undefined when
  // that part could not be read.
  const names = snapshot.names ?? null;
  const mark = layoutMark(names ?? []);
  const source: StyleSource = options.style !== null ? "option" : mark?.style ? "mark" : "default";
  const style: FormulaStyle = options.style ?? mark?.style ?? "portable";
  let rebuilt;
  try {
    rebuilt = (io.rebuild ?? rebuildWorkbook)(snapshot, style);
  } catch (error) {
    if (!(error instanceof RebuildLimitError)) throw error;
    io.stderr(`okr: cannot rebuild ${file}: ${error.message}\n`);
    return 2;
  }
  if (rebuilt.plan === null || rebuilt.spec === null) {
    io.stderr(
      `okr: ${file}: no OKR tables found, so there is nothing to rebuild (looked for ${rebuilt.read.lookedFor.join("; ")})\n`
    );
    return 1;
  }
  // The report is made before the file is written: a failure in making it leaves no new file.
  let printed: string;
  try {
    const report: RebuildReport = {
      file,
      out: resolve(out),
      style,
      styleFrom: source === "option" ? "--style" : source === "mark" ? "layout mark" : "default",
      plan: {
        project: rebuilt.plan.project,
        period: rebuilt.plan.period,
        objectives: rebuilt.plan.objectives.length,
        keyResults: rebuilt.plan.objectives.reduce((sum, o) => sum + o.keyResults.length, 0),
        checkIns: rebuilt.checkIns,
      },
      leftBehind: leftBehind(snapshot, rebuilt.spec, names, rebuilt.carried),
      unreadable: checkWorkbook(rebuilt.read, { rules: ["OKR019"] }),
      notCarried: NOT_CARRIED,
      ...(mark !== null && mark.version > LAYOUT_VERSION
        ? { newerLayout: { found: mark.version, known: LAYOUT_VERSION } }
        : {}),
    };
    printed = options.format === "json" ? formatRebuildJson(report) : formatRebuildText(report);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error))
      .replace(/\s+/g, " ")
      .trim();
    io.stderr(`okr: ${file}: cannot compare the workbooks (${message}); nothing was written\n`);
    return 2;
  }
  const written = await io.write(rebuilt.spec, out, options.force);
  if (written !== 0) return written;
  io.stdout(printed);
  return 0;
}

/** What the comparison of cells and names cannot see, said in every report. */
const NOT_CARRIED =
  "Charts, images, comments, hyperlinks, formatting and print settings are not carried: the new workbook has its own.";

export interface RebuildReport {
  /** The old workbook, as given. */
  file: string;
  /** The new workbook, as an absolute path. */
  out: string;
  style: FormulaStyle;
  styleFrom: "--style" | "layout mark" | "default";
  plan: {
    project: string;
    period: string;
    objectives: number;
    keyResults: number;
    checkIns: number;
  };
  leftBehind: LeftBehind;
  /** The reader's OKR019 findings: cells it could not make sense of, carried as it read them. */
  unreadable: Finding[];
  notCarried: string;
  /**
   * Present when the workbook's layout mark records a layout newer than this okr knows: the new
   * workbook has the layout it knows (`known`).
   */
  newerLayout?: { found: number; known: number };
}

/** The longest text's length, by a loop: a spread over a large list overflows the stack. */
function widest(texts: readonly string[]): number {
  let width = 0;
  for (const text of texts) if (text.length > width) width = text.length;
  return width;
}

/** The most characters of one cell's content a text report shows; --format json shows all. */
const SHOWN_CHARACTERS = 80;
/** The most cells of one run a text report lists one by one. */
const SHOWN_CELLS = 10;

/**
 * The controls `visible` (src/cli/terminal.ts) escapes, and tab, line feed, carriage return and
 * the Unicode line and paragraph separators too: in a line of the report none of them is layout.
 */
// eslint-disable-next-line no-control-regex
const NOT_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One line of the text report with every control character shown as `\uXXXX`. */
function oneLine(text: string): string {
  return text.replace(
    NOT_IN_A_LINE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}

/** At most SHOWN_CHARACTERS characters, never half of a surrogate pair. */
function shortened(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return text;
  let end = SHOWN_CHARACTERS - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

function shownValue(value: SnapshotValue): string {
  if (value === null) return "(empty)";
  if (typeof value === "string") return shortened(JSON.stringify(value));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function shownCell(cell: LostCell, kind: LossKind): string {
  const old = cell.formula !== null ? shortened(cell.formula) : shownValue(cell.value);
  switch (kind) {
    case "typedOverFormula":
      return `${old}, typed over the formula: the new workbook has the formula`;
    case "formulaReplaced":
      return `${old}: the new workbook has its own formula`;
    case "valueReplaced":
      return `${old}: the new workbook has ${cell.now !== null && "value" in cell.now ? shownValue(cell.now.value) : "(empty)"}`;
    case "formulaDropped":
      return `${old}${cell.now !== null && "value" in cell.now ? `: the new workbook has ${shownValue(cell.now.value)}` : ""}`;
    case "valueDropped":
      return old;
    case "unreadable":
      return "(a value okr cannot read)";
    case "moved":
      return cell.formula !== null
        ? `${old}: its value ${shownValue(cell.value)} in the new workbook at ${cell.movedTo!}, the formula not carried`
        : `${old}: in the new workbook at ${cell.movedTo!}`;
  }
}

const KIND_TEXT: Record<LossKind, [string, string]> = {
  typedOverFormula: [
    "a value typed over a formula, replaced by the formula",
    "values typed over formulas, replaced by the formulas",
  ],
  formulaReplaced: ["a formula replaced by the builder's", "formulas replaced by the builder's"],
  formulaDropped: ["a formula not carried", "formulas not carried"],
  valueReplaced: ["a value replaced", "values replaced"],
  valueDropped: ["a value not carried", "values not carried"],
  unreadable: [
    "a value that could not be read, not carried",
    "values that could not be read, not carried",
  ],
  moved: ["a value carried to another place", "values carried to another place"],
};

function lostCellCount(result: LeftBehind): number {
  return result.sheets.reduce(
    (sum, sheet) => sum + sheet.runs.reduce((cells, run) => cells + run.cells.length, 0),
    0
  );
}

/** For a person: the new file, what it holds, then what was left behind, run by run. */
export function formatRebuildText(report: RebuildReport): string {
  const lines: string[] = [report.out];
  const { plan } = report;
  const styleText =
    report.style === "portable"
      ? "portable formulas (native functions)"
      : "OKR.* formulas (needs the add-in)";
  const styleFrom =
    report.styleFrom === "layout mark"
      ? `, as ${report.file} records`
      : report.styleFrom === "default"
        ? report.leftBehind.namesCompared
          ? `; ${report.file} records no style (--style chooses one)`
          : `; the names of ${report.file}, where its style is recorded, could not be read (--style chooses one)`
        : "";
  lines.push(
    `${[plan.project, plan.period].filter((part) => part).join(", ") || "(untitled)"}: ${plural(plan.objectives, "objective")}, ${plural(plan.keyResults, "key result")}, ${plural(plan.checkIns, "check-in row")}, ${styleText}${styleFrom}`
  );
  if (report.newerLayout !== undefined)
    lines.push(
      `${report.file} records layout version ${report.newerLayout.found}, newer than this okr knows: the new workbook has layout version ${report.newerLayout.known}.`
    );
  const left = report.leftBehind;
  if (nothingLeftBehind(left)) {
    lines.push(
      `Nothing left behind: every cell${left.namesCompared ? " and defined name" : ""} of ${report.file} is in the new workbook as it was.`
    );
  } else {
    const parts = [plural(lostCellCount(left), "cell")];
    if (left.names.length > 0) parts.push(plural(left.names.length, "defined name"));
    lines.push(`Not carried over from ${report.file} as it was (${parts.join(", ")}):`);
    for (const sheet of left.sheets) {
      lines.push(
        `  ${sheet.sheet}${sheet.inNewWorkbook ? "" : " (a sheet the new workbook does not have)"}`
      );
      for (const run of sheet.runs) {
        const [one, many] = KIND_TEXT[run.kind];
        lines.push(
          `    ${sheetReference(sheet.sheet)}!${run.range}: ${run.cells.length === 1 ? one : `${run.cells.length} ${many}`}`
        );
        const width = widest(run.cells.map((cell) => cell.address));
        for (const cell of run.cells.slice(0, SHOWN_CELLS))
          lines.push(`      ${cell.address.padEnd(width)}  ${shownCell(cell, run.kind)}`);
        if (run.cells.length > SHOWN_CELLS)
          lines.push(
            `      … and ${plural(run.cells.length - SHOWN_CELLS, "more cell")} (--format json lists every one)`
          );
      }
    }
    if (left.names.length > 0) {
      lines.push("  Defined names");
      for (const name of left.names) {
        const shown =
          name.sheet === null ? name.name : `${sheetReference(name.sheet)}!${name.name}`;
        lines.push(
          `    ${shown}  ${shortened(name.formula)}: ${name.now === null ? "not made by the new workbook" : `the new workbook has ${shortened(name.now)}`}`
        );
      }
    }
  }
  if (!left.namesCompared)
    lines.push(`The defined names of ${report.file} could not be read, so they are not compared.`);
  if (report.unreadable.length > 0) {
    lines.push(
      "Cells the reader could not make sense of (OKR019), so the plan read back lacks what they say:"
    );
    const places = report.unreadable.map((finding) => placeOf(finding.location) ?? "(workbook)");
    const width = widest(places);
    report.unreadable.forEach((finding, index) =>
      lines.push(`  ${places[index].padEnd(width)}  ${finding.message}`)
    );
  }
  lines.push(report.notCarried);
  // Each line is one line by construction: a line feed or carriage return in it came from the
  // workbook or its path (a formula, a sheet name, a defined name) and would forge a line.
  return `${lines.map(oneLine).join("\n")}\n`;
}

/** For a script: the report as it is, with a fixed key order. */
export function formatRebuildJson(report: RebuildReport): string {
  return `${JSON.stringify(
    {
      ...report,
      unreadable: report.unreadable.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        location: finding.location,
        fix: finding.fix,
      })),
    },
    null,
    2
  )}\n`;
}
